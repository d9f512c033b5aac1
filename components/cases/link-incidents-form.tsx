"use client";

import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { TextInput } from "@/components/ui/text-input";
import { linkIncidentsAction } from "@/lib/cases/actions";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";

/** Links incidents to the case by their references. */
export function LinkIncidentsForm({ caseId, reference }: { caseId: string; reference: string }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(linkIncidentsAction);
  return (
    <>
      <FormProblems state={state} fields={["incidentReferences"]} />
      <PageHeading caption={`Case ${reference}`}>Add incidents to the case</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <TextInput
          id="incidentReferences"
          label="Incident references"
          hint="For example, INC-2026-000123. Separate several with commas or spaces. You can add incidents you can see that are not part of another case."
          autoComplete="off"
          spellCheck={false}
          defaultValue={submitted("incidentReferences")}
          error={errors.incidentReferences}
        />
        <p className="body-m">
          Looking for a reference? <Link href="/incidents?case=no">Find incidents that are not part of a case you can see</Link>.
        </p>
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}#incidents`}>
          Add incidents
        </SubmitOrCancel>
      </form>
    </>
  );
}
