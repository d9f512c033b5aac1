import { createHash } from "node:crypto";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { londonDateParts } from "@/lib/format/dates";
import { ZIncidentForm, type IncidentFields, type NewPersonFields, type NewPlaceFields } from "@/lib/incidents/schema";
import type { InvolvementRole } from "@/lib/generated/prisma/enums";
import { matchCheckKey, personFormInput, ZPerson, type TPerson } from "@/lib/people/schema";
import { ZPlace, type TPlace } from "@/lib/places/schema";
import { searchText } from "@/lib/search-text";
import { fromLondonLocal } from "@/lib/format/dates";
import { checkDateParts, type CalendarDay } from "@/lib/incidents/date-fields";
import type { BreachAction, PowerStatus } from "@/lib/generated/prisma/enums";
import { ZIssuePowerForm, type IssuePowerInput } from "@/lib/powers/schema";
import {
  choiceCode,
  columnsByHeader,
  EVENTS_PER_POWER_ROW,
  headerKey,
  IMPORT_LAYOUTS,
  PEOPLE_PER_INCIDENT_ROW,
  type ImportColumn,
} from "./columns";

// One row of a file as the record it describes, checked by the same zod schemas as the forms: the
// row's cells are put into the form's shape, and each problem the form would show beside a field
// is reported against the column it came from. Pure (no database): the check and the import read
// every row through here, so they cannot disagree about what a row means.

export type RowProblem = { row: number; column: string; message: string };

export type Header = { indexOf: Map<string, number>; problems: RowProblem[] };

/** The header row: which column is which; unknown and missing columns are problems on row 1. */
export function readHeader(kind: ImportKind, cells: string[]): Header {
  const byHeader = columnsByHeader(kind);
  const indexOf = new Map<string, number>();
  const problems: RowProblem[] = [];
  cells.forEach((text, index) => {
    if (text.trim() === "") return;
    const column = byHeader.get(headerKey(text));
    if (!column)
      problems.push({
        row: 1,
        column: text.trim().slice(0, 100),
        message: "This column is not in the layout. Rename it to one of the listed columns, or remove it",
      });
    else if (indexOf.has(column.name)) problems.push({ row: 1, column: column.name, message: "This column appears twice" });
    else indexOf.set(column.name, index);
  });
  for (const column of IMPORT_LAYOUTS[kind]) {
    if (column.required && !indexOf.has(column.name)) problems.push({ row: 1, column: column.name, message: "This column is missing" });
  }
  return { indexOf, problems };
}

export type PersonToMatch = NewPersonFields & { key: string };
export type PlaceToMatch = NewPlaceFields & { key: string; addressLine2?: string | null; uprn?: string | null };

export type IncidentRowValue = {
  fields: IncidentFields;
  place: PlaceToMatch | null;
  people: { person: PersonToMatch; role: InvolvementRole; slot: number }[];
  caseReference: string | null;
};
export type PersonRowValue = { person: TPerson & { key: string } };
export type PlaceRowValue = { place: TPlace & { key: string } };

export type CheckedRow<T> = { row: number; sourceReference: string; hash: string; problems: RowProblem[]; value: T | null };

type Cells = { get(name: string): string; row: number };

/** A row's cells by column name, and a hash of them (what decides "unchanged" on a second import). */
export function rowCells(kind: ImportKind, header: Header, row: { row: number; cells: string[] }): Cells & { hash: string } {
  const get = (name: string) => {
    const index = header.indexOf.get(name);
    return index === undefined ? "" : (row.cells[index] ?? "").trim();
  };
  const hash = createHash("sha256");
  for (const column of IMPORT_LAYOUTS[kind]) hash.update(`${column.name}\u0000${get(column.name)}\u0001`);
  return { get, row: row.row, hash: hash.digest("base64url") };
}

