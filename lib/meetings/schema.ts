import { z } from "zod";
import { Panel } from "@/lib/generated/prisma/enums";
import { calendarDate, fromLondonLocal } from "@/lib/format/dates";
import { checkDateParts, checkTime, type CalendarDay } from "@/lib/incidents/date-fields";
import { asList, ZOptionalId, ZOptionalText, ZSubmissionKey, ZVersion } from "@/lib/forms";

// One zod schema per meetings form, used by the server actions (and the meeting-mode screen, which
// posts a plain object). The data layer then checks what no schema can: that the actor chairs the
// panel, that the chair and organisations exist, and that the item is still as the chair saw it.

export const VENUE_MAX = 200;
export const DISCUSSION_MAX = 10_000;
export const DECISION_MAX = 4_000;
export const ACTION_TITLE_MAX = 200;
/** Actions agreed for one case in one save. */
export const ACTIONS_PER_SAVE_MAX = 20;

const ZMeetingId = z.uuid({ error: "This meeting cannot be found. Go back to the meetings list and try again." });
const ZItemId = z.uuid({ error: "This agenda item cannot be found. Reload the page and try again." });

// ───────────────────────────── Scheduling ─────────────────────────────

export type ScheduleInput = { panel: Panel; startsAt: Date; venue: string | null; chairId: string; organisationIds: string[] };

/** The date (three boxes, gathered by `withMeetingDate`) and start time of a meeting. */
const meetingDateTime = {
  date: z.object({ day: z.unknown(), month: z.unknown(), year: z.unknown() }).transform((parts, ctx) => {
    const checked = checkDateParts(parts as Record<string, string | undefined>, "the date of the meeting", true);
    if (!checked.ok || !checked.value) {
      ctx.addIssue({ code: "custom", message: checked.ok ? "Enter the date of the meeting" : checked.message });
      return z.NEVER;
    }
    return checked.value;
  }),
  time: z.string({ error: "Enter the time the meeting starts" }).transform((text, ctx) => {
    const checked = checkTime(text, "the time the meeting starts");
    if (!checked.ok) {
      ctx.addIssue({ code: "custom", message: checked.message });
      return z.NEVER;
    }
    return checked.value;
  }),
};

/** When a meeting is, and who attends. */
const meetingWhen = {
  ...meetingDateTime,
  organisationIds: z.array(z.uuid({ error: "Select organisations from the list" })).min(1, "Select the organisations invited to attend"),
};

function withMeetingDate(raw: unknown): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const v = raw as Record<string, unknown>;
  return { ...v, date: { day: v["date-day"], month: v["date-month"], year: v["date-year"] }, organisationIds: asList(v.organisationIds) };
}

export const ZScheduleMeetingForm = z
  .preprocess(
    withMeetingDate,
    z.object({
      submissionKey: ZSubmissionKey,
      panel: z.enum(Panel, { error: "Select the panel: CCM or MARAC" }),
      ...meetingWhen,
      venue: ZOptionalText("The venue", VENUE_MAX),
      chairId: z.uuid({ error: "Select the chair" }),
    }),
  )
  .transform(({ submissionKey, date, time, panel, venue, chairId, organisationIds }) => ({
    submissionKey,
    input: {
      panel,
      startsAt: fromLondonLocal(date.year, date.month, date.day, time.hour, time.minute),
      venue,
      chairId,
      organisationIds: [...new Set(organisationIds)],
    } satisfies ScheduleInput,
  }));

/** The schedule form's fields in page order, for the error summary. */
export const SCHEDULE_FIELDS = ["panel", "date", "time", "venue", "chairId", "organisationIds"] as const;

// ───────────────────────────── Moving a scheduled meeting ─────────────────────────────

export type RescheduleInput = { startsAt: Date; venue: string | null };

export const ZRescheduleMeetingForm = z
  .preprocess(
    withMeetingDate,
    z.object({ meetingId: ZMeetingId, version: ZVersion, ...meetingDateTime, venue: ZOptionalText("The venue", VENUE_MAX) }),
  )
  .transform(({ meetingId, version, date, time, venue }) => ({
    meetingId,
    version,
    input: { startsAt: fromLondonLocal(date.year, date.month, date.day, time.hour, time.minute), venue } satisfies RescheduleInput,
  }));

