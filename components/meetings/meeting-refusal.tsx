import Link from "next/link";

/** Why the chair cannot do this to the meeting now (it has started, closed, or was cancelled), and the way back. */
export function MeetingRefusal({ meetingId, reason }: { meetingId: string; reason: string }) {
  return (
    <div className="max-w-[40rem]">
      <p className="body-m">{reason}</p>
      <p className="body-m">
        <Link href={`/meetings/${meetingId}`}>Go back to the meeting</Link>
      </p>
    </div>
  );
}
