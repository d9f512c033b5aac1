"use client";

import { Button } from "@/components/ui/button";
import { Checkboxes } from "@/components/ui/checkboxes";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import {
  createOrganisationAction,
  setMfaForAllAction,
  setOrganisationActiveAction,
  updateOrganisationAction,
} from "@/lib/organisations/actions";
import { ORGANISATION_FIELDS, ORGANISATION_KIND_LABELS } from "@/lib/organisations/schema";
import type { OrganisationKind } from "@/lib/generated/prisma/enums";
import { choicesOf } from "@/lib/incidents/labels";

type Existing = {
  id: string;
  version: number;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  mfaRequired: boolean;
  emailDomains: string[];
};

/** Adding an organisation, or changing one (`existing`). */
export function OrganisationForm({ existing }: { existing?: Existing }) {
  const { state, formAction, pending, onSubmit, errors, submitted, submittedAll } = useForm(
    existing ? updateOrganisationAction : createOrganisationAction,
  );
  const mfa = submittedAll("mfaRequired") ?? (state.values ? [] : existing?.mfaRequired ? ["yes"] : []);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={ORGANISATION_FIELDS} />
      {existing ? (
        <>
          <input type="hidden" name="organisationId" value={existing.id} />
          <input type="hidden" name="version" value={existing.version} />
        </>
      ) : null}
      <TextInput
        id="name"
        label="Name"
        hint="As partners know it, for example Kingsmere Homes"
        autoComplete="off"
        defaultValue={submitted("name") ?? existing?.name ?? ""}
        error={errors.name}
      />
      <TextInput
        id="shortName"
        label="Short name"
        hint="Shown in lists and tables, for example KH"
        width={10}
        autoComplete="off"
        defaultValue={submitted("shortName") ?? existing?.shortName ?? ""}
        error={errors.shortName}
      />
      <Select
        id="kind"
        label="Kind of organisation"
        placeholder="Choose a kind"
        options={choicesOf(ORGANISATION_KIND_LABELS)}
        defaultValue={submitted("kind") ?? existing?.kind ?? ""}
        error={errors.kind}
      />
      <TextInput
        id="emailDomains"
        label="Email domains"
        hint="Its users' email addresses must end in one of these. Separate them with commas, for example met.kingsmere.example, met.police.example"
        autoComplete="off"
        spellCheck={false}
        defaultValue={submitted("emailDomains") ?? existing?.emailDomains.join(", ") ?? ""}
        error={errors.emailDomains}
      />
      <Checkboxes
        name="mfaRequired"
        legend="Two-factor sign-in"
        items={[
          {
            value: "yes",
            label: "Require two-factor sign-in for this organisation's users",
            hint: "Users who have not set it up are asked to before they can do anything else.",
          },
        ]}
        defaultValues={mfa}
        error={errors.mfaRequired}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        {existing ? "Save changes" : "Add organisation"}
      </Button>
    </form>
  );
}

export function OrganisationActiveForm({ organisationId, active }: { organisationId: string; active: boolean }) {
  const { state, formAction, pending, onSubmit } = useForm(setOrganisationActiveAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
      <FormProblems state={state} fields={[]} />
      <input type="hidden" name="organisationId" value={organisationId} />
      <input type="hidden" name="active" value={active ? "no" : "yes"} />
      <p className="body-m">
        {active
          ? "Its users are signed out at once and cannot sign in while it is deactivated. Its records stay as they are."
          : "Its users can sign in again (unless their own accounts are disabled)."}
      </p>
      <Button type="submit" variant={active ? "warning" : "secondary"} disabled={pending} aria-disabled={pending}>
        {active ? "Deactivate organisation" : "Reactivate organisation"}
      </Button>
    </form>
  );
}

export function MfaForAllForm({ required }: { required: boolean }) {
  const { state, formAction, pending, onSubmit } = useForm(setMfaForAllAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={[]} />
      <Checkboxes
        name="requiredForAll"
        legend="Two-factor sign-in for everyone"
        items={[
          {
            value: "yes",
            label: "Require two-factor sign-in for every user in every organisation",
            hint: "Users who have not set it up are asked to before they can do anything else.",
          },
        ]}
        defaultValues={required ? ["yes"] : []}
      />
      <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
        Save
      </Button>
    </form>
  );
}