export const RESCHEDULE_FIELDS = ["date", "time", "venue"] as const;

// ───────────────────────────── Correcting a closed meeting ─────────────────────────────

export const CORRECTION_REASON_MAX = 1000;

export type CorrectMeetingInput = { startsAt: Date; organisationIds: string[]; reason: string };

export const ZCorrectMeetingForm = z
  .preprocess(
    withMeetingDate,
    z.object({
      meetingId: ZMeetingId,
      version: ZVersion,
      ...meetingWhen,
      organisationIds: z.array(z.uuid({ error: "Select organisations from the list" })).min(1, "Select the organisations that attended"),
      reason: z
        .string({ error: "Enter why the meeting's record is being corrected" })
        .trim()
        .min(1, "Enter why the meeting's record is being corrected")
        .max(CORRECTION_REASON_MAX, `The reason must be ${CORRECTION_REASON_MAX.toLocaleString("en-GB")} characters or fewer`),
    }),
  )
  .transform(({ meetingId, version, date, time, organisationIds, reason }) => ({
    meetingId,
    version,
    input: {
      startsAt: fromLondonLocal(date.year, date.month, date.day, time.hour, time.minute),
      organisationIds: [...new Set(organisationIds)],
      reason,
    } satisfies CorrectMeetingInput,
  }));

export const CORRECT_MEETING_FIELDS = ["date", "time", "organisationIds", "reason"] as const;

// ───────────────────────────── Agenda ─────────────────────────────

export const ZAddToAgendaForm = z.object({
  meetingId: ZMeetingId,
  caseReference: z
    .string({ error: "Enter the case reference" })
    .trim()
    .min(1, "Enter the case reference, for example CASE-2026-000123")
    .max(40, "Enter the case reference, for example CASE-2026-000123")
    .transform((v) => v.toUpperCase()),
});

export const ZMoveAgendaItem = z.object({ meetingId: ZMeetingId, itemId: ZItemId, direction: z.enum(["up", "down"]) });

export const ZMeetingVersionForm = z.object({ meetingId: ZMeetingId, version: ZVersion });

// ───────────────────────────── Cancelling ─────────────────────────────

export const CANCEL_REASON_MAX = 1000;

/** What happens to the cases on a cancelled meeting's agenda. */
export const AGENDA_ON_CANCEL = ["RETURN", "MOVE"] as const;
export type AgendaOnCancel = (typeof AGENDA_ON_CANCEL)[number];

/** `agenda` is null when the agenda is empty (the data layer asks for it otherwise). */
export type CancelInput = { reason: string; agenda: AgendaOnCancel | null; moveToMeetingId: string | null };

export const ZCancelMeetingForm = z
  .object({
    meetingId: ZMeetingId,
    version: ZVersion,
    reason: z
      .string({ error: "Enter why the meeting is cancelled" })
      .trim()
      .min(1, "Enter why the meeting is cancelled")
      .max(CANCEL_REASON_MAX, `The reason must be ${CANCEL_REASON_MAX.toLocaleString("en-GB")} characters or fewer`),
    agenda: z.enum(AGENDA_ON_CANCEL, { error: "Select what happens to the cases on the agenda" }).optional(),
    moveToMeetingId: ZOptionalId("Select the meeting to move the cases to"),
    /** "yes" once the chair has seen the check step. */
    confirmed: z.string().optional(),
  })
  .superRefine((f, ctx) => {
    if (f.agenda === "MOVE" && !f.moveToMeetingId)
      ctx.addIssue({ code: "custom", path: ["moveToMeetingId"], message: "Select the meeting to move the cases to" });
  })
  .transform(({ meetingId, version, confirmed, reason, agenda, moveToMeetingId }) => ({
    meetingId,
    version,
    confirmed: confirmed === "yes",
    input: { reason, agenda: agenda ?? null, moveToMeetingId: agenda === "MOVE" ? moveToMeetingId : null } satisfies CancelInput,
  }));

