import type { ReactNode, SelectHTMLAttributes } from "react";
import { cx } from "./class-names";
import { Field, firstError, type FieldError, type LabelSize } from "./field";

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectProps = {
  id: string;
  /** Defaults to `id`. */
  name?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  options: readonly SelectOption[];
  /** A first option with an empty value, e.g. "Choose an organisation". */
  placeholder?: string;
  labelSize?: LabelSize;
  className?: string;
} & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  "id" | "name" | "className" | "children" | "aria-describedby" | "aria-invalid"
>;

export function Select({
  id,
  name,
  label,
  hint,
  error,
  options,
  placeholder,
  labelSize,
  className,
  ...selectProps
}: SelectProps) {
  const hasError = Boolean(firstError(error));
  return (
    <Field id={id} label={label} hint={hint} error={error} labelSize={labelSize} className={className}>
      {(control) => (
        <select
          {...selectProps}
          {...control}
          name={name ?? id}
          className={cx(
            "block h-10 min-w-[11.5em] max-w-full px-[5px] rounded-none border-2 bg-white text-ink body-m",
            hasError ? "border-error" : "border-border-input",
          )}
        >
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
