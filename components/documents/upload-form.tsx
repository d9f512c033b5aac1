"use client";

import { useState, type FormEvent } from "react";
import { Button, ButtonGroup } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { cx } from "@/components/ui/class-names";
import { attachDocumentAction } from "@/lib/documents/actions";
import { ACCEPTED_EXTENSIONS, FILE_MESSAGES, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_SIZE_LABEL } from "@/lib/documents/files";
import { DESCRIPTION_MAX, DOCUMENT_FIELDS } from "@/lib/documents/schema";
import type { CaseFormState } from "@/lib/cases/form-state";

// Adding a document to a case (the GOV.UK file upload pattern). The size is checked here before
// the file is sent, so a file over the limit gets the message by the field rather than a refused
// request; the server checks the size and the bytes again whatever the browser did. A browser
// cannot put a file back into a file input, so after an error the file must be chosen again (the
// description is kept).

/** `tooLarge`: a post over the size limit, sent back by proxy.ts (a browser without script). */
export function UploadForm({ caseId, tooLarge = false }: { caseId: string; tooLarge?: boolean }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(attachDocumentAction);
  const [tooBig, setTooBig] = useState<CaseFormState | null>(
    tooLarge ? { status: "invalid", fieldErrors: { file: [FILE_MESSAGES.size] } } : null,
  );
  const shown = tooBig ?? state;
  const fieldErrors = shown.fieldErrors ?? errors;

  function checkThenSubmit(event: FormEvent<HTMLFormElement>) {
    const file = new FormData(event.currentTarget).get("file");
    if (file instanceof File && file.size > MAX_DOCUMENT_BYTES) {
      event.preventDefault();
      setTooBig({ status: "invalid", fieldErrors: { file: [FILE_MESSAGES.size] } });
      return;
    }
    setTooBig(null);
    onSubmit(event);
  }

  return (
    <>
      <FormProblems state={shown} fields={DOCUMENT_FIELDS} />
      <form method="post" action={formAction} onSubmit={checkThenSubmit} noValidate encType="multipart/form-data" className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <Field
          id="file"
          label="Upload a file"
          labelSize="m"
          hint={`PDF, Word document (.docx), Excel spreadsheet (.xlsx), CSV, text file (.txt), JPEG or PNG image. Up to ${MAX_DOCUMENT_SIZE_LABEL}.`}
          error={fieldErrors.file}
        >
          {(control) => (
            <input
              {...control}
              name="file"
              type="file"
              accept={ACCEPTED_EXTENSIONS}
              className={cx("block max-w-full body-m p-[5px] border-2", fieldErrors.file ? "border-error" : "border-transparent")}
            />
          )}
        </Field>
        <Textarea
          id="description"
          label="Describe the document"
          hint={`What it is and why it matters to the case, for example “Victim’s noise diary, March 2026”. Everyone who can see the case can read it. Up to ${DESCRIPTION_MAX} characters.`}
          rows={3}
          defaultValue={submitted("description")}
          error={fieldErrors.description}
        />
        <ButtonGroup>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Uploading…" : "Add document"}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
