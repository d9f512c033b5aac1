"use client";

import { Button } from "@/components/ui/button";
import { Radios } from "@/components/ui/radios";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { changePowerStatusAction } from "@/lib/powers/actions";
import { POWER_STATUS_LABELS } from "@/lib/powers/lifecycle";
import { POWER_STATUS_FIELDS } from "@/lib/powers/schema";
import type { PowerStatus } from "@/lib/generated/prisma/enums";

const HINTS: Partial<Record<PowerStatus, string>> = {
  ISSUED: "The appeal was dismissed: the power stands as issued",
  APPEALED: "An appeal has been lodged",
  VARIED: "The terms were changed (say how in the note)",
  DISCHARGED: "A court or the issuer ended it early",
};

/** Moving a power on, with a note partners read on the case timeline. */
export function PowerStatusForm({ powerId, version, choices }: { powerId: string; version: number; choices: PowerStatus[] }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(changePowerStatusAction);
  const items = choices.map((s) => ({
    value: s,
    label: s === "ISSUED" ? "Issued (appeal dismissed)" : POWER_STATUS_LABELS[s],
    hint: HINTS[s],
  }));
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]" aria-labelledby="status-heading">
      <FormProblems state={state} fields={POWER_STATUS_FIELDS} />
      <input type="hidden" name="powerId" value={powerId} />
      <input type="hidden" name="version" value={version} />
      <Radios
        name="status"
        legend={<span id="status-heading">Change the status</span>}
        legendSize="m"
        items={items}
        defaultValue={submitted("status")}
        error={errors.status}
      />
      <Textarea
        id="note"
        label="Note (optional)"
        hint="Why the status changed. Partners who can see the case read it on the timeline."
        rows={3}
        defaultValue={submitted("note")}
        error={errors.note}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Change status
      </Button>
    </form>
  );
}
