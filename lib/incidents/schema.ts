import { z } from "zod";
import { AsbCategory, AsbType, InvolvementRole, LocationKind, ReportMethod, RiskLevel } from "@/lib/generated/prisma/enums";
import { calendarDate, fromLondonLocal, londonDateParts } from "@/lib/format/dates";
import { normalisePostcode } from "@/lib/places/postcode";
import { checkDateParts, checkTime } from "./date-fields";
import { ZSubmissionKey, ZVersion } from "@/lib/forms";

// One input for logging and editing an incident, whichever way it arrives: the browser form (flat
// FormData values, dates as day/month/year) or the JSON API (ISO instants, ids only). Both end as
// `IncidentInput`, and both go through the same cross-field rules. The data layer then checks what
// no schema can: that every id names a record the actor may see.

export const DESCRIPTION_MAX = 5000;
export const NAME_MAX = 100;
export const MAX_PEOPLE = 30;
/** Incidents from before this year are typing mistakes (1026 for 2026). */
const EARLIEST_YEAR = 2000;
/** Clocks differ a little between a phone and the server. */
const CLOCK_GRACE_MS = 2 * 60_000;

export type NewPersonFields = { firstName: string; lastName: string; dateOfBirth: Date | null };
export type NewPlaceFields = { addressLine1: string; town: string; postcode: string | null; kind: LocationKind };

export type IncidentPersonInput = {
  person: { id: string } | { create: NewPersonFields };
  role: InvolvementRole;
  /** The row as the officer submitted it (form row or JSON array index), for error messages. */
  row: number;
};

/** The incident's own fields, as logged and as edited (its place, people and case are links). */
export type IncidentFields = {
  occurredAt: Date;
  reportedAt: Date;
  reportMethod: ReportMethod;
  category: AsbCategory;
  type: AsbType;
  description: string;
  riskLevel: RiskLevel;
};

export type IncidentInput = IncidentFields & {
  location: { id: string } | { create: NewPlaceFields } | null;
  people: IncidentPersonInput[];
  caseId: string | null;
};

// ───────────────────────────── Pieces both variants share ─────────────────────────────

const ZUuid = z.uuid();
const ZReportMethod = z.enum(ReportMethod, { error: "Select how the incident was reported" });
const ZCategory = z.enum(AsbCategory, { error: "Select the category of anti-social behaviour" });
const ZType = z.enum(AsbType, { error: "Select the type of anti-social behaviour" });
const ZRiskLevel = z.enum(RiskLevel, { error: "Select the risk level" });
const ZRole = z.enum(InvolvementRole, { error: "Select the person's role in the incident" });
const ZPlaceKind = z.enum(LocationKind, { error: "Select what kind of place it is" });
const ZDescription = z
  .string()
  .trim()
  .min(1, "Enter a description of what happened")
  .max(DESCRIPTION_MAX, `The description must be ${DESCRIPTION_MAX.toLocaleString("en-GB")} characters or fewer`);

type Issue = { path: (string | number)[]; message: string };

/** Where each cross-field rule reports, in the form (date/time inputs) or the JSON (instants). */
type WhenPaths = { occurredDate: string; occurredTime: string; reportedDate: string; reportedTime: string };

/** Rules on the whole incident, whichever way it arrived. */
function crossFieldIssues(input: Pick<IncidentInput, "occurredAt" | "reportedAt" | "people">, paths: WhenPaths, now: Date): Issue[] {
  const issues: Issue[] = [];
  const latest = now.getTime() + CLOCK_GRACE_MS;
  if (input.occurredAt.getTime() > latest) {
    issues.push({ path: [paths.occurredDate], message: "The date and time the incident happened must be in the past" });
  }
  if (input.reportedAt.getTime() > latest) {
    issues.push({ path: [paths.reportedDate], message: "The date and time it was reported must be in the past" });
  } else if (input.reportedAt.getTime() < input.occurredAt.getTime()) {
    issues.push({ path: [paths.reportedDate], message: "The date and time it was reported must be the same as or after when it happened" });
  }
  const seen = new Set<string>();
  for (const { person, role, row } of input.people) {
    if (!("id" in person)) continue;
    const key = `${person.id}|${role}`;
    if (seen.has(key)) issues.push({ path: ["people", row, "role"], message: "This person is already listed in this role" });
    seen.add(key);
  }
  return issues;
}

// ───────────────────────────── The browser form ─────────────────────────────

const ZText = z.string().catch("");
const ZRawDate = z
  .object({ day: ZText, month: ZText, year: ZText })
  .catch({ day: "", month: "", year: "" })
  .default({ day: "", month: "", year: "" });

