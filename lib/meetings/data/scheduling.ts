import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Panel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel, rolesWith } from "@/lib/auth/permissions";
import { auditChange } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { createOnce } from "@/lib/submissions";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { londonToday } from "@/lib/format/dates";
import { OPEN_ACTION_STATUSES } from "@/lib/case-actions/labels";
import { chairedPanelsOf } from "@/lib/meetings/access";
import type { ScheduleInput } from "@/lib/meetings/schema";
import { ENTITY, notifyMeeting, RUNNING } from "./shared";
import { PANEL_NAMES } from "@/lib/panels/labels";

// Scheduling: a chair of the panel schedules a meeting, and its agenda is built from accepted
// referrals and the cases due for review (REVIEW_RULE, which the agenda page shows, and
// dueForReviewWhere, the same rule as a query: change one, change the other).

export const REVIEW_RULE =
  "A case is due for review when it is not closed and still has an open action agreed at an earlier meeting of this panel, and is not already on a scheduled meeting of the panel.";

export type ScheduleChoices = {
  panels: Panel[];
  chairs: { panel: Panel; users: { id: string; name: string; organisationShortName: string }[] }[];
  organisations: { id: string; name: string; shortName: string }[];
};

/** Chairs of a panel: active users who may run meetings and sit on it. */
const chairsOfPanelWhere = (panel: Panel): Prisma.UserWhereInput => ({
  active: true,
  role: { in: rolesWith("meeting:run") },
  panels: { some: { panel } },
});

/** What the schedule form offers: the panels the actor chairs, their chairs, and active organisations. */
export async function scheduleChoices(actor: Actor): Promise<ScheduleChoices> {
  const panels = chairedPanelsOf(actor);
  if (panels.length === 0) return { panels, chairs: [], organisations: [] };
  const [chairs, organisations] = await Promise.all([
    Promise.all(
      panels.map(async (panel) => ({
        panel,
        users: (
          await db.user.findMany({
            where: chairsOfPanelWhere(panel),
            orderBy: { name: "asc" },
            select: { id: true, name: true, organisation: { select: { shortName: true } } },
          })
        ).map((u) => ({ id: u.id, name: u.name, organisationShortName: u.organisation.shortName })),
      })),
    ),
    db.organisation.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, shortName: true } }),
  ]);
  return { panels, chairs, organisations };
}

/** Cases due for review at the panel's next meeting (REVIEW_RULE). */
export function dueForReviewWhere(panel: Panel): Prisma.CaseWhereInput {
  return {
    status: { not: "CLOSED" },
    ...(panel === "CCM" ? { restricted: false } : {}),
    actions: { some: { status: { in: [...OPEN_ACTION_STATUSES] }, meeting: { panel, status: "CLOSED" } } },
    agendaItems: { none: { meeting: { panel, status: { in: RUNNING } } } },
  };
}

/** A meeting dated before today was already held: it is being recorded afterwards. */
export function heldAlready(startsAt: Date, now = new Date()): boolean {
  return londonToday(startsAt) < londonToday(now);
}

/** Accepted referrals to the panel that are on no agenda yet (a cancelled meeting's agenda does not count). */
export function acceptedUnlistedReferralsWhere(panel: Panel): Prisma.ReferralWhereInput {
  return {
    panel,
    status: "ACCEPTED",
    agendaItems: { none: { meeting: { status: { not: "CANCELLED" } } } },
    ...(panel === "CCM" ? { case: { restricted: false } } : {}),
  };
}

/**
 * Schedules a meeting once per `submissionKey`, with its attending organisations, and builds its
 * agenda: accepted referrals not yet listed, then the cases due for review.
 *
 * A meeting dated before today was already held, and is being recorded afterwards (lib/history):
 * it starts at once (in progress, `recordedAfterwards`), so the chair records what happened in
 * meeting mode and closes it. Its agenda takes only the referrals accepted by its date; the
 * cases due for review are today's, not the meeting's, so the chair adds any others by reference.
 */
export async function scheduleMeeting(
  actor: Actor,
  input: ScheduleInput,
  submissionKey: string,
  now = new Date(),
): Promise<{ id: string; duplicate: boolean }> {
  if (!chairsPanel(actor, input.panel))
    throw new ForbiddenError(`Only a chair of the ${PANEL_NAMES[input.panel]} can schedule its meetings`);
  return createOnce(submissionKey, actor.userId, ENTITY, async (tx) => {
    const held = heldAlready(input.startsAt, now);
    const chair = await tx.user.findFirst({
      where: { AND: [{ id: input.chairId }, chairsOfPanelWhere(input.panel)] },
      select: { id: true },
    });
    if (!chair) throw new ValidationError({ chairId: [`Select a chair of the ${PANEL_NAMES[input.panel]} from the list`] });
    const organisations = await tx.organisation.findMany({
      where: { id: { in: input.organisationIds }, active: true },
      select: { id: true },
    });
    if (organisations.length !== input.organisationIds.length)
      throw new ValidationError({ organisationIds: ["Select organisations from the list"] });

    // The reference carries the year the meeting is held in.
    const reference = await nextReference(tx, "MTG", input.startsAt);
    const meeting = await tx.meeting.create({
      data: {
        reference,
        panel: input.panel,
        startsAt: input.startsAt,
        venue: input.venue,
        chairId: chair.id,
        attendees: { create: organisations.map((o) => ({ organisationId: o.id })) },
        ...(held ? { status: "IN_PROGRESS" as const, recordedAfterwards: true } : {}),
      },
      select: { id: true },
    });

    // One after another: the transaction's one connection runs a query at a time.
    const referrals = await tx.referral.findMany({
      where: { AND: [acceptedUnlistedReferralsWhere(input.panel), held ? { triagedAt: { lte: input.startsAt } } : {}] },
      orderBy: { triagedAt: "asc" },
      select: { id: true, caseId: true },
    });
    const reviews = held
      ? []
      : await tx.case.findMany({ where: dueForReviewWhere(input.panel), orderBy: { reference: "asc" }, select: { id: true } });
    const listed = new Set<string>();
    const items: Prisma.AgendaItemCreateManyInput[] = [];
    for (const r of referrals) {
      if (listed.has(r.caseId)) continue;
      listed.add(r.caseId);
      items.push({ meetingId: meeting.id, caseId: r.caseId, referralId: r.id, reason: "REFERRAL", position: items.length + 1 });
    }
    for (const c of reviews) {
      if (listed.has(c.id)) continue;
      listed.add(c.id);
      items.push({ meetingId: meeting.id, caseId: c.id, reason: "REVIEW", position: items.length + 1 });
    }
    if (items.length > 0) await tx.agendaItem.createMany({ data: items });

    await auditChange(tx, actor, "CREATE", ENTITY, meeting.id, {
      reference,
      panel: input.panel,
      startsAt: input.startsAt.toISOString(),
      agendaItems: items.length,
      ...(held ? { recordedAfterwards: true } : {}),
    });
    // A meeting already held is history: nobody needs an invitation to it.
    if (!held) await notifyMeeting(tx, actor, meeting.id, "MEETING_SCHEDULED");
    return meeting.id;
  });
}

/** Whether the actor may schedule meetings at all (the list's button). */
export function mayScheduleMeetings(actor: Actor): boolean {
  return can(actor, "meeting:run") && chairedPanelsOf(actor).length > 0;
}
