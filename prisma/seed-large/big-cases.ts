// A few long-running cases with ~2,000 timeline entries each (the benchmark's "a case with
// 2,000 timeline entries opens in under 150 ms"). Each is led by a demo organisation, shared with
// several others, and built the way such a case grows over two or three years: incidents linked
// as they are logged at its hotspot, people and places added, actions set and completed, risk
// reassessed, status changes, case updates, corrections, and notes from every agency on it.
//
// Built from what the database already holds (the hotspot places, their unlinked incidents and the
// people named in them), so it runs both at the end of the large load (same transaction) and on
// its own as a top-up (`npm run db:seed:large -- --ensure-big-cases`) on a database loaded before
// it existed. Deterministic for the same data, seed and anchor day (time-ordered ids from the
// seed; references come from the app's own counters, so they depend on what was numbered before).
// A setting records what was added; run again, it only prints the references.
//
// None of the council team's (KCSAT) actions on these cases is left open, so the large seed's
// "exactly `openActions` open council actions" still holds.

import type pg from "pg";
import type { AsbType, InvolvementRole, RiskLevel, TimelineKind } from "../../lib/generated/prisma/enums";
import { DemoClock } from "../seed/support";
import { NULL, copyRows, date, text, timestamp } from "./copy";
import { Partnership, type SeedUser } from "./partnership";
import { londonDayMs } from "./plan";
import { Rng } from "./random";

/** The setting that records the big cases (references, ids, sizes). */
export const BIG_CASES_SETTING = "largeSeedBigCases";
export const BIG_CASE_ENTRIES = 2_000;
export const BIG_CASE_COUNT = 3;

const DAY = 86_400_000;
const MINUTE = 60_000;

type Share = { org: string; afterDays: number; withdrawAfterDays?: number };

type BigCaseSpec = {
  key: string;
  lead: string;
  kind: "ASB" | "CCM";
  /** Which hotspot (by seeded incidents at the place, most first) the case is about. */
  placeRank: number;
  /** How many days before the anchor day the case was opened. */
  ageDays: number;
  shares: Share[];
  title: (place: string) => string;
  summary: (place: string) => string;
};

const SPECS: BigCaseSpec[] = [
  {
    key: "council-estate",
    lead: "KCSAT",
    kind: "CCM",
    placeRank: 0,
    ageDays: 1_100,
    shares: [
      { org: "MPS", afterDays: 0 },
      { org: "KH", afterDays: 2 },
      { org: "LFB", afterDays: 40 },
      { org: "KHC", afterDays: 95 },
      { org: "PS", afterDays: 210 },
    ],
    title: (p) => `Persistent drug dealing and intimidation at ${p}`,
    summary: (p) =>
      `Long-running drug dealing, intimidation of residents and damage at ${p}. Residents report being afraid to use the stairwells; several vulnerable tenants are targeted. Partnership problem-solving plan agreed at the CCM; closure order and injunctions being considered.`,
  },
  {
    key: "police-open-space",
    lead: "MPS",
    kind: "ASB",
    placeRank: 1,
    ageDays: 900,
    shares: [
      { org: "KCSAT", afterDays: 1 },
      { org: "KH", afterDays: 30 },
      { org: "PS", afterDays: 120 },
      { org: "LFB", afterDays: 60, withdrawAfterDays: 400 },
    ],
    title: (p) => `Youth disorder, fires and drug use at ${p}`,
    summary: (p) =>
      `Groups gathering at ${p} in the evenings: drug use, deliberate fires, intimidation of walkers. Dispersal authorisations, diversionary youth work and environmental changes agreed with partners.`,
  },
  {
    key: "housing-flat",
    lead: "KH",
    kind: "ASB",
    placeRank: 2,
    ageDays: 800,
    shares: [
      { org: "KCSAT", afterDays: 3 },
      { org: "MPS", afterDays: 5 },
      { org: "KHC", afterDays: 150 },
    ],
    title: (p) => `Noise, visitors and cuckooing at ${p}`,
    summary: (p) =>
      `Constant visitors, noise and suspected cuckooing of a vulnerable tenant at ${p}. Safeguarding and tenancy enforcement running side by side; neighbours keeping diaries.`,
  },
];

export type BigCaseOptions = {
  seed: string;
  anchorDate: string;
  /** How many of the big cases (1–3; default 3). */
  count?: number;
  /** Timeline entries per case (default 2,000). */
  entries?: number;
  log?: (line: string) => void;
};

export type BigCaseSummary = {
  id: string;
  reference: string;
  lead: string;
  sharedWith: string[];
  title: string;
  entries: number;
  incidents: number;
  people: number;
  actions: number;
  openActions: number;
};

export type BigCasesResult = { added: boolean; cases: BigCaseSummary[] };

