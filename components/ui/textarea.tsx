import type { TextareaHTMLAttributes } from "react";
import { cx } from "./class-names";
import { Field, firstError, splitFieldProps, type FieldOwnProps } from "./field";

export type TextareaProps = FieldOwnProps & {
  /** Defaults to `id`. */
  name?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name" | "className" | "aria-describedby" | "aria-invalid">;

export function Textarea({ name, rows = 5, ...props }: TextareaProps) {
  const { field, control: textareaProps } = splitFieldProps(props);
  const hasError = Boolean(firstError(field.error));
  return (
    <Field {...field}>
      {(control) => (
        <textarea
          {...textareaProps}
          {...control}
          name={name ?? field.id}
          rows={rows}
          className={cx(
            "block w-full min-h-10 mb-0 p-[5px] rounded-none border-2 bg-white text-ink body-m resize-y appearance-none",
            hasError ? "border-error" : "border-border-input",
          )}
        />
      )}
    </Field>
  );
}
