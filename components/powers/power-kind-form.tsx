"use client";

import { Button } from "@/components/ui/button";
import { Checkboxes } from "@/components/ui/checkboxes";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { addPowerKindAction } from "@/lib/powers/actions";
import { POWER_KIND_FIELDS, POWER_KIND_FLAGS } from "@/lib/powers/schema";
import { choicesOf } from "@/lib/incidents/labels";

/** Adding a kind of power (the law changed): administrators only. */
export function PowerKindForm() {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(addPowerKindAction);
  const flags = state.values?.flags;
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={POWER_KIND_FIELDS} />
      <TextInput
        id="name"
        label="Name"
        hint="As officers know it, for example Community Protection Notice"
        defaultValue={submitted("name") ?? ""}
        error={errors.name}
      />
      <TextInput
        id="code"
        label="Short code"
        hint="Capital letters, numbers and underscores, for example CPN. Used in returns and exports."
        width={20}
        defaultValue={submitted("code") ?? ""}
        error={errors.code}
      />
      <Textarea
        id="legalBasis"
        label="Legal basis"
        hint="The Act and section, or “Non-statutory”"
        rows={2}
        defaultValue={submitted("legalBasis") ?? ""}
        error={errors.legalBasis}
      />
      <Checkboxes
        name="flags"
        legend="About this power"
        hint="Select all that apply"
        items={choicesOf(POWER_KIND_FLAGS)}
        defaultValues={Array.isArray(flags) ? flags : flags ? [flags] : []}
        error={errors.flags}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Add kind of power
      </Button>
    </form>
  );
}
