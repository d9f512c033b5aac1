import Link from "next/link";
import { SummaryList } from "@/components/ui/summary-list";
import { Table } from "@/components/ui/table";
import { RiskTag } from "@/components/ui/tag";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { recordedLater } from "@/lib/history/happened";
import type { ReferralDetail } from "@/lib/referrals/data";
import { HISTORY_STEP_LABELS, MARAC_GROUND_LABELS, REFERRAL_STATUS_LABELS, TRANSFER_LABELS, transferWords } from "@/lib/referrals/labels";
import { ReferralStatusTag, RepeatTag } from "./referral-tags";
import { PANEL_FULL_NAMES, PANEL_NAMES } from "@/lib/panels/labels";

/** The referral as made: what the referrer said, about whom, on what grounds. */
export function ReferralSummary({ referral: r }: { referral: ReferralDetail }) {
  const marac = r.panel === "MARAC";
  return (
    <SummaryList
      rows={[
        {
          key: "Status",
          value: (
            <span className="inline-flex flex-wrap gap-1">
              <ReferralStatusTag status={r.status} />
              {r.isRepeat ? <RepeatTag /> : null}
            </span>
          ),
        },
        { key: "Panel", value: PANEL_FULL_NAMES[r.panel] },
        {
          key: "Case",
          value: r.case.visible ? <Link href={`/cases/${r.case.id}`}>{`${r.case.reference}: ${r.case.title}`}</Link> : r.case.reference,
        },
        { key: "Referred by", value: `${r.referrer.name} (${r.referrer.organisation})` },
        {
          key: "Referred on",
          // A referral recorded afterwards was made on a day, not at the moment it was typed in.
          value: recordedLater(r.referredAt, r.recordedAt)
            ? `${formatDate(r.referredAt)} (recorded on ${formatDate(r.recordedAt)})`
            : formatDateTime(r.referredAt),
        },
        { key: "Reason for referral", value: <p className="whitespace-pre-line">{r.reason}</p> },
        ...(marac
          ? [
              {
                key: "Grounds",
                value:
                  r.grounds.length > 0 ? (
                    <ul className="list-disc pl-5 m-0">
                      {r.grounds.map((g) => (
                        <li key={g}>{MARAC_GROUND_LABELS[g]}</li>
                      ))}
                    </ul>
                  ) : (
                    "None"
                  ),
              },
              {
                key: "Repeat referral",
                value: r.isRepeat ? "Yes (worked out from the victim's earlier MARAC referrals and incidents)" : "No",
              },
            ]
          : []),
        { key: "Victim", value: r.victim },
        { key: "Alleged perpetrator", value: r.perpetrator },
        ...(marac
          ? [
              { key: "Children in the household", value: r.childrenInHousehold === null ? null : String(r.childrenInHousehold) },
              { key: "Transfer", value: transferWords(r.transferDirection, r.transferArea) ?? TRANSFER_LABELS.NONE },
            ]
          : []),
      ]}
    />
  );
}

/** What the chair needs to decide: risk, earlier referrals of the victim, open actions, agencies. */
export function TriageFacts({ referral: r }: { referral: ReferralDetail }) {
  const f = r.facts;
  if (!f) return null;
  return (
    <section aria-labelledby="facts-heading" className="mb-10">
      <h2 id="facts-heading" className="heading-m">
        Facts for triage
      </h2>
      <SummaryList
        rows={[
          { key: "Case risk level", value: <RiskTag level={f.caseRisk} /> },
          {
            key: "Latest DASH",
            value: f.latestDash
              ? `${f.latestDash.score} “yes” answers of 24 on ${formatDate(f.latestDash.assessedAt)}`
              : "No DASH risk checklist on this case",
          },
          { key: "Repeat referral", value: r.isRepeat ? "Yes" : "No" },
          { key: "Agencies involved", value: f.agencies.join(", ") },
        ]}
      />
      <Table
        caption={`Earlier referrals of the victim (${f.previousReferrals.length})`}
        rows={f.previousReferrals}
        rowKey={(p) => p.id}
        emptyMessage={r.victim ? "No earlier referrals of this victim." : "No victim is recorded on this referral."}
        columns={[
          { key: "ref", header: "Referral", rowHeader: true, cell: (p) => <Link href={`/referrals/${p.id}`}>{p.reference}</Link> },
          { key: "panel", header: "Panel", cell: (p) => PANEL_NAMES[p.panel] },
          { key: "on", header: "Referred on", cell: (p) => formatDate(p.referredAt) },
          { key: "status", header: "Status", cell: (p) => REFERRAL_STATUS_LABELS[p.status] },
        ]}
      />
      <Table
        caption={`Open actions on the case (${f.openActions.length})`}
        rows={f.openActions}
        rowKey={(a) => a.id}
        emptyMessage="No open actions on the case."
        columns={[
          { key: "title", header: "Action", rowHeader: true, cell: (a) => a.title },
          { key: "org", header: "Agency", cell: (a) => a.organisation },
          { key: "due", header: "Due", cell: (a) => formatDate(a.dueDate) },
        ]}
      />
    </section>
  );
}

/** Every decision on the referral, the referrer's answers, returns to the queue and a withdrawal, oldest first. */
export function TriageHistory({ referral: r }: { referral: ReferralDetail }) {
  return (
    <Table
      caption="Triage history"
      captionHidden
      rows={r.history}
      rowKey={(h) => h.id}
      emptyMessage="The chair has not decided on this referral yet."
      columns={[
        { key: "when", header: "Date", rowHeader: true, cell: (h) => formatDateTime(h.decidedAt) },
        {
          key: "what",
          header: "Decision",
          cell: (h) => (h.step === "decision" ? REFERRAL_STATUS_LABELS[h.outcome] : HISTORY_STEP_LABELS[h.step]),
        },
        { key: "who", header: "By", cell: (h) => `${h.decidedBy} (${h.decidedByOrganisation})` },
        { key: "note", header: "Note", cell: (h) => <span className="whitespace-pre-line">{h.note ?? ""}</span> },
      ]}
    />
  );
}

/** The meetings the referral was accepted onto (panel members only); a cancelled one says so. */
export function ReferralAgenda({ referral: r }: { referral: ReferralDetail }) {
  if (r.agenda.length === 0) return null;
  return (
    <p className="body-m">
      On the agenda of{" "}
      {r.agenda.map((a, i) => (
        <span key={a.meetingId}>
          {i > 0 ? ", " : ""}
          <Link href={`/meetings/${a.meetingId}`}>{`${a.meetingReference} (${formatDateTime(a.startsAt)})`}</Link>
          {a.cancelled ? " (cancelled)" : ""}
        </span>
      ))}
      .
    </p>
  );
}
