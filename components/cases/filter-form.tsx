"use client";

import { useRouter } from "next/navigation";
import type { FormEvent, ReactNode } from "react";

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
      {children}
    </form>
  );
}
