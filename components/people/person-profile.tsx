import Link from "next/link";
import type { ImportedFrom } from "@/lib/imports/data/provenance";
import { importedFromText } from "@/lib/imports/data/provenance-text";
import { LinkedCasesTable } from "@/components/cases/linked-cases-table";
import { LinkedPowersTable } from "@/components/powers/linked-powers-table";
import type { ReactNode } from "react";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { SummaryList } from "@/components/ui/summary-list";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDate } from "@/lib/format/dates";
import { ROLE_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import type { PersonAlerts } from "@/lib/people/alerts";
import type { PersonProfile } from "@/lib/people/data";
import { aliasText, GENDER_LABELS, vulnerabilityLabel } from "@/lib/people/schema";
import { RecordMarkerForm, RemoveMarkerButton } from "./vulnerability-forms";

// The sections of a person's profile. Each lists only what the viewer may see
// (lib/people/data/profile.ts has already applied the rules) and says so plainly when there is nothing.

type Person = PersonProfile["person"];

function Section({ id, title, count, children }: { id: string; title: string; count?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="mb-10">
      <h2 id={`${id}-heading`} className="heading-m">
        {title}
        {count !== undefined ? <span className="text-ink-secondary font-normal"> ({count})</span> : null}
      </h2>
      {children}
    </section>
  );
}

const roles = (people: { role: keyof typeof ROLE_LABELS }[]) => people.map((p) => ROLE_LABELS[p.role]).join(", ");

/**
 * The safeguarding alerts, at the top of the profile. The repeat-victim count covers the whole
 * partnership (no single agency sees every incident, which is why the flag exists).
 */
export function PersonAlertsBanner({ alerts }: { alerts: PersonAlerts }) {
  if (!alerts.repeatVictim && !alerts.vulnerable) return null;
  return (
    <NotificationBanner title="Alerts">
      <ul className="list-none p-0 m-0 space-y-3">
        {alerts.repeatVictim ? (
          <li>
            <p className="heading-s mb-1">
              <Tag colour="red">Repeat victim</Tag>{" "}
              <span>
                Victim in {alerts.victimIncidentsInWindow} incidents in the last {alerts.windowMonths} months
              </span>
            </p>
            <p className="body-s text-ink-secondary mb-0">Counted across all partner agencies, including incidents you cannot open.</p>
          </li>
        ) : null}
        {alerts.vulnerable ? (
          <li>
            <p className="heading-s mb-0">
              <Tag colour="orange">Vulnerable</Tag> <span>{alerts.vulnerabilityMarkers.map(vulnerabilityLabel).join(", ")}</span>
            </p>
          </li>
        ) : null}
      </ul>
    </NotificationBanner>
  );
}

function ageOn(dateOfBirth: Date, today = new Date()): number {
  const years = today.getUTCFullYear() - dateOfBirth.getUTCFullYear();
  const hadBirthday =
    today.getUTCMonth() > dateOfBirth.getUTCMonth() ||
    (today.getUTCMonth() === dateOfBirth.getUTCMonth() && today.getUTCDate() >= dateOfBirth.getUTCDate());
  return hadBirthday ? years : years - 1;
}

export function PersonDetails({ person, canEdit, imported }: { person: Person; canEdit: boolean; imported?: ImportedFrom | null }) {
  const change = (field: string, what: string) =>
    canEdit ? { href: `/people/${person.id}/edit#${field}`, visuallyHiddenText: what } : undefined;
  const address = person.address
    ? [person.address.addressLine1, person.address.addressLine2, person.address.town, person.address.postcode].filter(Boolean).join(", ")
    : null;
  return (
    <SummaryList
      rows={[
        { key: "Name", value: `${person.firstName} ${person.lastName}`, action: change("firstName", "name") },
        {
          key: "Also known as",
          value: person.aliases.length > 0 ? person.aliases.map(aliasText).join(", ") : null,
          action: change("aliases", "other names"),
        },
        {
          key: "Date of birth",
          value: person.dateOfBirth ? `${formatDate(person.dateOfBirth)} (age ${ageOn(person.dateOfBirth)})` : null,
          action: change("dateOfBirth-day", "date of birth"),
        },
        { key: "Gender", value: person.gender ? GENDER_LABELS[person.gender] : null, action: change("gender", "gender") },
        { key: "Telephone", value: person.phone, action: change("phone", "telephone") },
        { key: "Email", value: person.email },
        { key: "Address", value: address },
        { key: "Notes", value: person.notes ? <p className="whitespace-pre-line">{person.notes}</p> : null },
        { key: "Profile created by", value: `${person.createdByOrg.name} on ${formatDate(person.createdAt)}` },
        ...(imported ? [{ key: "Imported", value: importedFromText(imported, formatDate) }] : []),
      ]}
    />
  );
}

export function PersonIncidents({ personId, incidents }: { personId: string; incidents: PersonProfile["incidents"] }) {
  const count = incidents.totalCapped ? `more than ${incidents.total.toLocaleString("en-GB")}` : incidents.total.toLocaleString("en-GB");
  return (
    <Section id="incidents" title="Incidents" count={count}>
      <Table
        caption="Incidents this person is involved in, newest first"
        captionHidden
        rows={incidents.rows}
        rowKey={(incident) => incident.id}
        emptyMessage="No incidents involving this person that you can see."
        columns={[
          { key: "reference", header: "Reference", rowHeader: true, cell: (i) => <Link href={`/incidents/${i.id}`}>{i.reference}</Link> },
          { key: "when", header: "Happened", className: "whitespace-nowrap", cell: (i) => formatDate(i.occurredAt) },
          { key: "type", header: "Type", cell: (i) => TYPE_LABELS[i.type] },
          { key: "role", header: "Involved as", cell: (i) => roles(i.people) },
          { key: "org", header: "Logged by", cell: (i) => i.reportingOrganisation.shortName },
        ]}
      />
      {incidents.total > incidents.rows.length ? (
        <p>
          <Link href={`/incidents?person=${personId}`}>See all {count} incidents in the incident list</Link>
        </p>
      ) : null}
    </Section>
  );
}

const capped = (shown: number, limit: number) => (shown >= limit ? `${shown}+` : String(shown));

export function PersonCases({ cases, limit }: { cases: PersonProfile["cases"]; limit: number }) {
  return (
    <Section id="cases" title="Cases" count={capped(cases.length, limit)}>
      <LinkedCasesTable
        cases={cases}
        caption="Cases this person is in"
        emptyMessage="No cases with this person that you can see."
        extra={[{ key: "role", header: "Involved as", cell: (c) => roles(c.people) }]}
      />
    </Section>
  );
}

export function PersonPowers({ powers, limit }: { powers: PersonProfile["powers"]; limit: number }) {
  return (
    <Section id="powers" title="Tools and powers" count={capped(powers.length, limit)}>
      <LinkedPowersTable
        powers={powers}
        caption="Tools and powers used against this person"
        emptyMessage="No tools or powers against this person that you can see."
      />
    </Section>
  );
}

export function PersonVulnerability({ person, canEdit }: { person: Person; canEdit: boolean }) {
  return (
    <Section id="vulnerability" title="Vulnerability" count={person.markers.length}>
      <Table
        caption="Vulnerabilities recorded for this person"
        captionHidden
        rows={person.markers}
        rowKey={(m) => m.id}
        emptyMessage="No vulnerability recorded."
        columns={[
          { key: "kind", header: "Vulnerability", rowHeader: true, cell: (m) => vulnerabilityLabel(m.kind) },
          { key: "note", header: "Note", cell: (m) => m.note },
          {
            key: "recorded",
            header: "Recorded",
            cell: (m) => `${formatDate(m.recordedAt)} by ${m.recordedBy.name} (${m.recordedBy.organisation.shortName})`,
          },
          ...(canEdit
            ? [
                {
                  key: "remove",
                  header: "Action",
                  cell: (m: Person["markers"][number]) => (
                    <RemoveMarkerButton personId={person.id} markerId={m.id} label={vulnerabilityLabel(m.kind)} />
                  ),
                },
              ]
            : []),
        ]}
      />
      {canEdit ? <RecordMarkerForm personId={person.id} /> : null}
    </Section>
  );
}
