import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { BackLink } from "@/components/ui/back-link";
import { IssuePowerForm } from "@/components/powers/issue-power-form";
import { requirePermission } from "@/lib/auth/session";
import { issueChoices } from "@/lib/powers/data";

export const metadata: Metadata = { title: "Record a power" };

/** `/powers/new`: record a power used by the actor's organisation, checked before it is recorded. */
export default async function NewPowerPage() {
  const actor = await requirePermission("power:write");
  const choices = await issueChoices(actor);
  return (
    <>
      <BackLink href="/powers">Back to the register</BackLink>
      <IssuePowerForm
        choices={choices}
        submissionKey={randomUUID()}
        actor={{ userId: actor.userId, organisationName: actor.organisationName }}
      />
    </>
  );
}
