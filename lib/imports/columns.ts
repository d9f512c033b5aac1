import type { ImportKind } from "@/lib/generated/prisma/enums";
import { CATEGORY_LABELS, REPORT_METHOD_LABELS, RISK_LEVEL_LABELS, ROLE_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { PLACE_KIND_LABELS } from "@/lib/places/schema";
import { POWER_STATUS_LABELS } from "@/lib/powers/lifecycle";
import { BREACH_ACTION_LABELS } from "@/lib/powers/schema";
import { GENDER_LABELS } from "@/lib/people/schema";

// One documented column layout per kind of record: the import page lists it, the templates are made
// from it, and the check reads a file by it. Pure: shared by pages, routes, the worker and tests.
// Headers are matched without regard to case, spaces or underscores ("Source reference" is
// source_reference); a column the layout does not name is reported, not ignored.

export type ImportColumn = {
  name: string;
  label: string;
  required: boolean;
  /** What goes in it, in plain words. */
  hint: string;
  /** For a choice: the allowed values (the label or the code is accepted, in any case). */
  choices?: Record<string, string>;
  /** An example value for the template's first row. */
  example: string;
};

/** People named on one incident row (person_1_… to person_4_…). */
export const PEOPLE_PER_INCIDENT_ROW = 4;
/** Status changes and breaches on one power row (status_1_… and breach_1_… to _3_). */
export const EVENTS_PER_POWER_ROW = 3;

/** The statuses a power can move to from a file (a breach has its own columns; "issued" again is an appeal dismissed). */
const LATER_STATUSES = Object.fromEntries(Object.entries(POWER_STATUS_LABELS).filter(([code]) => code !== "BREACHED")) as Record<
  string,
  string
>;

const SOURCE_REFERENCE: ImportColumn = {
  name: "source_reference",
  label: "Source reference",
  required: true,
  hint: "The record's own reference in the system it comes from (a police incident number, a housing case number). Importing a row with the same reference again updates that record.",
  example: "CAD-2026-004512",
};

const DATE_TIME_HINT = "Day/month/year and a 24-hour time, London time (27/03/2026 21:30), or ISO 8601 (2026-03-27T21:30)";
const DATE_HINT = "Day/month/year (14/02/1987) or ISO 8601 (1987-02-14)";

function personColumns(n: number): ImportColumn[] {
  return [
    {
      name: `person_${n}_first_name`,
      label: `Person ${n}: first name`,
      required: false,
      hint: "First name",
      example: n === 1 ? "Dawn" : "",
    },
    { name: `person_${n}_last_name`, label: `Person ${n}: last name`, required: false, hint: "Last name", example: n === 1 ? "Ellis" : "" },
    {
      name: `person_${n}_date_of_birth`,
      label: `Person ${n}: date of birth`,
      required: false,
      hint: `${DATE_HINT}; blank if not known`,
      example: n === 1 ? "14/02/1987" : "",
    },
    {
      name: `person_${n}_role`,
      label: `Person ${n}: role`,
      required: false,
      hint: "Their role in the incident (required when a name is given)",
      choices: ROLE_LABELS,
      example: n === 1 ? "Victim" : "",
    },
  ];
}

const PLACE_FIELDS: ImportColumn[] = [
  {
    name: "address_line_1",
    label: "Address line 1",
    required: true,
    hint: "First line of the address, or the name of the place",
    example: "14 Canal Walk",
  },
  { name: "address_line_2", label: "Address line 2", required: false, hint: "Second line of the address", example: "" },
  { name: "town", label: "Town or city", required: true, hint: "Town or city", example: "Kingsmere" },
  { name: "postcode", label: "Postcode", required: false, hint: "A UK postcode; blank for a park or towpath", example: "KM1 4QF" },
  { name: "uprn", label: "UPRN", required: false, hint: "Unique Property Reference Number, if known (up to 12 digits)", example: "" },
  {
    name: "kind",
    label: "Kind of place",
    required: true,
    hint: "What kind of place it is",
    choices: PLACE_KIND_LABELS,
    example: "Home or residential building",
  },
];

export const IMPORT_LAYOUTS: Record<ImportKind, readonly ImportColumn[]> = {
  INCIDENTS: [
    SOURCE_REFERENCE,
    { name: "occurred", label: "Happened", required: true, hint: DATE_TIME_HINT, example: "27/03/2026 21:30" },
    { name: "reported", label: "Reported", required: true, hint: `${DATE_TIME_HINT}; not before it happened`, example: "27/03/2026 21:45" },
    {
      name: "report_method",
      label: "How reported",
      required: true,
      hint: "How it was reported",
      choices: REPORT_METHOD_LABELS,
      example: "Phone",
    },
    {
      name: "category",
      label: "Category",
      required: true,
      hint: "The Home Office ASB category",
      choices: CATEGORY_LABELS,
      example: "Nuisance",
    },
    { name: "type", label: "Type", required: true, hint: "The type of anti-social behaviour", choices: TYPE_LABELS, example: "Noise" },
    {
      name: "description",
      label: "Description",
      required: true,
      hint: "What happened (up to 5,000 characters)",
      example: "Loud music from the flat above until 2am.",
    },
    {
      name: "risk_level",
      label: "Risk level",
      required: false,
      hint: "Blank for Standard",
      choices: RISK_LEVEL_LABELS,
      example: "Standard",
    },
    {
      name: "case_reference",
      label: "Case reference",
      required: false,
      hint: "An open case your organisation leads or that is shared with it (CASE-2026-000012): the incident is linked to it",
      example: "",
    },
    ...PLACE_FIELDS.filter((c) => c.name !== "uprn" && c.name !== "address_line_2").map((c) => ({
      ...c,
      name: `place_${c.name}`,
      label: `Place: ${c.label.charAt(0).toLowerCase()}${c.label.slice(1)}`,
      required: false,
      hint: c.required ? `${c.hint} (required when a place is given)` : c.hint,
    })),
    ...Array.from({ length: PEOPLE_PER_INCIDENT_ROW }, (_, i) => personColumns(i + 1)).flat(),
  ],
  PEOPLE: [
    { ...SOURCE_REFERENCE, example: "NEC-PER-88123" },
    { name: "first_name", label: "First name", required: true, hint: "First name", example: "Dawn" },
    { name: "last_name", label: "Last name", required: true, hint: "Last name", example: "Ellis" },
    { name: "date_of_birth", label: "Date of birth", required: false, hint: `${DATE_HINT}; blank if not known`, example: "14/02/1987" },
    { name: "gender", label: "Gender", required: false, hint: "Blank for Not known", choices: GENDER_LABELS, example: "Female" },
    { name: "also_known_as", label: "Also known as", required: false, hint: "Other names, separated by commas", example: "" },
    { name: "phone", label: "Telephone", required: false, hint: "A UK telephone number", example: "07700 900982" },
  ],
  PLACES: [{ ...SOURCE_REFERENCE, example: "HOUSING-BLK-0042" }, ...PLACE_FIELDS],
  POWERS: [
    { ...SOURCE_REFERENCE, example: "ASB-CPW-2025-118" },
    {
      name: "kind",
      label: "Kind of power",
      required: true,
      hint: "The kind of power, by its name or code as listed on this page (the partnership's own kinds)",
      example: "Community Protection Warning",
    },
    { name: "issued", label: "Issued", required: true, hint: `The day it was issued: ${DATE_HINT}`, example: "03/02/2026" },
    {
      name: "subject_first_name",
      label: "Subject: first name",
      required: false,
      hint: "The person it was issued to (or give a business name)",
      example: "Gary",
    },
    { name: "subject_last_name", label: "Subject: last name", required: false, hint: "The person's last name", example: "Wilkins" },
    {
      name: "subject_date_of_birth",
      label: "Subject: date of birth",
      required: false,
      hint: `${DATE_HINT}; blank if not known`,
      example: "01/05/1990",
    },
    {
      name: "subject_business_name",
      label: "Subject: business",
      required: false,
      hint: "A business or organisation it was issued to, instead of a person",
      example: "",
    },
    ...PLACE_FIELDS.filter((c) => c.name !== "uprn" && c.name !== "address_line_2").map((c) => ({
      ...c,
      name: `place_${c.name}`,
      label: `Place: ${c.label.charAt(0).toLowerCase()}${c.label.slice(1)}`,
      required: false,
      hint: c.required ? `${c.hint} (required when a place is given)` : c.hint,
      example: "",
    })),
    {
      name: "case_reference",
      label: "Case reference",
      required: false,
      hint: "An open case your organisation leads or that is shared with it",
      example: "",
    },
    {
      name: "expires",
      label: "Expires",
      required: false,
      hint: `The expiry day, for a kind that has one: ${DATE_HINT}`,
      example: "03/08/2026",
    },
    {
      name: "conditions",
      label: "Conditions",
      required: false,
      hint: "What the person must or must not do",
      example: "Not to play amplified music after 11pm",
    },
    { name: "court_name", label: "Court", required: false, hint: "For a kind made by a court", example: "" },
    { name: "hearing", label: "Hearing", required: false, hint: `The day of the court hearing: ${DATE_HINT}`, example: "" },
    ...Array.from({ length: EVENTS_PER_POWER_ROW }, (_, i) => [
      {
        name: `status_${i + 1}`,
        label: `Status change ${i + 1}`,
        required: false,
        hint: "A later status, in the order they happened",
        choices: LATER_STATUSES,
        example: "",
      },
      {
        name: `status_${i + 1}_date`,
        label: `Status change ${i + 1}: date`,
        required: false,
        hint: `The day it changed: ${DATE_HINT}`,
        example: "",
      },
    ]).flat(),
    ...Array.from({ length: EVENTS_PER_POWER_ROW }, (_, i) => [
      {
        name: `breach_${i + 1}_date`,
        label: `Breach ${i + 1}: date`,
        required: false,
        hint: `The day of a breach: ${DATE_HINT}`,
        example: i === 0 ? "20/03/2026" : "",
      },
      {
        name: `breach_${i + 1}_action`,
        label: `Breach ${i + 1}: action taken`,
        required: false,
        hint: "What was done about it",
        choices: BREACH_ACTION_LABELS,
        example: i === 0 ? "Warning" : "",
      },
    ]).flat(),
  ],
};

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  INCIDENTS: "Incidents",
  PEOPLE: "People",
  PLACES: "Places",
  POWERS: "Powers",
};

export const IMPORT_KIND_HINTS: Record<ImportKind, string> = {
  INCIDENTS: "With the place and up to four people involved, and their roles",
  PEOPLE: "Profiles of people, to match before incidents that name them",
  PLACES: "Addresses and named places, with their UPRN where known",
  POWERS: "Tools and powers issued, with the status changes and breaches since",
};

/** "Source reference", "SOURCE_REFERENCE" and "source-reference" are one header. */
export function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s\-_:]+/g, "_");
}

/** A layout's columns by header key, labels included ("Place: town or city" finds place_town). */
export function columnsByHeader(kind: ImportKind): Map<string, ImportColumn> {
  const map = new Map<string, ImportColumn>();
  for (const column of IMPORT_LAYOUTS[kind]) {
    map.set(headerKey(column.name), column);
    map.set(headerKey(column.label), column);
  }
  return map;
}

/** A choice cell as its code: the code or the label, in any case and spacing. */
export function choiceCode(choices: Record<string, string>, text: string): string | null {
  const wanted = headerKey(text);
  for (const [code, label] of Object.entries(choices)) {
    if (headerKey(code) === wanted || headerKey(label) === wanted) return code;
  }
  return null;
}
