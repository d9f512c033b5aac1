import type { InputHTMLAttributes } from "react";
import { cx } from "./class-names";
import { Field, firstError, splitFieldProps, type FieldOwnProps } from "./field";

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

export type TextInputProps = FieldOwnProps & {
  /** Defaults to `id`. */
  name?: string;
  width?: InputWidth;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "className" | "aria-describedby" | "aria-invalid">;

export function TextInput({ name, width, type = "text", ...props }: TextInputProps) {
  const { field, control: inputProps } = splitFieldProps(props);
  const hasError = Boolean(firstError(field.error));
  return (
    <Field {...field}>
      {(control) => <input {...inputProps} {...control} name={name ?? field.id} type={type} className={inputClasses(hasError, width)} />}
    </Field>
  );
}
