import { Choices, type ChoicesCommonProps } from "./choices";

export type { ChoiceItem } from "./choices";

export type CheckboxesProps = ChoicesCommonProps & {
  /** Uncontrolled: the values checked initially. */
  defaultValues?: readonly string[];
  /** Controlled: pass with `onChange`. */
  values?: readonly string[];
  onChange?: (values: string[]) => void;
};

/** Choose any number; the form posts every checked value under `name`. */
export function Checkboxes({ defaultValues = [], values, onChange, ...props }: CheckboxesProps) {
  const controlled = values !== undefined;
  return (
    <Choices
      {...props}
      type="checkbox"
      isChecked={(itemValue) =>
        controlled ? { checked: values.includes(itemValue) } : { defaultChecked: defaultValues.includes(itemValue) }
      }
      onToggle={
        onChange
          ? (itemValue, checked) => {
              const current = values ?? [];
              onChange(checked ? [...current, itemValue] : current.filter((v) => v !== itemValue));
            }
          : undefined
      }
    />
  );
}
