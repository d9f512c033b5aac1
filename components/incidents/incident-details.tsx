import Link from "next/link";
import { SummaryList } from "@/components/ui/summary-list";
import { RiskTag, Tag } from "@/components/ui/tag";
import { Table } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import type { IncidentDetail, IncidentPersonDetail } from "@/lib/incidents/data";
import { CATEGORY_LABELS, REPORT_METHOD_LABELS, ROLE_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { PLACE_KIND_LABELS } from "@/lib/places/schema";
import { NOT_IN_A_VISIBLE_CASE } from "@/lib/cases/labels";
import { importedFromText } from "@/lib/imports/data/provenance-text";

// The incident page's content: its details as a summary list, and its people with their alerts.

export function IncidentSummary({ incident }: { incident: IncidentDetail }) {
  const change = (anchor: string, what: string) =>
    incident.canEdit ? { href: `/incidents/${incident.id}/edit#${anchor}`, visuallyHiddenText: what } : undefined;
  const place = incident.location;
  return (
    <SummaryList
      rows={[
        { key: "When it happened", value: formatDateTime(incident.occurredAt), action: change("occurred-day", "when it happened") },
        { key: "When it was reported", value: formatDateTime(incident.reportedAt), action: change("reported-day", "when it was reported") },
        {
          key: "How it was reported",
          value: REPORT_METHOD_LABELS[incident.reportMethod],
          action: change("reportMethod", "how it was reported"),
        },
        { key: "Category", value: CATEGORY_LABELS[incident.category], action: change("category", "category") },
        { key: "Type", value: TYPE_LABELS[incident.type], action: change("type", "type") },
        {
          key: "What happened",
          value: <p className="whitespace-pre-line">{incident.description}</p>,
          action: change("description", "what happened"),
        },
        {
          key: "Place",
          value: place ? (
            <>
              <Link href={`/places/${place.id}`}>{place.addressLine1}</Link>
              <br />
              {[place.addressLine2, place.town, place.postcode].filter(Boolean).join(", ")}
              <br />
              <span className="text-ink-secondary">{PLACE_KIND_LABELS[place.kind]}</span>
            </>
          ) : null,
          action: change("locationId", "place"),
        },
        { key: "Risk level", value: <RiskTag level={incident.riskLevel} />, action: change("riskLevel", "risk level") },
        {
          key: "Case",
          value: incident.case ? (
            <Link href={`/cases/${incident.case.id}`}>
              {incident.case.reference}: {incident.case.title}
            </Link>
          ) : (
            // The same words whether it is in no case or in one the reader may not see.
            NOT_IN_A_VISIBLE_CASE
          ),
          action: change("caseId", "case"),
        },
        { key: "Logged by", value: `${incident.reportingOfficer.name}, ${incident.reportingOrganisation.name}` },
        { key: "Logged", value: formatDateTime(incident.createdAt) },
        ...(incident.imported ? [{ key: "Imported", value: importedFromText(incident.imported, formatDate) }] : []),
        ...(incident.updatedAt.getTime() - incident.createdAt.getTime() > 1000
          ? [{ key: "Last changed", value: formatDateTime(incident.updatedAt) }]
          : []),
      ]}
    />
  );
}

export function PersonAlertTags({ alerts }: { alerts: IncidentPersonDetail["alerts"] }) {
  if (!alerts.repeatVictim && !alerts.vulnerable) return <span className="text-ink-secondary">None</span>;
  return (
    <span className="flex flex-wrap gap-2">
      {alerts.repeatVictim ? <Tag colour="red">Repeat victim</Tag> : null}
      {alerts.vulnerable ? <Tag colour="orange">Vulnerable</Tag> : null}
    </span>
  );
}

export function IncidentPeople({ people }: { people: IncidentPersonDetail[] }) {
  return (
    <Table
      caption="People involved"
      rows={people}
      rowKey={(p) => `${p.personId}|${p.role}`}
      emptyMessage="No people recorded."
      columns={[
        { key: "name", header: "Name", rowHeader: true, cell: (p) => <Link href={`/people/${p.personId}`}>{p.name}</Link> },
        { key: "role", header: "Role", cell: (p) => ROLE_LABELS[p.role] },
        { key: "dob", header: "Date of birth", cell: (p) => (p.dateOfBirth ? formatDate(p.dateOfBirth) : "Not known") },
        { key: "alerts", header: "Alerts", cell: (p) => <PersonAlertTags alerts={p.alerts} /> },
      ]}
    />
  );
}

/** One sentence per victim who is a repeat or vulnerable victim, for the banner at the top. */
export function victimAlertMessages(people: IncidentPersonDetail[], markerLabels: Record<string, string>): string[] {
  const victims = people.filter((p) => p.role === "VICTIM");
  return victims.flatMap((p) => {
    const messages: string[] = [];
    const { alerts } = p;
    if (alerts.repeatVictim) {
      messages.push(
        `Repeat victim: ${p.name} has been the victim in ${alerts.victimIncidentsInWindow} incidents in the last ${alerts.windowMonths} months`,
      );
    }
    if (alerts.vulnerable) {
      const markers = alerts.vulnerabilityMarkers.map((m) => markerLabels[m] ?? m).join(", ");
      messages.push(`Vulnerable victim: ${p.name}${markers ? ` (${markers})` : ""}`);
    }
    return messages;
  });
}
