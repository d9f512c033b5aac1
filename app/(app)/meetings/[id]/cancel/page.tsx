import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { CancelMeetingForm } from "@/components/meetings/cancel-form";
import { AgendaReasonTag } from "@/components/meetings/meeting-tags";
import { MeetingMarking } from "@/components/meetings/meeting-header";
import { MeetingRefusal } from "@/components/meetings/meeting-refusal";
import { requireActor } from "@/lib/auth/session";
import { cancellationFor } from "@/lib/meetings/data";
import { formatDateTime } from "@/lib/format/dates";
import { orNotFound } from "@/lib/not-found";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Cancel the meeting" };

type Props = { params: Promise<{ id: string }> };

/** `/meetings/[id]/cancel`: a chair of the panel cancels a scheduled meeting, through a check step. Anyone else: 404. */
export default async function CancelMeetingPage({ params }: Props) {
  const actor = await requireActor();
  const m = await orNotFound(cancellationFor(actor, (await params).id));
  const referrals = m.items.filter((i) => i.referral).length;
  return (
    <>
      <BackLink href={`/meetings/${m.id}`}>Back to the agenda</BackLink>
      <MeetingMarking panel={m.panel} />
      <PageHeading caption={`${PANEL_NAMES[m.panel]} meeting ${m.reference}`}>
        {m.refusal ? "You cannot cancel this meeting" : "Cancel the meeting"}
      </PageHeading>
      <div className="max-w-[40rem]">
        {m.refusal ? (
          <MeetingRefusal meetingId={m.id} reason={m.refusal} />
        ) : (
          <>
            <SummaryList
              rows={[
                { key: "Date and time", value: formatDateTime(m.startsAt) },
                { key: "Venue", value: m.venue ?? "Not set" },
                {
                  key: "Cases on the agenda",
                  value:
                    m.items.length === 0
                      ? "None"
                      : `${m.items.length} (${referrals} from ${referrals === 1 ? "a referral" : "referrals"}, ${m.items.length - referrals} for review)`,
                },
              ]}
            />
            {m.items.length > 0 ? (
              <ol className="list-decimal pl-6 mb-8 body-m">
                {m.items.map((i) => (
                  <li key={i.id} className="mb-2">
                    <strong>{i.case.reference}</strong>: {i.case.title} <AgendaReasonTag reason={i.reason} />
                    {i.referral ? ` (referral ${i.referral.reference})` : ""}
                  </li>
                ))}
              </ol>
            ) : null}
            <CancelMeetingForm
              meetingId={m.id}
              version={m.version}
              panel={m.panel}
              items={m.items.length}
              otherMeetings={m.otherMeetings}
            />
          </>
        )}
      </div>
    </>
  );
}
