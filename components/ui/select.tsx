import type { SelectHTMLAttributes } from "react";
import { cx } from "./class-names";
import { Field, firstError, splitFieldProps, type FieldOwnProps } from "./field";

export type SelectOption = { value: string; label: string; disabled?: boolean };

export type SelectProps = Omit<FieldOwnProps, "labelIsPageHeading"> & {
  /** Defaults to `id`. */
  name?: string;
  options: readonly SelectOption[];
  /** A first option with an empty value, e.g. "Choose an organisation". */
  placeholder?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "name" | "className" | "children" | "aria-describedby" | "aria-invalid">;

export function Select({ name, options, placeholder, ...props }: SelectProps) {
  const { field, control: selectProps } = splitFieldProps(props);
  const hasError = Boolean(firstError(field.error));
  return (
    <Field {...field}>
      {(control) => (
        <select
          {...selectProps}
          {...control}
          name={name ?? field.id}
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
