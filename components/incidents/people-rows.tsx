"use client";

import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";
import { linkButtonClasses } from "@/components/ui/combobox";
import { DateInput } from "@/components/ui/date-input";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import type { FieldErrors } from "@/lib/errors";
import { choicesOf, ROLE_LABELS } from "@/lib/incidents/labels";
import { incidentFieldId } from "@/lib/incidents/schema";
import { PersonPicker } from "./pickers";
import { LikelyMatchChoice } from "./likely-match-choice";
import type { LikelyDuplicates } from "@/lib/incidents/likely-duplicates";
import { emptyPersonRow, type PersonRowValue } from "./form-types";

// "Who was involved": one row per person and role. A row finds an existing person with the
// search, or adds a new person inline (first name, last name, date of birth) when the search does
// not find them. Rows can be added and removed; each posts as people.<n>.<field>.

const ROLE_OPTIONS = choicesOf(ROLE_LABELS);
const ADD_BUTTON_ID = "add-person";

/** "Jane Doe" → first "Jane", last "Doe"; one word goes in the last name. */
function splitName(query: string): { firstName: string; lastName: string } {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return { firstName: "", lastName: words[0] ?? "" };
  return { firstName: words.slice(0, -1).join(" "), lastName: words[words.length - 1]! };
}

export function PeopleRows({
  rows,
  onChange,
  errors,
  likely,
}: {
  rows: PersonRowValue[];
  onChange: (rows: PersonRowValue[]) => void;
  errors: FieldErrors;
  /** People the server found probably already recorded, by row key (lib/incidents/likely-duplicates). */
  likely?: LikelyDuplicates["people"];
}) {
  const focusNext = useRef<string | null>(null);

  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const update = (index: number, change: Partial<PersonRowValue>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <div>
      {rows.map((row, index) => {
        const field = (name: string) => `people.${index}.${name}`;
        const id = (name: string) => incidentFieldId(field(name));
        const number = index + 1;
        return (
          <fieldset key={row.key} className="mb-6 sm:mb-8 p-4 sm:p-5 border-2 border-border min-w-0">
            <legend className="heading-s px-1">Person {number}</legend>
            <input type="hidden" name={field("mode")} value={row.mode} />
            <input type="hidden" name={field("rowKey")} value={row.key} />
            {/* Posted with the id, so a form the server sends back (without JavaScript) can show who was picked. */}
            {row.mode === "existing" && row.picked ? <input type="hidden" name={field("personLabel")} value={row.picked.label} /> : null}
            {row.mode === "existing" ? (
              <PersonPicker
                id={id("personId")}
                name={field("personId")}
                queryName={field("personQuery")}
                label="Name"
                hint="Search by name. Check the date of birth before you choose."
                error={errors[field("personId")]}
                value={row.picked}
                onChange={(picked) => update(index, { picked })}
                createLabel="Add a new person"
                onCreate={(query) => {
                  update(index, { mode: "new", picked: null, ...splitName(query) });
                  focusNext.current = id("firstName");
                }}
              />
            ) : (
              <>
                <TextInput
                  id={id("firstName")}
                  name={field("firstName")}
                  label="First name"
                  autoComplete="off"
                  spellCheck={false}
                  width={20}
                  defaultValue={row.firstName}
                  error={errors[field("firstName")]}
                />
                <TextInput
                  id={id("lastName")}
                  name={field("lastName")}
                  label="Last name"
                  autoComplete="off"
                  spellCheck={false}
                  width={20}
                  defaultValue={row.lastName}
                  error={errors[field("lastName")]}
                />
                <DateInput
                  id={id("dateOfBirth")}
                  name={field("dateOfBirth")}
                  legend="Date of birth (optional)"
                  hint="For example, 31 3 1980. Leave blank if not known."
                  defaultValue={row.dateOfBirth}
                  error={errors[field("dateOfBirth")]}
                />
                {likely?.[row.key] ? (
                  <LikelyMatchChoice
                    prefix={`people.${index}`}
                    what="person"
                    likely={likely[row.key]!}
                    error={errors[field("matchChoice")]}
                  />
                ) : null}
                <p className="-mt-2 mb-6">
                  <button
                    type="button"
                    className={linkButtonClasses}
                    onClick={() => {
                      update(index, { mode: "existing" });
                      focusNext.current = id("personId");
                    }}
                  >
                    Search for an existing person instead<span className="sr-only"> (person {number})</span>
                  </button>
                </p>
              </>
            )}
            <Select
              id={id("role")}
              name={field("role")}
              label="Role in the incident"
              placeholder="Choose a role"
              options={ROLE_OPTIONS}
              defaultValue={row.role}
              error={errors[field("role")]}
            />
            <button
              type="button"
              className={linkButtonClasses}
              onClick={() => {
                onChange(rows.filter((_, i) => i !== index));
                focusNext.current = ADD_BUTTON_ID;
              }}
            >
              Remove person {number}
            </button>
          </fieldset>
        );
      })}
      <Button
        id={ADD_BUTTON_ID}
        type="button"
        variant="secondary"
        onClick={() => {
          const row = emptyPersonRow();
          onChange([...rows, row]);
          focusNext.current = incidentFieldId(`people.${rows.length}.personId`);
        }}
      >
        {rows.length === 0 ? "Add a person" : "Add another person"}
      </Button>
    </div>
  );
}
