import type { InputHTMLAttributes, ReactNode } from "react";
import { cx } from "./class-names";
import { Field, firstError, type FieldError, type LabelSize } from "./field";

/** Widths in characters, as GOV.UK sizes inputs to the expected answer. */
export type InputWidth = 2 | 3 | 4 | 5 | 10 | 20 | 30 | "full";

export const INPUT_WIDTH_CLASSES: Record<InputWidth, string> = {
  2: "max-w-[5.4ex]",
  3: "max-w-[7.2ex]",
  4: "max-w-[9ex]",
  5: "max-w-[10.8ex]",
  10: "max-w-[23ex]",
  20: "max-w-[41ex]",
  30: "max-w-[59ex]",
  full: "",
};

export function inputClasses(hasError: boolean, width: InputWidth = "full", className?: string): string {
  return cx(
    "block w-full h-10 mt-0 px-[5px] py-[5px] rounded-none border-2 bg-white text-ink body-m appearance-none",
    hasError ? "border-error" : "border-border-input",
    INPUT_WIDTH_CLASSES[width],
    className,
  );
}

export type TextInputProps = {
  id: string;
  /** Defaults to `id`. */
  name?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  width?: InputWidth;
  labelSize?: LabelSize;
  labelIsPageHeading?: boolean;
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "className" | "aria-describedby" | "aria-invalid">;

export function TextInput({
  id,
  name,
  label,
  hint,
  error,
  width,
  labelSize,
  labelIsPageHeading,
  className,
  type = "text",
  ...inputProps
}: TextInputProps) {
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
        <input {...inputProps} {...control} name={name ?? id} type={type} className={inputClasses(hasError, width)} />
      )}
    </Field>
  );
}
