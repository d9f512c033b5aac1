import type { Metadata } from "next";
import Link from "next/link";
import { PageWidth } from "@/components/layout/page-width";
import { MeetingMarking } from "@/components/meetings/meeting-header";
import { MeetingPresentation } from "@/components/meetings/meeting-presentation";
import { PageHeading } from "@/components/ui/page-heading";
import { requireActor } from "@/lib/auth/session";
import { getMeetingForRun } from "@/lib/meetings/data";
import { orNotFound } from "@/lib/not-found";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Meeting presentation" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ case?: string | string[] }> };

/**
 * `/meetings/[id]/present?case=2`: the case on screen in meeting mode, for a projector, without
 * the service's header and navigation (app/(presentation)/layout). Whoever may run the meeting in
 * meeting mode, through the same data-layer read (a chair of its panel; anyone else: 404).
 */
export default async function MeetingPresentationPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const meeting = await orNotFound(getMeetingForRun(actor, (await params).id));
  if (meeting.status === "IN_PROGRESS")
    return (
      <MeetingPresentation
        meeting={{ id: meeting.id, reference: meeting.reference, panel: meeting.panel }}
        items={meeting.items}
        askedPosition={(await searchParams).case}
      />
    );
  return (
    <PageWidth className="py-8">
      <MeetingMarking panel={meeting.panel} />
      <PageHeading caption={`${PANEL_NAMES[meeting.panel]} meeting ${meeting.reference}`}>Meeting presentation</PageHeading>
      <p className="body-m">
        {meeting.status === "SCHEDULED"
          ? "The meeting has not started: its cases are presented once it is started in meeting mode."
          : meeting.status === "CLOSED"
            ? "This meeting is closed: there is nothing more to present."
            : "This meeting was cancelled."}
      </p>
      <p className="body-m">
        <Link href={meeting.status === "SCHEDULED" ? `/meetings/${meeting.id}/run` : `/meetings/${meeting.id}`}>
          {meeting.status === "SCHEDULED" ? "Go to meeting mode" : "Go back to the meeting"}
        </Link>
      </p>
    </PageWidth>
  );
}
