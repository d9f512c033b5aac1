import type { ReactNode } from "react";
import { Fieldset, type FieldError, type LabelSize } from "./field";
import { inputClasses } from "./text-input";

export type DatePart = "day" | "month" | "year";

export type DateInputValue = { day?: string; month?: string; year?: string };

export type DateInputProps = {
  /** Parts get ids `${id}-day`, `${id}-month`, `${id}-year`; link errors to `#${id}-day`. */
  id: string;
  /** Parts post as `${name}-day`, `${name}-month`, `${name}-year`. Defaults to `id`. */
  name?: string;
  legend: ReactNode;
  legendSize?: LabelSize;
  legendIsPageHeading?: boolean;
  hint?: ReactNode;
  error?: FieldError;
  /** Which parts the error is about (they get the red border); all three when not given. */
  errorParts?: readonly DatePart[];
  defaultValue?: DateInputValue;
  /** For dates of birth: lets browsers fill in "bday-day" etc. */
  autoCompleteBirthday?: boolean;
  className?: string;
};

export const datePartId = (id: string, part: DatePart) => `${id}-${part}`;

const PARTS: ReadonlyArray<{ part: DatePart; label: string; width: 2 | 4 }> = [
  { part: "day", label: "Day", width: 2 },
  { part: "month", label: "Month", width: 2 },
  { part: "year", label: "Year", width: 4 },
];

/** The GOV.UK date pattern: three short inputs (day, month, year) under one legend. */
export function DateInput({
  id,
  name = id,
  legend,
  legendSize,
  legendIsPageHeading,
  hint = "For example, 27 3 2026",
  error,
  errorParts,
  defaultValue,
  autoCompleteBirthday,
  className,
}: DateInputProps) {
  const hasError = Boolean(typeof error === "string" ? error : error?.[0]);
  return (
    <Fieldset
      id={id}
      legend={legend}
      legendSize={legendSize}
      legendIsPageHeading={legendIsPageHeading}
      hint={hint}
      error={error}
      className={className}
    >
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
                name={`${name}-${part}`}
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
