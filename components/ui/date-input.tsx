import { Fieldset, firstError, type FieldsetProps } from "./field";
import { inputClasses } from "./text-input";

export type DatePart = "day" | "month" | "year";

export type DateInputValue = { day?: string; month?: string; year?: string };

export type DateInputProps = Omit<FieldsetProps, "children"> & {
  /** Parts get ids `${id}-day`, `${id}-month`, `${id}-year`; link errors to `#${id}-day`. */
  id: string;
  /** Parts post as `${name}-day`, `${name}-month`, `${name}-year`. Defaults to `id`. */
  name?: string;
  /** Which parts the error is about (they get the red border); all three when not given. */
  errorParts?: readonly DatePart[];
  defaultValue?: DateInputValue;
  /** For dates of birth: lets browsers fill in "bday-day" etc. */
  autoCompleteBirthday?: boolean;
};

export const datePartId = (id: string, part: DatePart) => `${id}-${part}`;

const PARTS: ReadonlyArray<{ part: DatePart; label: string; width: 2 | 4 }> = [
  { part: "day", label: "Day", width: 2 },
  { part: "month", label: "Month", width: 2 },
  { part: "year", label: "Year", width: 4 },
];

/** The GOV.UK date pattern: three short inputs (day, month, year) under one legend. */
export function DateInput({
  name,
  hint = "For example, 27 3 2026",
  errorParts,
  defaultValue,
  autoCompleteBirthday,
  ...fieldset
}: DateInputProps) {
  const { id } = fieldset;
  const hasError = Boolean(firstError(fieldset.error));
  return (
    <Fieldset {...fieldset} hint={hint}>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {PARTS.map(({ part, label, width }) => {
          const partId = datePartId(id, part);
          const partHasError = hasError && (errorParts === undefined || errorParts.includes(part));
          return (
            <div key={part}>
              <label htmlFor={partId} className="block mb-1 body-m">
                {label}
              </label>
              <input
                id={partId}
                name={`${name ?? id}-${part}`}
                type="text"
                inputMode="numeric"
                autoComplete={autoCompleteBirthday ? `bday-${part}` : "off"}
                defaultValue={defaultValue?.[part]}
                aria-invalid={partHasError ? true : undefined}
                className={inputClasses(partHasError, width)}
              />
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}
