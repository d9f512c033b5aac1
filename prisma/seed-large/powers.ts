// The tools and powers register at scale: powers used in one financial year,
// bulk-loaded with COPY on top of the large partnership, with their status histories and breaches.
//
// Two loads, each for one financial year and recorded in the "largeSeedPowers" setting so that a
// second run adds nothing:
// - the return load (default 100,000 powers, the last complete financial year): every kind, every
//   organisation, with and without cases (restricted MARAC ones too), each power's life played out
//   to the anchor day — complied with, breached (up to three times, each breach with its action),
//   appealed and decided, varied, discharged, withdrawn, expired;
// - the register load (`--register-rows N`, e.g. 1,000,000, four years before), the same mix but
//   every power is one the council managers (KCSAT) may see — issued by KCSAT, or on an
//   unrestricted case KCSAT leads or shares — so their export of that year is exactly N rows.
// Deterministic: each power is generated from the seed and its position, so the three tables
// (PowerUse, PowerStatusChange, PowerBreach) are written by three passes over the same generator
// instead of holding a million powers in memory.

import type pg from "pg";
import type { BreachAction, PowerStatus } from "../../lib/generated/prisma/enums";
import { fromLondonLocal, londonDateParts } from "../../lib/format/dates";
import { NULL, copyRows, text, timestamp, type CopyResult } from "./copy";
import { formatCount, reportCopy } from "./load";
import { COUNCIL, Partnership } from "./partnership";
import { Rng, Weighted } from "./random";

export const LARGE_POWERS_SETTING = "largeSeedPowers";
export const DEFAULT_RETURN_POWERS = 100_000;
const DAY = 86_400_000;

type Kind = { id: string; code: string; hasExpiry: boolean; needsCourt: boolean; appealable: boolean; allowsBusinessSubject: boolean };
type CaseRow = { id: string; leadOrgIdx: number; restricted: boolean; sharedWith: number[] };

/** How often each kind is used (CPWs and warning letters far more than closure orders). */
const KIND_WEIGHT: Record<string, number> = {
  CPW: 22,
  WARNING_LETTER: 16,
  ABC: 12,
  CPN: 10,
  CPN_FPN: 5,
  PSPO_FPN: 6,
  DISPERSAL_DIRECTION: 8,
  COMMUNITY_REMEDY: 4,
  CIVIL_INJUNCTION: 4,
  CBO: 2,
  INTERIM_CBO: 1,
  CLOSURE_NOTICE: 2,
  CLOSURE_ORDER: 1,
  PARENTING_ORDER: 1,
  ABSOLUTE_POSSESSION_NOTICE: 2,
  PREMISES_LICENCE_REVIEW: 1,
  OTHER: 3,
};
/** Days a power with an expiry runs for, by kind. */
const DURATION_DAYS: Record<string, [number, number]> = {
  CIVIL_INJUNCTION: [180, 730],
  CBO: [365, 1095],
  INTERIM_CBO: [28, 90],
  DISPERSAL_DIRECTION: [1, 2],
  CLOSURE_NOTICE: [1, 2],
  CLOSURE_ORDER: [90, 180],
  ABC: [180, 180],
  PARENTING_ORDER: [90, 365],
};
const ISSUER_SHARE: Record<string, number> = { KCSAT: 34, MPS: 34, KH: 20, LFB: 3, KHC: 2, PS: 3, KWA: 1, ASH: 3 };
const BREACH_ACTIONS = new Weighted<BreachAction>([
  ["FPN", 30],
  ["PROSECUTION", 15],
  ["WARNING", 40],
  ["NONE", 15],
]);
const COURTS = ["Kingsmere Magistrates' Court", "Kingsmere County Court", "Ashcombe Magistrates' Court"];
const BUSINESSES = [
  "Late Shop Ltd",
  "Off Licence",
  "Car Wash",
  "Takeaway",
  "Scrap Metal Yard",
  "Nightclub",
  "Hand Car Valeting",
  "Minicab Office",
  "Builders' Merchant",
  "Social Club",
];
const STREETS = [
  "High Street",
  "Station Approach",
  "Market Square",
  "Peckwater Road",
  "Bellfield Parade",
  "Fennel Lane",
  "Larkhall Road",
  "Cordwainer Row",
];
const CONDITIONS = [
  "Stop playing amplified music audible outside the premises between 23:00 and 07:00.",
  "Not to enter the exclusion zone shown on the map attached to the order.",
  "Not to gather in groups of more than three in the stairwells of the block.",
  "Remove the accumulated waste from the rear garden within 14 days.",
  "Keep the dog on a lead no longer than 2 metres in public places.",
  "Not to contact the named victim directly or indirectly.",
  "Stop operating the business outside the hours of 08:00 to 22:00.",
  null,
];

