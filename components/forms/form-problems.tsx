"use client";

import { ErrorSummary } from "@/components/ui/error-summary";
import { errorSummaryItems } from "@/components/ui/error-summary-items";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";
import type { FormState } from "@/lib/forms";

/**
 * The error summary at the top of a form: the form's message (permission, not found), then
 * each field's first error as a link to the field, in page order. The page title gets "Error: ".
 */
export function FormProblems({
  state,
  fields,
  hrefFor,
}: {
  state: FormState;
  fields: readonly string[];
  hrefFor?: (field: string) => string;
}) {
  const items = [
    ...((state.status === "error" || state.status === "invalid") && state.message ? [{ text: state.message }] : []),
    ...errorSummaryItems(state.fieldErrors ?? {}, fields, hrefFor),
  ];
  useErrorPageTitle(items.length > 0);
  return <ErrorSummary errors={items} />;
}
