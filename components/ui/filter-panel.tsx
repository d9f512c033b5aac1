import type { ReactNode } from "react";

/**
 * A list's filters, collapsed (the GOV.UK "filter" pattern): a one-line bar naming the filters and
 * how many are in use, which opens to show the form, so the results come first on a phone and on
 * a desktop alike. It opens by itself when a filter is wrong, so the error beside it is seen. A
 * native <details>: it works without JavaScript and keyboards and screen readers know it.
 */
export function FilterPanel({
  id,
  title,
  inUse,
  open,
  children,
}: {
  /** The id of the summary's name, for the form's aria-labelledby. */
  id: string;
  title: string;
  /** How many filters are applied to the list now. */
  inUse: number;
  /** Open when the filters hold an error. */
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <details className="filter-panel group mb-6 bg-surface" open={open ? true : undefined}>
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-3 px-4 py-2 sm:px-5 [&::-webkit-details-marker]:hidden">
        <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">
          ▶
        </span>
        <span id={id} className="heading-s m-0">
          {title}
        </span>
        <span className="body-s m-0 text-ink-secondary">{inUse === 0 ? "none in use" : `${inUse} in use`}</span>
      </summary>
      <div className="px-4 pb-4 sm:px-5 sm:pb-5">{children}</div>
    </details>
  );
}

/**
 * How many filters the values hold: a date typed into three boxes (from-day, -month, -year) is
 * one, and so is each group in `together` (a picked place sends its id and its postcode).
 */
export function filtersInUse(values: Record<string, string | undefined>, together: readonly (readonly string[])[] = []): number {
  const used = new Set<string>();
  for (const [name, value] of Object.entries(values)) {
    if (!value || value.trim() === "") continue;
    const field = name.replace(/-(day|month|year)$/, "");
    used.add(together.find((group) => group.includes(field))?.[0] ?? field);
  }
  return used.size;
}
