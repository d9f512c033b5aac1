import { Choices, type ChoicesCommonProps } from "./choices";

export type { ChoiceItem } from "./choices";

export type RadiosProps = ChoicesCommonProps & {
  /** Uncontrolled: the value checked initially (e.g. what the user submitted last time). */
  defaultValue?: string | null;
  /** Controlled: pass with `onChange`. */
  value?: string | null;
  onChange?: (value: string) => void;
  required?: boolean;
};

/** Choose exactly one. */
export function Radios({ defaultValue, value, onChange, ...props }: RadiosProps) {
  const controlled = value !== undefined;
  return (
    <Choices
      {...props}
      type="radio"
      isChecked={(itemValue) => (controlled ? { checked: itemValue === value } : { defaultChecked: itemValue === defaultValue })}
      onToggle={onChange ? (itemValue, checked) => checked && onChange(itemValue) : undefined}
    />
  );
}
