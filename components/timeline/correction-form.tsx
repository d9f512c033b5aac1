"use client";

import type { ReactNode } from "react";
import { PageHeading } from "@/components/ui/page-heading";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { correctEntryAction } from "@/lib/cases/actions";
import { NOTE_MAX } from "@/lib/cases/schema";

/** Corrects a timeline entry with a new entry; the original stays as it was (`children` shows it). */
export function CorrectionForm({
  caseId,
  reference,
  entryId,
  children,
}: {
  caseId: string;
  reference: string;
  entryId: string;
  children: ReactNode;
}) {
  const { state, formAction, pending, onSubmit, errors } = useForm(correctEntryAction);
  return (
    <>
      <FormProblems state={state} fields={["text"]} />
      <PageHeading caption={`Case ${reference}`}>Correct a timeline entry</PageHeading>
      {children}
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="entryId" value={entryId} />
        <Textarea
          id="text"
          label="What is the correction?"
          hint={`Say what was wrong and what is right. The correction is shown beside the original entry. Up to ${NOTE_MAX.toLocaleString("en-GB")} characters.`}
          rows={5}
          error={errors.text}
        />
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}#entry-${entryId}`}>
          Add correction
        </SubmitOrCancel>
      </form>
    </>
  );
}
