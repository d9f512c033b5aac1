"use client";

import { Radios } from "@/components/ui/radios";
import { Button } from "@/components/ui/button";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { saveNotificationPreferencesAction } from "@/lib/notifications/actions";
import { DELIVERY_LABELS } from "@/lib/notifications/kinds";
import type { PreferenceRow } from "@/lib/notifications/data";
import type { NotificationDelivery } from "@/lib/generated/prisma/enums";

const DELIVERIES = Object.keys(DELIVERY_LABELS) as NotificationDelivery[];

/** For each kind of notification that has a choice: e-mailed at once, in the daily e-mail, or only in the service. */
export function PreferencesForm({ preferences }: { preferences: PreferenceRow[] }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(saveNotificationPreferencesAction);
  const groups = [...new Set(preferences.map((p) => p.group))];
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[48rem]">
      <FormProblems state={state} fields={preferences.map((p) => p.kind)} />
      {groups.map((group) => (
        <section key={group} aria-label={group} className="mb-4">
          <h3 className="heading-s">{group}</h3>
          {preferences
            .filter((p) => p.group === group)
            .map((p) => (
              <Radios
                key={p.kind}
                name={p.kind}
                legend={p.choice}
                legendSize="s"
                inline
                items={DELIVERIES.map((d) => ({ value: d, label: DELIVERY_LABELS[d] }))}
                defaultValue={submitted(p.kind) ?? p.delivery}
                error={errors[p.kind]}
              />
            ))}
        </section>
      ))}
      <p className="body-m">Messages about your account&apos;s security are always e-mailed to you at once.</p>
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Save notification choices
      </Button>
    </form>
  );
}