const ZRawPersonRow = z.object({
  /** "existing": picked with the search; "new": the officer is adding a person. */
  mode: z.enum(["existing", "new"]).catch("existing"),
  personId: ZText,
  /** What was typed in the search box without picking anything. */
  personQuery: ZText,
  firstName: ZText,
  lastName: ZText,
  dateOfBirth: ZRawDate,
  role: ZText,
});

const formShape = {
  occurred: ZRawDate,
  occurredTime: ZText,
  reported: ZRawDate,
  reportedTime: ZText,
  reportMethod: ZText,
  category: ZText,
  type: ZText,
  description: ZText,
  riskLevel: ZText,
  locationMode: z.enum(["existing", "new"]).catch("existing"),
  locationId: ZText,
  locationQuery: ZText,
  newLocation: z
    .object({ addressLine1: ZText, town: ZText, postcode: ZText, kind: ZText })
    .catch({ addressLine1: "", town: "", postcode: "", kind: "" })
    .default({ addressLine1: "", town: "", postcode: "", kind: "" }),
  people: z.array(ZRawPersonRow).catch([]).default([]),
  caseId: ZText,
  /** The pair of days the officer confirmed when it was reported long after it happened (lib/incidents/late-report). */
  lateDatesConfirmed: ZText,
};

type RawForm = z.output<z.ZodObject<typeof formShape>>;
type RawPersonRow = z.output<typeof ZRawPersonRow>;

function isBlankRow(row: RawPersonRow): boolean {
  const typed = [
    row.personId,
    row.personQuery,
    row.role,
    row.firstName,
    row.lastName,
    row.dateOfBirth.day,
    row.dateOfBirth.month,
    row.dateOfBirth.year,
  ];
  return typed.every((v) => v.trim() === "");
}

function firstIssueMessage(result: z.ZodSafeParseResult<unknown>): string | undefined {
  return result.success ? undefined : result.error.issues[0]?.message;
}