type Change = { from: PowerStatus | null; to: PowerStatus; at: number; byUser: boolean; note: string | null };
type Breach = { at: number; action: BreachAction };
type Power = {
  id: string;
  reference: string;
  kind: Kind;
  subjectPersonId: string | null;
  business: string | null;
  locationId: string | null;
  caseId: string | null;
  pspoId: string | null;
  orgIdx: number;
  officerId: string;
  issuedAt: number;
  expiresAt: number | null;
  conditions: string | null;
  court: string | null;
  hearingAt: number | null;
  status: PowerStatus;
  statusChangedAt: number;
  changes: Change[];
  breaches: Breach[];
};

export type LoadPowersOptions = {
  seed: string;
  anchorDate: string;
  startYear: number;
  count: number;
  councilOnly: boolean;
  log: (line: string) => void;
};

class PowerPlan {
  private constructor(
    readonly options: LoadPowersOptions,
    readonly partnership: Partnership,
    readonly kinds: Kind[],
    readonly kindPick: Weighted<number>,
    readonly cases: CaseRow[],
    readonly councilCases: number[],
    readonly people: string[],
    readonly places: string[],
    readonly pspoId: string | null,
    readonly dayStarts: number[],
    readonly anchor: number,
    readonly referenceBase: Map<number, number>,
  ) {}

  static async build(client: pg.Client, options: LoadPowersOptions): Promise<PowerPlan> {
    const partnership = await Partnership.load(client);
    const kinds = (
      await client.query<Kind>(
        `SELECT id, code, "hasExpiry", "needsCourt", appealable, "allowsBusinessSubject" FROM "PowerKind" WHERE active ORDER BY "sortOrder", code`,
      )
    ).rows;
    const kindPick = new Weighted(kinds.map((k, i) => [i, KIND_WEIGHT[k.code] ?? 1] as const));
    const orgIdx = new Map(partnership.organisations.map((o, i) => [o.id, i]));
    const caseRows = await client.query<{ id: string; lead: string; restricted: boolean; shared: string[] }>(
      `SELECT c.id, c."leadOrganisationId" AS lead, c.restricted,
              coalesce(array_agg(s."organisationId") FILTER (WHERE s."organisationId" IS NOT NULL), '{}')::text[] AS shared
       FROM "Case" c LEFT JOIN "CaseShare" s ON s."caseId" = c.id AND s."withdrawnAt" IS NULL
       GROUP BY c.id ORDER BY c.id`,
    );
    const cases: CaseRow[] = caseRows.rows
      .filter((c) => orgIdx.has(c.lead))
      .map((c) => ({
        id: c.id,
        leadOrgIdx: orgIdx.get(c.lead)!,
        restricted: c.restricted,
        sharedWith: c.shared.map((s) => orgIdx.get(s)).filter((i): i is number => i !== undefined),
      }));
    const council = partnership.orgIndex(COUNCIL);
    const councilCases = cases.flatMap((c, i) =>
      !c.restricted && (c.leadOrgIdx === council || c.sharedWith.includes(council)) ? [i] : [],
    );
    const people = (
      await client.query<{ id: string }>(`SELECT id FROM "Person" WHERE "mergedIntoId" IS NULL ORDER BY id LIMIT 30000`)
    ).rows.map((r) => r.id);
    const places = (await client.query<{ id: string }>(`SELECT id FROM "Location" ORDER BY id LIMIT 20000`)).rows.map((r) => r.id);
    const pspo = (await client.query<{ id: string }>(`SELECT id FROM "Pspo" ORDER BY "startsOn" LIMIT 1`)).rows[0]?.id ?? null;
    // London midnights from the start of the year to three years on (expiry dates run past the year).
    const dayStarts: number[] = [];
    for (let d = 0; d < 365 * 4 + 1; d++) dayStarts.push(fromLondonLocal(options.startYear, 4, 1 + d).getTime());
    const [ay, am, ad] = options.anchorDate.split("-").map(Number) as [number, number, number];
    const anchor = fromLondonLocal(ay, am, ad, 12).getTime();
    const years = [options.startYear, options.startYear + 1];
    await client.query(
      `INSERT INTO "ReferenceCounter" (prefix, year, last) SELECT 'PWR', y, 0 FROM unnest($1::int[]) AS y ON CONFLICT DO NOTHING`,
      [years],
    );
    const counters = await client.query<{ year: number; last: number }>(
      `SELECT year, last FROM "ReferenceCounter" WHERE prefix = 'PWR' AND year = ANY($1::int[]) ORDER BY year FOR UPDATE`,
      [years],
    );
    const referenceBase = new Map(counters.rows.map((r) => [r.year, r.last]));
    return new PowerPlan(
      options,
      partnership,
      kinds,
      kindPick,
      cases,
      councilCases,
      people,
      places,
      pspo,
      dayStarts,
      anchor,
      referenceBase,
    );
  }

