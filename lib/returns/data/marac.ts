import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { NotFoundError } from "@/lib/errors";
import { formatDate } from "@/lib/format/dates";
import { COUNT_CAP, pageOf } from "@/lib/list";
import type { ReturnPeriod } from "@/lib/returns/period";
import { MARAC_HEADERS, MARAC_PERIOD_HEADERS } from "@/lib/returns/labels";
import { plural, RETURN_TITLES, type Figure, type FigureFilter, type ReturnReport } from "@/lib/returns/tables";
import { assertMayRead, countEvents, HEARD, meetingsSql, uuid, visibleCaseCondition, type FigureRequest, type PageQuery } from "./shared";

// The MARAC data return (SafeLives dataset): per MARAC meeting held in the period, the cases
// discussed and their profile; for the period as a whole, the referrals received and the
// transfers in and out; and the records behind each figure. MARAC panel members only.

export const MARAC_MEASURES = [
  "cases-discussed",
  "repeat-cases",
  "children",
  "victims-racially-minoritised",
  "victims-lgbt",
  "victims-disability",
  "victims-male",
  "victims-aged-16-17",
  "perpetrators-17-or-under",
] as const;
export type MaracMeasure = (typeof MARAC_MEASURES)[number];

/** Counted for the period as a whole, each by the date it happened (lib/history), not per meeting. */
export const MARAC_PERIOD_MEASURES = ["referrals-received", "transfers-in", "transfers-out"] as const;
export type MaracPeriodMeasure = (typeof MARAC_PERIOD_MEASURES)[number];

/**
 * (record_id, case_id, at, measure) for the period's figures: MARAC referrals made in the period
 * (referredAt; a transfer in from another area's MARAC is one, and also counts as a transfer in),
 * and cases transferred out in it (CaseTransfer.transferredAt). A transfer out once recorded as a
 * referral (before transfers out were recorded on the case) is neither: it was never a referral
 * received by this MARAC.
 */
function maracPeriodEventsSql(period: ReturnPeriod): Prisma.Sql {
  return Prisma.sql`
    SELECT r.id AS record_id, r."caseId" AS case_id, r."referredAt" AS at, m.measure
    FROM "Referral" r CROSS JOIN (VALUES ('referrals-received'), ('transfers-in')) AS m(measure)
    WHERE r.panel = 'MARAC' AND r."transferDirection" <> 'TRANSFER_OUT'
      AND r."referredAt" >= ${period.start} AND r."referredAt" < ${period.end}
      AND (m.measure = 'referrals-received' OR r."transferDirection" = 'TRANSFER_IN')
    UNION ALL
    SELECT t.id, t."caseId", t."transferredAt", 'transfers-out'
    FROM "CaseTransfer" t
    WHERE t."transferredAt" >= ${period.start} AND t."transferredAt" < ${period.end}`;
}

/** Age in whole years on the London calendar day of `at`. */
const ageAt = (dob: Prisma.Sql, at: Prisma.Sql) => Prisma.sql`date_part('year', age((${at} AT TIME ZONE 'Europe/London')::date, ${dob}))`;

/**
 * (record_id, case_id, meeting_id, agency_id, measure, weight) for the MARAC data return: one row
 * per case discussed at a MARAC meeting held in the period, and per profile measure it meets.
 * The referral behind a case discussed is the agenda item's, or else the case's latest MARAC
 * referral made before the meeting. `weight` is 1, except for children (the number recorded).
 */
