"use client";

import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { PersonPicker } from "@/components/incidents/pickers";
import { addPersonAction } from "@/lib/cases/actions";
import { choicesOf, ROLE_LABELS } from "@/lib/incidents/labels";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";

const ROLES = choicesOf(ROLE_LABELS);

/** Adds a person the officer can find to the case, in a role. */
export function AddPersonForm({ caseId, reference }: { caseId: string; reference: string }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(addPersonAction);
  return (
    <>
      <FormProblems state={state} fields={["personId", "role"]} />
      <PageHeading caption={`Case ${reference}`}>Add a person to the case</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <PersonPicker
          id="personId"
          name="personId"
          label="Person"
          hint="Type part of their name, then choose them from the list. People only appear if you can see them."
          error={errors.personId}
        />
        <Radios name="role" legend="Their role in the case" items={ROLES} defaultValue={submitted("role")} error={errors.role} />
        <p className="body-m">
          Not found? <Link href="/people/new">Add a new person</Link> first, then come back to this case.
        </p>
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}#people`}>
          Add person
        </SubmitOrCancel>
      </form>
    </>
  );
}
