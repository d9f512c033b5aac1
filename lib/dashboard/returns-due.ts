import { financialQuarterOf, financialYearOf, type DateLike } from "@/lib/format/dates";
import { financialQuarterPeriod, financialYearPeriod, type ReturnPeriod } from "@/lib/returns/period";
import type { ReturnKey } from "@/lib/returns/tables";

// The manager's "returns due": for each return they may open, its latest complete period, the
// one to hand in now. The Community Trigger publication and the tools and powers return are
// yearly (the financial year just ended); the MARAC data return (SafeLives) and the CCM activity
// figures are quarterly (the quarter just ended).

const QUARTERLY: ReadonlySet<ReturnKey> = new Set<ReturnKey>(["marac", "ccm-activity"]);

export type ReturnDue = { key: ReturnKey; period: ReturnPeriod; href: string };

/** The latest complete financial quarter before `now` (London time). */
export function lastCompleteQuarter(now: DateLike): ReturnPeriod {
  const current = financialQuarterOf(now);
  return current.quarter === 1
    ? financialQuarterPeriod(current.startYear - 1, 4)
    : financialQuarterPeriod(current.startYear, (current.quarter - 1) as 1 | 2 | 3);
}

/** The latest complete financial year before `now` (London time). */
export function lastCompleteYear(now: DateLike): ReturnPeriod {
  return financialYearPeriod(financialYearOf(now).startYear - 1);
}

export function returnsDue(keys: readonly ReturnKey[], now: DateLike = new Date()): ReturnDue[] {
  return keys.map((key) => {
    const period = QUARTERLY.has(key) ? lastCompleteQuarter(now) : lastCompleteYear(now);
    return { key, period, href: `/returns/${key}?period=${period.key}` };
  });
}
