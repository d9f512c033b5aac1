import type { FieldError } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { formatDateTime } from "@/lib/format/dates";

type ScheduledMeeting = { id: string; reference: string; startsAt: Date; agendaItems: number };

/**
 * A choice of scheduled meetings (to list a case at, to move an agenda to): each by its date,
 * reference and how full its agenda is. When there is only one, it is chosen already.
 */
export function MeetingSelect({
  id,
  label,
  hint,
  meetings,
  submitted,
  error,
}: {
  id: string;
  label: string;
  hint: string;
  meetings: readonly ScheduledMeeting[];
  /** What was chosen when the form was last posted. */
  submitted: string | undefined;
  error?: FieldError;
}) {
  return (
    <Select
      id={id}
      label={label}
      hint={hint}
      placeholder="Select a meeting"
      options={meetings.map((m) => ({
        value: m.id,
        label: `${formatDateTime(m.startsAt)} – ${m.reference} (${m.agendaItems} ${m.agendaItems === 1 ? "case" : "cases"} on the agenda)`,
      }))}
      defaultValue={submitted ?? (meetings.length === 1 ? meetings[0]!.id : "")}
      error={error}
    />
  );
}
