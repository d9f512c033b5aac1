import type pg from "pg";
import { DEMO_ANCHOR_SETTING } from "../seed/index";
import { DemoClock, todayInLondon } from "../seed/support";
import type { CopyResult } from "./copy";
import { LOADED_TABLES, formatCount, loadPlan } from "./load";
import { Partnership } from "./partnership";
import { LargePlan, type Scale } from "./plan";
import { BIG_CASE_COUNT, BIG_CASE_ENTRIES, ensureBigCases, type BigCaseSummary } from "./big-cases";

// A large partnership on top of the demo one, for benchmarks: a million
// incidents over five years, 250,000 people, 100,000 places, 20,000 cases and the council team's
// 5,000 open actions, bulk-loaded with COPY in one transaction, and a few long-running cases with
// ~2,000 timeline entries each (big-cases.ts). Deterministic: the same seed and demo
// anchor day give the same rows. Run once per database; a marker setting says it is done. Run
// again on a database loaded before the big cases existed, it adds just those (a top-up).

export type { Scale } from "./plan";

/** The setting that marks a database as holding the large data (and says what was loaded). */
export const LARGE_SEED_SETTING = "largeSeed";

export const FULL_SCALE: Scale = { incidents: 1_000_000, people: 250_000, places: 100_000, cases: 20_000, openActions: 5_000 };

/** The demo seed's advisory lock: the two seeds never run at once against one database. */
export const SEED_LOCK = 7_271_002;

export type SeedLargeOptions = {
  /** A factor applied to FULL_SCALE (e.g. 0.01 for a quick run), or explicit numbers. */
  scale?: number | Partial<Scale>;
  /** The pseudo-random seed (default "kingsmere-large-v1"). */
  seed?: string;
  /** Load with every index and foreign key in place (slower; for comparison). */
  keepIndexes?: boolean;
  /** Skip VACUUM ANALYZE at the end (then run ANALYZE yourself before measuring anything). */
  skipVacuum?: boolean;
  /** How many ~2,000-entry cases to add (0–3; default 3). */
  bigCases?: number;
  /** Timeline entries per big case (default 2,000). */
  bigCaseEntries?: number;
  log?: (line: string) => void;
};

export type SeedLargeResult =
  | { skipped: true; marker: unknown; bigCases: BigCaseSummary[]; bigCasesAdded: boolean }
  | {
      skipped: false;
      scale: Scale;
      tables: CopyResult[];
      planMs: number;
      loadMs: number;
      vacuumMs: number;
      totalMs: number;
      bigCases: BigCaseSummary[];
    };

export function resolveScale(scale: SeedLargeOptions["scale"]): Scale {
  if (scale === undefined) return { ...FULL_SCALE };
  if (typeof scale === "number") {
    if (!(scale > 0)) throw new Error(`The scale must be a positive number, not ${scale}.`);
    const of = (n: number, min: number) => Math.max(min, Math.round(n * scale));
    return {
      incidents: of(FULL_SCALE.incidents, 100),
      people: of(FULL_SCALE.people, 50),
      places: of(FULL_SCALE.places, 50),
      cases: of(FULL_SCALE.cases, 10),
      openActions: of(FULL_SCALE.openActions, 5),
    };
  }
  return { ...FULL_SCALE, ...scale };
}

async function marker(client: pg.Client): Promise<unknown> {
  const { rows } = await client.query<{ value: unknown }>(`SELECT value FROM "Setting" WHERE key = $1`, [LARGE_SEED_SETTING]);
  return rows[0]?.value;
}

export async function anchorDate(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ value: { anchorDate?: unknown } | null }>(`SELECT value FROM "Setting" WHERE key = $1`, [
    DEMO_ANCHOR_SETTING,
  ]);
  const stored = rows[0]?.value?.anchorDate;
  return typeof stored === "string" ? stored : todayInLondon();
}

/**
 * Loads the large partnership into the database `client` is connected to, which must already hold
 * the demo partnership (its organisations and users report the incidents). Returns `skipped` when
 * the marker setting says it was loaded before.
 */
