"use client";

import { Button } from "@/components/ui/button";
import { Checkboxes } from "@/components/ui/checkboxes";
import { Radios } from "@/components/ui/radios";
import { Select } from "@/components/ui/select";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { changeUserAccessAction } from "@/lib/users/actions";
import { ROLE_HINTS, USER_ACCESS_FIELDS } from "@/lib/users/schema";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { Panel, Role } from "@/lib/generated/prisma/enums";
import { choicesOf } from "@/lib/incidents/labels";
import { isRestrictedPanel } from "@/lib/panels/rules";
import { PANEL_TITLES } from "@/lib/panels/labels";

/** Panels to tick; a restricted one the user is not on says that ticking it asks its chairs. */
export function panelChoices(current: readonly Panel[] = []) {
  return choicesOf(PANEL_TITLES).map((choice) =>
    isRestrictedPanel(choice.value as Panel) && !current.includes(choice.value as Panel)
      ? {
          ...choice,
          hint: `A ${PANEL_TITLES[choice.value as Panel]} chair must approve this before they join: ticking it sends them a request.`,
        }
      : choice,
  );
}

/** Role, organisation and panels in one form; applies from the user's next request. */
export function UserAccessForm({
  user,
  organisations,
  roles,
}: {
  user: { id: string; version: number; role: Role; organisationId: string; panels: Panel[] };
  organisations: { id: string; name: string }[];
  roles: Role[];
}) {
  const { state, formAction, pending, onSubmit, errors, submitted, submittedAll } = useForm(changeUserAccessAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={USER_ACCESS_FIELDS} />
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="version" value={user.version} />
      {organisations.length > 1 ? (
        <Select
          id="organisationId"
          label="Organisation"
          hint="Moving someone to another organisation signs them out."
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          defaultValue={submitted("organisationId") ?? user.organisationId}
          error={errors.organisationId}
        />
      ) : (
        <input type="hidden" name="organisationId" value={user.organisationId} />
      )}
      <Radios
        name="role"
        legend="Role"
        items={roles.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
        defaultValue={submitted("role") ?? user.role}
        error={errors.role}
      />
      <Checkboxes
        name="panels"
        legend="Panels"
        hint="Panel members see that panel's referrals, meetings and restricted cases."
        items={panelChoices(user.panels)}
        defaultValues={submittedAll("panels") ?? (state.values ? [] : user.panels)}
        error={errors.panels}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Save role, organisation and panels
      </Button>
    </form>
  );
}
