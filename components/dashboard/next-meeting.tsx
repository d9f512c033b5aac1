import Link from "next/link";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { formatDateTime } from "@/lib/format/dates";
import { PANEL_NAMES } from "@/lib/panels/labels";
import type { AgendaReadiness } from "@/lib/meetings/data";

type Check = { key: string; label: string; count: number; href: string; todo: boolean };

/** Before the meeting: what is on its agenda and what still needs the chair (each a link to where it is done). */
function checksOf(r: AgendaReadiness): Check[] {
  const meetingHref = r.meeting ? `/meetings/${r.meeting.id}` : "/meetings/new";
  return [
    {
      key: "agenda",
      label: "Cases on the agenda",
      count: r.meeting?.agendaItems ?? 0,
      href: meetingHref,
      todo: !r.meeting || r.meeting.agendaItems === 0,
    },
    {
      key: "triage",
      label: "Referrals still to triage",
      count: r.awaitingTriage,
      href: `/referrals/triage?panel=${r.panel}`,
      todo: r.awaitingTriage > 0,
    },
    {
      key: "accepted",
      label: "Accepted referrals on no agenda yet",
      count: r.acceptedNotListed,
      href: r.meeting ? meetingHref : `/referrals/triage?panel=${r.panel}&status=ACCEPTED`,
      todo: r.acceptedNotListed > 0,
    },
    {
      key: "review",
      label: "Cases due for review, not on an agenda",
      count: r.dueForReviewNotListed,
      href: meetingHref,
      todo: r.dueForReviewNotListed > 0,
    },
  ];
}

/** For each panel the chair chairs: its next meeting and how ready its agenda is. */
export function NextMeetingReadiness({ readiness }: { readiness: AgendaReadiness[] }) {
  return (
    <div className={readiness.length > 1 ? "grid grid-cols-1 gap-x-8 lg:grid-cols-2" : "max-w-[44rem]"}>
      {readiness.map((r) => (
        <div key={r.panel}>
          <h3 className="heading-s mb-2">
            {r.meeting ? (
              <Link href={`/meetings/${r.meeting.id}`} className="link-no-visited">
                {PANEL_NAMES[r.panel]} on {formatDateTime(r.meeting.startsAt)}
              </Link>
            ) : (
              <>No {PANEL_NAMES[r.panel]} meeting is scheduled</>
            )}
          </h3>
          <p className="body-m mb-4">
            {r.meeting ? (
              <>
                {r.meeting.reference}, {r.meeting.venue ?? "venue not set"}
              </>
            ) : (
              <Link href="/meetings/new" className="link-no-visited">
                Schedule a {PANEL_NAMES[r.panel]} meeting
              </Link>
            )}
          </p>
          <Table
            caption={`Agenda readiness for the next ${PANEL_NAMES[r.panel]}`}
            captionHidden
            rows={checksOf(r)}
            rowKey={(c) => c.key}
            columns={[
              {
                key: "check",
                header: "Agenda",
                rowHeader: true,
                cell: (c) => (
                  <Link href={c.href} className="link-no-visited">
                    {c.label}
                  </Link>
                ),
              },
              { key: "count", header: "Number", numeric: true, cell: (c) => c.count },
              {
                key: "state",
                header: "Ready?",
                cell: (c) => (c.todo ? <Tag colour="orange">To do</Tag> : <Tag colour="green">Ready</Tag>),
              },
            ]}
          />
        </div>
      ))}
    </div>
  );
}
