import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";

export const metadata: Metadata = { title: "Administration" };

/** The administration overview: what this actor may manage. */
export default async function AdminPage() {
  const actor = await requirePermission("admin:access");
  const sections = [
    {
      href: "/admin/users",
      title: "Users",
      text: can(actor, "admin:users-all")
        ? "Invite users, change their role, organisation and panels, reset passwords, disable accounts and sign users out."
        : `Invite and manage ${actor.organisationName}'s users: roles, panels, password resets, disabling accounts.`,
      shown: can(actor, "admin:users-all") || can(actor, "admin:users-own-organisation"),
    },
    {
      href: "/admin/organisations",
      title: "Organisations",
      text: "Add, rename and deactivate partner organisations; require two-factor sign-in for an organisation or for everyone.",
      shown: can(actor, "admin:organisations"),
    },
    {
      href: "/admin/api-clients",
      title: "API clients",
      text: can(actor, "api-client:manage")
        ? `Let a partner system read or record ${actor.organisationName}'s work through the API: make a client with only what it needs, see when it was last used, revoke it.`
        : "Partner systems' access to the API, for every organisation: what each client may do, when it was last used. Revoke one at once.",
      shown: can(actor, "api-client:manage") || can(actor, "api-client:oversee"),
    },
    {
      href: "/admin/audit",
      title: "Audit trail",
      text: "Who saw, changed or exported what, and every sign-in. Search it, export it and check it has not been tampered with.",
      shown: can(actor, "audit:read"),
    },
    {
      href: "/admin/notifications",
      title: "E-mail delivery",
      text: "Whether notification e-mails are being sent: how many are waiting or failed, and the mail server's answers. Never what they said.",
      shown: can(actor, "admin:users-all"),
    },
  ].filter((s) => s.shown);
  return (
    <>
      <PageHeading>Administration</PageHeading>
      <ul className="m-0 p-0 list-none grid gap-6 md:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href} className="border-t-4 border-brand pt-3">
            <h2 className="heading-m mb-2">
              <Link href={s.href} className="link-no-visited">
                {s.title}
              </Link>
            </h2>
            <p className="body-m">{s.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
