"use client";

import { Button } from "@/components/ui/button";
import { DateInput, datePartId } from "@/components/ui/date-input";
import { Radios } from "@/components/ui/radios";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { recordBreachAction } from "@/lib/powers/actions";
import { BREACH_ACTION_LABELS, BREACH_FIELDS } from "@/lib/powers/schema";
import { choicesOf } from "@/lib/incidents/labels";

const hrefFor = (field: string) => (field === "breachedOn" ? `#${datePartId("breachedOn", "day")}` : `#${field}`);

/** Recording a breach: when, and what was done about it. */
export function BreachForm({ powerId, version }: { powerId: string; version: number }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(recordBreachAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={BREACH_FIELDS} hrefFor={hrefFor} />
      <input type="hidden" name="powerId" value={powerId} />
      <input type="hidden" name="version" value={version} />
      <DateInput
        id="breachedOn"
        legend="Date of the breach"
        hint="For example, 27 3 2026. The power must have been in force that day."
        defaultValue={{ day: submitted("breachedOn-day"), month: submitted("breachedOn-month"), year: submitted("breachedOn-year") }}
        error={errors.breachedOn}
      />
      <Radios
        name="actionTaken"
        legend="Action taken"
        items={choicesOf(BREACH_ACTION_LABELS)}
        defaultValue={submitted("actionTaken")}
        error={errors.actionTaken}
      />
      <Textarea id="notes" label="Notes (optional)" rows={3} defaultValue={submitted("notes")} error={errors.notes} />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Record breach
      </Button>
    </form>
  );
}
