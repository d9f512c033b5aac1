import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { CorrectMeetingForm } from "@/components/meetings/correct-form";
import { MeetingMarking } from "@/components/meetings/meeting-header";
import { MeetingRefusal } from "@/components/meetings/meeting-refusal";
import { requireActor } from "@/lib/auth/session";
import { datePartsOf, timeOf } from "@/lib/incidents/date-fields";
import { meetingToCorrect } from "@/lib/meetings/data";
import { orNotFound } from "@/lib/not-found";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Correct the meeting's record" };

type Props = { params: Promise<{ id: string }> };

/** `/meetings/[id]/correct`: a chair of the panel corrects a closed meeting's record. Anyone else: 404. */
export default async function CorrectMeetingPage({ params }: Props) {
  const actor = await requireActor();
  const m = await orNotFound(meetingToCorrect(actor, (await params).id));
  return (
    <>
      <BackLink href={`/meetings/${m.id}`}>Back to the meeting</BackLink>
      <MeetingMarking panel={m.panel} />
      <PageHeading caption={`${PANEL_NAMES[m.panel]} meeting ${m.reference}`}>Correct the meeting&apos;s record</PageHeading>
      {m.refusal ? (
        <MeetingRefusal meetingId={m.id} reason={m.refusal} />
      ) : (
        <>
          <p className="body-m max-w-[40rem]">
            Correct a wrong date or time, or who attended. The meeting keeps its reference; what it decided stays on each case&apos;s
            timeline, with this correction beside it.
          </p>
          <CorrectMeetingForm
            meeting={{
              id: m.id,
              version: m.version,
              day: datePartsOf(m.startsAt),
              time: timeOf(m.startsAt),
              attendeeIds: m.attendeeIds,
              organisations: m.organisations,
            }}
          />
        </>
      )}
    </>
  );
}