const ROLE_LABEL: Record<InvolvementRole, string> = {
  VICTIM: "victim",
  PERPETRATOR: "alleged perpetrator",
  WITNESS: "witness",
  REPORTER: "reporter",
  OTHER: "other",
};
const TYPE_LABEL: Record<AsbType, string> = {
  ROWDY_INCONSIDERATE: "rowdy or inconsiderate behaviour",
  NOISE: "noise",
  STREET_DRINKING: "street drinking",
  BEGGING: "begging",
  DRUG_USE_DEALING: "drug use or dealing",
  VEHICLE_NUISANCE: "vehicle nuisance",
  LITTERING_FLY_TIPPING: "littering or fly-tipping",
  CRIMINAL_DAMAGE_GRAFFITI: "criminal damage or graffiti",
  INTIMIDATION_HARASSMENT: "intimidation or harassment",
  HATE_MOTIVATED: "hate-motivated",
  OTHER: "other ASB",
};
const RISK_LABEL: Record<RiskLevel, string> = { STANDARD: "Standard", MEDIUM: "Medium", HIGH: "High" };

/** Notes as each kind of agency writes them. `{p}` is the place, `{n}` a person on the case, `{t}` a time. */
const NOTES: Record<string, string[]> = {
  POLICE: [
    "Patrol attended {p} at {t}; group of five dispersed, two searched under s23, nothing found.",
    "Intelligence report submitted: new faces dealing from {p}, believed to be county lines runners.",
    "Spoke to {n} at the door; denied any involvement and declined to give a statement.",
    "Section 35 dispersal authorisation in place for the weekend covering {p}.",
    "Warrant executed at {p} at {t}: small quantity of class A recovered, one arrest.",
    "Weekly tasking: {p} stays a priority location for the Safer Neighbourhood Team.",
    "CCTV request sent to the council control room for the incident at {t}.",
    "Welfare check on {n} completed; no concerns on the day, advice given.",
  ],
  LOCAL_AUTHORITY: [
    "Case review with the ASB team: evidence log updated, {n} to be approached for a witness statement.",
    "Noise monitoring equipment installed at {p}; to be collected in seven days.",
    "Community Protection Warning considered for {n}; agreed to try an Acceptable Behaviour Contract first.",
    "Letter sent to residents of {p} about the drop-in session and how to report.",
    "Environmental crime officer visited {p}: drug paraphernalia and fly-tipping cleared.",
    "Updated the victim, {n}, by phone; they report things were quieter this week.",
    "Legal advice requested on a closure order for {p}; evidence bundle in preparation.",
    "CCTV footage from {t} reviewed; stills shared with the police.",
  ],
  HOUSING_PROVIDER: [
    "Tenancy visit to {p}: property in poor condition, tenant {n} reminded of the tenancy conditions.",
    "Notice of Seeking Possession considered; legal team asked for advice.",
    "Repairs raised at {p}: communal door entry system broken again, secure by tomorrow.",
    "Neighbour diary sheets collected from {n}; eight entries this fortnight.",
    "Estate inspection at {p} with the caretaker: needles found in the bin store, removed safely.",
    "Support referral made for {n} to the tenancy sustainment team.",
    "Management transfer application from {n} reviewed; awaiting a panel decision.",
  ],
  FIRE: [
    "Home fire safety visit at {p}: smoke alarms fitted, hoarding noted and reported.",
    "Deliberate fire at {p} at {t}: bins alight, no injuries, crew attended.",
    "Fire safety advice leaflets delivered to the block at {p}.",
  ],
  HEALTH: [
    "Safeguarding contact: {n} seen at A&E after an assault; consented to information sharing.",
    "GP surgery informed of the risks to {n}; flagged on the practice record.",
    "Substance misuse service confirms {n} is engaging and attending appointments.",
  ],
  PROBATION: [
    "{n} is on licence; licence conditions include no contact with the victim and an exclusion zone covering {p}.",
    "Probation appointment attended by {n}; address checks to follow.",
    "Recall considered for {n} after the report at {t}; not recalled, warning letter issued.",
  ],
  DEFAULT: ["Information shared with the partnership about {n}.", "Attended the partnership meeting about {p}."],
};

const CORRECTIONS = [
  "Correction: the time on this entry should read {t}.",
  "Correction: wrong person named; this entry refers to {n}.",
  "Correction: the address was {p}, not the neighbouring block.",
  "Correction: this visit was by phone, not in person.",
];

const ACTION_TITLES: Record<string, string[]> = {
  POLICE: [
    "Targeted patrols at the hotspot, evenings and weekends",
    "Apply for a closure notice",
    "Execute the drugs warrant",
    "Identify the group from the CCTV stills",
    "Dispersal authorisation for the bank holiday weekend",
  ],
  LOCAL_AUTHORITY: [
    "Prepare the civil injunction application",
    "Serve a Community Protection Warning",
    "Install noise monitoring equipment",
    "Arrange a clean-up of the site",
    "Update the residents at the drop-in",
    "Risk assess the victim with the ASB matrix",
  ],
  HOUSING_PROVIDER: [
    "Repair the communal door entry system",
    "Tenancy enforcement visit",
    "Serve a Notice of Seeking Possession",
    "Housing options assessment for the victim",
    "Install a video doorbell for the victim",
  ],
  FIRE: ["Home fire safety visit", "Remove the combustible rubbish from the landings"],
  HEALTH: ["Safeguarding adults referral", "Share the GP risk information with the CCM"],
  PROBATION: ["Check the licence conditions and address", "Joint home visit with the police"],
  DEFAULT: ["Share information with the partnership"],
};

