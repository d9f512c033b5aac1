import Link from "next/link";
import { RestrictedBanner } from "@/components/ui/restricted-banner";
import { SummaryList } from "@/components/ui/summary-list";
import { formatDateTime } from "@/lib/format/dates";
import type { Panel } from "@/lib/generated/prisma/enums";
import { MINUTES_MARKING } from "@/lib/meetings/labels";
import type { MeetingView } from "@/lib/meetings/data";
import { MeetingStatusTag } from "./meeting-tags";

/** The protective marking on every MARAC meeting page, pack and minutes (printed too). */
export function MeetingMarking({ panel }: { panel: Panel }) {
  if (panel !== "MARAC") return null;
  return (
    <RestrictedBanner marking={MINUTES_MARKING}>
      Only MARAC panel members can see this meeting. Do not share it, or anything in it, beyond the panel.
    </RestrictedBanner>
  );
}

/** When, where, who chairs and who attends. */
export function MeetingFacts({
  meeting,
}: {
  meeting: Pick<MeetingView, "startsAt" | "venue" | "chair" | "status" | "attendees" | "cancellation" | "recordedAfterwards">;
}) {
  return (
    <SummaryList
      rows={[
        { key: "Date and time", value: formatDateTime(meeting.startsAt) },
        { key: "Venue", value: meeting.venue ?? "Not set" },
        { key: "Chair", value: `${meeting.chair.name} (${meeting.chair.organisationShortName})` },
        { key: "Status", value: <MeetingStatusTag status={meeting.status} /> },
        ...(meeting.recordedAfterwards ? [{ key: "Recorded", value: "After it was held, from its records" }] : []),
        ...(meeting.cancellation
          ? [
              {
                key: "Cancelled",
                value: (
                  <span className="whitespace-pre-line">{`${formatDateTime(meeting.cancellation.at)} by ${meeting.cancellation.by}. Reason: ${meeting.cancellation.reason}`}</span>
                ),
              },
            ]
          : []),
        {
          key: "Attending organisations",
          value:
            meeting.attendees.length === 0
              ? "None recorded"
              : meeting.attendees.map((a) => `${a.organisation.name}${a.present ? "" : " (apologies)"}`).join(", "),
        },
      ]}
    />
  );
}

/** Links between the meeting's pages. */
export function MeetingLinks({ meeting, current }: { meeting: Pick<MeetingView, "id" | "status" | "mayRun">; current: "agenda" | "pack" }) {
  const links = [
    { href: `/meetings/${meeting.id}`, label: "Agenda", here: current === "agenda" },
    { href: `/meetings/${meeting.id}/pack`, label: "Pre-meeting pack", here: current === "pack" },
    ...(meeting.mayRun && meeting.status === "IN_PROGRESS" ? [{ href: `/meetings/${meeting.id}/run`, label: "Meeting mode" }] : []),
    ...(meeting.status === "CLOSED" ? [{ href: `/meetings/${meeting.id}/minutes`, label: "Minutes" }] : []),
  ];
  return (
    <nav aria-label="This meeting" className="mb-6 print:hidden">
      <ul className="flex flex-wrap gap-x-6 gap-y-2 list-none p-0 m-0 body-m">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className="link-no-visited" aria-current={"here" in l && l.here ? "page" : undefined}>
              {l.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
