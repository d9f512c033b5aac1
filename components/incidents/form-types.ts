import type { ComboboxValue } from "@/components/ui/combobox";
import type { DatePartsValue } from "@/lib/incidents/date-fields";

// The incident form's starting values: empty for a new incident, the stored ones for an edit.
// Plain data, so a server page can build them and hand them to the client form.

export type PersonRowValue = {
  /** Stable across renders, so removing a row keeps what was typed in the others. */
  key: string;
  mode: "existing" | "new";
  picked: ComboboxValue | null;
  firstName: string;
  lastName: string;
  dateOfBirth: DatePartsValue;
  role: string;
};

export type NewPlaceValue = { addressLine1: string; town: string; postcode: string; kind: string };

export type IncidentFormInitial = {
  occurred: DatePartsValue;
  occurredTime: string;
  reported: DatePartsValue;
  reportedTime: string;
  reportMethod: string;
  category: string;
  type: string;
  description: string;
  riskLevel: string;
  caseId: string;
  locationMode: "existing" | "new";
  location: ComboboxValue | null;
  newLocation: NewPlaceValue;
  people: PersonRowValue[];
};

export const EMPTY_DATE: DatePartsValue = { day: "", month: "", year: "" };
export const EMPTY_PLACE: NewPlaceValue = { addressLine1: "", town: "", postcode: "", kind: "" };

let rowCounter = 0;
export function newRowKey(): string {
  rowCounter += 1;
  return `row-${rowCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

export function emptyPersonRow(key: string = newRowKey()): PersonRowValue {
  return { key, mode: "existing", picked: null, firstName: "", lastName: "", dateOfBirth: EMPTY_DATE, role: "" };
}