  /** Days in the financial year (365 or 366). */
  get days(): number {
    const end = fromLondonLocal(this.options.startYear + 1, 4, 1).getTime();
    return this.dayStarts.findIndex((t) => t >= end);
  }

  /** Every power of the load, in order of issue; the same sequence on every call. */
  *powers(): Generator<Power> {
    const { count, councilOnly, seed, startYear } = this.options;
    const rng = new Rng(`${seed}:powers:${startYear}:${count}`);
    const p = this.partnership;
    const issuer = new Weighted(
      p.organisations.map((o, i) => [i, o.workers.length ? (ISSUER_SHARE[o.shortName] ?? 1) : 0] as const).filter(([, w]) => w > 0),
    );
    const council = p.orgIndex(COUNCIL);
    const days = this.days;
    const next = new Map(this.referenceBase);
    let n = 0;
    for (let day = 0; day < days; day++) {
      const today = this.dayStarts[day]!;
      if (today > this.anchor) break;
      const onDay = Math.floor(((day + 1) * count) / days) - Math.floor((day * count) / days);
      for (let k = 0; k < onDay; k++, n++) {
        const kind = this.kinds[this.kindPick.index(rng)]!;
        let orgIdx = issuer.index(rng);
        let caseIdx: number | null = null;
        if (rng.chance(0.45) && this.cases.length) {
          if (councilOnly && orgIdx !== council) caseIdx = this.councilCases[rng.int(0, this.councilCases.length - 1)] ?? null;
          else {
            // Cases the issuing organisation works on (a few restricted MARAC ones among them).
            const c = rng.int(0, this.cases.length - 1);
            const row = this.cases[c]!;
            if (row.leadOrgIdx === orgIdx || row.sharedWith.includes(orgIdx) || row.restricted) caseIdx = c;
          }
        }
        if (councilOnly && caseIdx === null) orgIdx = council;
        const officer = p.worker(rng, orgIdx);
        const business =
          kind.allowsBusinessSubject && rng.chance(0.3) ? `${rng.pick(STREETS).split(" ")[0]} ${rng.pick(BUSINESSES)}` : null;
        const issuedAt = today;
        let expiresAt: number | null = null;
        const duration = DURATION_DAYS[kind.code];
        if (kind.hasExpiry)
          expiresAt = this.dayStarts[Math.min(this.dayStarts.length - 1, day + rng.int(duration?.[0] ?? 30, duration?.[1] ?? 365))]!;
        const hearingAt = kind.needsCourt ? issuedAt + 10 * 3_600_000 : null;
        const recordedAt = issuedAt + rng.int(9, 18) * 3_600_000;
        const power: Power = {
          id: rng.uuid7(recordedAt),
          reference: "",
          kind,
          subjectPersonId: business ? null : (this.people[rng.skewed(this.people.length, 2)] ?? null),
          business,
          locationId: rng.chance(0.7) ? (this.places[rng.skewed(this.places.length, 2)] ?? null) : null,
          caseId: caseIdx === null ? null : this.cases[caseIdx]!.id,
          pspoId: kind.code === "PSPO_FPN" ? this.pspoId : null,
          orgIdx,
          officerId: officer.id,
          issuedAt,
          expiresAt,
          conditions: rng.pick(CONDITIONS),
          court: kind.needsCourt ? rng.pick(COURTS) : null,
          hearingAt,
          status: "ISSUED",
          statusChangedAt: recordedAt,
          changes: [{ from: null, to: "ISSUED", at: recordedAt, byUser: true, note: null }],
          breaches: [],
        };
        this.lifeOf(power, rng);
        const year = londonDateParts(issuedAt).year;
        const ref = next.get(year)! + 1;
        next.set(year, ref);
        power.reference = `PWR-${year}-${String(ref).padStart(6, "0")}`;
        yield power;
      }
    }
  }

