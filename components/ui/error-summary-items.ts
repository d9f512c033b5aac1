import { HAPPENED_ON } from "@/lib/history/happened";
import type { ErrorSummaryItem } from "./error-summary";

/**
 * Error summary items from a form's field errors (e.g. zod's `flatten().fieldErrors`), in the
 * order the fields appear on the page. `hrefFor` maps a field to its control id when they differ
 * (a date's first part is `${id}-day`).
 */
export function errorSummaryItems(
  fieldErrors: Record<string, readonly string[] | string | undefined>,
  fieldOrder: readonly string[],
  hrefFor: (field: string) => string = (field) => (field === HAPPENED_ON ? `#${HAPPENED_ON}-day` : `#${field}`),
): ErrorSummaryItem[] {
  const fields = [...fieldOrder, ...Object.keys(fieldErrors).filter((f) => !fieldOrder.includes(f))];
  return fields.flatMap((field) => {
    const error = fieldErrors[field];
    const text = typeof error === "string" ? error : error?.[0];
    return text ? [{ text, href: hrefFor(field) }] : [];
  });
}