/** Checks the raw form and builds the input, adding an issue per field that is wrong. */
function incidentFromForm(raw: RawForm, ctx: z.RefinementCtx): IncidentInput | typeof z.NEVER {
  const issues: Issue[] = [];
  const add = (path: (string | number)[], message: string | undefined) => {
    if (message) issues.push({ path, message });
  };
  const now = new Date();

  // When it happened and when it was reported.
  const occurredDay = checkDateParts(raw.occurred, "the date the incident happened", true);
  const occurredTime = checkTime(raw.occurredTime, "the time the incident happened");
  const reportedDay = checkDateParts(raw.reported, "the date it was reported", true);
  const reportedTime = checkTime(raw.reportedTime, "the time it was reported");
  if (!occurredDay.ok) add(["occurred"], occurredDay.message);
  else if (occurredDay.value && occurredDay.value.year < EARLIEST_YEAR)
    add(["occurred"], `The date the incident happened must be after 1 January ${EARLIEST_YEAR}`);
  if (!occurredTime.ok) add(["occurredTime"], occurredTime.message);
  if (!reportedDay.ok) add(["reported"], reportedDay.message);
  else if (reportedDay.value && reportedDay.value.year < EARLIEST_YEAR)
    add(["reported"], `The date it was reported must be after 1 January ${EARLIEST_YEAR}`);
  if (!reportedTime.ok) add(["reportedTime"], reportedTime.message);

  const reportMethod = ZReportMethod.safeParse(raw.reportMethod);
  const category = ZCategory.safeParse(raw.category);
  const type = ZType.safeParse(raw.type);
  const description = ZDescription.safeParse(raw.description);
  const riskLevel = ZRiskLevel.safeParse(raw.riskLevel);
  add(["reportMethod"], firstIssueMessage(reportMethod));
  add(["category"], firstIssueMessage(category));
  add(["type"], firstIssueMessage(type));
  add(["description"], firstIssueMessage(description));

  // Where: a place picked with the search, a new place, or none.
  let location: IncidentInput["location"] = null;
  if (raw.locationMode === "new") {
    const place = raw.newLocation;
    const addressLine1 = place.addressLine1.trim();
    const town = place.town.trim();
    const postcodeText = place.postcode.trim();
    const postcode = postcodeText ? normalisePostcode(postcodeText) : null;
    const kind = ZPlaceKind.safeParse(place.kind);
    if (!addressLine1) add(["newLocation", "addressLine1"], "Enter the first line of the address or the name of the place");
    else if (addressLine1.length > 200)
      add(["newLocation", "addressLine1"], "The first line of the address must be 200 characters or fewer");
    if (!town) add(["newLocation", "town"], "Enter the town or city");
    else if (town.length > 100) add(["newLocation", "town"], "The town or city must be 100 characters or fewer");
    if (postcodeText && !postcode) add(["newLocation", "postcode"], "Enter a real postcode, for example SE15 4QF");
    add(["newLocation", "kind"], firstIssueMessage(kind));
    if (kind.success) location = { create: { addressLine1, town, postcode, kind: kind.data } };
  } else if (raw.locationId.trim()) {
    if (ZUuid.safeParse(raw.locationId.trim()).success) location = { id: raw.locationId.trim() };
    else add(["locationId"], "Choose a place from the list, or add a new place");
  } else if (raw.locationQuery.trim()) {
    add(["locationId"], "Choose a place from the list, or add a new place");
  }

  // Who: each row is a person picked with the search or a new person, and their role.
  const people: IncidentPersonInput[] = [];
  if (raw.people.length > MAX_PEOPLE) add(["people"], `An incident can have up to ${MAX_PEOPLE} people`);
  raw.people.slice(0, MAX_PEOPLE).forEach((row, index) => {
    if (isBlankRow(row)) return;
    const role = ZRole.safeParse(row.role);
    add(["people", index, "role"], firstIssueMessage(role));
    let person: IncidentPersonInput["person"] | null = null;
    if (row.mode === "new") {
      const firstName = row.firstName.trim();
      const lastName = row.lastName.trim();
      if (!firstName) add(["people", index, "firstName"], "Enter the person's first name");
      else if (firstName.length > NAME_MAX) add(["people", index, "firstName"], `First name must be ${NAME_MAX} characters or fewer`);
      if (!lastName) add(["people", index, "lastName"], "Enter the person's last name");
      else if (lastName.length > NAME_MAX) add(["people", index, "lastName"], `Last name must be ${NAME_MAX} characters or fewer`);
      const dob = checkDateParts(row.dateOfBirth, "the date of birth", false);
      let dateOfBirth: Date | null = null;
      if (!dob.ok) add(["people", index, "dateOfBirth"], dob.message);
      else if (dob.value) {
        dateOfBirth = calendarDate(dob.value.year, dob.value.month, dob.value.day);
        if (dob.value.year < 1900) add(["people", index, "dateOfBirth"], "The date of birth must be after 1 January 1900");
        else if (dateOfBirth.getTime() > now.getTime()) add(["people", index, "dateOfBirth"], "The date of birth must be in the past");
      }
      if (firstName && lastName) person = { create: { firstName, lastName, dateOfBirth } };
    } else if (ZUuid.safeParse(row.personId.trim()).success) {
      person = { id: row.personId.trim() };
    } else {
      add(["people", index, "personId"], "Choose a person from the list, or add a new person");
    }
    if (person && role.success) people.push({ person, role: role.data, row: index });
  });

  let caseId: string | null = null;
  if (raw.caseId.trim()) {
    if (ZUuid.safeParse(raw.caseId.trim()).success) caseId = raw.caseId.trim();
    else add(["caseId"], "Choose a case from the list");
  }
  add(["riskLevel"], firstIssueMessage(riskLevel));

  const occurredAt =
    occurredDay.ok && occurredDay.value && occurredTime.ok
      ? fromLondonLocal(
          occurredDay.value.year,
          occurredDay.value.month,
          occurredDay.value.day,
          occurredTime.value.hour,
          occurredTime.value.minute,
        )
      : null;
  const reportedAt =
    reportedDay.ok && reportedDay.value && reportedTime.ok
      ? fromLondonLocal(
          reportedDay.value.year,
          reportedDay.value.month,
          reportedDay.value.day,
          reportedTime.value.hour,
          reportedTime.value.minute,
        )
      : null;

  if (occurredAt && reportedAt) {
    const paths = { occurredDate: "occurred", occurredTime: "occurredTime", reportedDate: "reported", reportedTime: "reportedTime" };
    for (const issue of crossFieldIssues({ occurredAt, reportedAt, people }, paths, now)) {
      issues.push(pointAtDateOrTime(issue, occurredAt, reportedAt, now));
    }
  } else {
    // Still check for people listed twice when a date is wrong, so every problem shows at once.
    const noWhen = { occurredDate: "", occurredTime: "", reportedDate: "", reportedTime: "" };
    const epoch = new Date(0);
    issues.push(...crossFieldIssues({ occurredAt: epoch, reportedAt: epoch, people }, noWhen, now).filter((i) => i.path[0] === "people"));
  }

  if (
    issues.length > 0 ||
    !occurredAt ||
    !reportedAt ||
    !reportMethod.success ||
    !category.success ||
    !type.success ||
    !description.success ||
    !riskLevel.success
  ) {
    for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  }
  return {
    occurredAt,
    reportedAt,
    reportMethod: reportMethod.data,
    category: category.data,
    type: type.data,
    description: description.data,
    riskLevel: riskLevel.data,
    location,
    people,
    caseId,
  };
}