  /** Plays the power's life out up to the anchor day, following lib/powers/lifecycle's rules. */
  private lifeOf(p: Power, rng: Rng): void {
    const move = (to: PowerStatus, at: number, note: string | null, byUser = true) => {
      p.changes.push({ from: p.status, to, at, byUser, note });
      p.status = to;
      p.statusChangedAt = at;
    };
    let t = p.statusChangedAt;
    const end = Math.min(this.anchor, p.expiresAt ?? Infinity);
    const within = (from: number, maxDays: number) => from + rng.int(1, Math.max(1, maxDays)) * DAY;
    const roll = rng.next();
    if (p.kind.appealable && roll < 0.05) {
      const appealAt = within(t, 14);
      if (appealAt < end) {
        move("APPEALED", appealAt, "Appeal lodged");
        const decidedAt = within(appealAt, 60);
        if (decidedAt < end) {
          const outcome = rng.next();
          move(outcome < 0.5 ? "ISSUED" : outcome < 0.8 ? "DISCHARGED" : "VARIED", decidedAt, "Appeal decided");
        }
      }
      t = p.statusChangedAt;
    } else if (roll < 0.08) {
      const variedAt = within(t, 60);
      if (variedAt < end) move("VARIED", variedAt, "Conditions varied");
      t = p.statusChangedAt;
    }
    // Breaches while in force (not under appeal, not ended).
    if (p.status !== "APPEALED" && p.status !== "DISCHARGED" && rng.chance(0.18)) {
      const howMany = rng.chance(0.7) ? 1 : rng.chance(0.66) ? 2 : 3;
      for (let i = 0; i < howMany; i++) {
        const at = within(t, 90);
        if (at >= end) break;
        // A breach is recorded against the London midnight of its day, like the form does.
        const breachDay = at - ((at - p.issuedAt) % DAY);
        p.breaches.push({ at: breachDay, action: BREACH_ACTIONS.pick(rng) });
        move("BREACHED", at + 3_600_000, "Breach recorded");
        t = at + 3_600_000;
      }
    }
    // An ending, if any, after everything above.
    if (p.status !== "APPEALED" && p.status !== "DISCHARGED") {
      const r = rng.next();
      const ending: PowerStatus | null = r < 0.25 ? "COMPLIED" : r < 0.28 ? "WITHDRAWN" : r < 0.31 ? "DISCHARGED" : null;
      const at = within(t, 120);
      if (ending && at < end) move(ending, at, null);
      else if (p.expiresAt !== null && p.expiresAt <= this.anchor) move("EXPIRED", p.expiresAt, "Expired automatically", false);
    }
  }
}

const POWER_COLUMNS = [
  "id",
  "reference",
  "kindId",
  "subjectPersonId",
  "subjectBusinessName",
  "locationId",
  "caseId",
  "pspoId",
  "issuingOrganisationId",
  "issuingOfficerId",
  "issuedAt",
  "expiresAt",
  "conditions",
  "courtName",
  "hearingAt",
  "status",
  "statusChangedAt",
  "createdAt",
  "updatedAt",
  "version",
] as const;
const POWER_TABLES = ["PowerUse", "PowerStatusChange", "PowerBreach"] as const;

export type LargePowersResult = { added: boolean; startYear: number; count: number; tables: CopyResult[] };

async function loadedYears(client: pg.Client): Promise<Record<string, { count: number; councilOnly: boolean }>> {
  const { rows } = await client.query<{ value: Record<string, { count: number; councilOnly: boolean }> }>(
    `SELECT value FROM "Setting" WHERE key = $1`,
    [LARGE_POWERS_SETTING],
  );
  return rows[0]?.value ?? {};
}

/**
 * Loads `count` powers issued in the financial year starting in `startYear`, unless that year was
 * loaded before (the setting says so). One transaction; the three tables' secondary indexes and
 * foreign keys are set aside during COPY and rebuilt (and checked) afterwards.
 */
