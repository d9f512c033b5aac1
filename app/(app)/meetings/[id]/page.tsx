import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { RiskTag } from "@/components/ui/tag";
import { firstParam, ownValue, type SearchParamsRecord } from "@/lib/search-params";
import { AgendaList } from "@/components/meetings/agenda-list";
import { AddToAgendaForm, StartMeetingButton } from "@/components/meetings/agenda-forms";
import { MeetingFacts, MeetingLinks, MeetingMarking } from "@/components/meetings/meeting-header";
import { requireActor } from "@/lib/auth/session";
import { addReviewCaseAction } from "@/lib/meetings/actions";
import { getMeeting, REVIEW_RULE, reviewCandidates } from "@/lib/meetings/data";
import { formatDateTime } from "@/lib/format/dates";
import { orNotFound } from "@/lib/not-found";
import { PANEL_NAMES } from "@/lib/panels/labels";

// No reference or names in the title: it ends up in browser history.
export const metadata: Metadata = { title: "Meeting agenda" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

const NOTICES: Record<string, { variant: "success" | "important"; text: string }> = {
  scheduled: { variant: "success", text: "Meeting scheduled" },
  held: {
    variant: "success",
    text: "Meeting recorded as held: now add the cases it heard, record each one in meeting mode, then close it",
  },
  added: { variant: "success", text: "Case added to the agenda" },
  cancelled: { variant: "success", text: "Meeting cancelled" },
  moved: { variant: "success", text: "Meeting moved. Those invited have been told, with an updated calendar invitation" },
  corrected: { variant: "success", text: "The meeting's record is corrected" },
  "not-added": { variant: "important", text: "That case could not be added: it may already be on the agenda, or closed." },
};

/** `/meetings/[id]`: the meeting and its agenda; for the panel's chair, changing the agenda and starting the meeting. */
export default async function MeetingPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const meeting = await orNotFound(getMeeting(actor, (await params).id));
  // The cases due for review are today's: a meeting recorded after it was held heard others.
  const candidates = meeting.mayRun && meeting.open && !meeting.recordedAfterwards ? await reviewCandidates(actor, meeting.id) : [];
  const notice = ownValue(NOTICES, firstParam((await searchParams).notice));
  return (
    <>
      <BackLink href="/meetings">Back to meetings</BackLink>
      {notice ? <NotificationBanner variant={notice.variant} heading={notice.text} /> : null}
      <MeetingMarking panel={meeting.panel} />
      <PageHeading caption={`${PANEL_NAMES[meeting.panel]} meeting`}>{meeting.reference}</PageHeading>
      <MeetingLinks meeting={meeting} current="agenda" />
      <div className="max-w-[50rem]">
        {meeting.cancellation ? (
          <NotificationBanner
            variant="important"
            title="Cancelled"
            role="region"
            heading={`This meeting was cancelled on ${formatDateTime(meeting.cancellation.at)} by ${meeting.cancellation.by}`}
          >
            <p className="body-m m-0 whitespace-pre-line">Reason: {meeting.cancellation.reason}</p>
            <p className="body-m mt-2 mb-0">Nothing more can be recorded at it. The agenda below is as it stood when it was cancelled.</p>
          </NotificationBanner>
        ) : null}
        <MeetingFacts meeting={meeting} />
        {meeting.mayRun && meeting.status === "SCHEDULED" ? (
          <div className="flex flex-wrap gap-x-4">
            <StartMeetingButton meetingId={meeting.id} version={meeting.version} />
            <Button href={`/meetings/${meeting.id}/reschedule`} variant="secondary">
              Change date, time or venue
            </Button>
            <Button href={`/meetings/${meeting.id}/cancel`} variant="secondary">
              Cancel the meeting
            </Button>
          </div>
        ) : null}
        {meeting.mayRun && meeting.status === "IN_PROGRESS" ? (
          <div className="flex flex-wrap gap-x-4">
            <Button href={`/meetings/${meeting.id}/run`}>Continue in meeting mode</Button>
            <Button href={`/meetings/${meeting.id}/close`} variant="secondary">
              Close the meeting
            </Button>
          </div>
        ) : null}

        {meeting.mayRun && meeting.status === "CLOSED" ? (
          <Button href={`/meetings/${meeting.id}/correct`} variant="secondary">
            Correct the meeting&apos;s record
          </Button>
        ) : null}
        {meeting.corrections.length > 0 ? (
          <section aria-labelledby="corrections-heading" id="corrections" className="mb-8">
            <h2 id="corrections-heading" className="heading-m">
              Corrections to this record
            </h2>
            <ul className="list-none p-0 m-0 border-t border-border">
              {meeting.corrections.map((c) => (
                <li key={c.id} className="py-3 border-b border-border body-m">
                  <p className="font-bold mb-1">
                    {formatDateTime(c.at)} by {c.by}
                  </p>
                  <ul className="mb-1">
                    {c.changes.map((change) => (
                      <li key={change.field}>
                        {change.field}: {change.from && change.to ? `${change.from}, now ${change.to}` : change.to || change.from}
                      </li>
                    ))}
                  </ul>
                  <p className="mb-0 whitespace-pre-line">Reason: {c.reason}</p>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section aria-labelledby="agenda-heading" id="agenda">
          <h2 id="agenda-heading" className="heading-m">
            Agenda ({meeting.items.length} {meeting.items.length === 1 ? "case" : "cases"})
          </h2>
          <AgendaList meetingId={meeting.id} items={meeting.items} mayReorder={meeting.mayRun && meeting.open} />
        </section>

        {meeting.mayRun && meeting.open ? (
          <>
            {meeting.recordedAfterwards ? null : (
              <section aria-labelledby="review-heading" className="mt-8">
                <h2 id="review-heading" className="heading-m">
                  Cases due for review, not on the agenda
                </h2>
                <p className="body-m text-ink-secondary">{REVIEW_RULE}</p>
                {candidates.length === 0 ? (
                  <p className="body-m">None.</p>
                ) : (
                  <ul className="list-none p-0 m-0 mb-6 border-t border-border">
                    {candidates.map((c) => (
                      <li key={c.id} className="py-3 border-b border-border flex flex-wrap gap-4 items-center justify-between">
                        <span className="body-m">
                          <strong>{c.reference}</strong>: {c.title} <RiskTag level={c.riskLevel} /> · {c.openMeetingActions} open{" "}
                          {c.openMeetingActions === 1 ? "action" : "actions"} from earlier meetings
                        </span>
                        <form method="post" action={addReviewCaseAction}>
                          <input type="hidden" name="meetingId" value={meeting.id} />
                          <input type="hidden" name="caseId" value={c.id} />
                          <button type="submit" className="app-button body-s px-2 py-1 border-2 border-ink bg-white">
                            Add to the agenda<span className="sr-only"> {c.reference}</span>
                          </button>
                        </form>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            )}
            <section aria-labelledby="add-heading" className="mt-8">
              <h2 id="add-heading" className="heading-m">
                {meeting.recordedAfterwards ? "Add a case it heard" : "Add another case"}
              </h2>
              <AddToAgendaForm meetingId={meeting.id} />
            </section>
          </>
        ) : null}
      </div>
    </>
  );
}