function maracEventsSql(period: ReturnPeriod): Prisma.Sql {
  const victimAge = ageAt(Prisma.sql`v."dateOfBirth"`, Prisma.sql`r."referredAt"`);
  const perpetratorAge = ageAt(Prisma.sql`pp."dateOfBirth"`, Prisma.sql`r."referredAt"`);
  return Prisma.sql`
    WITH mt AS (${meetingsSql("MARAC", period)}),
    heard AS (
      SELECT a.id AS record_id, a."caseId" AS case_id, mt.id AS meeting_id, r.id AS referral_id
      FROM "AgendaItem" a JOIN mt ON mt.id = a."meetingId"
      LEFT JOIN LATERAL (
        SELECT rr.id FROM "Referral" rr
        WHERE (a."referralId" IS NOT NULL AND rr.id = a."referralId")
           OR (a."referralId" IS NULL AND rr."caseId" = a."caseId" AND rr.panel = 'MARAC' AND rr."referredAt" <= mt."startsAt")
        ORDER BY rr."referredAt" DESC LIMIT 1
      ) r ON true
      WHERE ${HEARD}
    )
    SELECT h.record_id, h.case_id, h.meeting_id, r."referringOrganisationId" AS agency_id, m.measure,
      CASE WHEN m.measure = 'children' THEN COALESCE(r."childrenInHousehold", 0) ELSE 1 END AS weight
    FROM heard h
    LEFT JOIN "Referral" r ON r.id = h.referral_id
    LEFT JOIN "Person" v ON v.id = r."victimPersonId"
    LEFT JOIN "Person" pp ON pp.id = r."perpetratorPersonId"
    CROSS JOIN (VALUES ('cases-discussed'), ('repeat-cases'), ('children'), ('victims-racially-minoritised'), ('victims-lgbt'),
      ('victims-disability'), ('victims-male'), ('victims-aged-16-17'), ('perpetrators-17-or-under')) AS m(measure)
    WHERE CASE m.measure
      WHEN 'cases-discussed' THEN true
      WHEN 'repeat-cases' THEN COALESCE(r."isRepeat", false)
      WHEN 'children' THEN COALESCE(r."childrenInHousehold", 0) > 0
      WHEN 'victims-racially-minoritised' THEN COALESCE(v."isRaciallyMinoritised", false)
      WHEN 'victims-lgbt' THEN COALESCE(v."isLgbt", false)
      WHEN 'victims-disability' THEN COALESCE(v."hasDisability", false)
      WHEN 'victims-male' THEN COALESCE(v.gender = 'MALE', false)
      WHEN 'victims-aged-16-17' THEN COALESCE(${victimAge} BETWEEN 16 AND 17, false)
      ELSE COALESCE(${perpetratorAge} <= 17, false)
    END`;
}

export type MaracReturn = {
  period: ReturnPeriod;
  meetings: { meeting: { id: string; reference: string; startsAt: Date }; counts: Record<MaracMeasure, number> }[];
  total: Record<MaracMeasure, number>;
  byAgency: {
    meeting: { id: string; reference: string; startsAt: Date } | null;
    agency: { id: string; name: string };
    referrals: number;
  }[];
  /** The period's referrals received, transfers in and transfers out. */
  inPeriod: Record<MaracPeriodMeasure, number>;
};