/** The start of the London day after `value`'s. */
function startOfNextLondonDay(value: Date): number {
  const { year, month, day } = londonDateParts(value);
  return fromLondonLocal(year, month, day + 1).getTime();
}

function sameLondonDay(a: Date, b: Date): boolean {
  const x = londonDateParts(a);
  const y = londonDateParts(b);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}

/**
 * A rule about when is reported on the input the officer has to change: the date when the day is
 * wrong (a future day, reported on an earlier day), the time when only the time is.
 */
function pointAtDateOrTime(issue: Issue, occurredAt: Date, reportedAt: Date, now: Date): Issue {
  const tomorrow = startOfNextLondonDay(now);
  if (issue.path[0] === "occurred") return occurredAt.getTime() >= tomorrow ? issue : { ...issue, path: ["occurredTime"] };
  if (issue.path[0] === "reported") {
    const future = reportedAt.getTime() > now.getTime();
    const dayIsWrong = future ? reportedAt.getTime() >= tomorrow : !sameLondonDay(occurredAt, reportedAt);
    return dayIsWrong ? issue : { ...issue, path: ["reportedTime"] };
  }
  return issue;
}

const UNSAFE_KEYS = new Set(["__proto__", "prototype", "constructor"]);
const MAX_ROW_INDEX = 99;

/**
 * FormData values ("people.0.role", "occurred-day") as the nested object the schema reads
 * ({ people: [{ role }], occurred: { day } }). Unknown and unsafe keys are dropped by the schema.
 */
export function nestFormValues(values: unknown): unknown {
  if (typeof values !== "object" || values === null) return values;
  const root: Record<string, unknown> = {};
  for (const [key, rawValue] of Object.entries(values as Record<string, unknown>)) {
    const value = Array.isArray(rawValue) ? rawValue[0] : rawValue;
    if (typeof value !== "string") continue;
    const segments = key.split(".");
    const last = segments.pop() ?? "";
    const datePart = /^(.+)-(day|month|year)$/.exec(last);
    if (datePart) segments.push(datePart[1]!, datePart[2]!);
    else segments.push(last);
    if (segments.some((s) => UNSAFE_KEYS.has(s) || s === "" || (/^\d+$/.test(s) && Number(s) > MAX_ROW_INDEX))) continue;
    let node: Record<string, unknown> | unknown[] = root;
    let ok = true;
    segments.forEach((segment, i) => {
      if (!ok) return;
      const isLast = i === segments.length - 1;
      const nextIsIndex = !isLast && /^\d+$/.test(segments[i + 1]!);
      const slot: string | number = Array.isArray(node) ? Number(segment) : segment;
      if (Array.isArray(node) && !/^\d+$/.test(segment)) {
        ok = false;
        return;
      }
      const container = node as Record<string | number, unknown>;
      if (isLast) {
        container[slot] = value;
        return;
      }
      const existing = container[slot];
      if (typeof existing !== "object" || existing === null) container[slot] = nextIsIndex ? [] : {};
      node = container[slot] as Record<string, unknown> | unknown[];
    });
  }
  // Rows removed in the browser leave no holes, but a hand-made post might.
  if (Array.isArray(root.people)) root.people = Array.from(root.people, (row) => row ?? {});
  return root;
}

/** The incident as the browser form posts it. */
export const ZIncidentForm = z.preprocess(nestFormValues, z.object(formShape).transform(incidentFromForm));

/** Logging a new incident: the form's one-off key guards against double submission. */
export const ZNewIncidentForm = z.preprocess(
  nestFormValues,
  z.object({ ...formShape, submissionKey: ZSubmissionKey }).transform((raw, ctx) => {
    const input = incidentFromForm(raw, ctx);
    return { input: input as IncidentInput, submissionKey: raw.submissionKey, lateDatesConfirmed: raw.lateDatesConfirmed };
  }),
);

/** Editing: the version the officer started from, for the optimistic lock. */
export const ZEditIncidentForm = z.preprocess(
  nestFormValues,
  z
    .object({
      ...formShape,
      incidentId: z.uuid({ error: "This incident cannot be found" }),
      version: ZVersion,
    })
    .transform((raw, ctx) => {
      const input = incidentFromForm(raw, ctx);
      return {
        input: input as IncidentInput,
        incidentId: raw.incidentId,
        version: raw.version,
        lateDatesConfirmed: raw.lateDatesConfirmed,
      };
    }),
);