/** The cancel form's fields in page order, for the error summary. */
export const CANCEL_FIELDS = ["reason", "agenda", "moveToMeetingId"] as const;

// ───────────────────────────── Meeting mode ─────────────────────────────

/**
 * An action agreed at the meeting. For a meeting recorded after it was held, `completedOn` (and
 * its `outcome`) says it has since been done.
 */
export type AgreedActionInput = {
  title: string;
  organisationId: string;
  assignedUserId?: string | null;
  dueDate: Date;
  completedOn?: CalendarDay | null;
  outcome?: string | null;
};
export type AgendaItemRecord = {
  discussionSummary: string | null;
  decision: string | null;
  reviewed: boolean;
  actions: AgreedActionInput[];
};

/** An action's three date inputs as one calendar day; a field of its own, so its error comes with the others'. */
const ZDueDate = z
  .object(
    { day: z.string().optional(), month: z.string().optional(), year: z.string().optional() },
    { error: "Enter the date the action is due" },
  )
  .transform((parts, ctx) => {
    const checked = checkDateParts(parts, "the date the action is due", true);
    if (!checked.ok || !checked.value) {
      ctx.addIssue({ code: "custom", message: checked.ok ? "Enter the date the action is due" : checked.message });
      return z.NEVER;
    }
    return calendarDate(checked.value.year, checked.value.month, checked.value.day);
  });

const ZAgreedAction = z.preprocess(
  (raw) => {
    if (!raw || typeof raw !== "object") return raw;
    const v = raw as Record<string, unknown>;
    return {
      ...v,
      dueDate: { day: v.dueDay, month: v.dueMonth, year: v.dueYear },
      completedOn: { day: v.doneDay, month: v.doneMonth, year: v.doneYear },
    };
  },
  z
    .object({
      title: z
        .string({ error: "Enter what needs to be done" })
        .trim()
        .min(1, "Enter what needs to be done")
        .max(ACTION_TITLE_MAX, `What needs to be done must be ${ACTION_TITLE_MAX} characters or fewer`),
      organisationId: z.uuid({ error: "Select the organisation that will do it" }),
      assignedUserId: z
        .union([z.literal(""), z.uuid({ error: "Select the officer from the list" })])
        .nullish()
        .transform((v) => v || null),
      dueDate: ZDueDate,
      completedOn: z
        .object({ day: z.string().optional(), month: z.string().optional(), year: z.string().optional() })
        .optional()
        .transform((parts, ctx) => {
          const checked = checkDateParts(parts ?? {}, "the date it was done", false);
          if (!checked.ok) {
            ctx.addIssue({ code: "custom", message: checked.message });
            return z.NEVER;
          }
          return checked.value;
        }),
      outcome: ZOptionalText("The outcome", DECISION_MAX),
    })
    .transform(
      (a) =>
        ({
          title: a.title,
          organisationId: a.organisationId,
          assignedUserId: a.assignedUserId,
          dueDate: a.dueDate,
          completedOn: a.completedOn,
          outcome: a.outcome,
        }) satisfies AgreedActionInput,
    ),
);

/** One case's record in meeting mode: what was discussed, the decision, reviewed, and new actions. */
export const ZAgendaItemRecord = z
  .object({
    meetingId: ZMeetingId,
    itemId: ZItemId,
    version: ZVersion,
    discussionSummary: ZOptionalText("The discussion summary", DISCUSSION_MAX),
    decision: ZOptionalText("The decision", DECISION_MAX),
    reviewed: z.boolean().default(false),
    actions: z.array(ZAgreedAction).max(ACTIONS_PER_SAVE_MAX, `Save at most ${ACTIONS_PER_SAVE_MAX} actions at a time`).default([]),
  })
  .superRefine((form, ctx) => {
    if (form.reviewed && !form.decision)
      ctx.addIssue({ code: "custom", path: ["decision"], message: "Enter the decision before marking the case as reviewed" });
  })
  .transform(({ meetingId, itemId, version, ...record }) => ({ meetingId, itemId, version, record: record satisfies AgendaItemRecord }));

export type AgendaItemRecordForm = z.input<typeof ZAgendaItemRecord>;
