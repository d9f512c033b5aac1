"use client";

import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { useDraft } from "@/components/forms/drafts";
import { addNoteAction } from "@/lib/cases/actions";
import { NOTE_MAX } from "@/lib/cases/schema";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";

/** Adds a note to the case timeline. Notes are never edited afterwards: mistakes are corrected with a new entry. */
export function NoteForm({ caseId, submissionKey }: { caseId: string; submissionKey: string }) {
  const { state, formAction, pending, onSubmit, errors } = useForm(addNoteAction);
  // The note is kept in this browser as it is typed, until it is added (the case page then clears it).
  const { attachForm, banner } = useDraft(DRAFT_KEYS.caseNote(caseId));
  return (
    <>
      {banner}
      <FormProblems state={state} fields={["text"]} />
      <form ref={attachForm} method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <Textarea
          id="text"
          label="Add a note"
          labelSize="s"
          hint={`What happened or what you did, for partners to see. Notes cannot be changed or deleted later. Up to ${NOTE_MAX.toLocaleString("en-GB")} characters.`}
          rows={4}
          error={errors.text}
        />
        <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
          Add note
        </Button>
      </form>
    </>
  );
}
