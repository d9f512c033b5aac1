// en-GB dates in Europe/London time. Pure (no server-only): used by pages, exports and returns.
//
// Two kinds of value pass through here:
// - instants (timestamptz columns, `new Date()`): shown as the London wall-clock time;
// - calendar days (`@db.Date` columns such as due dates and dates of birth), which Prisma returns
//   as UTC midnight. London is never behind UTC, so reading UTC midnight in London time gives the
//   same calendar day; both kinds can therefore go through the same London-based helpers.

export const LONDON_TIME_ZONE = "Europe/London";

export type DateLike = Date | string | number;

export type LondonDateParts = {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
};

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON_TIME_ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
  hourCycle: "h23",
});

function toDate(value: DateLike): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Invalid date: ${String(value)}`);
  }
  return date;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The wall-clock date and time in London at the given instant, from the time zone database. */
function londonDatePartsFromIntl(date: Date): LondonDateParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of partsFormatter.formatToParts(date)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

const HOUR_MS = 3_600_000;
/** Since 1900 London's offset is a whole number of hours and changes only on a UTC hour. */
const OFFSET_CACHE_FROM = Date.UTC(1900, 0, 1);
const OFFSET_CACHE_LIMIT = 100_000;
/** London's offset from UTC (ms) in each UTC hour met so far: one formatToParts per hour, not per date. */
const offsetByUtcHour = new Map<number, number>();

/**
 * The wall-clock date and time in London at the given instant. A page shows hundreds of dates; the
 * time zone database is asked once per UTC hour (the offset cannot change within one since 1900)
 * and the rest is arithmetic. tests/unit/format-dates.test.ts checks it against Intl minute by
 * minute around every change of offset from 1900 to 2100.
 */
export function londonDateParts(value: DateLike): LondonDateParts {
  const date = toDate(value);
  const ms = date.getTime();
  if (ms < OFFSET_CACHE_FROM) return londonDatePartsFromIntl(date);
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    const p = londonDatePartsFromIntl(new Date(hour * HOUR_MS));
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - hour * HOUR_MS;
    if (offsetByUtcHour.size >= OFFSET_CACHE_LIMIT) offsetByUtcHour.clear();
    offsetByUtcHour.set(hour, offset);
  }
  const wall = new Date(ms + offset);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** "05/04/2026" */
export function formatDate(value: DateLike): string {
  const { year, month, day } = londonDateParts(value);
  return `${pad2(day)}/${pad2(month)}/${year}`;
}

/** "05/04/2026 14:30" (24-hour clock, London time) */
export function formatDateTime(value: DateLike): string {
  const { year, month, day, hour, minute } = londonDateParts(value);
  return `${pad2(day)}/${pad2(month)}/${year} ${pad2(hour)}:${pad2(minute)}`;
}

/** "14:30" */
export function formatTime(value: DateLike): string {
  const { hour, minute } = londonDateParts(value);
  return `${pad2(hour)}:${pad2(minute)}`;
}

/** "5 April 2026" */
export function formatDateLong(value: DateLike): string {
  const { year, month, day } = londonDateParts(value);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** Minutes London is ahead of UTC at the given instant (0 in GMT, 60 in BST). */
function londonOffsetMinutes(instant: number): number {
  const p = londonDateParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** True when year/month/day name a real calendar day (rejects 31/02/2026). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The instant at which London's clocks show the given wall-clock time.
 * On the autumn change (a repeated hour) the first occurrence (BST) is returned; on the spring
 * change (a skipped hour) a time inside the gap moves forward by an hour, as clocks do.
 */
export function fromLondonLocal(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const hours = 60 * 60_000;
  // The offsets in force just before and just after this wall-clock time cover both sides of a change.
  const offsets = [londonOffsetMinutes(wallClockAsUtc - 3 * hours), londonOffsetMinutes(wallClockAsUtc + 3 * hours)];
  const candidates = offsets
    .map((offset) => wallClockAsUtc - offset * 60_000)
    .filter((instant) => {
      const p = londonDateParts(instant);
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wallClockAsUtc;
    })
    .sort((a, b) => a - b);
  // No candidate means the time falls in the skipped spring hour: use the offset before the change.
  return new Date(candidates[0] ?? wallClockAsUtc - (offsets[0] ?? 0) * 60_000);
}

/** A calendar day as stored in a `@db.Date` column (UTC midnight). */
export function calendarDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

/** Today's date in London, as a calendar day (UTC midnight) for `@db.Date` columns. */
export function londonToday(now: DateLike = new Date()): Date {
  const { year, month, day } = londonDateParts(now);
  return calendarDate(year, month, day);
}

/** yyyymmdd as a number, for comparing calendar days. */
function londonDayNumber(value: DateLike): number {
  const { year, month, day } = londonDateParts(value);
  return year * 10_000 + month * 100 + day;
}

/**
 * A due date is a calendar day: the action is overdue from the start of the next day in London,
 * not from the instant the due date began.
 */
export function isOverdue(dueDate: DateLike | null | undefined, now: DateLike = new Date()): boolean {
  if (dueDate === null || dueDate === undefined) return false;
  return londonDayNumber(now) > londonDayNumber(dueDate);
}

// UK financial years run 1 April – 31 March, counted in London time.

export type FinancialYear = {
  /** The calendar year in which the financial year starts: 2026 for 2026/27. */
  startYear: number;
  /** "2026/27" */
  label: string;
  /** 1 April 00:00 London time. */
  start: Date;
  /** Exclusive: the next 1 April 00:00 London time. */
  end: Date;
};

export type FinancialQuarter = {
  startYear: number;
  /** The financial year's label, "2026/27". */
  yearLabel: string;
  /** 1 = April–June, 2 = July–September, 3 = October–December, 4 = January–March. */
  quarter: 1 | 2 | 3 | 4;
  /** "Q1 2026/27" */
  label: string;
  start: Date;
  /** Exclusive: the start of the next quarter. */
  end: Date;
};

export function financialYearLabel(startYear: number): string {
  return `${startYear}/${pad2((startYear + 1) % 100)}`;
}

/** The financial year starting on 1 April of `startYear`. */
export function financialYear(startYear: number): FinancialYear {
  return {
    startYear,
    label: financialYearLabel(startYear),
    start: fromLondonLocal(startYear, 4, 1),
    end: fromLondonLocal(startYear + 1, 4, 1),
  };
}

export function financialYearOf(value: DateLike): FinancialYear {
  const { year, month } = londonDateParts(value);
  return financialYear(month >= 4 ? year : year - 1);
}

const QUARTER_START_MONTH = { 1: 4, 2: 7, 3: 10, 4: 1 } as const;

function quarterStart(startYear: number, quarter: 1 | 2 | 3 | 4): Date {
  return fromLondonLocal(quarter === 4 ? startYear + 1 : startYear, QUARTER_START_MONTH[quarter], 1);
}

/** Quarter `quarter` (1–4) of the financial year starting in `startYear`. */
export function financialQuarter(startYear: number, quarter: 1 | 2 | 3 | 4): FinancialQuarter {
  const yearLabel = financialYearLabel(startYear);
  return {
    startYear,
    yearLabel,
    quarter,
    label: `Q${quarter} ${yearLabel}`,
    start: quarterStart(startYear, quarter),
    end: quarter === 4 ? quarterStart(startYear + 1, 1) : quarterStart(startYear, (quarter + 1) as 2 | 3 | 4),
  };
}

export function financialQuarterOf(value: DateLike): FinancialQuarter {
  const { month } = londonDateParts(value);
  const { startYear } = financialYearOf(value);
  const quarter = month >= 4 ? ((Math.floor((month - 4) / 3) + 1) as 1 | 2 | 3) : 4;
  return financialQuarter(startYear, quarter);
}