/** A formula cell is reported whatever the kind; its value is never read. */
export function formulaProblems(kind: ImportKind, header: Header, row: { row: number; formulaAt: number[] }): RowProblem[] {
  const nameAt = new Map([...header.indexOf].map(([name, index]) => [index, name]));
  return row.formulaAt.map((index) => ({
    row: row.row,
    column: nameAt.get(index) ?? `column ${index + 1}`,
    message: "This cell holds a formula. Paste its value instead (formulas are never run)",
  }));
}

const SOURCE_REFERENCE_MAX = 100;

function sourceReferenceProblems(cells: Cells): RowProblem[] {
  const reference = cells.get("source_reference");
  if (!reference)
    return [{ row: cells.row, column: "source_reference", message: "Enter the record's reference in the system it comes from" }];
  if (reference.length > SOURCE_REFERENCE_MAX)
    return [
      { row: cells.row, column: "source_reference", message: `The source reference must be ${SOURCE_REFERENCE_MAX} characters or fewer` },
    ];
  return [];
}

// ───────────────────────────── Dates ─────────────────────────────

type DateParts = { day: string; month: string; year: string; time: string };

const EN_GB = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T,]+(\d{1,2}[:.]\d{2})(?::\d{2})?)?$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?)?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * A cell's date (and time) as the form's day, month, year and time boxes: en-GB day/month/year or
 * ISO 8601, London time; an ISO instant with a zone or offset is turned into London time. Null when
 * the text is none of these.
 */
export function dateCell(text: string): DateParts | null {
  const value = text.trim();
  if (value === "") return { day: "", month: "", year: "", time: "" };
  let m = EN_GB.exec(value);
  if (m) return { day: m[1]!, month: m[2]!, year: m[3]!, time: (m[4] ?? "").replace(".", ":") };
  if (ISO_INSTANT.test(value)) {
    const instant = new Date(value);
    if (Number.isNaN(instant.getTime())) return null;
    const p = londonDateParts(instant);
    const pad = (n: number) => String(n).padStart(2, "0");
    return { day: String(p.day), month: String(p.month), year: String(p.year), time: `${pad(p.hour)}:${pad(p.minute)}` };
  }
  m = ISO_LOCAL.exec(value);
  if (m) return { day: m[3]!, month: m[2]!, year: m[1]!, time: m[4] ?? "" };
  return null;
}

const DATE_TIME_FORMAT = "Enter a date and time like 27/03/2026 21:30 or 2026-03-27T21:30";
const DATE_FORMAT = "Enter a date like 14/02/1987 or 1987-02-14";

// ───────────────────────────── Choices ─────────────────────────────

function choice(cells: Cells, column: ImportColumn, problems: RowProblem[]): string {
  const text = cells.get(column.name);
  if (text === "" || !column.choices) return text;
  const code = choiceCode(column.choices, text);
  if (code) return code;
  problems.push({ row: cells.row, column: column.name, message: `Choose one of: ${Object.values(column.choices).join(", ")}` });
  return "";
}

function layoutColumn(kind: ImportKind, name: string): ImportColumn {
  return IMPORT_LAYOUTS[kind].find((c) => c.name === name)!;
}

/** The zod issues of a form, against the file's columns. */
function issuesToProblems(
  row: number,
  issues: { path: PropertyKey[]; message: string }[],
  columnOf: (path: PropertyKey[]) => string,
): RowProblem[] {
  return issues.map((issue) => ({ row, column: columnOf(issue.path), message: issue.message }));
}

// ───────────────────────────── Incidents ─────────────────────────────

const INCIDENT_FORM_COLUMNS: Record<string, string> = {
  occurred: "occurred",
  occurredTime: "occurred",
  reported: "reported",
  reportedTime: "reported",
  reportMethod: "report_method",
  category: "category",
  type: "type",
  description: "description",
  riskLevel: "risk_level",
  caseId: "case_reference",
};
const PLACE_FORM_COLUMNS: Record<string, string> = { addressLine1: "address_line_1", town: "town", postcode: "postcode", kind: "kind" };
const PERSON_FORM_COLUMNS: Record<string, string> = {
  firstName: "first_name",
  lastName: "last_name",
  dateOfBirth: "date_of_birth",
  role: "role",
};

