import type { ReactNode, TextareaHTMLAttributes } from "react";
import { cx } from "./class-names";
import { Field, firstError, type FieldError, type LabelSize } from "./field";

export type TextareaProps = {
  id: string;
  /** Defaults to `id`. */
  name?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
  className?: string;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "name" | "className" | "aria-describedby" | "aria-invalid">;

export function Textarea({
  id,
  name,
  label,
  hint,
  error,
  labelSize,
  labelIsPageHeading,
  className,
  rows = 5,
  ...textareaProps
}: TextareaProps) {
  const hasError = Boolean(firstError(error));
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      error={error}
      labelSize={labelSize}
      labelIsPageHeading={labelIsPageHeading}
      className={className}
    >
      {(control) => (
        <textarea
          {...textareaProps}
          {...control}
          name={name ?? id}
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
