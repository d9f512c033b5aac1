import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { buttonClasses } from "@/components/ui/button";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { Table } from "@/components/ui/table";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { MeetingMarking } from "@/components/meetings/meeting-header";
import { AgendaReasonTag } from "@/components/meetings/meeting-tags";
import { PrintButton } from "@/components/meetings/print-button";
import { requireActor } from "@/lib/auth/session";
import { getMinutes } from "@/lib/meetings/data";
import { ACTION_STATUS_LABELS } from "@/lib/case-actions/labels";
import { formatDate, formatDateTime } from "@/lib/format/dates";
import { orNotFound } from "@/lib/not-found";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Meeting minutes" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

/** `/meetings/[id]/minutes`: the minutes and action lists of a closed meeting, printable, with the PDF. */
export default async function MinutesPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const minutes = await orNotFound(getMinutes(actor, (await params).id));
  const closedNow = firstParam((await searchParams).notice) === "closed";
  return (
    <>
      {minutes.partial ? null : <BackLink href={`/meetings/${minutes.id}`}>Back to the meeting</BackLink>}
      {closedNow ? <NotificationBanner variant="success" heading={`Meeting ${minutes.reference} closed. The minutes are ready.`} /> : null}
      <MeetingMarking panel={minutes.panel} />
      <PageHeading caption={`${PANEL_NAMES[minutes.panel]} meeting ${minutes.reference}`}>Minutes</PageHeading>
      <div className="flex flex-wrap gap-x-4 print:hidden">
        {/* A plain link, not next/link: a prefetch would fetch (and audit) the PDF. */}
        <a href={`/api/meetings/${minutes.id}/minutes`} className={buttonClasses()} download>
          Download the minutes (PDF)
        </a>
        <PrintButton label="Print the minutes" />
      </div>
      <div className="max-w-[50rem]">
        {minutes.partial ? (
          <p className="body-m">
            Your organisation is not on the CCM panel: these minutes include only the cases your organisation works on.
          </p>
        ) : null}
        <p className="body-m">
          {formatDateTime(minutes.startsAt)}
          {minutes.venue ? `, ${minutes.venue}` : ""}. Chair: {minutes.chair}.
          {minutes.closedAt ? ` Closed ${formatDateTime(minutes.closedAt)}.` : ""}
        </p>
        {minutes.attendees.length > 0 ? (
          <>
            <h2 className="heading-m">Attendance</h2>
            <ul className="body-m pl-5 list-disc">
              {minutes.attendees.map((a) => (
                <li key={a.organisation}>
                  {a.organisation}
                  {a.present ? "" : " (apologies)"}
                  {a.names ? `: ${a.names}` : ""}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h2 className="heading-m">Cases discussed</h2>
        {minutes.items.map((item) => (
          <section key={item.caseReference} aria-labelledby={`minute-${item.position}`} className="mb-8 break-inside-avoid-page">
            <h3 id={`minute-${item.position}`} className="heading-s mb-1">
              {item.position}. {item.caseReference}: {item.caseTitle}
            </h3>
            <p className="body-s mb-2">
              <AgendaReasonTag reason={item.reason} /> {item.reviewed ? "Reviewed" : "Not reviewed"}
            </p>
            <p className="body-m whitespace-pre-line">
              <strong>Discussion:</strong> {item.discussionSummary ?? "Not recorded"}
            </p>
            <p className="body-m whitespace-pre-line">
              <strong>Decision:</strong> {item.decision ?? "Not recorded"}
            </p>
            {item.actions.length > 0 ? (
              <ul className="body-m pl-5 list-disc">
                {item.actions.map((a, i) => (
                  <li key={i}>
                    {a.organisation}: {a.title} (due {formatDate(a.dueDate)})
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
        <h2 className="heading-m">Action list by organisation</h2>
        {minutes.actionsByOrganisation.length === 0 ? <p className="body-m">No actions were agreed.</p> : null}
        {minutes.actionsByOrganisation.map((group) => (
          <Table
            key={group.organisation}
            caption={`${group.organisation} (${group.shortName})`}
            rows={group.actions}
            rowKey={(a) => `${a.caseReference}-${a.title}`}
            columns={[
              { key: "case", header: "Case", rowHeader: true, cell: (a) => a.caseReference },
              { key: "title", header: "Action", cell: (a) => a.title },
              { key: "due", header: "Due", cell: (a) => formatDate(a.dueDate) },
              { key: "status", header: "Status now", cell: (a) => ACTION_STATUS_LABELS[a.status] },
            ]}
          />
        ))}
        <MeetingMarking panel={minutes.panel} />
      </div>
    </>
  );
}
