import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { RescheduleMeetingForm } from "@/components/meetings/reschedule-form";
import { MeetingMarking } from "@/components/meetings/meeting-header";
import { MeetingRefusal } from "@/components/meetings/meeting-refusal";
import { requireActor } from "@/lib/auth/session";
import { datePartsOf, timeOf } from "@/lib/incidents/date-fields";
import { meetingToReschedule } from "@/lib/meetings/data";
import { orNotFound } from "@/lib/not-found";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Change the meeting's date, time or venue" };

type Props = { params: Promise<{ id: string }> };

/** `/meetings/[id]/reschedule`: a chair of the panel moves a scheduled meeting. Anyone else: 404. */
export default async function RescheduleMeetingPage({ params }: Props) {
  const actor = await requireActor();
  const m = await orNotFound(meetingToReschedule(actor, (await params).id));
  return (
    <>
      <BackLink href={`/meetings/${m.id}`}>Back to the meeting</BackLink>
      <MeetingMarking panel={m.panel} />
      <PageHeading caption={`${PANEL_NAMES[m.panel]} meeting ${m.reference}`}>
        {m.refusal ? "You cannot move this meeting" : "Change the date, time or venue"}
      </PageHeading>
      {m.refusal ? (
        <MeetingRefusal meetingId={m.id} reason={m.refusal} />
      ) : (
        <>
          <p className="body-m max-w-[40rem]">
            The meeting keeps its reference and its agenda. Members of the panel in the organisations invited are told, with an updated
            calendar invitation that moves the one they have.
          </p>
          <RescheduleMeetingForm
            meeting={{ id: m.id, version: m.version, day: datePartsOf(m.startsAt), time: timeOf(m.startsAt), venue: m.venue ?? "" }}
          />
        </>
      )}
    </>
  );
}
