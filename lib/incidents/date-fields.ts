import { isRealDate, londonDateParts, type DateLike } from "@/lib/format/dates";

// Day / month / year inputs and 24-hour times as typed into a form, checked with the GOV.UK
// error messages ("The date the incident happened must be a real date"). Pure: the form, the
// server action and the tests share it.

export type DatePartsValue = { day: string; month: string; year: string };
export type CalendarDay = { year: number; month: number; day: number };
export type ClockTime = { hour: number; minute: number };

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Years a date in this service may have unless a field says otherwise: no record is older, and
 * nothing is planned further ahead (a year such as 9999 is a slip, not a date). */
export const EARLIEST_YEAR = 1900;
export const YEARS_AHEAD = 10;

export type DateRange = { earliestYear?: number; latestYear?: number };

/**
 * `subject` names the date in lower case, e.g. "the date the incident happened". A blank date is
 * `null` when not required. The year must be within `range` (by default 1900 to ten years from now).
 */
export function checkDateParts(
  parts: Partial<DatePartsValue>,
  subject: string,
  required: boolean,
  range: DateRange = {},
): Checked<CalendarDay | null> {
  const day = (parts.day ?? "").trim();
  const month = (parts.month ?? "").trim();
  const year = (parts.year ?? "").trim();
  if (!day && !month && !year) return required ? { ok: false, message: `Enter ${subject}` } : { ok: true, value: null };
  const missing = [!day && "day", !month && "month", !year && "year"].filter(Boolean) as string[];
  if (missing.length > 0) {
    return { ok: false, message: `${capitalise(subject)} must include a ${missing.join(" and ")}` };
  }
  if (![day, month, year].every((p) => /^\d+$/.test(p))) return { ok: false, message: `${capitalise(subject)} must be a real date` };
  if (year.length !== 4) return { ok: false, message: "Year must include 4 numbers" };
  const value = { year: Number(year), month: Number(month), day: Number(day) };
  if (!isRealDate(value.year, value.month, value.day)) return { ok: false, message: `${capitalise(subject)} must be a real date` };
  const earliest = range.earliestYear ?? EARLIEST_YEAR;
  const latest = range.latestYear ?? Number(londonDateParts(new Date()).year) + YEARS_AHEAD;
  if (value.year < earliest) return { ok: false, message: `${capitalise(subject)} must be in ${earliest} or later` };
  if (value.year > latest) return { ok: false, message: `${capitalise(subject)} must be in ${latest} or earlier` };
  return { ok: true, value };
}

const TIME = /^([01]?\d|2[0-3])[:.]?([0-5]\d)$/;

/** "21:30", "2130", "21.30" and "9:05" are all accepted. */
export function checkTime(text: string | undefined, subject: string): Checked<ClockTime> {
  const trimmed = (text ?? "").trim();
  if (!trimmed) return { ok: false, message: `Enter ${subject}` };
  const match = TIME.exec(trimmed);
  if (!match) return { ok: false, message: `${capitalise(subject)} must be in the 24-hour clock, for example 21:30` };
  return { ok: true, value: { hour: Number(match[1]), minute: Number(match[2]) } };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The London calendar day of an instant, as the three inputs show it. */
export function datePartsOf(value: DateLike): DatePartsValue {
  const { year, month, day } = londonDateParts(value);
  return { day: String(day), month: String(month), year: String(year) };
}

/** The London wall-clock time of an instant, "21:30". */
export function timeOf(value: DateLike): string {
  const { hour, minute } = londonDateParts(value);
  return `${pad2(hour)}:${pad2(minute)}`;
}

/** The London calendar day `daysAgo` days before `now` (0 today, 1 yesterday). */
export function londonDayBefore(now: DateLike, daysAgo: number): DatePartsValue {
  const { year, month, day } = londonDateParts(now);
  // Calendar arithmetic on the London date itself, so a clock change never skips or repeats a day.
  const shifted = new Date(Date.UTC(year, month - 1, day - daysAgo));
  return { day: String(shifted.getUTCDate()), month: String(shifted.getUTCMonth() + 1), year: String(shifted.getUTCFullYear()) };
}
