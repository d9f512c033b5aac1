"use client";

import { datePartId } from "@/components/ui/date-input";
import { MeetingWhenFields } from "@/components/meetings/meeting-when-fields";
import { TextInput } from "@/components/ui/text-input";
import { FormProblems } from "@/components/forms/form-problems";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { useForm } from "@/components/forms/use-form";
import { rescheduleMeetingAction } from "@/lib/meetings/actions";
import { RESCHEDULE_FIELDS } from "@/lib/meetings/schema";

const hrefFor = (field: string) => (field === "date" ? `#${datePartId("date", "day")}` : `#${field}`);

/** A chair moves a scheduled meeting: its date, start time and venue. */
export function RescheduleMeetingForm({
  meeting,
}: {
  meeting: { id: string; version: number; day: { day: string; month: string; year: string }; time: string; venue: string };
}) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(rescheduleMeetingAction);
  return (
    <>
      <FormProblems state={state} fields={RESCHEDULE_FIELDS} hrefFor={hrefFor} />
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="meetingId" value={meeting.id} />
        <input type="hidden" name="version" value={meeting.version} />
        <MeetingWhenFields hint="Today or later, for example 18 12 2026" initial={meeting} submitted={submitted} errors={errors} />
        <TextInput id="venue" label="Venue (optional)" defaultValue={submitted("venue") ?? meeting.venue} error={errors.venue} />
        <SubmitOrCancel pending={pending} cancelHref={`/meetings/${meeting.id}`}>
          Move the meeting
        </SubmitOrCancel>
      </form>
    </>
  );
}
