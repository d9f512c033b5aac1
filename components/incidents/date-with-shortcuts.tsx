"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Fieldset, firstError, type FieldError } from "@/components/ui/field";
import { inputClasses } from "@/components/ui/text-input";
import { londonDayBefore, type DatePartsValue } from "@/lib/incidents/date-fields";

// The GOV.UK date input (day, month, year) with "Today" and "Yesterday" buttons underneath: most
// incidents are logged the same day or the morning after. Controlled, so the buttons can fill it.

const PARTS = [
  { part: "day", label: "Day", width: 2 },
  { part: "month", label: "Month", width: 2 },
  { part: "year", label: "Year", width: 4 },
] as const;

export type Shortcut = { label: string; daysAgo: number };

export const TODAY_YESTERDAY: readonly Shortcut[] = [
  { label: "Today", daysAgo: 0 },
  { label: "Yesterday", daysAgo: 1 },
];

export function DateWithShortcuts({
  id,
  name = id,
  legend,
  hint = "For example, 27 3 2026",
  error,
  value,
  onChange,
  shortcuts = TODAY_YESTERDAY,
  focusAfterShortcut,
}: {
  id: string;
  name?: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: FieldError;
  value: DatePartsValue;
  onChange: (value: DatePartsValue) => void;
  shortcuts?: readonly Shortcut[];
  /** The control to move to after a shortcut fills the date (usually the time). */
  focusAfterShortcut?: string;
}) {
  const hasError = Boolean(firstError(error));
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error}>
      <div className="flex flex-wrap items-end gap-x-5 gap-y-2">
        {PARTS.map(({ part, label, width }) => (
          <div key={part}>
            <label htmlFor={`${id}-${part}`} className="block mb-1 body-m">
              {label}
            </label>
            <input
              id={`${id}-${part}`}
              name={`${name}-${part}`}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={value[part]}
              onChange={(event) => onChange({ ...value, [part]: event.currentTarget.value })}
              aria-invalid={hasError ? true : undefined}
              className={inputClasses(hasError, width)}
            />
          </div>
        ))}
        <div className="flex gap-3">
          {shortcuts.map((shortcut) => (
            <Button
              key={shortcut.label}
              type="button"
              variant="secondary"
              className="mb-0! w-auto"
              aria-label={`${shortcut.label}: set ${typeof legend === "string" ? legend.toLowerCase() : "the date"} to ${shortcut.label.toLowerCase()}`}
              onClick={() => {
                onChange(londonDayBefore(new Date(), shortcut.daysAgo));
                if (focusAfterShortcut) document.getElementById(focusAfterShortcut)?.focus();
              }}
            >
              {shortcut.label}
            </Button>
          ))}
        </div>
      </div>
    </Fieldset>
  );
}
