import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { WarningText } from "@/components/ui/warning-text";
import { CloseMeetingButton } from "@/components/meetings/agenda-forms";
import { MeetingMarking } from "@/components/meetings/meeting-header";
import { requireActor } from "@/lib/auth/session";
import { checkCloseMeeting } from "@/lib/meetings/data";
import { formatDateTime } from "@/lib/format/dates";
import { orNotFound } from "@/lib/not-found";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Close the meeting" };

type Props = { params: Promise<{ id: string }> };

/** `/meetings/[id]/close`: check before closing — what closing will do, then confirm. Chair only. */
export default async function CloseMeetingPage({ params }: Props) {
  const actor = await requireActor();
  const check = await orNotFound(checkCloseMeeting(actor, (await params).id));
  return (
    <>
      <BackLink href={`/meetings/${check.id}/run`}>Back to meeting mode</BackLink>
      <MeetingMarking panel={check.panel} />
      <PageHeading caption={`${PANEL_NAMES[check.panel]} meeting ${check.reference}`}>Close the meeting</PageHeading>
      <div className="max-w-[40rem]">
        <p className="body-m">
          Closing the meeting produces its minutes and an action list per organisation, as a PDF and a printable page. After closing,
          nothing more can be recorded at this meeting.
        </p>
        <SummaryList
          rows={[
            { key: "Meeting", value: `${check.reference}, ${formatDateTime(check.startsAt)}` },
            { key: "Cases on the agenda", value: String(check.items) },
            { key: "Cases reviewed", value: `${check.reviewed} of ${check.items}` },
            { key: "Actions agreed", value: String(check.actionsAgreed) },
          ]}
        />
        {check.notReviewed.length > 0 ? (
          <WarningText>
            {check.notReviewed.length === 1 ? "1 case has" : `${check.notReviewed.length} cases have`} not been marked as reviewed:{" "}
            {check.notReviewed.map((c) => c.reference).join(", ")}. They will be minuted as not reviewed.
          </WarningText>
        ) : null}
        {check.status === "IN_PROGRESS" ? (
          <CloseMeetingButton meetingId={check.id} version={check.version} />
        ) : check.status === "CLOSED" ? (
          <p className="body-m">
            This meeting is already closed. <Link href={`/meetings/${check.id}/minutes`}>Read the minutes</Link>.
          </p>
        ) : check.status === "CANCELLED" ? (
          <p className="body-m">This meeting was cancelled: it cannot be started or closed.</p>
        ) : (
          <p className="body-m">Start the meeting before closing it.</p>
        )}
      </div>
    </>
  );
}
