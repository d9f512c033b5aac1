import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MeetingStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, isPanelMember } from "@/lib/auth/permissions";
import { visibleCaseIdsSql } from "@/lib/cases/access-sql";
import { auditRefusal } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { visiblePowerCondition } from "@/lib/powers/access-sql";
import type { ReturnPeriod } from "@/lib/returns/period";
import type { FigureFilter, ReturnKey } from "@/lib/returns/tables";

// What the returns share: who may read which return and whose figures they get, the meetings
// the CCM and MARAC returns count (those held), and the pieces every drill-down is built from (which of a
// figure's records the actor may see, and how many are held back).

export const RETURN_ENTITY = "Return";

export type ReturnScope = { partnership: true; label: string } | { partnership: false; organisationId: string; label: string };

/** Whose figures the actor sees; NotFoundError when they may see no return at all. */
export function returnScopeOf(actor: Actor): ReturnScope {
  // Pages reach this after requirePermission("return:read"), which audits a refusal.
  if (!can(actor, "return:read")) throw new NotFoundError("return");
  return can(actor, "return:read-partnership")
    ? { partnership: true, label: "Whole partnership" }
    : { partnership: false, organisationId: actor.organisationId, label: actor.organisationName };
}

/** The returns the actor may open, in the order the index lists them. */
export function availableReturns(actor: Actor): ReturnKey[] {
  if (!can(actor, "return:read")) return [];
  const keys: ReturnKey[] = ["tools-and-powers", "community-trigger", "ccm-activity"];
  if (isPanelMember(actor, "MARAC")) keys.push("marac");
  return keys;
}

export function assertMayRead(actor: Actor, key: ReturnKey): ReturnScope {
  const scope = returnScopeOf(actor);
  if (!availableReturns(actor).includes(key)) throw new NotFoundError("return");
  return scope;
}

/** A return that exists but is not the actor's (the MARAC return to a non-member): refusal audited, then not found. */
export async function refuseUnlessAvailable(actor: Actor, key: ReturnKey): Promise<void> {
  if (can(actor, "return:read") && !availableReturns(actor).includes(key)) {
    await auditRefusal(actor, RETURN_ENTITY, key);
    throw new NotFoundError("return");
  }
}

export const uuid = (id: string) => Prisma.sql`${id}::uuid`;

export const HEARD = Prisma.sql`(a."reviewedAt" IS NOT NULL OR a.decision IS NOT NULL OR a."discussionSummary" IS NOT NULL)`;

/**
 * The statuses of a meeting that was held: in progress (started in meeting mode, or recorded after
 * it was held and not yet closed: lib/meetings/data/scheduling.ts) or closed. A scheduled meeting
 * has not been held (yet), and a cancelled one never will be.
 */
export const HELD_MEETING_STATUSES = ["IN_PROGRESS", "CLOSED"] as const satisfies readonly MeetingStatus[];

/** `m.status` is one of HELD_MEETING_STATUSES. */
export const meetingHeldSql = Prisma.sql`m.status IN (${Prisma.join(HELD_MEETING_STATUSES.map((s) => Prisma.sql`${s}::"MeetingStatus"`))})`;

/** The panel's meetings held in the period (scheduled and cancelled ones left out). */
export function meetingsSql(panel: "CCM" | "MARAC", period: ReturnPeriod): Prisma.Sql {
  return Prisma.sql`SELECT m.id, m.reference, m."startsAt" FROM "Meeting" m
    WHERE m.panel = ${panel}::"Panel" AND ${meetingHeldSql} AND m."startsAt" >= ${period.start} AND m."startsAt" < ${period.end}`;
}

export type FigureRequest = {
  key: ReturnKey;
  period: ReturnPeriod;
  measure: string;
  filter: FigureFilter;
  page: number;
  pageSize?: number;
};

export type NameParts = { name: (n: number) => string };
export type PageQuery = { page: number; pageSize: number; skip: number };

// Which of a figure's records the actor may see, as conditions on the drill-down's row `f`: the
// rules of lib/powers/access.ts (visiblePowersWhere) and lib/cases/access.ts (visibleCasesWhere,
// visibleActionsWhere) in SQL, clause for clause. tests/integration/returns-visibility-parity.test.ts
// holds every drill-down to the Prisma rules' answer, for every kind of actor. Change one, change
// the other.

/**
 * visiblePowersWhere on the event's power (lib/powers/access-sql.ts), from the power's own columns
 * carried on the event: issued by the actor's organisation (on a restricted case, only by the
 * actor), or used in a case they may see.
 */
export function visibleEventPower(actor: Actor): Prisma.Sql {
  return visiblePowerCondition(actor, EVENT_POWER_COLUMNS, Prisma.sql`(${visibleCaseIdsSql(actor)}) vc`);
}

const EVENT_POWER_COLUMNS = { organisation: Prisma.raw("f.org_id"), officer: Prisma.raw("f.officer_id"), case: Prisma.raw("f.case_id") };

/** visibleCasesWhere on `f.case_id`: the Community Trigger, the CCM and MARAC agenda items, and the actions (visibleActionsWhere) are seen with their case. */
export function visibleCaseCondition(actor: Actor): Prisma.Sql {
  return Prisma.sql`f.case_id IN (SELECT id FROM (${visibleCaseIdsSql(actor)}) vc)`;
}

/** Counts of the events behind a figure, and of those the actor may see. */
export async function countEvents(events: Prisma.Sql, visible: Prisma.Sql): Promise<{ total: number; visible: number }> {
  const [row] = await db.$queryRaw<{ total: number; visible: number }[]>`
    SELECT count(*)::int AS total, count(*) FILTER (WHERE ${visible})::int AS visible FROM (${events}) f`;
  return { total: row?.total ?? 0, visible: row?.visible ?? 0 };
}
