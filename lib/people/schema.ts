import { z } from "zod";
import { Gender } from "@/lib/generated/prisma/enums";
import { calendarDate, londonToday } from "@/lib/format/dates";
import { checkDateParts } from "@/lib/incidents/date-fields";
import { searchText } from "@/lib/search-text";
import { VULNERABILITY_MARKERS } from "@/lib/people/alert-labels";
import { ZVersion } from "@/lib/forms";

// The people forms' and searches' input, shared by the forms (field names, labels, order) and the
// server (actions, the search page and POST /api/people/search). Pure: no database, no server-only.

export const GENDER_LABELS: Record<Gender, string> = {
  FEMALE: "Female",
  MALE: "Male",
  NON_BINARY: "Non-binary",
  OTHER: "Other",
  NOT_KNOWN: "Not known",
};

export const vulnerabilityLabel = (kind: string): string => VULNERABILITY_MARKERS[kind] ?? kind;

export const NAME_MAX = 100;
export const MAX_ALIASES = 10;
export const MARKER_NOTE_MAX = 500;
/** The shortest name search worth running (two letters: "Ng", "Li"). */
export const SEARCH_MIN_LETTERS = 2;
export const SEARCH_MAX_LENGTH = 100;

/** The fields of the person form in page order (the error summary lists them in this order). */
export const PERSON_FIELDS = ["firstName", "lastName", "dateOfBirth", "gender", "aliases", "phone"] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** Where the error summary takes the user for each field (a date's first box, a radio group's first item). */
export function personFieldHref(field: string): string {
  return field === "dateOfBirth" ? "#dateOfBirth-day" : `#${field}`;
}

// ───────────────────────────── Pieces ─────────────────────────────

const name = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, { error: `Enter ${what}`, abort: true })
    .max(NAME_MAX, { error: `${capitalise(what)} must be ${NAME_MAX} characters or fewer`, abort: true })
    .refine((value) => /\p{L}/u.test(value), { error: `${capitalise(what)} must include letters` });

function capitalise(text: string): string {
  const trimmed = text.replace(/^(a|an|the) /, "");
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/** The three date boxes as posted (`dateOfBirth-day` and so on), gathered by personFormInput. */
const ZDatePartsInput = z.object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() }).optional();

/** A date of birth from three boxes: blank is "not known"; otherwise a real day, in the past, from 1900. */
export const ZDateOfBirth = ZDatePartsInput.transform((parts, ctx) => {
  // Its own bounds, checked below, are narrower than the service's: 1900 to today.
  const checked = checkDateParts(parts ?? {}, "date of birth", false, { earliestYear: 1, latestYear: 9999 });
  if (!checked.ok) {
    ctx.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  }
  if (!checked.value) return null;
  const { year, month, day } = checked.value;
  const date = calendarDate(year, month, day);
  if (year < 1900) {
    ctx.addIssue({ code: "custom", message: "Date of birth must be after 1900" });
    return z.NEVER;
  }
  if (date.getTime() > londonToday().getTime()) {
    ctx.addIssue({ code: "custom", message: "Date of birth must be today or in the past" });
    return z.NEVER;
  }
  return date;
});

export type AliasName = { firstName: string | null; lastName: string };

/** "Gaz Wilkins" → first name "Gaz", last name "Wilkins"; a single word ("Kaydee") is a last name. */
export function aliasName(text: string): AliasName {
  const words = text.trim().split(/\s+/);
  const lastName = words.pop() ?? "";
  return { firstName: words.length > 0 ? words.join(" ") : null, lastName };
}

export const aliasText = (alias: { firstName: string | null; lastName: string }): string =>
  [alias.firstName, alias.lastName].filter(Boolean).join(" ");