function incidentColumnOf(path: PropertyKey[]): string {
  const [first, second, third] = path;
  if (first === "newLocation") return `place_${PLACE_FORM_COLUMNS[String(second)] ?? "address_line_1"}`;
  if (first === "people" && typeof second === "number") return `person_${second + 1}_${PERSON_FORM_COLUMNS[String(third)] ?? "first_name"}`;
  if (first === "people") return "person_1_first_name";
  return INCIDENT_FORM_COLUMNS[String(first)] ?? String(first);
}

export function checkIncidentRow(
  header: Header,
  file: { row: number; cells: string[]; formulaAt: number[] },
): CheckedRow<IncidentRowValue> {
  const kind = "INCIDENTS";
  const cells = rowCells(kind, header, file);
  const problems: RowProblem[] = [...formulaProblems(kind, header, file), ...sourceReferenceProblems(cells)];
  const form: Record<string, string> = {};

  for (const name of ["occurred", "reported"] as const) {
    const parts = dateCell(cells.get(name));
    if (!parts) problems.push({ row: cells.row, column: name, message: DATE_TIME_FORMAT });
    else {
      form[`${name}-day`] = parts.day;
      form[`${name}-month`] = parts.month;
      form[`${name}-year`] = parts.year;
      form[`${name}Time`] = parts.time;
    }
  }
  form.reportMethod = choice(cells, layoutColumn(kind, "report_method"), problems);
  form.category = choice(cells, layoutColumn(kind, "category"), problems);
  form.type = choice(cells, layoutColumn(kind, "type"), problems);
  form.description = cells.get("description");
  form.riskLevel = choice(cells, layoutColumn(kind, "risk_level"), problems) || (cells.get("risk_level") ? "" : "STANDARD");

  const placeGiven = ["place_address_line_1", "place_town", "place_postcode", "place_kind"].some((c) => cells.get(c) !== "");
  form.locationMode = placeGiven ? "new" : "existing";
  if (placeGiven) {
    form["newLocation.addressLine1"] = cells.get("place_address_line_1");
    form["newLocation.town"] = cells.get("place_town");
    form["newLocation.postcode"] = cells.get("place_postcode");
    form["newLocation.kind"] = choice(cells, layoutColumn(kind, "place_kind"), problems);
  }
  for (let i = 0; i < PEOPLE_PER_INCIDENT_ROW; i++) {
    const n = i + 1;
    form[`people.${i}.mode`] = "new";
    form[`people.${i}.firstName`] = cells.get(`person_${n}_first_name`);
    form[`people.${i}.lastName`] = cells.get(`person_${n}_last_name`);
    const dob = dateCell(cells.get(`person_${n}_date_of_birth`));
    if (!dob) problems.push({ row: cells.row, column: `person_${n}_date_of_birth`, message: DATE_FORMAT });
    else {
      form[`people.${i}.dateOfBirth-day`] = dob.day;
      form[`people.${i}.dateOfBirth-month`] = dob.month;
      form[`people.${i}.dateOfBirth-year`] = dob.year;
    }
    form[`people.${i}.role`] = choice(cells, layoutColumn(kind, `person_${n}_role`), problems);
  }

  const parsed = ZIncidentForm.safeParse(form);
  if (!parsed.success) problems.push(...issuesToProblems(cells.row, parsed.error.issues, incidentColumnOf));
  const caseReference = cells.get("case_reference") || null;
  if (problems.length > 0 || !parsed.success)
    return { row: cells.row, sourceReference: cells.get("source_reference"), hash: cells.hash, problems: dedupe(problems), value: null };

  const input = parsed.data;
  const location = input.location && "create" in input.location ? input.location.create : null;
  return {
    row: cells.row,
    sourceReference: cells.get("source_reference"),
    hash: cells.hash,
    problems: [],
    value: {
      fields: {
        occurredAt: input.occurredAt,
        reportedAt: input.reportedAt,
        reportMethod: input.reportMethod,
        category: input.category,
        type: input.type,
        description: input.description,
        riskLevel: input.riskLevel,
      },
      place: location ? { ...location, key: placeKey(location) } : null,
      people: input.people.flatMap(({ person, role, row }) =>
        "create" in person ? [{ person: { ...person.create, key: matchCheckKey(person.create) }, role, slot: row + 1 }] : [],
      ),
      caseReference,
    },
  };
}

