"use client";

import { Checkboxes } from "@/components/ui/checkboxes";
import { datePartId } from "@/components/ui/date-input";
import { MeetingWhenFields } from "@/components/meetings/meeting-when-fields";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { useForm } from "@/components/forms/use-form";
import { correctMeetingAction } from "@/lib/meetings/actions";
import { CORRECT_MEETING_FIELDS, CORRECTION_REASON_MAX } from "@/lib/meetings/schema";

const hrefFor = (field: string) => (field === "date" ? `#${datePartId("date", "day")}` : `#${field}`);

/** A chair corrects a closed meeting's record: its date and time, who attended, and why. */
export function CorrectMeetingForm({
  meeting,
}: {
  meeting: {
    id: string;
    version: number;
    day: { day: string; month: string; year: string };
    time: string;
    attendeeIds: string[];
    organisations: { id: string; name: string; shortName: string }[];
  };
}) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(correctMeetingAction);
  const sent = state.values?.organisationIds;
  const attended = sent === undefined ? meeting.attendeeIds : Array.isArray(sent) ? sent : [sent];
  return (
    <>
      <FormProblems state={state} fields={CORRECT_MEETING_FIELDS} hrefFor={hrefFor} />
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="meetingId" value={meeting.id} />
        <input type="hidden" name="version" value={meeting.version} />
        <MeetingWhenFields hint="The date it was held, for example 20 4 2020" initial={meeting} submitted={submitted} errors={errors} />
        <Checkboxes
          name="organisationIds"
          legend="Organisations that attended"
          items={meeting.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.shortName})` }))}
          defaultValues={attended}
          error={errors.organisationIds}
        />
        <Textarea
          id="reason"
          label="Why is the record being corrected?"
          hint={`For example, "The minutes gave the wrong date". It is kept with the correction, on each case's timeline and in the audit trail. Up to ${CORRECTION_REASON_MAX.toLocaleString("en-GB")} characters.`}
          rows={3}
          defaultValue={submitted("reason") ?? ""}
          error={errors.reason}
        />
        <SubmitOrCancel pending={pending} cancelHref={`/meetings/${meeting.id}`}>
          Correct the record
        </SubmitOrCancel>
      </form>
    </>
  );
}