export async function seedLarge(client: pg.Client, options: SeedLargeOptions = {}): Promise<SeedLargeResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const existing = await marker(client);
  if (existing !== undefined) return { skipped: true, marker: existing, ...(await topUp(client, existing, options, log)) };

  const scale = resolveScale(options.scale);
  const seed = options.seed ?? "kingsmere-large-v1";
  const anchor = await anchorDate(client);
  const partnership = await Partnership.load(client);
  log(
    `Planning ${formatCount(scale.incidents)} incidents, ${formatCount(scale.people)} people, ${formatCount(scale.places)} places, ${formatCount(scale.cases)} cases and ${formatCount(scale.openActions)} open council actions (seed "${seed}", five years to ${anchor})...`,
  );
  const plan = new LargePlan(seed, scale, new DemoClock(anchor), partnership);
  plan.build(log);
  const planMs = performance.now() - started;

  log("Loading (one transaction, COPY)...");
  const loadStarted = performance.now();
  // Session settings for a bulk load: bigger sort memory for the index builds; the commit need
  // not wait for the disk (a crash before the flush loses the whole load, which is all-or-nothing anyway).
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '512MB'`);
  await client.query(`SET statement_timeout = 0`);
  await client.query(`SET idle_in_transaction_session_timeout = 0`);
  await client.query("BEGIN");
  let tables: CopyResult[];
  let bigCases: BigCaseSummary[] = [];
  try {
    await client.query(`SELECT pg_advisory_xact_lock($1)`, [SEED_LOCK]);
    const raced = await marker(client);
    if (raced !== undefined) {
      await client.query("ROLLBACK");
      return { skipped: true, marker: raced, ...(await topUp(client, raced, options, log)) };
    }
    tables = await loadPlan(client, plan, {
      keepIndexes: options.keepIndexes ?? false,
      log,
      marker: {
        key: LARGE_SEED_SETTING,
        value: {
          version: 1,
          seed,
          anchorDate: anchor,
          scale,
          loadedAt: new Date().toISOString(),
          note: "Large benchmark data (prisma/seed-large.ts). Reset the database to load it again.",
        },
      },
    });
    const big = options.bigCases ?? BIG_CASE_COUNT;
    if (big > 0) {
      log(`Adding ${big} cases with ~${formatCount(options.bigCaseEntries ?? BIG_CASE_ENTRIES)} timeline entries each...`);
      bigCases = (
        await ensureBigCases(client, { seed, anchorDate: anchor, count: big, entries: options.bigCaseEntries, log, inTransaction: true })
      ).cases;
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
  const loadMs = performance.now() - loadStarted;

  let vacuumMs = 0;
  if (!options.skipVacuum) {
    // Statistics for the planner, and the visibility map (index-only scans) and hint bits set now
    // rather than by the first queries of a benchmark.
    const vacuumStarted = performance.now();
    for (const table of LOADED_TABLES) await client.query(`VACUUM (ANALYZE) "${table}"`);
    vacuumMs = performance.now() - vacuumStarted;
    log(`VACUUM (ANALYZE) of ${LOADED_TABLES.length} tables in ${(vacuumMs / 1000).toFixed(1)}s`);
  }
  return { skipped: false, scale, tables, planMs, loadMs, vacuumMs, totalMs: performance.now() - started, bigCases };
}

/** On a database loaded before the big cases existed: adds them (own transaction, seed lock). */
async function topUp(
  client: pg.Client,
  existing: unknown,
  options: SeedLargeOptions,
  log: (line: string) => void,
): Promise<{ bigCases: BigCaseSummary[]; bigCasesAdded: boolean }> {
  const count = options.bigCases ?? BIG_CASE_COUNT;
  if (count <= 0) return { bigCases: [], bigCasesAdded: false };
  const loaded = (existing ?? {}) as { seed?: unknown; anchorDate?: unknown };
  const seed = typeof loaded.seed === "string" ? loaded.seed : (options.seed ?? "kingsmere-large-v1");
  // The day the large data was planned against, so the cases end where the data does.
  const anchor = typeof loaded.anchorDate === "string" ? loaded.anchorDate : await anchorDate(client);
  const result = await ensureBigCases(client, { seed, anchorDate: anchor, count, entries: options.bigCaseEntries, log, lock: SEED_LOCK });
  return { bigCases: result.cases, bigCasesAdded: result.added };
}
