"use client";

import { Button } from "@/components/ui/button";
import { TextInput } from "@/components/ui/text-input";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { addToAgendaAction, closeMeetingAction, startMeetingAction } from "@/lib/meetings/actions";

/** The chair adds any case they can see to the agenda, by its reference. */
export function AddToAgendaForm({ meetingId }: { meetingId: string }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(addToAgendaAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={["caseReference"]} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <TextInput
        id="caseReference"
        label="Case reference"
        hint="For example, CASE-2026-000123"
        width={20}
        defaultValue={submitted("caseReference") ?? ""}
        error={errors.caseReference}
      />
      <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
        Add to the agenda
      </Button>
    </form>
  );
}

/** One button that posts the meeting's version: start, or close after the check page. */
function VersionButton({
  meetingId,
  version,
  action,
  label,
  variant,
}: {
  meetingId: string;
  version: number;
  action: typeof startMeetingAction;
  label: string;
  variant?: "primary" | "warning";
}) {
  const { state, formAction, pending, onSubmit } = useForm(action);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
      {/* A conflict (started, closed or cancelled elsewhere) is a message in the summary too. */}
      <FormProblems state={state.status === "conflict" ? { ...state, status: "error" } : state} fields={[]} />
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="version" value={version} />
      <Button type="submit" variant={variant} disabled={pending} aria-disabled={pending}>
        {label}
      </Button>
    </form>
  );
}

export function StartMeetingButton({ meetingId, version }: { meetingId: string; version: number }) {
  return <VersionButton meetingId={meetingId} version={version} action={startMeetingAction} label="Start the meeting" />;
}

export function CloseMeetingButton({ meetingId, version }: { meetingId: string; version: number }) {
  return (
    <VersionButton
      meetingId={meetingId}
      version={version}
      action={closeMeetingAction}
      label="Close the meeting and produce the minutes"
      variant="warning"
    />
  );
}
