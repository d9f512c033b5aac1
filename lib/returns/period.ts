import {
  calendarDate,
  financialQuarter,
  financialYear,
  financialQuarterOf,
  financialYearOf,
  formatDateLong,
  londonToday,
  type DateLike,
} from "@/lib/format/dates";

// The period a return covers: a UK financial year (1 April – 31 March) or one of its quarters,
// cut at midnight London time (lib/format/dates). Pure, so pages, exports and tests share it.
//
// A period is named in URLs by a key: "2026-27" for the financial year 2026/27, "2026-27-q1" for
// its first quarter (April to June).

export type ReturnPeriod = {
  key: string;
  /** "2026/27" or "Q1 2026/27" */
  label: string;
  /** "1 April 2026 to 31 March 2027" */
  range: string;
  startYear: number;
  quarter: 1 | 2 | 3 | 4 | null;
  /** Midnight London time on the first day. */
  start: Date;
  /** Exclusive: midnight London time on the day after the last. */
  end: Date;
  /** The first day as a calendar date (UTC midnight), for `@db.Date` columns. */
  firstDay: Date;
  /** Exclusive: the day after the last, as a calendar date. */
  endDay: Date;
};

const QUARTER_MONTHS = { 1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March" } as const;
const QUARTER_FIRST_MONTH = { 1: 4, 2: 7, 3: 10, 4: 1 } as const;

const yearKey = (startYear: number) => `${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`;

/** The calendar date (UTC midnight) of a London midnight instant. */
const dayOf = (instant: Date) => londonToday(instant);

function lastDayLabel(endExclusive: Date): string {
  const day = dayOf(endExclusive);
  return formatDateLong(new Date(day.getTime() - 86_400_000));
}

export function financialYearPeriod(startYear: number): ReturnPeriod {
  const fy = financialYear(startYear);
  return {
    key: yearKey(startYear),
    label: fy.label,
    range: `${formatDateLong(calendarDate(startYear, 4, 1))} to ${lastDayLabel(fy.end)}`,
    startYear,
    quarter: null,
    start: fy.start,
    end: fy.end,
    firstDay: calendarDate(startYear, 4, 1),
    endDay: calendarDate(startYear + 1, 4, 1),
  };
}

export function financialQuarterPeriod(startYear: number, quarter: 1 | 2 | 3 | 4): ReturnPeriod {
  const q = financialQuarter(startYear, quarter);
  const firstMonth = QUARTER_FIRST_MONTH[quarter];
  const firstYear = quarter === 4 ? startYear + 1 : startYear;
  const first = calendarDate(firstYear, firstMonth, 1);
  const endDay = quarter === 4 ? calendarDate(startYear + 1, 4, 1) : calendarDate(startYear, firstMonth + 3, 1);
  return {
    key: `${yearKey(startYear)}-q${quarter}`,
    label: q.label,
    range: `${formatDateLong(first)} to ${lastDayLabel(q.end)}`,
    startYear,
    quarter,
    start: q.start,
    end: q.end,
    firstDay: first,
    endDay,
  };
}

/** The financial year `value` falls in (London time): the default period of every return. */
export function currentFinancialYearPeriod(now: DateLike = new Date()): ReturnPeriod {
  return financialYearPeriod(financialYearOf(now).startYear);
}

/** The financial quarter `value` falls in (London time): the MARAC data return's default period. */
export function currentFinancialQuarterPeriod(now: DateLike = new Date()): ReturnPeriod {
  const q = financialQuarterOf(now);
  return financialQuarterPeriod(q.startYear, q.quarter);
}

const KEY = /^(\d{4})-(\d{2})(?:-q([1-4]))?$/;

/**
 * The first financial year a period may name (1990/91): a partnership's history reaches back
 * decades, and a year before this is a typing mistake, not a record.
 */
export const EARLIEST_PERIOD_YEAR = 1990;

/** The last financial year a period may name: the one after the current one, for a return prepared ahead. */
export function latestPeriodYear(now: DateLike = new Date()): number {
  return financialYearOf(now).startYear + 1;
}

/**
 * The period a key names, or null for anything else (a made-up year, "2026-28", "2026-27-q5", a
 * year before 1990/91 or after next year).
 */
export function parsePeriodKey(key: string | undefined | null, now: DateLike = new Date()): ReturnPeriod | null {
  const match = KEY.exec(key ?? "");
  if (!match) return null;
  const startYear = Number(match[1]);
  if (startYear < EARLIEST_PERIOD_YEAR || startYear > latestPeriodYear(now) || Number(match[2]) !== (startYear + 1) % 100) return null;
  return match[3] ? financialQuarterPeriod(startYear, Number(match[3]) as 1 | 2 | 3 | 4) : financialYearPeriod(startYear);
}

/** What a page shows for the period its address asks for: that period, or why there is none to show. */
export type RequestedPeriod = { period: ReturnPeriod; problem: null } | { period: null; problem: string };

/**
 * The period an address asks for (`?period=`): `fallback` when it asks for none; otherwise the
 * period it names, or a problem to show beside the picker. Never another period in its place, so
 * that the page and its picker cannot disagree about what is shown.
 */
export function requestedPeriod(key: string | undefined, fallback: () => ReturnPeriod, now: DateLike = new Date()): RequestedPeriod {
  if (key === undefined) return { period: fallback(), problem: null };
  const period = parsePeriodKey(key, now);
  if (period) return { period, problem: null };
  return {
    period: null,
    problem: key.trim() === "" ? "Choose a period" : "There is no such period: choose a financial year or quarter from the list",
  };
}

export type PeriodChoice = { key: string; label: string };

export type PeriodChoiceOptions = {
  now?: DateLike;
  /** The financial year (its start year) of the earliest record in scope; null or absent: none, so the current year only. */
  from?: number | null;
  /** The period shown, offered even when outside the range (an older year, or next year), so the picker shows it. */
  including?: ReturnPeriod | null;
};

/**
 * The periods offered, latest first: every financial year from the one holding the earliest
 * record in scope (never before 1990/91) to the current one, each followed by its quarters, and
 * the year of the period shown when it falls outside that range.
 */
export function periodChoices({ now = new Date(), from = null, including = null }: PeriodChoiceOptions = {}): PeriodChoice[] {
  const current = financialYearOf(now).startYear;
  const first = Math.min(Math.max(from ?? current, EARLIEST_PERIOD_YEAR), current);
  const years = new Set<number>();
  for (let y = current; y >= first; y -= 1) years.add(y);
  if (including) years.add(including.startYear);
  const choices: PeriodChoice[] = [];
  for (const y of [...years].sort((a, b) => b - a)) {
    choices.push({ key: yearKey(y), label: `Financial year ${financialYearPeriod(y).label}` });
    for (const q of [1, 2, 3, 4] as const) {
      const p = financialQuarterPeriod(y, q);
      choices.push({ key: p.key, label: `${p.label} (${QUARTER_MONTHS[q]})` });
    }
  }
  return choices;
}

/** The earlier of the period's end and now: the moment "overdue" and "completed" are judged at. */
export function asOfInstant(period: Pick<ReturnPeriod, "end">, now: Date = new Date()): Date {
  return period.end.getTime() < now.getTime() ? period.end : now;
}
