import { calendarDate, formatDate, londonDateParts, type DateLike } from "@/lib/format/dates";

// Whether a PSPO is in force, from its dates alone. Pure: shared by the data layer, the pages and
// the tests. startsOn and endsOn are calendar days (`@db.Date`, UTC midnight); the order has
// effect from the start of startsOn to the end of endsOn, London time.

export type PspoStatus = "NOT_YET_IN_FORCE" | "IN_FORCE" | "ENDED";

export const PSPO_STATUS_LABELS: Record<PspoStatus, string> = {
  NOT_YET_IN_FORCE: "Not yet in force",
  IN_FORCE: "In force",
  ENDED: "Ended",
};

/** The kind code of a fixed penalty notice for breach of a PSPO (prisma/seed/reference-data.ts). */
export const PSPO_FPN_KIND_CODE = "PSPO_FPN";

/** The London calendar day an instant falls on, as a `@db.Date` value. */
export function londonCalendarDay(at: DateLike): Date {
  const { year, month, day } = londonDateParts(at);
  return calendarDate(year, month, day);
}

export type PspoDates = { startsOn: Date; endsOn: Date };

/** The PSPO's status on the London day of `at` (default: now). */
export function pspoStatusOn(pspo: PspoDates, at: DateLike = new Date()): PspoStatus {
  const day = londonCalendarDay(at).getTime();
  if (day < pspo.startsOn.getTime()) return "NOT_YET_IN_FORCE";
  if (day > pspo.endsOn.getTime()) return "ENDED";
  return "IN_FORCE";
}

/** Why a PSPO was not in force on the London day of `at`, or null if it was. */
export function notInForceReason(pspo: PspoDates & { reference: string }, at: DateLike): string | null {
  switch (pspoStatusOn(pspo, at)) {
    case "IN_FORCE":
      return null;
    case "NOT_YET_IN_FORCE":
      return `${pspo.reference} was not in force on ${formatDate(at)}: it came into force on ${formatDate(pspo.startsOn)}`;
    case "ENDED":
      return `${pspo.reference} was not in force on ${formatDate(at)}: it ended on ${formatDate(pspo.endsOn)}`;
  }
}

/**
 * The last day a PSPO starting on `startsOn` may have effect: s.60 of the Anti-social Behaviour,
 * Crime and Policing Act 2014 allows at most 3 years, so the day before the third anniversary
 * (29 February starts end on 28 February).
 */
export function latestEndFor(startsOn: Date): Date {
  const y = startsOn.getUTCFullYear() + 3;
  const m = startsOn.getUTCMonth();
  const d = startsOn.getUTCDate();
  // Date.UTC rolls 29 February into 1 March of a common year; the day before is then 28 February.
  const anniversary = new Date(Date.UTC(y, m, d));
  if (anniversary.getUTCMonth() !== m) return new Date(Date.UTC(y, m + 1, 0));
  return new Date(Date.UTC(y, m, d - 1));
}

/** The prohibitions as a list, one per line of the text, blank lines dropped. */
export function prohibitionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