export async function ensureLargePowers(client: pg.Client, options: LoadPowersOptions): Promise<LargePowersResult> {
  const { log } = options;
  const key = String(options.startYear);
  if ((await loadedYears(client))[key])
    return { added: false, startYear: options.startYear, count: (await loadedYears(client))[key]!.count, tables: [] };
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET statement_timeout = 0`);
  await client.query("BEGIN");
  try {
    await client.query(`SELECT pg_advisory_xact_lock($1)`, [7_271_002]);
    if ((await loadedYears(client))[key]) {
      await client.query("ROLLBACK");
      return { added: false, startYear: options.startYear, count: options.count, tables: [] };
    }
    const plan = await PowerPlan.build(client, options);
    log(
      `Planning ${formatCount(options.count)} powers issued in ${options.startYear}/${String((options.startYear + 1) % 100).padStart(2, "0")}${options.councilOnly ? " (all visible to the council's managers)" : ""}...`,
    );
    const indexes = await client.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
       WHERE t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[]) AND NOT i.indisunique AND NOT i.indisprimary ORDER BY 1`,
      [POWER_TABLES],
    );
    const fks = await client.query<{ name: string; table: string; def: string }>(
      `SELECT c.conname AS name, c.conrelid::regclass::text AS table, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[]) ORDER BY 2, 1`,
      [POWER_TABLES],
    );
    for (const fk of fks.rows) await client.query(`ALTER TABLE ${fk.table} DROP CONSTRAINT "${fk.name}"`);
    for (const index of indexes.rows) await client.query(`DROP INDEX ${index.name}`);

    const orgId = (i: number) => plan.partnership.organisations[i]!.id;
    const tables: CopyResult[] = [];
    const every = Math.max(100_000, Math.round(options.count / 4));
    const progress = (t: string, rows: number, ms: number) =>
      log(`    ${t}: ${formatCount(rows)} rows (${formatCount(Math.round(rows / (ms / 1000)))} rows/s)`);
    const copy = async (table: string, columns: readonly string[], rows: Iterable<readonly string[]>) => {
      const result = await copyRows(client, table, columns, rows, { progress, progressEvery: every });
      reportCopy(log, result);
      tables.push(result);
    };
    await copy(
      "PowerUse",
      POWER_COLUMNS,
      (function* () {
        for (const p of plan.powers()) {
          yield [
            p.id,
            p.reference,
            p.kind.id,
            p.subjectPersonId ?? NULL,
            text(p.business),
            p.locationId ?? NULL,
            p.caseId ?? NULL,
            p.pspoId ?? NULL,
            orgId(p.orgIdx),
            p.officerId,
            timestamp(p.issuedAt),
            timestamp(p.expiresAt),
            text(p.conditions),
            text(p.court),
            timestamp(p.hearingAt),
            p.status,
            timestamp(p.statusChangedAt),
            timestamp(p.changes[0]!.at),
            timestamp(p.statusChangedAt),
            String(p.changes.length + p.breaches.length),
          ];
        }
      })(),
    );
    const changeRng = new Rng(`${options.seed}:power-ids:${options.startYear}`);
    await copy(
      "PowerStatusChange",
      ["id", "powerId", "fromStatus", "toStatus", "changedAt", "changedById", "note"],
      (function* () {
        for (const p of plan.powers()) {
          for (const c of p.changes)
            yield [changeRng.uuid7(c.at), p.id, c.from ?? NULL, c.to, timestamp(c.at), c.byUser ? p.officerId : NULL, text(c.note)];
        }
      })(),
    );
    await copy(
      "PowerBreach",
      ["id", "powerId", "breachedAt", "actionTaken", "notes", "recordedById", "recordedAt"],
      (function* () {
        for (const p of plan.powers()) {
          for (const b of p.breaches)
            yield [changeRng.uuid7(b.at), p.id, timestamp(b.at), b.action, NULL, p.officerId, timestamp(b.at + 20 * 3_600_000)];
        }
      })(),
    );

    for (const index of indexes.rows) await client.query(index.def);
    for (const fk of fks.rows) await client.query(`ALTER TABLE ${fk.table} ADD CONSTRAINT "${fk.name}" ${fk.def}`);
    log(`  rebuilt ${indexes.rows.length} indexes and checked ${fks.rows.length} foreign keys of ${POWER_TABLES.join(", ")}`);
    // Reference counters carry on after the last seeded number.
    await client.query(
      `UPDATE "ReferenceCounter" rc SET last = GREATEST(rc.last, m.max) FROM (
         SELECT substring(reference FROM 5 FOR 4)::int AS year, max(substring(reference FROM 10)::int) AS max FROM "PowerUse" WHERE reference ~ '^PWR-[0-9]{4}-[0-9]{6}$' GROUP BY 1
       ) m WHERE rc.prefix = 'PWR' AND rc.year = m.year`,
    );
    const loaded = await loadedYears(client);
    loaded[key] = { count: options.count, councilOnly: options.councilOnly };
    await client.query(
      `INSERT INTO "Setting" (key, value, "updatedAt") VALUES ($1, $2::jsonb, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, "updatedAt" = now()`,
      [LARGE_POWERS_SETTING, JSON.stringify(loaded)],
    );
    await client.query("COMMIT");
    for (const table of POWER_TABLES) await client.query(`VACUUM (ANALYZE) "${table}"`);
    return { added: true, startYear: options.startYear, count: options.count, tables };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}
