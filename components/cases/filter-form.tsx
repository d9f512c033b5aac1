"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { Fragment, type FormEvent, type ReactNode } from "react";

/** What only moves through or reorders the same list; a change to these keeps the typed filters. */
const NOT_FILTERS = new Set(["page", "sort", "dir", "after", "before", "notice"]);

/**
 * The filters in the address, as a key: when they change (Clear filters, a link from elsewhere),
 * the fields are mounted afresh so they show what the list is filtered by, not what was last typed.
 */
function useFilterKey(): string {
  return [...useSearchParams().entries()]
    .filter(([key]) => !NOT_FILTERS.has(key))
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join("&");
}

/**
 * A GET form for list filters. Empty fields are left out of the address, so a filtered list's
 * address stays short enough to bookmark and share; `keep` carries along what the form does not
 * show (the sort order). Without JavaScript the browser submits it as a plain GET form.
 */
export function FilterForm({
  action,
  keep = {},
  anchor = "",
  className,
  labelledBy,
  children,
}: {
  action: string;
  keep?: Record<string, string | undefined>;
  anchor?: string;
  className?: string;
  labelledBy?: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const fieldsKey = useFilterKey();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(keep)) if (value) query.set(key, value);
    for (const [key, value] of new FormData(event.currentTarget).entries()) {
      if (typeof value === "string" && value.trim() !== "") query.set(key, value.trim());
    }
    const search = query.toString();
    router.push(`${action}${search ? `?${search}` : ""}${anchor}`);
  }

  return (
    <form method="get" action={action} onSubmit={onSubmit} className={className} aria-labelledby={labelledBy}>
      {Object.entries(keep).map(([key, value]) => (value ? <input key={key} type="hidden" name={key} value={value} /> : null))}
      <Fragment key={fieldsKey}>{children}</Fragment>
    </form>
  );
}