// ───────────────────────────── The JSON API ─────────────────────────────

const ZInstant = z.iso
  .datetime({ offset: true, error: "Give a date and time in ISO 8601 format, for example 2026-03-27T21:30:00Z" })
  .transform((s) => new Date(s));

const incidentJsonShape = {
  occurredAt: ZInstant,
  reportedAt: ZInstant,
  reportMethod: ZReportMethod,
  category: ZCategory,
  type: ZType,
  description: ZDescription,
  riskLevel: ZRiskLevel.default("STANDARD"),
  locationId: z.uuid({ error: "locationId must be a place id" }).nullish(),
  caseId: z.uuid({ error: "caseId must be a case id" }).nullish(),
  people: z
    .array(z.object({ personId: z.uuid({ error: "personId must be a person id" }), role: ZRole }))
    .max(MAX_PEOPLE, `An incident can have up to ${MAX_PEOPLE} people`)
    .default([]),
};

type RawIncidentJson = z.output<z.ZodObject<typeof incidentJsonShape>>;

function incidentFromJson(raw: RawIncidentJson, ctx: z.RefinementCtx): IncidentInput | typeof z.NEVER {
  const people = raw.people.map((p, row) => ({ person: { id: p.personId }, role: p.role, row }));
  const paths = { occurredDate: "occurredAt", occurredTime: "occurredAt", reportedDate: "reportedAt", reportedTime: "reportedAt" };
  const issues = crossFieldIssues({ occurredAt: raw.occurredAt, reportedAt: raw.reportedAt, people }, paths, new Date());
  if (raw.occurredAt.getUTCFullYear() < EARLIEST_YEAR)
    issues.push({ path: ["occurredAt"], message: `occurredAt must be after 1 January ${EARLIEST_YEAR}` });
  if (issues.length > 0) {
    for (const issue of issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  }
  return {
    occurredAt: raw.occurredAt,
    reportedAt: raw.reportedAt,
    reportMethod: raw.reportMethod,
    category: raw.category,
    type: raw.type,
    description: raw.description,
    riskLevel: raw.riskLevel,
    location: raw.locationId ? { id: raw.locationId } : null,
    people,
    caseId: raw.caseId ?? null,
  };
}

/** POST /api/incidents (signed in): instants in ISO 8601, existing people and place by id, and the form's one-off key. */
export const ZIncidentJson = z
  .object({ ...incidentJsonShape, submissionKey: z.uuid({ error: "Give a submissionKey (a UUID, new for each incident)" }) })
  .transform((raw, ctx) => {
    const input = incidentFromJson(raw, ctx);
    return { input: input as IncidentInput, submissionKey: raw.submissionKey };
  });

/** The partner API (/api/v1/incidents): the same body, its Idempotency-Key header standing in for the key. */
export const ZIncidentApi = z.object(incidentJsonShape).strict().transform(incidentFromJson);

// ───────────────────────────── Error summary order and links ─────────────────────────────

/** Field keys in the order the form shows them, for the error summary. */
export function incidentFieldOrder(rowCount: number): string[] {
  const rows = Array.from({ length: rowCount }, (_, i) =>
    ["personId", "firstName", "lastName", "dateOfBirth", "matchChoice", "role"].map((field) => `people.${i}.${field}`),
  ).flat();
  return [
    "occurred",
    "occurredTime",
    "reported",
    "reportedTime",
    "reportMethod",
    "category",
    "type",
    "description",
    "locationId",
    "newLocation.addressLine1",
    "newLocation.town",
    "newLocation.postcode",
    "newLocation.kind",
    "newLocation.matchChoice",
    "people",
    ...rows,
    "riskLevel",
    "caseId",
  ];
}

/** The id of a field's control: dots become dashes; a date links to its day input. */
export function incidentFieldId(key: string): string {
  return key.replaceAll(".", "-");
}

const DATE_FIELDS = /(^occurred$|^reported$|\.dateOfBirth$)/;

export function incidentFieldHref(key: string): string {
  return `#${incidentFieldId(key)}${DATE_FIELDS.test(key) ? "-day" : ""}`;
}

/** The incident form's question "which open cases name these people or this place?" (app/api/incidents/cases-naming). */
export const ZCasesNamingApi = z.object({
  personIds: z.array(z.string().max(64)).max(50, "Ask about 50 people at most").catch([]),
  locationIds: z.array(z.string().max(64)).max(5, "Ask about 5 places at most").catch([]),
});
