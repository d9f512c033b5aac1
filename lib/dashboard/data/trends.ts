import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AsbCategory } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleCaseIdsSql, visibleIncidentCondition } from "@/lib/cases/access-sql";
import { fromLondonLocal, londonToday } from "@/lib/format/dates";

// The trend of the incidents the actor's organisation logged over the last six calendar months
// (London time): by month, by ASB category and by place. Only incidents the actor may see are
// counted (one in a restricted case they cannot open is not), so each figure agrees with the
// incident list it links to (that list filtered by organisation, dates, category or place).

export const TREND_MONTHS = 6;
/** The places with the most incidents in the window. */
export const TREND_PLACES = 5;
/** The CTE of the cases the actor may see, in the queries below. */
const VISIBLE_CASES = Prisma.raw("visible_cases");

/** A calendar month as "2026-07", with its first and last days (ISO, for the incident list's from/to filters). */
export type TrendMonth = { month: string; firstDay: string; lastDay: string; count: number };

export type IncidentTrends = {
  /** The window's first and last days (ISO). */
  firstDay: string;
  lastDay: string;
  months: TrendMonth[];
  /** Every category, most incidents first (null: by month only). */
  categories: { category: AsbCategory; count: number }[] | null;
  /** The places with the most incidents (at most TREND_PLACES), most first (null: by month only). */
  places: { id: string; label: string; count: number }[] | null;
};

const iso = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);

function monthsBack(now: Date) {
  const london = londonToday(now);
  return Array.from({ length: TREND_MONTHS }, (_, i) => TREND_MONTHS - 1 - i).map((back) => {
    const year = london.getUTCFullYear();
    const month = london.getUTCMonth() + 1 - back;
    return {
      key: new Date(Date.UTC(year, month - 1, 1)).toISOString().slice(0, 7),
      firstDay: iso(year, month, 1),
      lastDay: iso(year, month + 1, 0),
      start: fromLondonLocal(year, month, 1),
      end: fromLondonLocal(year, month + 1, 1),
    };
  });
}

/**
 * By month, and (with `breakdown`, for the managers and analysts who watch trends) by category and
 * by place: the breakdown reads the window's incidents twice more, which an officer's first screen
 * need not pay for.
 */
export async function incidentTrends(actor: Actor, now: Date, { breakdown }: { breakdown: boolean }): Promise<IncidentTrends> {
  const months = monthsBack(now);
  const start = months[0]!.start;
  const end = months[months.length - 1]!.end;
  const own = Prisma.sql`i."reportingOrganisationId" = ${actor.organisationId}::uuid`;
  const visible = visibleIncidentCondition(actor, VISIBLE_CASES);
  // Each count is a range read of the (reportingOrganisationId, occurredAt) index between London
  // month boundaries worked out here, with no per-row date arithmetic.
  const [perMonth, perCategory, perPlace] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`
      WITH visible_cases AS MATERIALIZED (${visibleCaseIdsSql(actor)})
      SELECT (SELECT count(*) FROM "Incident" i
              WHERE ${own} AND i."occurredAt" >= m.start AND i."occurredAt" < m."end" AND ${visible}) AS n
      FROM unnest(${months.map((m) => m.start)}::timestamptz[], ${months.map((m) => m.end)}::timestamptz[]) WITH ORDINALITY AS m(start, "end", position)
      ORDER BY m.position`,
    breakdown
      ? db.$queryRaw<{ category: AsbCategory; n: bigint }[]>`
      WITH visible_cases AS MATERIALIZED (${visibleCaseIdsSql(actor)})
      SELECT i.category, count(*) AS n FROM "Incident" i
      WHERE ${own} AND i."occurredAt" >= ${start} AND i."occurredAt" < ${end} AND ${visible}
      GROUP BY i.category`
      : null,
    breakdown
      ? db.$queryRaw<{ id: string; addressLine1: string; postcode: string | null; n: bigint }[]>`
      WITH visible_cases AS MATERIALIZED (${visibleCaseIdsSql(actor)}),
      counted AS (
        SELECT i."locationId" AS id, count(*) AS n FROM "Incident" i
        WHERE ${own} AND i."locationId" IS NOT NULL AND i."occurredAt" >= ${start} AND i."occurredAt" < ${end} AND ${visible}
        GROUP BY i."locationId"
      )
      SELECT c.id, l."addressLine1", l.postcode, c.n FROM counted c JOIN "Location" l ON l.id = c.id
      ORDER BY c.n DESC, l."addressLine1", c.id
      LIMIT ${TREND_PLACES}`
      : null,
  ]);
  const categories =
    perCategory &&
    (["PERSONAL", "NUISANCE", "ENVIRONMENTAL"] as const)
      .map((category) => ({ category, count: Number(perCategory.find((r) => r.category === category)?.n ?? 0) }))
      .sort((a, b) => b.count - a.count);
  return {
    firstDay: months[0]!.firstDay,
    lastDay: months[months.length - 1]!.lastDay,
    months: months.map((m, i) => ({ month: m.key, firstDay: m.firstDay, lastDay: m.lastDay, count: Number(perMonth[i]?.n ?? 0) })),
    categories,
    places:
      perPlace?.map((p) => ({ id: p.id, label: [p.addressLine1, p.postcode].filter(Boolean).join(", "), count: Number(p.n) })) ?? null,
  };
}
