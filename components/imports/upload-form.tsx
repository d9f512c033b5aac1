"use client";

import { useState, type FormEvent } from "react";
import { Button, ButtonGroup } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Radios } from "@/components/ui/radios";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { cx } from "@/components/ui/class-names";
import { uploadImportAction } from "@/lib/imports/actions";
import { IMPORT_KIND_HINTS, IMPORT_KIND_LABELS } from "@/lib/imports/columns";
import { MAX_IMPORT_BYTES, MAX_IMPORT_SIZE_LABEL } from "@/lib/imports/limits";
import type { FormState } from "@/lib/forms";
import type { ImportKind } from "@/lib/generated/prisma/enums";

// Uploading a file to import (the GOV.UK file upload pattern): what it holds, and the file. The size
// is checked here first so a file over the limit gets its message by the field; the server checks
// the size and the bytes again. A browser cannot put a file back into a file input, so after an
// error the file must be chosen again (the kind is kept).

const FIELDS = ["kind", "file"] as const;
const SIZE_MESSAGE = `The selected file must be ${MAX_IMPORT_SIZE_LABEL} or smaller`;

export function ImportUploadForm({ kinds, tooLarge = false }: { kinds: readonly ImportKind[]; tooLarge?: boolean }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(uploadImportAction);
  const [tooBig, setTooBig] = useState<FormState | null>(tooLarge ? { status: "invalid", fieldErrors: { file: [SIZE_MESSAGE] } } : null);
  const shown = tooBig ?? state;
  const fieldErrors = shown.fieldErrors ?? errors;

  function checkThenSubmit(event: FormEvent<HTMLFormElement>) {
    const file = new FormData(event.currentTarget).get("file");
    if (file instanceof File && file.size > MAX_IMPORT_BYTES) {
      event.preventDefault();
      setTooBig({ status: "invalid", fieldErrors: { file: [SIZE_MESSAGE] } });
      return;
    }
    setTooBig(null);
    onSubmit(event);
  }

  return (
    <>
      <FormProblems state={shown} fields={FIELDS} />
      <form method="post" action={formAction} onSubmit={checkThenSubmit} noValidate encType="multipart/form-data" className="max-w-[40rem]">
        <Radios
          name="kind"
          legend="What does the file hold?"
          legendSize="m"
          items={kinds.map((kind) => ({ value: kind, label: IMPORT_KIND_LABELS[kind], hint: IMPORT_KIND_HINTS[kind] }))}
          defaultValue={submitted("kind")}
          error={fieldErrors.kind}
        />
        <Field
          id="file"
          label="Upload a file"
          labelSize="m"
          hint={`A CSV (saved as CSV UTF-8) or an Excel workbook (.xlsx), in the layout below. Up to ${MAX_IMPORT_SIZE_LABEL}. Nothing is imported until you have seen the check.`}
          error={fieldErrors.file}
        >
          {(control) => (
            <input
              {...control}
              name="file"
              type="file"
              accept=".csv,.xlsx"
              className={cx("block max-w-full body-m p-[5px] border-2", fieldErrors.file ? "border-error" : "border-transparent")}
            />
          )}
        </Field>
        <ButtonGroup>
          <Button type="submit" disabled={pending} aria-disabled={pending}>
            {pending ? "Uploading…" : "Upload and check"}
          </Button>
        </ButtonGroup>
      </form>
    </>
  );
}
