import Link from "next/link";
import { SummaryList } from "@/components/ui/summary-list";
import { Table } from "@/components/ui/table";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import type { PowerDetail } from "@/lib/powers/data";
import { POWER_STATUS_LABELS } from "@/lib/powers/lifecycle";
import { BREACH_ACTION_LABELS } from "@/lib/powers/schema";
import { NOT_IN_A_VISIBLE_CASE } from "@/lib/cases/labels";
import { importedFromText } from "@/lib/imports/data/provenance-text";
import { PowerStatusTag } from "./power-tags";

/** A power's summary: what, to whom, where, by whom, when, and what it requires. */
export function PowerSummary({ power }: { power: PowerDetail }) {
  const rows = [
    { key: "Status", value: <PowerStatusTag status={power.status} /> },
    { key: "Kind of power", value: power.kind.name },
    { key: "Legal basis", value: power.kind.legalBasis },
    {
      key: "Issued to",
      value: power.subjectPerson ? (
        <Link href={`/people/${power.subjectPerson.id}`}>{power.subjectPerson.name}</Link>
      ) : (
        `${power.subject} (business or organisation)`
      ),
    },
    { key: "Place", value: power.place ? <Link href={`/places/${power.place.id}`}>{power.place.label}</Link> : "None" },
    {
      key: "Case",
      value: power.case ? (
        <Link href={`/cases/${power.case.id}`}>{`${power.case.reference}: ${power.case.title}`}</Link>
      ) : (
        NOT_IN_A_VISIBLE_CASE
      ),
    },
    ...(power.pspo
      ? [
          {
            key: "Issued under",
            value: <Link href={`/powers/pspos/${power.pspo.id}`}>{`${power.pspo.reference}: ${power.pspo.name}`}</Link>,
          },
        ]
      : []),
    { key: "Issuing organisation", value: power.issuingOrganisation.name },
    { key: "Issuing officer", value: power.issuingOfficer.name },
    { key: "Date issued", value: formatDate(power.issuedAt) },
    { key: "Expiry date", value: power.expiresAt ? formatDate(power.expiresAt) : "No expiry" },
    { key: "Conditions", value: power.conditions ? <span className="whitespace-pre-line">{power.conditions}</span> : "None recorded" },
    ...(power.imported ? [{ key: "Imported", value: importedFromText(power.imported, formatDate) }] : []),
  ];
  if (power.kind.needsCourt || power.courtName) {
    rows.push(
      { key: "Court", value: power.courtName ?? "" },
      { key: "Hearing date", value: power.hearingAt ? formatDate(power.hearingAt) : "" },
    );
  }
  return <SummaryList rows={rows} />;
}

/** Every status the power has had, oldest first. */
export function PowerHistory({ power }: { power: PowerDetail }) {
  return (
    <Table
      caption="Status history"
      captionHidden
      rows={power.history}
      rowKey={(h) => h.id}
      columns={[
        { key: "when", header: "When", className: "whitespace-nowrap", cell: (h) => formatDateTime(h.changedAt) },
        {
          key: "status",
          header: "Status",
          rowHeader: true,
          cell: (h) =>
            h.fromStatus ? `${POWER_STATUS_LABELS[h.fromStatus]} → ${POWER_STATUS_LABELS[h.toStatus]}` : POWER_STATUS_LABELS[h.toStatus],
        },
        { key: "by", header: "By", cell: (h) => h.changedBy ?? "Automatically" },
        { key: "note", header: "Note", cell: (h) => <span className="whitespace-pre-line break-words">{h.note}</span> },
      ]}
    />
  );
}

/** Breaches recorded, oldest first. */
export function PowerBreaches({ power }: { power: PowerDetail }) {
  return (
    <Table
      caption="Breaches"
      captionHidden
      rows={power.breaches}
      rowKey={(b) => b.id}
      emptyMessage="No breaches have been recorded."
      columns={[
        { key: "date", header: "Date of breach", rowHeader: true, className: "whitespace-nowrap", cell: (b) => formatDate(b.breachedAt) },
        { key: "action", header: "Action taken", cell: (b) => BREACH_ACTION_LABELS[b.actionTaken] },
        { key: "notes", header: "Notes", cell: (b) => <span className="whitespace-pre-line break-words">{b.notes}</span> },
        { key: "by", header: "Recorded by", cell: (b) => `${b.recordedBy}, ${formatDate(b.recordedAt)}` },
      ]}
    />
  );
}
