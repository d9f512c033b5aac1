import type { ReactNode } from "react";
import { cx } from "./class-names";
import { Fieldset, type FieldsetProps } from "./field";

// Radios and checkboxes share one layout: a fieldset with a legend, and one large (40px) control
// per item. The first item's id is `idPrefix` itself, so an error summary can link to `#${idPrefix}`.

export type ChoiceItem = {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
};

export type ChoicesCommonProps = Omit<FieldsetProps, "id" | "children"> & {
  name: string;
  /** Defaults to `name`. */
  idPrefix?: string;
  items: readonly ChoiceItem[];
  /** Side by side (for two or three short answers such as Yes / No). */
  inline?: boolean;
};

export const choiceItemId = (idPrefix: string, index: number) => (index === 0 ? idPrefix : `${idPrefix}-${index + 1}`);

export function Choices({
  type,
  name,
  idPrefix = name,
  items,
  inline,
  isChecked,
  onToggle,
  required,
  ...fieldset
}: ChoicesCommonProps & {
  type: "radio" | "checkbox";
  /** `undefined` leaves the input uncontrolled (defaultChecked is used instead). */
  isChecked: (value: string) => { checked?: boolean; defaultChecked?: boolean };
  onToggle?: (value: string, checked: boolean) => void;
  required?: boolean;
}) {
  return (
    <Fieldset {...fieldset} id={idPrefix}>
      <div className={cx(inline && "sm:flex sm:flex-wrap sm:gap-x-5")}>
        {items.map((item, index) => {
          const id = choiceItemId(idPrefix, index);
          const itemHintId = item.hint ? `${id}-item-hint` : undefined;
          return (
            <div key={item.value} className={cx("choice", type === "radio" ? "choice-radio" : "choice-checkbox")}>
              <input
                className="choice-input"
                id={id}
                name={name}
                type={type}
                value={item.value}
                disabled={item.disabled}
                required={required && type === "radio" ? true : undefined}
                aria-describedby={itemHintId}
                onChange={onToggle ? (event) => onToggle(item.value, event.currentTarget.checked) : undefined}
                {...isChecked(item.value)}
              />
              <label className="choice-label body-m" htmlFor={id}>
                {item.label}
              </label>
              {item.hint ? (
                <div id={itemHintId} className="choice-hint body-m">
                  {item.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