// ───────────────────────────── People ─────────────────────────────

const PERSON_COLUMNS: Record<string, string> = {
  firstName: "first_name",
  lastName: "last_name",
  dateOfBirth: "date_of_birth",
  gender: "gender",
  aliases: "also_known_as",
  phone: "phone",
};

export function checkPersonRow(header: Header, file: { row: number; cells: string[]; formulaAt: number[] }): CheckedRow<PersonRowValue> {
  const kind = "PEOPLE";
  const cells = rowCells(kind, header, file);
  const problems: RowProblem[] = [...formulaProblems(kind, header, file), ...sourceReferenceProblems(cells)];
  const values: Record<string, string> = {
    firstName: cells.get("first_name"),
    lastName: cells.get("last_name"),
    gender: choice(cells, layoutColumn(kind, "gender"), problems) || (cells.get("gender") ? "" : "NOT_KNOWN"),
    aliases: cells.get("also_known_as"),
    phone: cells.get("phone"),
  };
  const dob = dateCell(cells.get("date_of_birth"));
  if (!dob) problems.push({ row: cells.row, column: "date_of_birth", message: DATE_FORMAT });
  else Object.assign(values, { "dateOfBirth-day": dob.day, "dateOfBirth-month": dob.month, "dateOfBirth-year": dob.year });
  const parsed = ZPerson.safeParse(personFormInput(values));
  if (!parsed.success)
    problems.push(...issuesToProblems(cells.row, parsed.error.issues, (path) => PERSON_COLUMNS[String(path[0])] ?? "first_name"));
  const base = { row: cells.row, sourceReference: cells.get("source_reference"), hash: cells.hash };
  if (problems.length > 0 || !parsed.success) return { ...base, problems: dedupe(problems), value: null };
  return { ...base, problems: [], value: { person: { ...parsed.data, key: matchCheckKey(parsed.data) } } };
}

// ───────────────────────────── Places ─────────────────────────────

const PLACE_COLUMNS: Record<string, string> = {
  addressLine1: "address_line_1",
  addressLine2: "address_line_2",
  town: "town",
  postcode: "postcode",
  kind: "kind",
  uprn: "uprn",
};

/** Places named alike are one place: by UPRN when given, else by address and postcode. */
export function placeKey(place: { addressLine1: string; town: string; postcode?: string | null; uprn?: string | null }): string {
  return place.uprn ? `uprn:${place.uprn}` : `${searchText(place.addressLine1, place.town)}|${place.postcode ?? ""}`;
}

export function checkPlaceRow(header: Header, file: { row: number; cells: string[]; formulaAt: number[] }): CheckedRow<PlaceRowValue> {
  const kind = "PLACES";
  const cells = rowCells(kind, header, file);
  const problems: RowProblem[] = [...formulaProblems(kind, header, file), ...sourceReferenceProblems(cells)];
  const values = {
    addressLine1: cells.get("address_line_1"),
    addressLine2: cells.get("address_line_2"),
    town: cells.get("town"),
    postcode: cells.get("postcode"),
    kind: choice(cells, layoutColumn(kind, "kind"), problems),
    uprn: cells.get("uprn"),
  };
  const parsed = ZPlace.safeParse(values);
  if (!parsed.success)
    problems.push(...issuesToProblems(cells.row, parsed.error.issues, (path) => PLACE_COLUMNS[String(path[0])] ?? "address_line_1"));
  const base = { row: cells.row, sourceReference: cells.get("source_reference"), hash: cells.hash };
  if (problems.length > 0 || !parsed.success) return { ...base, problems: dedupe(problems), value: null };
  return { ...base, problems: [], value: { place: { ...parsed.data, key: placeKey(parsed.data) } } };
}

