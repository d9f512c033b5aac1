import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { IncidentForm } from "@/components/incidents/incident-form";
import { editIncidentInitial } from "@/components/incidents/form-initial";
import { can } from "@/lib/auth/permissions";
import { caseChoicesFor } from "@/lib/incidents/data";
import { saveIncident } from "@/lib/incidents/actions";
import { lateReportBetween } from "@/lib/incidents/late-report";
import { loadIncident } from "../load";
import { refusePage } from "@/lib/auth/refuse";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { incident } = await loadIncident((await params).id);
  return { title: `Change incident ${incident.reference}` };
}

export default async function EditIncidentPage({ params }: Props) {
  const { id } = await params;
  const { actor, incident } = await loadIncident(id);
  if (!can(actor, "incident:write")) await refusePage(actor, "incident:write");
  const back = `/incidents/${incident.id}`;

  if (!incident.canEdit) {
    return (
      <div className="max-w-[40rem]">
        <BackLink href={back}>Back to the incident</BackLink>
        <PageHeading caption={`Incident ${incident.reference}`}>You cannot change this incident</PageHeading>
        <p>
          It was logged by {incident.reportingOrganisation.name}. Only they can change it. If something in it is wrong, contact the officer
          who logged it, {incident.reportingOfficer.name}.
        </p>
      </div>
    );
  }

  const cases = await caseChoicesFor(actor, incident.case?.id);
  return (
    <>
      <BackLink href={back}>Back to the incident</BackLink>
      <IncidentForm
        mode="edit"
        draftKey={DRAFT_KEYS.incidentEdit(incident.id)}
        action={saveIncident}
        incidentId={incident.id}
        version={incident.version}
        // Its own dates, if reported long after it happened, are already on record: not asked about again.
        confirmedLateDates={lateReportBetween(incident.occurredAt, incident.reportedAt)?.key ?? null}
        initial={editIncidentInitial(incident)}
        cases={cases}
        heading="Change incident"
        caption={`Incident ${incident.reference}`}
        submitLabel="Save changes"
        cancelHref={back}
      />
    </>
  );
}
