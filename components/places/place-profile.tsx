import Link from "next/link";
import { importedFromText } from "@/lib/imports/data/provenance-text";
import { LinkedCasesTable } from "@/components/cases/linked-cases-table";
import { LinkedPowersTable } from "@/components/powers/linked-powers-table";
import { PspoStatusTag } from "@/components/pspos/pspo-tags";
import { pspoStatusOn } from "@/lib/pspos/status";
import type { ReactNode } from "react";
import { Pagination } from "@/components/ui/pagination";
import type { SearchParamsRecord } from "@/lib/search-params";
import { SummaryList } from "@/components/ui/summary-list";
import { Table } from "@/components/ui/table";
import { RiskTag } from "@/components/ui/tag";
import { TYPE_LABELS } from "@/lib/incidents/labels";
import { formatDate } from "@/lib/format/dates";
import { placeKindLabel } from "@/lib/places/format";
import type { PlaceProfile } from "@/lib/places/data";

// The sections of a place's profile. Each lists only what the viewer may see (lib/places/data.ts
// has already applied the rules); each says so plainly when there is nothing.

function Section({ id, title, count, children }: { id: string; title: string; count: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mb-10">
      <h2 id={`${id}-heading`} className="heading-m">
        {title} <span className="text-ink-secondary font-normal">({count})</span>
      </h2>
      {children}
    </section>
  );
}

export function PlaceDetails({
  place,
  canEdit,
  imported,
}: {
  place: PlaceProfile["place"];
  canEdit: boolean;
  imported?: PlaceProfile["imported"];
}) {
  const change = (field: string, what: string) =>
    canEdit ? { href: `/places/${place.id}/edit#${field}`, visuallyHiddenText: what } : undefined;
  return (
    <SummaryList
      rows={[
        { key: "Address line 1", value: place.addressLine1, action: change("addressLine1", "address line 1") },
        { key: "Address line 2", value: place.addressLine2, action: change("addressLine2", "address line 2") },
        { key: "Town or city", value: place.town, action: change("town", "town or city") },
        { key: "Postcode", value: place.postcode, action: change("postcode", "postcode") },
        { key: "Kind", value: placeKindLabel(place.kind), action: change("kind", "kind of place") },
        { key: "UPRN", value: place.uprn, action: change("uprn", "UPRN") },
        {
          key: "Coordinates",
          value: place.latitude && place.longitude ? `${place.latitude}, ${place.longitude}` : null,
        },
        { key: "Recorded by", value: `${place.createdByOrg.name} on ${formatDate(place.createdAt)}` },
        ...(imported ? [{ key: "Imported", value: importedFromText(imported, formatDate) }] : []),
      ]}
    />
  );
}

const sectionCount = (shown: number, limitReached: boolean) => (limitReached ? `${shown}+` : String(shown));

export function IncidentsAtPlace({
  placeId,
  incidents,
  searchParams,
}: {
  placeId: string;
  incidents: PlaceProfile["incidents"];
  searchParams: SearchParamsRecord;
}) {
  const count = incidents.totalCapped ? `more than ${incidents.total.toLocaleString("en-GB")}` : incidents.total.toLocaleString("en-GB");
  return (
    <Section id="incidents" title="Incidents at this place" count={count}>
      <Table
        caption={`Incidents at this place, newest first, page ${incidents.page} of ${incidents.totalPages}`}
        captionHidden
        rows={incidents.rows}
        rowKey={(incident) => incident.id}
        emptyMessage="No incidents at this place that you can see."
        columns={[
          {
            key: "reference",
            header: "Reference",
            rowHeader: true,
            cell: (incident) => <Link href={`/incidents/${incident.id}`}>{incident.reference}</Link>,
            className: "whitespace-nowrap",
          },
          { key: "when", header: "Happened", cell: (incident) => formatDate(incident.occurredAt), className: "whitespace-nowrap" },
          { key: "type", header: "Type", cell: (incident) => TYPE_LABELS[incident.type] },
          { key: "org", header: "Logged by", cell: (incident) => incident.reportingOrganisation.shortName },
          { key: "risk", header: "Risk", cell: (incident) => <RiskTag level={incident.riskLevel} />, className: "whitespace-nowrap" },
        ]}
      />
      <Pagination
        page={incidents.page}
        totalPages={incidents.totalPages}
        pathname={`/places/${placeId}`}
        searchParams={searchParams}
        pageParam="incidentsPage"
      />
    </Section>
  );
}

export function CasesAtPlace({ cases, limit }: { cases: PlaceProfile["cases"]; limit: number }) {
  return (
    <Section id="cases" title="Cases" count={sectionCount(cases.length, cases.length >= limit)}>
      <LinkedCasesTable
        cases={cases}
        caption="Cases that include this place"
        emptyMessage="No cases include this place that you can see."
        extra={[{ key: "risk", header: "Risk", cell: (c) => <RiskTag level={c.riskLevel} />, className: "whitespace-nowrap" }]}
      />
    </Section>
  );
}

export function PowersAtPlace({ powers, limit }: { powers: PlaceProfile["powers"]; limit: number }) {
  return (
    <Section id="powers" title="Tools and powers used here" count={sectionCount(powers.length, powers.length >= limit)}>
      <LinkedPowersTable
        powers={powers}
        caption="Tools and powers used at this place"
        emptyMessage="No tools or powers at this place that you can see."
      />
    </Section>
  );
}

export function PsposCoveringPlace({ pspos }: { pspos: PlaceProfile["pspos"] }) {
  return (
    <Section id="pspos" title="Public Spaces Protection Orders" count={pspos.length}>
      <Table
        caption="Public Spaces Protection Orders covering this place"
        captionHidden
        rows={pspos}
        rowKey={(p) => p.id}
        emptyMessage="No Public Spaces Protection Order covers this place."
        columns={[
          { key: "name", header: "Order", rowHeader: true, cell: (p) => `${p.name} (${p.reference})` },
          { key: "area", header: "Area", cell: (p) => p.area },
          { key: "dates", header: "In force", cell: (p) => `${formatDate(p.startsOn)} to ${formatDate(p.endsOn)}` },
          {
            key: "status",
            header: "Status",
            cell: (p) => <PspoStatusTag status={pspoStatusOn(p)} />,
          },
        ]}
      />
    </Section>
  );
}

export function ResidentsOfPlace({ residents, limit }: { residents: PlaceProfile["residents"]; limit: number }) {
  return (
    <Section id="people" title="People who live here" count={sectionCount(residents.length, residents.length >= limit)}>
      <Table
        caption="People whose address is this place"
        captionHidden
        rows={residents}
        rowKey={(p) => p.id}
        emptyMessage="No one you can see has this place as their address."
        columns={[
          {
            key: "name",
            header: "Name",
            rowHeader: true,
            cell: (p) => (
              <Link href={`/people/${p.id}`}>
                {p.firstName} {p.lastName}
              </Link>
            ),
          },
          { key: "dob", header: "Date of birth", cell: (p) => (p.dateOfBirth ? formatDate(p.dateOfBirth) : "Not known") },
        ]}
      />
    </Section>
  );
}
