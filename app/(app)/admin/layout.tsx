import type { ReactNode } from "react";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

// The administration section's own menu. It only decides what is offered: every page and action
// below checks its permission on the server.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  const links = [
    { href: "/admin", label: "Overview", shown: can(actor, "admin:access") },
    { href: "/admin/users", label: "Users", shown: can(actor, "admin:users-all") || can(actor, "admin:users-own-organisation") },
    { href: "/admin/organisations", label: "Organisations", shown: can(actor, "admin:organisations") },
    { href: "/admin/api-clients", label: "API clients", shown: can(actor, "api-client:manage") || can(actor, "api-client:oversee") },
    { href: "/admin/audit", label: "Audit trail", shown: can(actor, "audit:read") },
    { href: "/admin/notifications", label: "E-mail delivery", shown: can(actor, "admin:users-all") },
  ].filter((l) => l.shown);
  return (
    <>
      {links.length > 0 ? (
        <nav aria-label="Administration" className="mb-6 border-b border-border pb-3">
          <ul className="flex flex-wrap gap-x-6 gap-y-2 m-0 p-0 list-none body-s">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className="link-no-visited">
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {children}
    </>
  );
}
