import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { BackLink } from "@/components/ui/back-link";
import { ScheduleMeetingForm } from "@/components/meetings/schedule-form";
import { requirePermission } from "@/lib/auth/session";
import { scheduleChoices } from "@/lib/meetings/data";
import { refusePage } from "@/lib/auth/refuse";

export const metadata: Metadata = { title: "Schedule a meeting" };

/** `/meetings/new`: a chair schedules a meeting of a panel they chair. */
export default async function NewMeetingPage() {
  const actor = await requirePermission("meeting:run");
  const choices = await scheduleChoices(actor);
  if (choices.panels.length === 0) await refusePage(actor, "meeting:run");
  return (
    <>
      <BackLink href="/meetings">Back to meetings</BackLink>
      <ScheduleMeetingForm submissionKey={randomUUID()} choices={choices} actorId={actor.userId} />
    </>
  );
}
