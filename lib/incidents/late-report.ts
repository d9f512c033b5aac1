import { calendarDate, londonDateParts } from "@/lib/format/dates";
import { checkDateParts, type CalendarDay, type DatePartsValue } from "./date-fields";

// An incident reported long after it happened is accepted (history recorded afterwards, a victim
// who came forward late), but a pair of dates that far apart is often a slip (2018 for 2026), so
// the form asks the officer to check both before it is logged. Pure: the form shows the warning as
// the dates are typed, and the server action holds the incident back until it is confirmed.

/** Reported more than this many days after it happened: the officer is asked to check both dates. */
export const LATE_REPORT_DAYS = 28;

export type LateReport = {
  /** Days between the two London calendar days. */
  days: number;
  /** The pair of days it is about ("2018-04-20/2018-06-30"): a confirmation holds only for the dates it was given for. */
  key: string;
};

const iso = (d: CalendarDay) => `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

/** The warning for this pair of days, or null when they are close enough (or reported first: another rule refuses that). */
export function lateReportOf(occurred: CalendarDay, reported: CalendarDay): LateReport | null {
  const days = Math.round(
    (calendarDate(reported.year, reported.month, reported.day).getTime() -
      calendarDate(occurred.year, occurred.month, occurred.day).getTime()) /
      86_400_000,
  );
  return days > LATE_REPORT_DAYS ? { days, key: `${iso(occurred)}/${iso(reported)}` } : null;
}

/** The same for two instants (the server, once the form is parsed), by their London days. */
export function lateReportBetween(occurredAt: Date, reportedAt: Date): LateReport | null {
  return lateReportOf(londonDateParts(occurredAt), londonDateParts(reportedAt));
}

/** The same for the form's date boxes as they are typed (null until both are real dates). */
export function lateReportTyped(occurred: DatePartsValue, reported: DatePartsValue): LateReport | null {
  const a = checkDateParts(occurred, "the date", true);
  const b = checkDateParts(reported, "the date", true);
  return a.ok && a.value && b.ok && b.value ? lateReportOf(a.value, b.value) : null;
}

/** "Reported 45 days after it happened: check both dates". */
export function lateReportWords(late: LateReport): string {
  return `Reported ${late.days.toLocaleString("en-GB")} days after it happened: check both dates`;
}
