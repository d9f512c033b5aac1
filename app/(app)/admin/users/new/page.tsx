import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { InviteUserForm } from "@/components/admin/invite-user-form";
import { requireActor } from "@/lib/auth/session";
import { grantableRoles } from "@/lib/auth/permissions";
import { assignableOrganisations, managedUsersWhere } from "@/lib/users/data";
import { refusePage } from "@/lib/auth/refuse";

export const metadata: Metadata = { title: "Invite a user" };

export default async function InviteUserPage() {
  const actor = await requireActor();
  if (managedUsersWhere(actor) === null) await refusePage(actor, "admin:users-own-organisation");
  const organisations = await assignableOrganisations(actor);
  const roles = grantableRoles(actor);
  return (
    <>
      <BackLink href="/admin/users">Back to users</BackLink>
      <PageHeading caption="Administration">Invite a user</PageHeading>
      <p className="body-m max-w-[40rem]">
        We e-mail them a one-time link to set their own password. It goes only to the address you enter here: you do not see it.
      </p>
      <InviteUserForm organisations={organisations} roles={roles} />
    </>
  );
}
