"use client";

import { DateInput } from "@/components/ui/date-input";
import { TextInput } from "@/components/ui/text-input";
import type { FieldErrors } from "@/lib/errors";

/**
 * A meeting's date (three boxes) and start time, as the schedule, move and correct forms ask for
 * them: what was typed if the form came back, else the meeting's own (`initial`).
 */
export function MeetingWhenFields({
  hint,
  initial,
  submitted,
  errors,
}: {
  hint: string;
  initial?: { day: { day: string; month: string; year: string }; time: string };
  submitted: (name: string) => string | undefined;
  errors: FieldErrors;
}) {
  return (
    <>
      <DateInput
        id="date"
        legend="Date of the meeting"
        hint={hint}
        defaultValue={{
          day: submitted("date-day") ?? initial?.day.day,
          month: submitted("date-month") ?? initial?.day.month,
          year: submitted("date-year") ?? initial?.day.year,
        }}
        error={errors.date}
      />
      <TextInput
        id="time"
        label="Start time"
        hint="24-hour clock, London time, for example 1330 or 13:30"
        width={5}
        inputMode="numeric"
        defaultValue={submitted("time") ?? initial?.time ?? ""}
        error={errors.time}
      />
    </>
  );
}
