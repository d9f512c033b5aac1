import type { Metadata } from "next";
import { ClearDraft } from "@/components/forms/drafts";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { IncidentPeople, IncidentSummary, victimAlertMessages } from "@/components/incidents/incident-details";
import { VULNERABILITY_MARKERS } from "@/lib/people/alerts";
import { loadIncident } from "./load";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";
import { LinkToCaseOffer } from "@/components/incidents/link-to-case-offer";
import { openCasesNaming, type CaseNamingIt } from "@/lib/incidents/data";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { incident } = await loadIncident((await params).id);
  // The reference only: names never go in a page title (it ends up in browser history).
  return { title: `Incident ${incident.reference}` };
}

export default async function IncidentPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { actor, incident } = await loadIncident(id);
  const alerts = victimAlertMessages(incident.people, VULNERABILITY_MARKERS);
  const justLogged = firstParam(query.logged) === "1";
  const justUpdated = firstParam(query.updated) === "1";
  // In no case: the open cases that already name its people or its place are offered.
  const casesNamingIt = await openCasesNaming(actor, {
    incidentId: incident.id,
    personIds: incident.people.map((p) => p.personId),
    locationIds: incident.location ? [incident.location.id] : [],
  });
  const names = new Map(incident.people.map((p) => [p.personId, p.name]));

  return (
    <>
      <BackLink href="/incidents">All incidents</BackLink>
      {justLogged ? <NotificationBanner variant="success" heading={`Incident ${incident.reference} logged`} /> : null}
      {justUpdated ? <NotificationBanner variant="success" heading={`Incident ${incident.reference} updated`} /> : null}
      {/* Sent successfully: the form's draft in this browser is no longer needed. */}
      {justLogged ? <ClearDraft formKey={DRAFT_KEYS.newIncident} /> : null}
      {justUpdated ? <ClearDraft formKey={DRAFT_KEYS.incidentEdit(incident.id)} /> : null}
      {alerts.length > 0 ? (
        <NotificationBanner
          title="Important"
          heading={alerts.length === 1 ? alerts[0] : "This incident has repeat or vulnerable victims"}
          focusOnMount={false}
        >
          {alerts.length > 1 ? (
            <ul className="list-disc pl-5 mb-0 space-y-2 body-m font-bold">
              {alerts.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
          <p className="mt-4">Check the victim&rsquo;s safety and consider a referral to the CCM.</p>
        </NotificationBanner>
      ) : null}
      <PageHeading caption="Incident">{incident.reference}</PageHeading>
      <div className="flex flex-wrap gap-x-4">
        {incident.canEdit ? (
          <Button href={`/incidents/${incident.id}/edit`} variant="secondary">
            Change incident
          </Button>
        ) : null}
        {incident.mayOpenCase ? (
          <Button href={`/cases/new?incident=${incident.id}`} variant="secondary">
            Open a case from this incident
          </Button>
        ) : null}
      </div>
      {incident.canEdit ? null : (
        <p className="body-m text-ink-secondary">Logged by {incident.reportingOrganisation.name}. Only they can change it.</p>
      )}
      {casesNamingIt.length > 0 ? (
        <LinkToCaseOffer
          reference={incident.reference}
          cases={casesNamingIt.map((c) => ({ id: c.id, reference: c.reference, title: c.title, why: namedOnCase(c, names) }))}
        />
      ) : null}
      <div className="max-w-[50rem]">
        <IncidentSummary incident={incident} />
      </div>
      <IncidentPeople people={incident.people} />
    </>
  );
}

/** Why a case is offered: the people it names (as this page names them) and the place. */
function namedOnCase(c: CaseNamingIt, names: Map<string, string>): string {
  const parts = [...c.people.map((id) => names.get(id)).filter((n): n is string => Boolean(n)), ...(c.place ? ["this place"] : [])];
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