/** One message per column: a choice already reported is not reported again by the schema. */
function dedupe(problems: RowProblem[]): RowProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (seen.has(p.column)) return false;
    seen.add(p.column);
    return true;
  });
}

// ───────────────────────────── Powers ─────────────────────────────

export type PowerEvent =
  | { type: "status"; status: PowerStatus; on: CalendarDay; column: string }
  | { type: "breach"; breachedAt: Date; on: CalendarDay; action: BreachAction; column: string };

export type PowerRowValue = {
  /** The kind as written (a name or a code): the check finds it among the partnership's kinds. */
  kindText: string;
  issue: Omit<IssuePowerInput, "kindId" | "subjectPersonId" | "locationId" | "caseId">;
  subject: PersonToMatch | null;
  place: PlaceToMatch | null;
  caseReference: string | null;
  /** Status changes and breaches in the order they happened (ties: as the columns list them). */
  events: PowerEvent[];
};

/** Where the power form's and the data layer's field errors belong in a power row. */
export const POWER_FORM_COLUMNS: Record<string, string> = {
  kindId: "kind",
  subjectType: "subject_business_name",
  subjectPersonId: "subject_last_name",
  subjectBusinessName: "subject_business_name",
  locationId: "place_address_line_1",
  caseId: "case_reference",
  issuingOfficerId: "source_reference",
  issuedOn: "issued",
  pspoId: "kind",
  expiresOn: "expires",
  conditions: "conditions",
  courtName: "court_name",
  hearingOn: "hearing",
};

/** Stands in for ids the check finds later (the kind, the subject), so the form's schema can run. */
const PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";

