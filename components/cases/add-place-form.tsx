"use client";

import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { PlacePicker } from "@/components/incidents/pickers";
import { addPlaceAction } from "@/lib/cases/actions";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";

/** Adds a place the officer can find to the case. */
export function AddPlaceForm({ caseId, reference }: { caseId: string; reference: string }) {
  const { state, formAction, pending, onSubmit, errors } = useForm(addPlaceAction);
  return (
    <>
      <FormProblems state={state} fields={["locationId"]} />
      <PageHeading caption={`Case ${reference}`}>Add a place to the case</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <PlacePicker
          id="locationId"
          name="locationId"
          label="Place"
          hint="Type part of the address or the postcode, then choose the place from the list."
          error={errors.locationId}
        />
        <p className="body-m">
          Not found? <Link href="/places/new">Add a new place</Link> first, then come back to this case.
        </p>
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}#places`}>
          Add place
        </SubmitOrCancel>
      </form>
    </>
  );
}