const ACTION_OUTCOMES = [
  "Done as agreed.",
  "Completed; see the note on the timeline.",
  "Visit made and advice given.",
  "Completed; no further concerns raised.",
  "Done; evidence added to the bundle.",
];
const CANCEL_REASONS = ["Superseded by a meeting action.", "No longer needed.", "The victim declined."];

type PlannedEntry = {
  at: number;
  kind: TimelineKind;
  summary: string;
  detail: Record<string, unknown> | null;
  subjectType: string | null;
  subjectId: string | null;
  actor: SeedUser;
  /** For a correction: the planned entry it corrects. */
  corrects?: PlannedEntry;
  id?: bigint;
};

type Incident = {
  id: string;
  reference: string;
  reportedAt: number;
  type: AsbType;
  locationId: string | null;
  orgId: string;
  officerId: string;
};
type Place = { id: string; line1: string };
type NamedPerson = { id: string; first: string; last: string; role: InvolvementRole };

async function marker(client: pg.Client): Promise<{ cases?: BigCaseSummary[] } | undefined> {
  const { rows } = await client.query<{ value: { cases?: BigCaseSummary[] } }>(`SELECT value FROM "Setting" WHERE key = $1`, [
    BIG_CASES_SETTING,
  ]);
  return rows[0]?.value;
}

/** Reads the big cases recorded in the database (none if they were never added). */
export async function bigCasesIn(client: pg.Client): Promise<BigCaseSummary[]> {
  return (await marker(client))?.cases ?? [];
}

/**
 * Adds the big cases unless the setting says they are there. Runs inside the caller's
 * transaction when `inTransaction` (the large load holds the seed lock already); otherwise in its
 * own, under the seeds' advisory lock, and analyses the tables it wrote to afterwards.
 */
