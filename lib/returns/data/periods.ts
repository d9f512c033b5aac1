import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { financialYearOf } from "@/lib/format/dates";
import { periodChoices, type PeriodChoice, type ReturnPeriod } from "@/lib/returns/period";
import type { ReturnKey } from "@/lib/returns/tables";
import { assertMayRead, meetingHeldSql, refuseUnlessAvailable, uuid, type ReturnScope } from "./shared";

// The periods a return offers: every financial year (and its quarters) from the one holding the
// earliest record the return counts in the viewer's scope, to the current one. A partnership's
// history reaches back years before it started using the service, and its returns must too.
//
// Each earliest date is a MIN() that an index answers in a few reads, whatever the number of
// records, and the page shows only its financial year: it reveals that something was recorded in
// that year, never which record (the figures say more).

/** When the earliest record the return counts in the actor's scope happened; null when there is none. */
export async function earliestRecordAt(actor: Actor, key: ReturnKey): Promise<Date | null> {
  const scope = assertMayRead(actor, key);
  switch (key) {
    case "tools-and-powers":
      return earliestPowerRecordAt(scope);
    case "community-trigger":
      return earliestTriggerApplicationAt(scope);
    case "ccm-activity":
      return earliestAt(Prisma.sql`SELECT ${earliestMeetingHeld("CCM")} AS at`);
    case "marac":
      return earliestMaracRecordAt();
  }
}

/**
 * The periods the return's picker offers the actor, with `shown` (the period on the page) among
 * them even when it lies outside the range. A return the actor may not open: NotFoundError, the
 * refusal audited as for the return itself.
 */
export async function returnPeriodChoices(
  actor: Actor,
  key: ReturnKey,
  shown: ReturnPeriod | null,
  now: Date = new Date(),
): Promise<PeriodChoice[]> {
  await refuseUnlessAvailable(actor, key);
  const earliest = await earliestRecordAt(actor, key);
  return periodChoices({ now, from: earliest ? financialYearOf(earliest).startYear : null, including: shown });
}

async function earliestAt(sql: Prisma.Sql): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ at: Date | null }[]>(sql);
  return row?.at ?? null;
}

/**
 * The earliest event the tools and powers return (and the register) counts among the powers the
 * scope covers: a power issued, breached, appealed, discharged, withdrawn or expired. Every event
 * belongs to a power and normally follows its issue, so the earliest issue answers; events dated
 * before it (none, unless a record was mistyped) are then looked for in the index entries before
 * that date. Two statements, so that the planner sees the date and walks those few entries
 * (measured at 500,000 powers: under a millisecond, against 20 ms or more with the date unknown).
 */
export async function earliestPowerRecordAt(scope: ReturnScope): Promise<Date | null> {
  const inScope = scope.partnership ? Prisma.empty : Prisma.sql`AND p."issuingOrganisationId" = ${uuid(scope.organisationId)}`;
  const issued = await earliestAt(Prisma.sql`SELECT min(p."issuedAt") AS at FROM "PowerUse" p WHERE true ${inScope}`);
  if (!issued) return null;
  const before = await earliestAt(Prisma.sql`
    SELECT LEAST(
      (SELECT min(b."breachedAt") FROM "PowerBreach" b JOIN "PowerUse" p ON p.id = b."powerId" WHERE b."breachedAt" < ${issued} ${inScope}),
      (SELECT min(c."changedAt") FROM "PowerStatusChange" c JOIN "PowerUse" p ON p.id = c."powerId"
        WHERE c."toStatus" IN ('APPEALED', 'DISCHARGED', 'WITHDRAWN', 'EXPIRED') AND c."changedAt" < ${issued} ${inScope}),
      (SELECT min(p."expiresAt") FROM "PowerUse" p WHERE p."expiresAt" < ${issued} ${inScope})
    ) AS at`);
  return before ?? issued;
}

/** The earliest Community Trigger application the scope covers (by the case's lead organisation, as the return counts them). */
function earliestTriggerApplicationAt(scope: ReturnScope): Promise<Date | null> {
  return earliestAt(
    scope.partnership
      ? Prisma.sql`SELECT min(t."applicationDate") AS at FROM "CommunityTrigger" t`
      : Prisma.sql`SELECT min(t."applicationDate") AS at FROM "CommunityTrigger" t JOIN "Case" c ON c.id = t."caseId"
          WHERE c."leadOrganisationId" = ${uuid(scope.organisationId)}`,
  );
}

/** The panel's earliest meeting held (the CCM and MARAC returns count meetings held, whoever views them). */
function earliestMeetingHeld(panel: "CCM" | "MARAC"): Prisma.Sql {
  return Prisma.sql`(SELECT min(m."startsAt") FROM "Meeting" m WHERE m.panel = ${panel}::"Panel" AND ${meetingHeldSql})`;
}

/**
 * The MARAC data return's earliest record: a MARAC meeting held, a MARAC referral (a transfer in
 * among them) or a case transferred out. Referrals are indexed by panel, then status: one MIN()
 * per status keeps to the index.
 */
function earliestMaracRecordAt(): Promise<Date | null> {
  return earliestAt(Prisma.sql`
    SELECT LEAST(
      ${earliestMeetingHeld("MARAC")},
      (SELECT min(x.at) FROM unnest(enum_range(NULL::"ReferralStatus")) s(status)
        CROSS JOIN LATERAL (SELECT min(r."referredAt") AS at FROM "Referral" r WHERE r.panel = 'MARAC' AND r.status = s.status) x),
      (SELECT min(t."transferredAt") FROM "CaseTransfer" t)
    ) AS at`);
}