/** The MARAC data return (SafeLives dataset), per MARAC meeting held in the period. MARAC panel members only. */
export async function computeMaracReturn(actor: Actor, period: ReturnPeriod): Promise<MaracReturn> {
  assertMayRead(actor, "marac");
  const [meetings, rows, agencyRows, periodRows] = await Promise.all([
    db.$queryRaw<
      { id: string; reference: string; startsAt: Date }[]
    >`SELECT * FROM (${meetingsSql("MARAC", period)}) mt ORDER BY mt."startsAt", mt.reference`,
    db.$queryRaw<{ meeting_id: string; measure: MaracMeasure; n: number }[]>`
      SELECT e.meeting_id, e.measure, sum(e.weight)::int AS n FROM (${maracEventsSql(period)}) e GROUP BY e.meeting_id, e.measure`,
    db.$queryRaw<{ meeting_id: string; agency_id: string; n: number }[]>`
      SELECT e.meeting_id, e.agency_id, count(*)::int AS n FROM (${maracEventsSql(period)}) e
      WHERE e.measure = 'cases-discussed' AND e.agency_id IS NOT NULL GROUP BY e.meeting_id, e.agency_id`,
    db.$queryRaw<{ measure: MaracPeriodMeasure; n: number }[]>`
      SELECT e.measure, count(*)::int AS n FROM (${maracPeriodEventsSql(period)}) e GROUP BY e.measure`,
  ]);
  const agencies = await db.organisation.findMany({
    where: { id: { in: [...new Set(agencyRows.map((r) => r.agency_id))] } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const zero = () => Object.fromEntries(MARAC_MEASURES.map((m) => [m, 0])) as Record<MaracMeasure, number>;
  const total = zero();
  const meetingRows = meetings.map((meeting) => {
    const counts = zero();
    for (const r of rows) if (r.meeting_id === meeting.id) counts[r.measure] = r.n;
    MARAC_MEASURES.forEach((m) => (total[m] += counts[m]));
    return { meeting, counts };
  });
  const byAgency: MaracReturn["byAgency"] = [];
  for (const meeting of meetings) {
    for (const agency of agencies) {
      const n = agencyRows.find((r) => r.meeting_id === meeting.id && r.agency_id === agency.id)?.n ?? 0;
      if (n > 0) byAgency.push({ meeting, agency, referrals: n });
    }
  }
  for (const agency of agencies)
    byAgency.push({
      meeting: null,
      agency,
      referrals: agencyRows.filter((r) => r.agency_id === agency.id).reduce((sum, r) => sum + r.n, 0),
    });
  const inPeriod = Object.fromEntries(MARAC_PERIOD_MEASURES.map((m) => [m, periodRows.find((r) => r.measure === m)?.n ?? 0])) as Record<
    MaracPeriodMeasure,
    number
  >;
  return { period, meetings: meetingRows, total, byAgency, inPeriod };
}

function maracFigureName(measure: MaracMeasure, n: number, at: string): string {
  switch (measure) {
    case "cases-discussed":
      return `${n} ${plural(n, "case")} discussed at ${at}`;
    case "repeat-cases":
      return `${n} repeat ${plural(n, "case")} discussed at ${at}`;
    case "children":
      return `${n} ${plural(n, "child", "children")} in the households of cases discussed at ${at}`;
    case "victims-racially-minoritised":
      return `${n} Black, Asian or racially minoritised ${plural(n, "victim")} in cases discussed at ${at}`;
    case "victims-lgbt":
      return `${n} LGBT+ ${plural(n, "victim")} in cases discussed at ${at}`;
    case "victims-disability":
      return `${n} ${plural(n, "victim")} with a disability in cases discussed at ${at}`;
    case "victims-male":
      return `${n} male ${plural(n, "victim")} in cases discussed at ${at}`;
    case "victims-aged-16-17":
      return `${n} ${plural(n, "victim")} aged 16 or 17 in cases discussed at ${at}`;
    case "perpetrators-17-or-under":
      return `${n} ${plural(n, "perpetrator")} aged 17 or under in cases discussed at ${at}`;
  }
}

const maracMeetingWords = (m: { reference: string; startsAt: Date }) => `the MARAC meeting ${m.reference} on ${formatDate(m.startsAt)}`;

function maracPeriodFigureName(measure: MaracPeriodMeasure, n: number, period: ReturnPeriod): string {
  switch (measure) {
    case "referrals-received":
      return `${n} MARAC ${plural(n, "referral")} received in ${period.label}`;
    case "transfers-in":
      return `${n} ${plural(n, "transfer")} in from another area's MARAC received in ${period.label}`;
    case "transfers-out":
      return `${n} ${plural(n, "case")} transferred out to another area's MARAC in ${period.label}`;
  }
}

export function maracReport(result: MaracReturn): ReturnReport {
  const figures = (counts: Record<MaracMeasure, number>, filter: FigureFilter, at: string): Figure[] =>
    MARAC_MEASURES.map((measure) => ({ value: counts[measure], measure, filter, name: maracFigureName(measure, counts[measure], at) }));
  return {
    key: "marac",
    title: RETURN_TITLES.marac,
    period: result.period,
    scope: "MARAC panel",
    notes: [
      "Counted per MARAC meeting held in the period, as the SafeLives dataset is: a case discussed at two meetings counts at each.",
      "Cases discussed: cases on the agenda marked reviewed or with a discussion or decision recorded. Repeat cases, children, the referring agency and the victim's and perpetrator's details come from the referral that brought the case (or its latest MARAC referral before the meeting).",
      "Ages are at the date of the referral. Children in the households is the number recorded on each referral, added up.",
      "Referrals received: MARAC referrals made in the period, by the date each was made (transfers in from another area's MARAC included, and also counted on their own). Transfers out: cases transferred to another area's MARAC in the period, by the date of the transfer.",
    ],
    tables: [
      {
        id: "marac-meetings",
        caption: "MARAC meetings",
        labelHeaders: ["Meeting", "Date"],
        figureHeaders: MARAC_MEASURES.map((m) => MARAC_HEADERS[m]),
        rows: [
          ...result.meetings.map((g) => ({
            key: g.meeting.id,
            labels: [g.meeting.reference, formatDate(g.meeting.startsAt)],
            figures: figures(g.counts, { meeting: g.meeting.id }, maracMeetingWords(g.meeting)),
          })),
          { key: "total", labels: ["Total", ""], figures: figures(result.total, {}, "MARAC meetings in the period"), total: true },
        ],
      },
      {
        id: "marac-referring-agencies",
        caption: "Cases discussed by referring agency",
        labelHeaders: ["Meeting", "Date", "Referring agency"],
        figureHeaders: ["Cases discussed"],
        rows: result.byAgency.map((g) => {
          const at = g.meeting ? maracMeetingWords(g.meeting) : "MARAC meetings in the period";
          return {
            key: `${g.meeting?.id ?? "all"}:${g.agency.id}`,
            labels: g.meeting ? [g.meeting.reference, formatDate(g.meeting.startsAt), g.agency.name] : ["All meetings", "", g.agency.name],
            figures: [
              {
                value: g.referrals,
                measure: "cases-discussed",
                filter: { ...(g.meeting ? { meeting: g.meeting.id } : {}), agency: g.agency.id },
                name: `${g.referrals} ${plural(g.referrals, "case")} referred by ${g.agency.name} discussed at ${at}`,
              },
            ],
            total: g.meeting === null,
          };
        }),
      },
      {
        id: "marac-referrals-transfers",
        caption: "Referrals and transfers in the period",
        labelHeaders: ["Period"],
        figureHeaders: MARAC_PERIOD_MEASURES.map((m) => MARAC_PERIOD_HEADERS[m]),
        rows: [
          {
            key: "period",
            labels: [result.period.label],
            figures: MARAC_PERIOD_MEASURES.map((measure) => ({
              value: result.inPeriod[measure],
              measure,
              filter: {},
              name: maracPeriodFigureName(measure, result.inPeriod[measure], result.period),
            })),
          },
        ],
      },
    ],
  };
}

export async function maracRecords(actor: Actor, request: FigureRequest, filter: FigureFilter, query: PageQuery) {
  if ((MARAC_PERIOD_MEASURES as readonly string[]).includes(request.measure))
    return maracPeriodRecords(actor, request.measure as MaracPeriodMeasure, request.period, filter, query);
  if (!(MARAC_MEASURES as readonly string[]).includes(request.measure)) throw new NotFoundError("figure");
  const measure = request.measure as MaracMeasure;
  const conditions: Prisma.Sql[] = [Prisma.sql`e.measure = ${measure}`];
  if (filter.meeting) conditions.push(Prisma.sql`e.meeting_id = ${uuid(filter.meeting)}`);
  if (filter.agency) conditions.push(Prisma.sql`e.agency_id = ${uuid(filter.agency)}`);
  const events = Prisma.sql`SELECT e.* FROM (${maracEventsSql(request.period)}) e WHERE ${Prisma.join(conditions, " AND ")}`;
  const visible = visibleCaseCondition(actor);
  const [counts, [sum], rows, meeting, agency] = await Promise.all([
    countEvents(events, visible),
    db.$queryRaw<{ n: number }[]>`SELECT COALESCE(sum(f.weight), 0)::int AS n FROM (${events}) f`,
    db.$queryRaw<
      {
        record_id: string;
        case_id: string;
        reference: string;
        title: string;
        agency: string | null;
        meeting: string;
        starts: Date;
        weight: number;
      }[]
    >`
      SELECT f.record_id, f.case_id, c.reference, c.title, o."shortName" AS agency, m.reference AS meeting, m."startsAt" AS starts, f.weight
      FROM (${events}) f JOIN "Case" c ON c.id = f.case_id JOIN "Meeting" m ON m.id = f.meeting_id LEFT JOIN "Organisation" o ON o.id = f.agency_id
      WHERE ${visible} ORDER BY m."startsAt" DESC, c.reference LIMIT ${query.pageSize} OFFSET ${query.skip}`,
    filter.meeting
      ? db.meeting.findFirst({ where: { id: filter.meeting, panel: "MARAC" }, select: { reference: true, startsAt: true } })
      : null,
    filter.agency ? db.organisation.findUnique({ where: { id: filter.agency }, select: { name: true } }) : null,
  ]);
  const at = meeting ? maracMeetingWords(meeting) : "MARAC meetings in the period";
  const figure = sum?.n ?? 0;
  return {
    total: counts.total,
    heldBack: counts.total - counts.visible,
    nameParts: {
      name: () =>
        agency ? `${figure} ${plural(figure, "case")} referred by ${agency.name} discussed at ${at}` : maracFigureName(measure, figure, at),
    },
    page: pageOf(
      rows.map((r) => ({
        key: r.record_id,
        reference: r.reference,
        href: `/cases/${r.case_id}`,
        record: r.title,
        organisation: r.agency ?? "Referral not found",
        date: r.starts,
        detail:
          measure === "children"
            ? `${r.weight} ${plural(r.weight, "child", "children")}; discussed at ${r.meeting}`
            : `Discussed at ${r.meeting}`,
      })),
      Math.min(counts.visible, COUNT_CAP + 1),
      query,
    ),
  };
}

/** The referrals, transfers in or transfers out behind a period figure, as far as the actor may see their cases. */
async function maracPeriodRecords(actor: Actor, measure: MaracPeriodMeasure, period: ReturnPeriod, filter: FigureFilter, query: PageQuery) {
  // These figures are the period's alone: a meeting or an agency names no records of theirs.
  if (Object.keys(filter).length > 0) throw new NotFoundError("figure");
  const events = Prisma.sql`SELECT e.* FROM (${maracPeriodEventsSql(period)}) e WHERE e.measure = ${measure}`;
  const visible = visibleCaseCondition(actor);
  const counts = await countEvents(events, visible);
  const rows =
    measure === "transfers-out"
      ? (
          await db.$queryRaw<
            { record_id: string; case_id: string; reference: string; title: string; org: string; at: Date; area: string }[]
          >`
            SELECT f.record_id, f.case_id, c.reference, c.title, o."shortName" AS org, f.at, t.area
            FROM (${events}) f JOIN "CaseTransfer" t ON t.id = f.record_id JOIN "Case" c ON c.id = f.case_id JOIN "Organisation" o ON o.id = t."organisationId"
            WHERE ${visible} ORDER BY f.at DESC, c.reference LIMIT ${query.pageSize} OFFSET ${query.skip}`
        ).map((r) => ({
          key: r.record_id,
          reference: r.reference,
          href: `/cases/${r.case_id}`,
          record: r.title,
          organisation: r.org,
          date: r.at,
          detail: `Transferred out to ${r.area}`,
        }))
      : (
          await db.$queryRaw<
            {
              record_id: string;
              case_id: string;
              reference: string;
              case_reference: string;
              title: string;
              org: string;
              at: Date;
              transfer: string;
              area: string | null;
            }[]
          >`
            SELECT f.record_id, f.case_id, r.reference, c.reference AS case_reference, c.title, o."shortName" AS org, f.at,
              r."transferDirection"::text AS transfer, r."transferArea" AS area
            FROM (${events}) f JOIN "Referral" r ON r.id = f.record_id JOIN "Case" c ON c.id = f.case_id JOIN "Organisation" o ON o.id = r."referringOrganisationId"
            WHERE ${visible} ORDER BY f.at DESC, r.reference DESC LIMIT ${query.pageSize} OFFSET ${query.skip}`
        ).map((r) => ({
          key: r.record_id,
          reference: r.reference,
          href: `/referrals/${r.record_id}`,
          record: r.title,
          organisation: r.org,
          date: r.at,
          detail: `${r.transfer === "TRANSFER_IN" ? `Transfer in from ${r.area ?? "another area"}; case` : "Case"} ${r.case_reference}`,
        }));
  return {
    total: counts.total,
    heldBack: counts.total - counts.visible,
    nameParts: { name: (n: number) => maracPeriodFigureName(measure, n, period) },
    page: pageOf(rows, Math.min(counts.visible, COUNT_CAP + 1), query),
  };
}
