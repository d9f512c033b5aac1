import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { StartMeetingButton } from "@/components/meetings/agenda-forms";
import { MeetingMarking } from "@/components/meetings/meeting-header";
import { MeetingMode } from "@/components/meetings/meeting-mode";
import { Button } from "@/components/ui/button";
import { requireActor } from "@/lib/auth/session";
import { getMeetingForRun } from "@/lib/meetings/data";
import { orNotFound } from "@/lib/not-found";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Meeting mode" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ case?: string | string[] }> };

/**
 * `/meetings/[id]/run`: meeting mode, for a chair of the panel only (anyone else: 404). `?case=2`
 * opens at that agenda position (the way back from the presentation).
 */
export default async function MeetingModePage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const meeting = await orNotFound(getMeetingForRun(actor, (await params).id));
  return (
    <>
      <BackLink href={`/meetings/${meeting.id}`}>Back to the agenda</BackLink>
      <MeetingMarking panel={meeting.panel} />
      <PageHeading caption={`${PANEL_NAMES[meeting.panel]} meeting ${meeting.reference}`}>Meeting mode</PageHeading>
      {meeting.status === "SCHEDULED" ? (
        <>
          <p className="body-m">The meeting has not started. Start it to record discussions, decisions and actions.</p>
          <StartMeetingButton meetingId={meeting.id} version={meeting.version} />
        </>
      ) : meeting.status === "CLOSED" ? (
        <p className="body-m">
          This meeting is closed: nothing more can be recorded. <Link href={`/meetings/${meeting.id}/minutes`}>Read the minutes</Link>.
        </p>
      ) : meeting.status === "CANCELLED" ? (
        <p className="body-m">This meeting was cancelled.</p>
      ) : (
        <>
          <MeetingMode
            meetingId={meeting.id}
            items={meeting.items}
            organisations={meeting.attendees.filter((a) => a.present).map((a) => a.organisation)}
            officers={meeting.officers}
            held={meeting.recordedAfterwards}
            askedPosition={(await searchParams).case}
          />
          <div className="mt-10 pt-6 border-t-2 border-border">
            <Button href={`/meetings/${meeting.id}/close`} variant="warning">
              Close the meeting
            </Button>
          </div>
        </>
      )}
    </>
  );
}
