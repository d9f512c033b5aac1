import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { calendarDate, formatDate, fromLondonLocal, londonToday } from "@/lib/format/dates";
import { checkDateParts, type CalendarDay } from "@/lib/incidents/date-fields";

// When something really happened, for records of the past (lib/history/README.md). Every form
// that records an event (a referral, a triage decision, a risk assessment, a case opened or
// closed, a share, a power's status, an action done or cancelled) takes an optional "it happened
// on" date; blank means now, so the everyday form is no slower. Pure: forms, server actions, the
// data layer and the tests share it.

/** The form field's name: its three boxes post as happenedOn-day, -month and -year. */
export const HAPPENED_ON = "happenedOn";

/** The three boxes as one optional calendar day (null when left blank). */
export const ZHappenedOn = z
  .object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })
  .optional()
  .transform((parts, ctx): CalendarDay | null => {
    // A later day is refused by happenedAt, beside the field, as "today or in the past".
    const checked = checkDateParts(parts ?? {}, "the date it happened", false);
    if (!checked.ok) {
      ctx.addIssue({ code: "custom", message: checked.message });
      return z.NEVER;
    }
    return checked.value;
  });

/** Form values with the three happenedOn boxes gathered into one `happenedOn` value, for ZHappenedOn. */
export function withHappenedOn(raw: unknown): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const values = raw as Record<string, unknown>;
  const one = (key: string) => {
    const value = values[key];
    return typeof value === "string" ? value : undefined;
  };
  return {
    ...values,
    [HAPPENED_ON]: { day: one(`${HAPPENED_ON}-day`), month: one(`${HAPPENED_ON}-month`), year: one(`${HAPPENED_ON}-year`) },
  };
}

export type HappenedOptions = {
  now?: Date;
  /** What it cannot precede: a triage not before its referral, a closure not before the case was opened. */
  notBefore?: { at: Date; what: string };
  /** The form field the message belongs beside. */
  field?: string;
};

const sameDay = (a: Date, b: Date) => londonToday(a).getTime() === londonToday(b).getTime();

/**
 * The instant to record for an event given as a calendar day: now when no day was given or the
 * day is today; otherwise midday London time that day (so it sorts among that day's events), but
 * never before what it depends on. A day in the future, or before what it depends on, is refused
 * with a message beside the field.
 */
export function happenedAt(day: CalendarDay | null, options: HappenedOptions = {}): Date {
  const now = options.now ?? new Date();
  const field = options.field ?? HAPPENED_ON;
  const { notBefore } = options;
  if (day === null) return notBefore && notBefore.at > now ? notBefore.at : now;
  const chosen = calendarDate(day.year, day.month, day.day);
  if (chosen > londonToday(now)) throw new ValidationError({ [field]: ["The date it happened must be today or in the past"] });
  if (notBefore && chosen < londonToday(notBefore.at)) {
    throw new ValidationError({
      [field]: [`The date it happened must be on or after ${formatDate(notBefore.at)}, when ${notBefore.what}`],
    });
  }
  if (sameDay(chosen, now)) return now;
  const midday = fromLondonLocal(day.year, day.month, day.day, 12, 0);
  return notBefore && notBefore.at > midday ? notBefore.at : midday;
}

/** Whether an event was recorded on a later day than it happened (the timeline then shows both dates). */
export function recordedLater(occurredAt: Date, recordedAt: Date): boolean {
  return londonToday(recordedAt) > londonToday(occurredAt);
}
