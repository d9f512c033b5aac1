import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedDemo } from "./seed/index";
import { formatCount } from "./seed-large/load";
import { LARGE_SEED_SETTING, SEED_LOCK, anchorDate, seedLarge } from "./seed-large/index";
import { BIG_CASES_SETTING, ensureBigCases, type BigCaseSummary } from "./seed-large/big-cases";
import { DEFAULT_RETURN_POWERS, ensureLargePowers } from "./seed-large/powers";
import { financialYearOf } from "../lib/format/dates";

// Loads a large partnership for benchmarks: `npm run db:seed:large` (node --import tsx
// prisma/seed-large.ts) with DATABASE_URL set, after `npm run db:migrate`. On a database with no
// organisations it first loads the demo partnership (so the demo users can sign in), then
// bulk-loads a million incidents, 250,000 people, 100,000 places, 20,000 cases and 5,000 open
// council actions with COPY, and three long-running cases (led by KCSAT, MPS and KH) with ~2,000
// timeline entries each. Run again, it says the data is there, adds the big cases if the data was
// loaded before they existed (a top-up of a few seconds), prints their references and exits 0.
//
//   --scale 0.01         a fraction of the full size (or LARGE_SEED_SCALE=0.01), for a quick run
//   --seed TEXT          the pseudo-random seed (default kingsmere-large-v1)
//   --keep-indexes       load with every index and foreign key in place (slower; to compare)
//   --skip-vacuum        leave VACUUM ANALYZE to autovacuum
//   --ensure-big-cases   only add the ~2,000-entry cases if missing (never the bulk load)
//   --big-cases N        how many big cases (0–3, default 3; 0: none)
//   --big-case-entries N timeline entries per big case (default 2000)
//   --powers N           powers used in one financial year, for the returns (default 100000; 0: none)
//   --powers-year YYYY   that financial year (default: the last complete one before the demo anchor day)
//   --register-rows N    also N powers in another year, all visible to the council's managers, for
//                        the register export benchmark (e.g. 1000000; default 0)
//   --register-year YYYY that year (default: four years before --powers-year, so that its breaches,
//                        status changes and expiries, which run on for up to three years, do not
//                        land in the return's year)
// The powers are loaded once per financial year (setting "largeSeedPowers"); on a database
// that already holds the large data, a run adds just the powers that are missing.