export async function ensureBigCases(
  client: pg.Client,
  options: BigCaseOptions & { inTransaction?: boolean; lock?: number },
): Promise<BigCasesResult> {
  const existing = await marker(client);
  if (existing) return { added: false, cases: existing.cases ?? [] };
  if (options.inTransaction) return { added: true, cases: await addBigCases(client, options) };

  await client.query("BEGIN");
  let cases: BigCaseSummary[];
  try {
    if (options.lock !== undefined) await client.query(`SELECT pg_advisory_xact_lock($1)`, [options.lock]);
    const raced = await marker(client);
    if (raced) {
      await client.query("ROLLBACK");
      return { added: false, cases: raced.cases ?? [] };
    }
    cases = await addBigCases(client, options);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
  for (const table of ["Case", "CaseShare", "CasePerson", "CaseLocation", "CaseAction", "RiskAssessment", "TimelineEntry", "Incident"]) {
    await client.query(`ANALYZE "${table}"`);
  }
  return { added: true, cases };
}

async function addBigCases(client: pg.Client, options: BigCaseOptions): Promise<BigCaseSummary[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const count = Math.max(1, Math.min(SPECS.length, options.count ?? BIG_CASE_COUNT));
  const target = Math.max(200, options.entries ?? BIG_CASE_ENTRIES);
  const clock = new DemoClock(options.anchorDate);
  const anchorStart = clock.at(0, "00:00").getTime();
  const partnership = await Partnership.load(client);
  const orgByShort = new Map(partnership.organisations.map((o, i) => [o.shortName, i]));
  const orgIdx = (short: string) => {
    const i = orgByShort.get(short);
    if (i === undefined) throw new Error(`Organisation ${short} is missing.`);
    return i;
  };

  // The hotspots: places with the most seeded incidents (those made before the anchor day).
  const hot = await client.query<{ id: string; line1: string; n: number }>(
    `SELECT l.id, l."addressLine1" AS line1, h.n
     FROM (SELECT "locationId" AS id, count(*)::int AS n FROM "Incident"
           WHERE "locationId" IS NOT NULL AND "createdAt" < $1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 60) h
     JOIN "Location" l ON l.id = h.id ORDER BY h.n DESC, l.id`,
    [new Date(anchorStart)],
  );
  if (hot.rows.length < count) throw new Error("The big cases need places with incidents: load the large data first.");
  const usedPlaces = new Set<string>();
  for (const spec of SPECS.slice(0, count)) usedPlaces.add(hot.rows[spec.placeRank]!.id);

  const summaries: BigCaseSummary[] = [];
  for (const spec of SPECS.slice(0, count)) {
    const started = performance.now();
    const rng = new Rng(`${options.seed}:big-case:${spec.key}`);
    const lead = orgIdx(spec.lead);
    const leadOrg = partnership.organisations[lead]!;
    const leadOfficer = partnership.worker(rng, lead);
    const openedAt = clock.at(-spec.ageDays, "10:15").getTime();
    const lastAt = clock.at(-1, "17:30").getTime();
    const span = lastAt - openedAt;

    // Places: the hotspot and two more from the busy list.
    const hub = hot.rows[spec.placeRank]!;
    const places: Place[] = [{ id: hub.id, line1: hub.line1 }];
    for (let tries = 0; places.length < 3 && tries < 100; tries++) {
      const candidate = hot.rows[rng.int(3, hot.rows.length - 1)]!;
      if (usedPlaces.has(candidate.id)) continue;
      usedPlaces.add(candidate.id);
      places.push({ id: candidate.id, line1: candidate.line1 });
    }

    // Who may act when: the lead throughout; a partner from its share until it is withdrawn.
    const shares = spec.shares.map((s) => ({
      org: orgIdx(s.org),
      at: openedAt + s.afterDays * DAY + rng.int(30, 400) * MINUTE,
      withdrawnAt: s.withdrawAfterDays === undefined ? null : openedAt + s.withdrawAfterDays * DAY + rng.int(30, 400) * MINUTE,
    }));
    const orgsAt = (at: number) => [
      lead,
      ...shares.filter((s) => s.at <= at && (s.withdrawnAt === null || at < s.withdrawnAt)).map((s) => s.org),
    ];
    const orgIdsEver = [leadOrg.id, ...shares.map((s) => partnership.organisations[s.org]!.id)];
    const anchorDay = Date.UTC(...anchorParts(options.anchorDate));
    const randomTime = (from: number, to: number) => {
      // A working-hours minute (07:30–22:00 London) on a day between from and to; at the edges of
      // a short window, the nearest minute inside it.
      for (let tries = 0; tries < 8; tries++) {
        const day = londonDayMs(from + rng.next() * Math.max(0, to - from));
        const at = clock.at(Math.round((day - anchorDay) / DAY), "07:30").getTime() + rng.int(0, 14 * 60 + 30) * MINUTE;
        if (at >= from && at <= to) return at;
      }
      return Math.floor(Math.max(from, Math.min(to, from + rng.next() * (to - from))) / MINUTE) * MINUTE;
    };

    // Counts of each kind, the rest notes, adding up to the target.
    const incidentTarget = Math.round(target * 0.15);
    const actionCount = Math.round(target * 0.085);
    const riskCount = Math.max(2, Math.round(target * 0.006));
    const statusCount = 4;
    const updateCount = Math.max(2, Math.round(target * 0.004));
    const correctionCount = Math.max(2, Math.round(target * 0.005));

    // ── Incidents at its places, reported by its agencies while they had it ──
    const candidates = await client.query<{
      id: string;
      reference: string;
      reportedAt: Date;
      type: AsbType;
      locationId: string | null;
      orgId: string;
      officerId: string;
    }>(
      `SELECT id, reference, "reportedAt", type, "locationId", "reportingOrganisationId" AS "orgId", "reportingOfficerId" AS "officerId"
       FROM "Incident"
       WHERE "locationId" = ANY($1::uuid[]) AND "caseId" IS NULL AND "reportingOrganisationId" = ANY($2::uuid[])
         AND "reportedAt" >= $3 AND "reportedAt" < $4 AND "createdAt" < $5
       ORDER BY "reportedAt", id`,
      [places.map((p) => p.id), orgIdsEver, new Date(openedAt - 120 * DAY), new Date(lastAt - DAY), new Date(anchorStart)],
    );
    const eligible: Incident[] = candidates.rows
      .map((r) => ({ ...r, reportedAt: r.reportedAt.getTime() }))
      .filter((r) => {
        const org = partnership.organisations.findIndex((o) => o.id === r.orgId);
        return orgsAt(Math.max(r.reportedAt, openedAt)).includes(org);
      });
    // An even sample through time, so the links run the whole life of the case.
    const linked: Incident[] = [];
    const step = eligible.length / Math.min(incidentTarget, eligible.length || 1);
    for (let k = 0; k < Math.min(incidentTarget, eligible.length); k++) {
      const lo = Math.floor(k * step);
      const hi = Math.max(lo, Math.floor((k + 1) * step) - 1);
      linked.push(eligible[Math.min(eligible.length - 1, rng.int(lo, hi))]!);
    }

    // ── People: those most often named in its incidents ──
    const named = linked.length
      ? await client.query<{ id: string; first: string; last: string; role: InvolvementRole; n: number }>(
          `SELECT p.id, p."firstName" AS first, p."lastName" AS last, ip.role, count(*)::int AS n
           FROM "IncidentPerson" ip JOIN "Person" p ON p.id = ip."personId" AND p."mergedIntoId" IS NULL
           WHERE ip."incidentId" = ANY($1::uuid[]) AND ip.role IN ('VICTIM', 'PERPETRATOR', 'WITNESS', 'REPORTER')
           GROUP BY 1, 2, 3, 4 ORDER BY n DESC, p.id, ip.role`,
          [linked.map((i) => i.id)],
        )
      : { rows: [] };
    const want: Record<string, number> = { VICTIM: 5, PERPETRATOR: 9, WITNESS: 5, REPORTER: 3 };
    const people: NamedPerson[] = [];
    const seen = new Set<string>();
    for (const row of named.rows) {
      if ((want[row.role] ?? 0) <= 0 || seen.has(row.id)) continue;
      want[row.role]!--;
      seen.add(row.id);
      people.push({ id: row.id, first: row.first, last: row.last, role: row.role });
    }
    const personName = (p: NamedPerson) => `${p.first} ${p.last}`;

    // ── The timeline ──
    const caseId = rng.uuid7(openedAt);
    const entries: PlannedEntry[] = [];
    const add = (e: PlannedEntry) => {
      entries.push(e);
      return e;
    };
    const workerAt = (at: number, preferLead = 0.35) => {
      const orgs = orgsAt(at);
      const org = rng.chance(preferLead) ? lead : rng.pick(orgs);
      return partnership.worker(rng, org);
    };
    const title = spec.title(hub.line1);
    let risk: RiskLevel = "MEDIUM";
    add({
      at: openedAt,
      kind: "CASE_OPENED",
      summary: `Case opened: ${title}`,
      detail: { kind: spec.kind, riskLevel: risk },
      subjectType: "Case",
      subjectId: caseId,
      actor: leadOfficer,
    });
    const personAdded = new Map<string, number>();
    people.forEach((p, k) => {
      // The first few when the case is opened; the others as they come to light.
      const at = k < 3 ? openedAt + (1 + k) * MINUTE : randomTime(openedAt + DAY, lastAt);
      personAdded.set(`${p.id}:${p.role}`, at);
      add({
        at,
        kind: "PERSON_ADDED",
        summary: `${personName(p)} added as ${ROLE_LABEL[p.role]}`,
        detail: { role: p.role },
        subjectType: "Person",
        subjectId: p.id,
        actor: k < 3 ? leadOfficer : workerAt(at, 0.6),
      });
    });
    const placeAdded = places.map((pl, k) => {
      const at = k === 0 ? openedAt + (5 + people.length) * MINUTE : randomTime(openedAt + 30 * DAY, openedAt + span / 2);
      add({
        at,
        kind: "LOCATION_ADDED",
        summary: `${pl.line1} added`,
        detail: null,
        subjectType: "Location",
        subjectId: pl.id,
        actor: k === 0 ? leadOfficer : workerAt(at, 0.8),
      });
      return at;
    });
    for (const s of shares) {
      const org = partnership.organisations[s.org]!;
      add({
        at: s.at,
        kind: "SHARED",
        summary: `Shared with ${org.name}`,
        detail: null,
        subjectType: "Organisation",
        subjectId: org.id,
        actor: leadOfficer,
      });
      if (s.withdrawnAt !== null) {
        add({
          at: s.withdrawnAt,
          kind: "SHARE_WITHDRAWN",
          summary: `Sharing with ${org.name} withdrawn: their involvement has ended`,
          detail: null,
          subjectType: "Organisation",
          subjectId: org.id,
          actor: leadOfficer,
        });
      }
    }
    const linkedAt = new Map<string, number>();
    linked.forEach((incident, k) => {
      const at = Math.min(
        lastAt,
        incident.reportedAt < openedAt ? openedAt + (10 + k) * MINUTE : incident.reportedAt + rng.int(20, 600) * MINUTE,
      );
      linkedAt.set(incident.id, at);
      const officerOrg = partnership.organisations.findIndex((o) => o.id === incident.orgId);
      const officer = partnership.users.find((u) => u.id === incident.officerId);
      const actor = officer && orgsAt(at).includes(officerOrg) ? officer : leadOfficer;
      const where = places.find((p) => p.id === incident.locationId)?.line1;
      add({
        at,
        kind: "INCIDENT_LINKED",
        summary: `Incident ${incident.reference} linked: ${TYPE_LABEL[incident.type]}${where ? ` at ${where}` : ""}`,
        detail: { reference: incident.reference },
        subjectType: "Incident",
        subjectId: incident.id,
        actor,
      });
    });

    // Actions: set through the life of the case; the recent ones still open (never the council's).
    type Action = {
      id: string;
      title: string;
      org: number;
      user: SeedUser | null;
      createdBy: SeedUser;
      createdAt: number;
      due: number;
      status: "OPEN" | "IN_PROGRESS" | "DONE" | "CANCELLED";
      completedAt: number | null;
      outcome: string | null;
      cancelReason: string | null;
    };
    const actions: Action[] = [];
    const council = orgByShort.get("KCSAT");
    for (let a = 0; a < actionCount; a++) {
      const createdAt = randomTime(openedAt + DAY, lastAt - DAY);
      const orgs = orgsAt(createdAt);
      const org = rng.chance(0.4) ? lead : rng.pick(orgs);
      const kind = partnership.organisations[org]!.kind;
      const due = londonDayMs(createdAt) + rng.int(7, 42) * DAY;
      const recent = createdAt > lastAt - 120 * DAY;
      let status: Action["status"];
      if (recent && org !== council) status = rng.chance(0.75) ? (rng.chance(0.6) ? "OPEN" : "IN_PROGRESS") : "DONE";
      else status = rng.chance(0.9) ? "DONE" : "CANCELLED";
      const finished = status === "DONE" || status === "CANCELLED";
      const completedAt = finished ? Math.min(lastAt, createdAt + rng.int(1, 45) * DAY + rng.int(0, 300) * MINUTE) : null;
      actions.push({
        id: "",
        title: rng.pick(ACTION_TITLES[kind] ?? ACTION_TITLES.DEFAULT!),
        org,
        user: rng.chance(0.75) ? partnership.worker(rng, org) : null,
        createdBy: rng.chance(0.6) ? leadOfficer : workerAt(createdAt),
        createdAt,
        due,
        status,
        completedAt,
        outcome: status === "DONE" ? rng.pick(ACTION_OUTCOMES) : null,
        cancelReason: status === "CANCELLED" ? rng.pick(CANCEL_REASONS) : null,
      });
    }
    actions.sort((x, y) => x.createdAt - y.createdAt);
    for (const a of actions) {
      a.id = rng.uuid7(a.createdAt);
      const assignee = `${partnership.organisations[a.org]!.shortName}${a.user ? ` (${a.user.name})` : ""}`;
      add({
        at: a.createdAt,
        kind: "ACTION_CREATED",
        summary: `Action for ${assignee}: ${a.title}`,
        detail: { dueDate: date(a.due) },
        subjectType: "CaseAction",
        subjectId: a.id,
        actor: a.createdBy,
      });
      if (a.status === "IN_PROGRESS") {
        const at = Math.min(lastAt, a.createdAt + rng.int(1, 10) * DAY);
        add({
          at,
          kind: "ACTION_UPDATED",
          summary: `Action in progress: ${a.title}`,
          detail: { status: "IN_PROGRESS" },
          subjectType: "CaseAction",
          subjectId: a.id,
          actor: a.user ?? a.createdBy,
        });
      }
      if (a.status === "DONE" && a.completedAt !== null) {
        add({
          at: a.completedAt,
          kind: "ACTION_COMPLETED",
          summary: `Action completed: ${a.title}. ${a.outcome ?? ""}`.trim(),
          detail: null,
          subjectType: "CaseAction",
          subjectId: a.id,
          actor: a.user ?? partnership.worker(rng, a.org),
        });
      }
      if (a.status === "CANCELLED" && a.completedAt !== null) {
        add({
          at: a.completedAt,
          kind: "ACTION_CANCELLED",
          summary: `Action cancelled: ${a.title}. ${a.cancelReason ?? ""}`.trim(),
          detail: null,
          subjectType: "CaseAction",
          subjectId: a.id,
          actor: a.createdBy,
        });
      }
    }

    // Risk assessments of the main victim (ASB matrix), every few months.
    const victim = people.find((p) => p.role === "VICTIM") ?? null;
    const risks: { id: string; harm: number; likelihood: number; score: number; level: RiskLevel; by: SeedUser; at: number }[] = [];
    for (let r = 0; r < riskCount; r++) {
      const at = Math.min(lastAt, openedAt + Math.round(((r + 0.2) * span) / riskCount) + rng.int(0, 20) * DAY);
      const harm = rng.int(2, 5);
      const likelihood = rng.int(2, 5);
      const score = harm * likelihood;
      const level: RiskLevel = score >= 15 ? "HIGH" : score >= 8 ? "MEDIUM" : "STANDARD";
      const by = partnership.worker(rng, rng.chance(0.7) ? lead : rng.pick(orgsAt(at)));
      risks.push({ id: rng.uuid7(at), harm, likelihood, score, level, by, at });
      const who = victim ? ` for ${personName(victim)}` : "";
      add({
        at,
        kind: "RISK_ASSESSED",
        summary: `ASB risk matrix${who}: harm ${harm} × likelihood ${likelihood} = ${score} (${level.toLowerCase()} risk)`,
        detail: { kind: "ASB_MATRIX", score, level },
        subjectType: "RiskAssessment",
        subjectId: risks.at(-1)!.id,
        actor: by,
      });
    }

    // Status: under review and back, monitoring and back (it is open today).
    const statuses: [string, string][] = [
      ["OPEN", "UNDER_REVIEW"],
      ["UNDER_REVIEW", "OPEN"],
      ["OPEN", "MONITORING"],
      ["MONITORING", "OPEN"],
    ];
    const label = (s: string) => ({ OPEN: "Open", UNDER_REVIEW: "Under review", MONITORING: "Monitoring", CLOSED: "Closed" })[s]!;
    for (let s = 0; s < statusCount; s++) {
      const [from, to] = statuses[s % statuses.length]!;
      const at = openedAt + Math.round(((s + 0.5) * span) / (statusCount + 1));
      const note =
        to === "OPEN"
          ? "reports have started again."
          : to === "MONITORING"
            ? "quieter since the enforcement; monitoring for three months."
            : "reviewing the plan at the next CCM.";
      add({
        at,
        kind: "STATUS_CHANGED",
        summary: `Status changed from ${label(from)} to ${label(to)}: ${note}`,
        detail: { from, to },
        subjectType: null,
        subjectId: null,
        actor: leadOfficer,
      });
    }
    // Case updates: the risk level moving with the assessments.
    for (let u = 0; u < updateCount; u++) {
      const at = openedAt + Math.round(((u + 0.7) * span) / (updateCount + 0.7));
      const next: RiskLevel = risk === "HIGH" ? "MEDIUM" : "HIGH";
      add({
        at,
        kind: "CASE_UPDATED",
        summary: `Risk level changed from ${RISK_LABEL[risk]} to ${RISK_LABEL[next]}.`,
        detail: { fields: ["riskLevel"] },
        subjectType: "Case",
        subjectId: caseId,
        actor: workerAt(at, 1),
      });
      risk = next;
    }

    // Notes fill the rest (less the corrections, which correct some of them).
    const noteCount = Math.max(0, target - entries.length - correctionCount);
    const notes: PlannedEntry[] = [];
    for (let k = 0; k < noteCount; k++) {
      // A little busier recently, as a case builds towards enforcement.
      const u = Math.sqrt(rng.next());
      const point = openedAt + Math.floor(u * span);
      const at = randomTime(Math.max(openedAt + MINUTE, point - 3 * DAY), Math.min(lastAt, point + DAY));
      const actor = workerAt(at);
      const kind = partnership.organisations[actor.orgIdx]!.kind;
      const person = people.length ? rng.pick(people) : null;
      const when = new Date(at - rng.int(30, 600) * MINUTE).toLocaleTimeString("en-GB", {
        timeZone: "Europe/London",
        hour: "2-digit",
        minute: "2-digit",
      });
      const summary = rng
        .pick(NOTES[kind] ?? NOTES.DEFAULT!)
        .replaceAll("{p}", rng.pick(places).line1)
        .replaceAll("{n}", person ? personName(person) : "the victim")
        .replaceAll("{t}", when);
      notes.push(add({ at, kind: "NOTE", summary, detail: null, subjectType: null, subjectId: null, actor }));
    }
    for (let k = 0; k < correctionCount && notes.length; k++) {
      const original = notes[rng.int(0, notes.length - 1)]!;
      const at = Math.min(lastAt, original.at + rng.int(30, 2 * 24 * 60) * MINUTE);
      const person = people.length ? rng.pick(people) : null;
      const summary = rng
        .pick(CORRECTIONS)
        .replaceAll("{p}", rng.pick(places).line1)
        .replaceAll("{n}", person ? personName(person) : "the victim")
        .replaceAll(
          "{t}",
          new Date(original.at - 90 * MINUTE).toLocaleTimeString("en-GB", {
            timeZone: "Europe/London",
            hour: "2-digit",
            minute: "2-digit",
          }),
        );
      const actor = orgsAt(at).includes(original.actor.orgIdx) ? original.actor : leadOfficer;
      add({
        at: Math.max(at, original.at + MINUTE),
        kind: "CORRECTION",
        summary,
        detail: { corrects: original.kind, originalOccurredAt: new Date(original.at).toISOString() },
        subjectType: null,
        subjectId: null,
        actor,
        corrects: original,
      });
    }
    entries.sort((x, y) => x.at - y.at);

    // ── Write it ──
    const year = new Date(openedAt).getUTCFullYear(); // London's new year is at midnight GMT
    const counter = await client.query<{ last: number }>(
      `INSERT INTO "ReferenceCounter" (prefix, year, last) VALUES ('CASE', $1, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = "ReferenceCounter".last + 1 RETURNING last`,
      [year],
    );
    const reference = `CASE-${year}-${String(counter.rows[0]!.last).padStart(6, "0")}`;
    const lastEntry = entries.at(-1)!.at;
    await client.query(
      `INSERT INTO "Case" (id, reference, kind, title, summary, "leadOrganisationId", "leadOfficerId", status, "riskLevel", restricted, "createdById", "createdAt", "openedAt", "updatedAt", version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, false, $9, $10, $10, $11, $12)`,
      [
        caseId,
        reference,
        spec.kind,
        title,
        spec.summary(hub.line1),
        leadOrg.id,
        leadOfficer.id,
        risk,
        leadOfficer.id,
        new Date(openedAt),
        new Date(lastEntry),
        1 + updateCount + statusCount,
      ],
    );
    await copyRows(
      client,
      "CaseShare",
      ["caseId", "organisationId", "sharedAt", "sharedById", "withdrawnAt"],
      shares.map((s) => [caseId, partnership.organisations[s.org]!.id, timestamp(s.at), leadOfficer.id, timestamp(s.withdrawnAt)]),
    );
    await copyRows(
      client,
      "CasePerson",
      ["caseId", "personId", "role", "addedAt"],
      people.map((p) => [caseId, p.id, p.role, timestamp(personAdded.get(`${p.id}:${p.role}`)!)]),
    );
    await copyRows(
      client,
      "CaseLocation",
      ["caseId", "locationId", "addedAt"],
      places.map((pl, k) => [caseId, pl.id, timestamp(placeAdded[k]!)]),
    );
    if (linked.length) {
      const ids = linked.map((i) => i.id);
      const at = linked.map((i) => new Date(linkedAt.get(i.id)!));
      const updated = await client.query(
        `UPDATE "Incident" i SET "caseId" = $1, "updatedAt" = greatest(i."updatedAt", l.at), version = i.version + 1
         FROM unnest($2::uuid[], $3::timestamptz[]) AS l(id, at) WHERE i.id = l.id AND i."caseId" IS NULL`,
        [caseId, ids, at],
      );
      if (updated.rowCount !== linked.length)
        throw new Error(`Linked ${updated.rowCount} of ${linked.length} incidents to ${reference}: another writer got there first.`);
    }
    await copyRows(
      client,
      "CaseAction",
      [
        "id",
        "caseId",
        "title",
        "assignedOrganisationId",
        "assignedUserId",
        "dueDate",
        "status",
        "outcome",
        "cancelReason",
        "completedAt",
        "createdById",
        "createdAt",
        "updatedAt",
      ],
      actions.map((a) => [
        a.id,
        caseId,
        text(a.title),
        partnership.organisations[a.org]!.id,
        a.user?.id ?? NULL,
        date(a.due),
        a.status,
        text(a.outcome),
        text(a.cancelReason),
        timestamp(a.completedAt),
        a.createdBy.id,
        timestamp(a.createdAt),
        timestamp(a.completedAt ?? a.createdAt),
      ]),
    );
    await copyRows(
      client,
      "RiskAssessment",
      ["id", "caseId", "personId", "kind", "answers", "score", "level", "notes", "assessedById", "organisationId", "assessedAt"],
      risks.map((r) => [
        r.id,
        caseId,
        victim?.id ?? NULL,
        "ASB_MATRIX",
        text(JSON.stringify({ harm: r.harm, likelihood: r.likelihood })),
        String(r.score),
        r.level,
        text("Reassessed at the case review."),
        r.by.id,
        partnership.organisations[r.by.orgIdx]!.id,
        timestamp(r.at),
      ]),
    );
    // Entry ids reserved in time order, so a correction can name the entry it corrects.
    const reserved = await client.query<{ id: string }>(
      `SELECT nextval(pg_get_serial_sequence('"TimelineEntry"', 'id'))::text AS id FROM generate_series(1, $1::int)`,
      [entries.length],
    );
    const ids = reserved.rows.map((r) => BigInt(r.id)).sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    entries.forEach((e, k) => (e.id = ids[k]!));
    await copyRows(
      client,
      "TimelineEntry",
      [
        "id",
        "caseId",
        "kind",
        "summary",
        "detail",
        "subjectType",
        "subjectId",
        "correctsEntryId",
        "actorUserId",
        "actorOrganisationId",
        "occurredAt",
      ],
      entries.map((e) => [
        e.id!.toString(),
        caseId,
        e.kind,
        text(e.summary),
        e.detail ? text(JSON.stringify(e.detail)) : NULL,
        text(e.subjectType),
        text(e.subjectId),
        e.corrects ? e.corrects.id!.toString() : NULL,
        e.actor.id,
        partnership.organisations[e.actor.orgIdx]!.id,
        timestamp(e.at),
      ]),
    );

    const open = actions.filter((a) => a.status === "OPEN" || a.status === "IN_PROGRESS").length;
    const summary: BigCaseSummary = {
      id: caseId,
      reference,
      lead: leadOrg.shortName,
      sharedWith: shares.filter((s) => s.withdrawnAt === null).map((s) => partnership.organisations[s.org]!.shortName),
      title,
      entries: entries.length,
      incidents: linked.length,
      people: people.length,
      actions: actions.length,
      openActions: open,
    };
    summaries.push(summary);
    log(
      `  big case ${reference} (${leadOrg.shortName}, shared with ${summary.sharedWith.join(", ")}): ${entries.length} timeline entries, ` +
        `${linked.length} incidents, ${people.length} people, ${actions.length} actions (${open} open) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
    );
  }

  await client.query(`INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now())`, [
    BIG_CASES_SETTING,
    JSON.stringify({
      version: 1,
      seed: options.seed,
      anchorDate: options.anchorDate,
      entriesPerCase: target,
      addedAt: new Date().toISOString(),
      cases: summaries,
    }),
  ]);
  return summaries;
}

function anchorParts(anchorDate: string): [number, number, number] {
  const [y, m, d] = anchorDate.split("-").map(Number);
  return [y!, m! - 1, d!];
}