/** "Also known as": other names, separated by commas. Duplicates (ignoring case) are dropped. */
export const ZAliases = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const names = (value ?? "")
      .split(",")
      .map((part) => part.trim().replace(/\s+/g, " "))
      .filter((part) => part !== "");
    if (names.length > MAX_ALIASES) {
      ctx.addIssue({ code: "custom", message: `Enter no more than ${MAX_ALIASES} other names` });
      return z.NEVER;
    }
    if (names.some((part) => part.length > NAME_MAX)) {
      ctx.addIssue({ code: "custom", message: `Each other name must be ${NAME_MAX} characters or fewer` });
      return z.NEVER;
    }
    if (names.some((part) => !/\p{L}/u.test(part))) {
      ctx.addIssue({ code: "custom", message: "Each other name must include letters. Separate names with commas" });
      return z.NEVER;
    }
    const seen = new Set<string>();
    return names
      .filter((part) => {
        const key = searchText(part);
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .map(aliasName);
  });

const PHONE_MESSAGE = "Enter a telephone number, like 020 7946 0301, 07700 900982 or +44 20 7946 0301";

/** A UK telephone number, kept as typed (spaces tidied): 10 or 11 digits from 0, or +44. */
export const ZPhone = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const phone = (value ?? "").trim().replace(/\s+/g, " ");
    if (phone === "") return null;
    const digits = phone.replace(/[\s()-]/g, "");
    if (!/^(\+44\d{9,10}|0\d{9,10})$/.test(digits)) {
      ctx.addIssue({ code: "custom", message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return phone;
  });

// ───────────────────────────── The person form ─────────────────────────────

/**
 * FormData values as the person schema reads them: the three date boxes become one field, so that
 * an error on any of them is reported against "dateOfBirth".
 */
export function personFormInput(values: Record<string, string | string[]>): Record<string, unknown> {
  const one = (key: string) => {
    const value = values[key];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    ...values,
    dateOfBirth: { day: one("dateOfBirth-day"), month: one("dateOfBirth-month"), year: one("dateOfBirth-year") },
  };
}

export const ZPerson = z.object({
  firstName: name("a first name"),
  lastName: name("a last name"),
  dateOfBirth: ZDateOfBirth,
  gender: z.enum(Gender, { error: "Select a gender, or select ‘Not known’" }),
  aliases: ZAliases,
  phone: ZPhone,
});

export type TPerson = z.output<typeof ZPerson>;

/**
 * Creating. `submissionKey` is made when the form is rendered (a second submission creates
 * nothing). `confirmNew` is "None of these – create a new profile" after the likely matches were
 * shown for the name and date of birth in `checkedFor`; if either changed since, they are checked again.
 */
export const ZNewPerson = ZPerson.extend({
  submissionKey: z.uuid({ error: "This form has expired. Start again." }),
  confirmNew: z
    .string()
    .optional()
    .transform((value) => value === "yes"),
  checkedFor: z.string().max(400).optional(),
});

export type TNewPerson = z.output<typeof ZNewPerson>;

/** What the likely matches were checked for: the normalised name and the date of birth. */
export function matchCheckKey(person: Pick<TPerson, "firstName" | "lastName" | "dateOfBirth">): string {
  return `${searchText(person.firstName, person.lastName)}|${person.dateOfBirth?.toISOString().slice(0, 10) ?? ""}`;
}

/** Editing: the version the user started from (optimistic locking). */
export const ZPersonEdit = ZPerson.extend({
  version: ZVersion,
});

export type TPersonEdit = z.output<typeof ZPersonEdit>;

// ───────────────────────────── Vulnerability markers ─────────────────────────────

export const MARKER_FIELDS = ["kind", "note"] as const;

export const ZRecordMarker = z.object({
  kind: z.enum(Object.keys(VULNERABILITY_MARKERS) as [string, ...string[]], { error: "Select the kind of vulnerability" }),
  note: z
    .string()
    .trim()
    .max(MARKER_NOTE_MAX, { error: `The note must be ${MARKER_NOTE_MAX} characters or fewer` })
    .optional()
    .transform((value) => (value ? value : null)),
});

export type TRecordMarker = z.output<typeof ZRecordMarker>;

export const ZRemoveMarker = z.object({ markerId: z.uuid({ error: "Choose a marker to remove" }) });

// ───────────────────────────── Merge ─────────────────────────────

/** The check page's form: both profiles at the versions the manager checked. */
export const ZMergePeople = z
  .object({
    survivorId: z.uuid(),
    duplicateId: z.uuid(),
    survivorVersion: ZVersion,
    duplicateVersion: ZVersion,
  })
  .refine((value) => value.survivorId !== value.duplicateId, { error: "Choose two different profiles" });

export type TMergePeople = z.output<typeof ZMergePeople>;

// ───────────────────────────── Search ─────────────────────────────

/** A people search as the data layer runs it: normalised name text and an optional date of birth. */
export type PeopleSearchQuery = { text: string; dateOfBirth: Date | null };

export const EMPTY_SEARCH: PeopleSearchQuery = { text: "", dateOfBirth: null };

export const isEmptySearch = (query: PeopleSearchQuery): boolean => query.text === "" && query.dateOfBirth === null;

const ZSearchText = z
  .string()
  .optional()
  .transform((value) => searchText((value ?? "").slice(0, SEARCH_MAX_LENGTH)))
  .refine((text) => text === "" || text.replace(/[^\p{L}]/gu, "").length >= SEARCH_MIN_LETTERS, {
    error: `Enter at least ${SEARCH_MIN_LETTERS} letters of the name`,
  });

/** The search page's GET form: `q` and the three boxes `dob-day`, `dob-month`, `dob-year`. */
export const ZPeopleSearchForm = z
  .object({
    q: ZSearchText,
    dob: ZDateOfBirth,
  })
  .transform(({ q, dob }): PeopleSearchQuery => ({ text: q, dateOfBirth: dob }));

export type PeopleSearchForm = {
  /** Null when there is nothing to search for yet (the start state) or the input has an error. */
  query: PeopleSearchQuery | null;
  /** As typed, to put back in the form. */
  values: { q: string; dob: { day: string; month: string; year: string } };
  errors: { q?: string; dob?: string };
};

/** The search page's URL parameters (`q`, `dob-day`, `dob-month`, `dob-year`), checked. */
export function readPeopleSearch(params: Record<string, string | string[] | undefined>): PeopleSearchForm {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value) ?? "";
  };
  const values = { q: one("q"), dob: { day: one("dob-day"), month: one("dob-month"), year: one("dob-year") } };
  const parsed = ZPeopleSearchForm.safeParse({ q: values.q, dob: values.dob });
  if (!parsed.success) {
    const errors: PeopleSearchForm["errors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "dob" ? "dob" : "q";
      errors[field] ??= issue.message;
    }
    return { query: null, values, errors };
  }
  return { query: isEmptySearch(parsed.data) ? null : parsed.data, values, errors: {} };
}

export const PICKER_LIMIT_MAX = 20;

/**
 * The JSON body { q, dob?: "YYYY-MM-DD", limit? } of POST /api/people/search (the incident form's
 * person picker). A name too short to search for yet is no search (the picker asks as the user
 * types), not an error.
 */
export const ZPeopleSearchApi = z
  .object({
    q: ZSearchText.catch(""),
    dob: z
      .string({ error: "dob must be a real past date as YYYY-MM-DD" })
      .nullish()
      .transform((value, ctx) => {
        if (!value) return null;
        const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
        const parsed = match ? ZDateOfBirth.safeParse({ year: match[1], month: match[2], day: match[3] }) : null;
        if (!parsed?.success) {
          ctx.addIssue({ code: "custom", message: "dob must be a real past date as YYYY-MM-DD" });
          return z.NEVER;
        }
        return parsed.data;
      }),
    limit: z.coerce.number().int().min(1).max(PICKER_LIMIT_MAX).catch(10),
  })
  .transform(({ q, dob, limit }) => ({ query: { text: q, dateOfBirth: dob } satisfies PeopleSearchQuery, limit }));