export { FULL_SCALE, LARGE_SEED_SETTING, resolveScale, seedLarge } from "./seed-large/index";
export type { Scale, SeedLargeOptions, SeedLargeResult } from "./seed-large/index";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      seed: { type: "string" },
      "keep-indexes": { type: "boolean", default: false },
      "skip-vacuum": { type: "boolean", default: false },
      "ensure-big-cases": { type: "boolean", default: false },
      "big-cases": { type: "string" },
      "big-case-entries": { type: "string" },
      powers: { type: "string" },
      "powers-year": { type: "string" },
      "register-rows": { type: "string" },
      "register-year": { type: "string" },
    },
  });
  // As the owner when there is one: the load sets foreign keys aside (ALTER TABLE), which only the owner may.
  const connectionString = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("Large seed failed: DATABASE_URL is not set. Set it to the database to load (migrated first with `npm run db:migrate`).");
    return 1;
  }
  if (process.env.NODE_ENV === "production") {
    console.error(
      "Large seed refused: NODE_ENV is production. This loads made-up benchmark data; never run it against a live partnership.",
    );
    return 1;
  }
  const scaleText = values.scale ?? process.env.LARGE_SEED_SCALE;
  const scale = scaleText === undefined ? undefined : Number(scaleText);
  if (scale !== undefined && !(scale > 0)) {
    console.error(`Large seed failed: --scale must be a positive number, not "${scaleText}".`);
    return 1;
  }

  const bigCases = values["big-cases"] === undefined ? undefined : Number(values["big-cases"]);
  const bigCaseEntries = values["big-case-entries"] === undefined ? undefined : Number(values["big-case-entries"]);
  if (
    (bigCases !== undefined && !(Number.isInteger(bigCases) && bigCases >= 0 && bigCases <= 3)) ||
    (bigCaseEntries !== undefined && !(Number.isInteger(bigCaseEntries) && bigCaseEntries >= 200))
  ) {
    console.error("Large seed failed: --big-cases must be 0 to 3 and --big-case-entries a whole number of at least 200.");
    return 1;
  }

  const wholeNumber = (name: string, fallback: number) => {
    const raw = values[name as keyof typeof values];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${String(raw)}"`);
    return n;
  };
  let powerLoads: { count: number; year: number | null; councilOnly: boolean }[];
  try {
    const powersYear = values["powers-year"] === undefined ? null : wholeNumber("powers-year", 0);
    powerLoads = [
      { count: wholeNumber("powers", DEFAULT_RETURN_POWERS), year: powersYear, councilOnly: false },
      {
        count: wholeNumber("register-rows", 0),
        year: values["register-year"] === undefined ? null : wholeNumber("register-year", 0),
        councilOnly: true,
      },
    ];
  } catch (error) {
    console.error(`Large seed failed: ${(error as Error).message}.`);
    return 1;
  }

  const started = performance.now();
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const organisations = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Organisation"`);
    if (organisations.rows[0]!.n === 0) {
      console.log("No organisations yet: loading the demo partnership first...");
      const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
      try {
        const demo = await seedDemo(prisma, { anchorDate: process.env.SEED_ANCHOR_DATE || undefined });
        console.log(
          `Demo partnership loaded (dates relative to ${demo.anchorDate}) in ${((performance.now() - started) / 1000).toFixed(1)}s.`,
        );
      } finally {
        await prisma.$disconnect();
      }
    }
    if (values["ensure-big-cases"]) {
      const { rows } = await client.query<{ value: { seed?: unknown; anchorDate?: unknown } }>(
        `SELECT value FROM "Setting" WHERE key = $1`,
        [LARGE_SEED_SETTING],
      );
      const loaded = rows[0]?.value ?? {};
      const result = await ensureBigCases(client, {
        seed: typeof loaded.seed === "string" ? loaded.seed : (values.seed ?? "kingsmere-large-v1"),
        anchorDate: typeof loaded.anchorDate === "string" ? loaded.anchorDate : await anchorDate(client),
        count: bigCases,
        entries: bigCaseEntries,
        lock: SEED_LOCK,
      });
      printBigCases(
        result.cases,
        result.added ? `Added in ${((performance.now() - started) / 1000).toFixed(1)}s` : `Already there (setting "${BIG_CASES_SETTING}")`,
      );
      return 0;
    }
    const result = await seedLarge(client, {
      scale,
      seed: values.seed,
      keepIndexes: values["keep-indexes"],
      skipVacuum: values["skip-vacuum"],
      bigCases,
      bigCaseEntries,
    });
    await loadPowers(client, powerLoads, values.seed);
    if (result.skipped) {
      console.log(
        `The large data is already loaded (setting "${LARGE_SEED_SETTING}": ${JSON.stringify(result.marker)}); reset the database to load it again.`,
      );
      if (result.bigCases.length)
        printBigCases(
          result.bigCases,
          result.bigCasesAdded
            ? `Added the big cases in ${((performance.now() - started) / 1000).toFixed(1)}s`
            : "The big cases are there too",
        );
      return 0;
    }
    const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
    const total = (performance.now() - started) / 1000;
    console.log(
      `Loaded ${formatCount(rows)} rows in ${total.toFixed(1)}s (planning ${(result.planMs / 1000).toFixed(1)}s, loading and indexing ${(result.loadMs / 1000).toFixed(1)}s, vacuum and analyse ${(result.vacuumMs / 1000).toFixed(1)}s).`,
    );
    if (result.bigCases.length) printBigCases(result.bigCases, "Big cases");
    return 0;
  } catch (error) {
    console.error(`Large seed failed: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.SEED_DEBUG) console.error(error);
    else console.error("(SEED_DEBUG=1 shows the full error.) The large load is one transaction: none of it was kept.");
    return 1;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The tools and powers loads (prisma/seed-large/powers.ts), each once per financial year. */
async function loadPowers(
  client: pg.Client,
  loads: { count: number; year: number | null; councilOnly: boolean }[],
  seedText: string | undefined,
): Promise<void> {
  const { rows } = await client.query<{ value: { seed?: unknown; anchorDate?: unknown } }>(`SELECT value FROM "Setting" WHERE key = $1`, [
    LARGE_SEED_SETTING,
  ]);
  const loaded = rows[0]?.value ?? {};
  const anchor = typeof loaded.anchorDate === "string" ? loaded.anchorDate : await anchorDate(client);
  const seed = typeof loaded.seed === "string" ? loaded.seed : (seedText ?? "kingsmere-large-v1");
  // The last complete financial year before the anchor day, for the returns.
  const lastComplete = financialYearOf(new Date(`${anchor}T12:00:00Z`)).startYear - 1;
  const returnYear = loads[0]?.year ?? lastComplete;
  for (const [i, load] of loads.entries()) {
    if (load.count === 0) continue;
    const startYear = load.year ?? (i === 0 ? lastComplete : returnYear - 4);
    const began = performance.now();
    const result = await ensureLargePowers(client, {
      seed,
      anchorDate: anchor,
      startYear,
      count: load.count,
      councilOnly: load.councilOnly,
      log: (line) => console.log(line),
    });
    const label = `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
    if (result.added)
      console.log(`Loaded ${formatCount(load.count)} powers issued in ${label} in ${((performance.now() - began) / 1000).toFixed(1)}s.`);
    else console.log(`Powers for ${label} are already loaded (${formatCount(result.count)}; setting "largeSeedPowers").`);
  }
}

function printBigCases(cases: BigCaseSummary[], heading: string): void {
  console.log(`${heading}: ${cases.length} case(s) with a long timeline (for the case page benchmark):`);
  for (const c of cases) {
    console.log(
      `  ${c.reference}  /cases/${c.id}  led by ${c.lead}, shared with ${c.sharedWith.join(", ")}: ${formatCount(c.entries)} timeline entries, ` +
        `${c.incidents} incidents, ${c.people} people, ${c.actions} actions (${c.openActions} open)`,
    );
  }
}

function runDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(path.resolve(entry)) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (runDirectly()) {
  process.exitCode = await main();
}
