"use client";

import { Button } from "@/components/ui/button";
import { Radios } from "@/components/ui/radios";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { HappenedOnField } from "@/components/forms/happened-on-field";
import { formatDate } from "@/lib/format/dates";
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

/**
 * Moving a power on, with a note partners read on the case timeline: today, or on the day it
 * happened when it is recorded afterwards (lib/history). A power ended by its expiry date alone
 * can still take a change dated before then.
 */
export function PowerStatusForm({
  powerId,
  version,
  choices,
  notBefore,
  expiredOn,
}: {
  powerId: string;
  version: number;
  choices: PowerStatus[];
  /** The earliest day a change may be dated, and why ("the power was issued"). */
  notBefore: { at: Date; what: string };
  expiredOn: Date | null;
}) {
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
        hint={
          expiredOn
            ? `This power expired on ${formatDate(expiredOn)}. You can still record a change made before then: give the date it happened.`
            : undefined
        }
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
      <HappenedOnField
        what="the status changed"
        error={errors.happenedOn}
        defaultValue={{ day: submitted("happenedOn-day"), month: submitted("happenedOn-month"), year: submitted("happenedOn-year") }}
        earliest={`${formatDate(notBefore.at)}, when ${notBefore.what}`}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Change status
      </Button>
    </form>
  );
}