export function checkPowerRow(header: Header, file: { row: number; cells: string[]; formulaAt: number[] }): CheckedRow<PowerRowValue> {
  const kind = "POWERS";
  const cells = rowCells(kind, header, file);
  const problems: RowProblem[] = [...formulaProblems(kind, header, file), ...sourceReferenceProblems(cells)];
  const base = { row: cells.row, sourceReference: cells.get("source_reference"), hash: cells.hash };
  const form: Record<string, string> = { submissionKey: PLACEHOLDER_ID };
  const day = (name: string, formName: string) => {
    const parts = dateCell(cells.get(name));
    if (!parts) problems.push({ row: cells.row, column: name, message: DATE_FORMAT });
    else Object.assign(form, { [`${formName}-day`]: parts.day, [`${formName}-month`]: parts.month, [`${formName}-year`]: parts.year });
  };
  day("issued", "issuedOn");
  day("expires", "expiresOn");
  day("hearing", "hearingOn");
  const kindText = cells.get("kind");
  form.kindId = kindText ? PLACEHOLDER_ID : "";
  form.conditions = cells.get("conditions");
  form.courtName = cells.get("court_name");

  // The subject: a person (checked as the person form would) or a business.
  const business = cells.get("subject_business_name");
  const named = ["subject_first_name", "subject_last_name", "subject_date_of_birth"].some((c) => cells.get(c) !== "");
  let subject: PersonToMatch | null = null;
  if (business && named)
    problems.push({ row: cells.row, column: "subject_business_name", message: "Give a person or a business, not both" });
  form.subjectType = business ? "business" : "person";
  form.subjectBusinessName = business;
  if (!business && named) {
    const values: Record<string, string> = {
      firstName: cells.get("subject_first_name"),
      lastName: cells.get("subject_last_name"),
      gender: "NOT_KNOWN",
    };
    const dob = dateCell(cells.get("subject_date_of_birth"));
    if (!dob) problems.push({ row: cells.row, column: "subject_date_of_birth", message: DATE_FORMAT });
    else Object.assign(values, { "dateOfBirth-day": dob.day, "dateOfBirth-month": dob.month, "dateOfBirth-year": dob.year });
    const person = ZPerson.safeParse(personFormInput(values));
    if (!person.success)
      problems.push(
        ...issuesToProblems(cells.row, person.error.issues, (path) => `subject_${PERSON_COLUMNS[String(path[0])] ?? "first_name"}`),
      );
    else
      subject = {
        firstName: person.data.firstName,
        lastName: person.data.lastName,
        dateOfBirth: person.data.dateOfBirth,
        key: matchCheckKey(person.data),
      };
    form.subjectPersonId = PLACEHOLDER_ID;
  } else form.subjectPersonId = "";

  // The place, as the incident form's "new place".
  let place: PlaceToMatch | null = null;
  if (["place_address_line_1", "place_town", "place_postcode", "place_kind"].some((c) => cells.get(c) !== "")) {
    const parsed = ZPlace.safeParse({
      addressLine1: cells.get("place_address_line_1"),
      town: cells.get("place_town"),
      postcode: cells.get("place_postcode"),
      kind: choice(cells, layoutColumn(kind, "place_kind"), problems),
    });
    if (!parsed.success)
      problems.push(
        ...issuesToProblems(cells.row, parsed.error.issues, (path) => `place_${PLACE_COLUMNS[String(path[0])] ?? "address_line_1"}`),
      );
    else place = { ...parsed.data, key: placeKey(parsed.data) };
  }

  // What happened since: status changes and breaches, each with its day.
  const events: PowerEvent[] = [];
  for (let i = 1; i <= EVENTS_PER_POWER_ROW; i++) {
    const status = choice(cells, layoutColumn(kind, `status_${i}`), problems);
    const statusDay = eventDay(cells, `status_${i}_date`, Boolean(cells.get(`status_${i}`)), problems);
    if (status && statusDay) events.push({ type: "status", status: status as PowerStatus, on: statusDay, column: `status_${i}` });
    const action = choice(cells, layoutColumn(kind, `breach_${i}_action`), problems);
    const breachDay = eventDay(cells, `breach_${i}_date`, Boolean(cells.get(`breach_${i}_action`)), problems);
    if (breachDay && !cells.get(`breach_${i}_action`))
      problems.push({ row: cells.row, column: `breach_${i}_action`, message: "Select the action taken" });
    if (action && breachDay)
      events.push({
        type: "breach",
        breachedAt: fromLondonLocal(breachDay.year, breachDay.month, breachDay.day),
        on: breachDay,
        action: action as BreachAction,
        column: `breach_${i}_date`,
      });
  }
  const dayNumber = (d: CalendarDay) => d.year * 10_000 + d.month * 100 + d.day;
  events.sort((a, b) => dayNumber(a.on) - dayNumber(b.on));

  const parsed = ZIssuePowerForm.safeParse(form);
  if (!parsed.success)
    problems.push(...issuesToProblems(cells.row, parsed.error.issues, (path) => POWER_FORM_COLUMNS[String(path[0])] ?? "source_reference"));
  if (problems.length > 0 || !parsed.success) return { ...base, problems: dedupe(problems), value: null };
  const { kindId: _kindId, subjectPersonId: _subject, locationId: _location, caseId: _case, ...issue } = parsed.data.input;
  return { ...base, problems: [], value: { kindText, issue, subject, place, caseReference: cells.get("case_reference") || null, events } };
}

function eventDay(cells: Cells, column: string, required: boolean, problems: RowProblem[]): CalendarDay | null {
  const parts = dateCell(cells.get(column));
  if (!parts) {
    problems.push({ row: cells.row, column, message: DATE_FORMAT });
    return null;
  }
  const checked = checkDateParts(parts, "the date", required);
  if (!checked.ok) problems.push({ row: cells.row, column, message: checked.message });
  return checked.ok ? checked.value : null;
}

export type AnyCheckedRow =
  CheckedRow<IncidentRowValue> | CheckedRow<PersonRowValue> | CheckedRow<PlaceRowValue> | CheckedRow<PowerRowValue>;

export const ROW_CHECKERS = {
  INCIDENTS: checkIncidentRow,
  PEOPLE: checkPersonRow,
  PLACES: checkPlaceRow,
  POWERS: checkPowerRow,
} satisfies Record<ImportKind, (header: Header, file: { row: number; cells: string[]; formulaAt: number[] }) => AnyCheckedRow>;
