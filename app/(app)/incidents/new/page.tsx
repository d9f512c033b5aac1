import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { IncidentForm } from "@/components/incidents/incident-form";
import { newIncidentInitial } from "@/components/incidents/form-initial";
import { requirePermission } from "@/lib/auth/session";
import { caseChoicesFor } from "@/lib/incidents/data";
import { logIncident } from "@/lib/incidents/actions";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";

export const metadata: Metadata = { title: "Log an incident" };

export default async function NewIncidentPage() {
  const actor = await requirePermission("incident:write");
  const cases = await caseChoicesFor(actor);
  return (
    <>
      <BackLink href="/incidents">All incidents</BackLink>
      <IncidentForm
        mode="new"
        draftKey={DRAFT_KEYS.newIncident}
        action={logIncident}
        // A new key each time the form is shown: posting it twice makes one incident.
        submissionKey={randomUUID()}
        initial={newIncidentInitial(new Date())}
        cases={cases}
        heading="Log an incident"
        caption="Incidents"
        submitLabel="Log incident"
        cancelHref="/incidents"
      />
    </>
  );
}
