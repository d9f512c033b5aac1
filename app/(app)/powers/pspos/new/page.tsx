import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { BackLink } from "@/components/ui/back-link";
import { CreatePspoForm } from "@/components/pspos/create-pspo-form";
import { requirePermission } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Record a PSPO" };

/** `/powers/pspos/new`: record a PSPO made by the actor's organisation. */
export default async function NewPspoPage() {
  const actor = await requirePermission("power:write");
  return (
    <>
      <BackLink href="/powers/pspos">Back to the PSPO register</BackLink>
      <CreatePspoForm submissionKey={randomUUID()} organisationName={actor.organisationName} />
    </>
  );
}
