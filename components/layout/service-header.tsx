import Link from "next/link";
import type { ReactNode } from "react";
import { PageWidth } from "./page-width";

export const SERVICE_NAME = "Safer Partnerships";

/**
 * The black service header. `children` is what sits on the right: the signed-in user and "Sign out"
 * inside the service, nothing on the sign-in page. `search`, inside the service, sits between them
 * on wide screens and on a row of its own below them on narrower ones (components/layout/header-search).
 */
export function ServiceHeader({ children, search }: { children?: ReactNode; search?: ReactNode }) {
  return (
    <header className="bg-ink text-white border-b-[10px] border-brand">
      <PageWidth className="flex flex-wrap items-center justify-between gap-x-8 gap-y-2 py-3">
        <Link
          href="/"
          className="inline-block py-1 heading-m text-white visited:text-white hover:text-white no-underline hover:underline decoration-[3px]"
        >
          {SERVICE_NAME}
        </Link>
        {search}
        {children}
      </PageWidth>
    </header>
  );
}
