import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedDemo } from "./seed/index";
import { formatCount } from "./seed-large/load";
import { LARGE_SEED_SETTING, seedLarge } from "./seed-large/index";

// Loads a large partnership for benchmarks: `npm run db:seed:large` (node --import tsx
// prisma/seed-large.ts) with DATABASE_URL set, after `npm run db:migrate`. On a database with no
// organisations it first loads the demo partnership (so the demo users can sign in), then
// bulk-loads a million incidents, 250,000 people, 100,000 places, 20,000 cases and 5,000 open
// council actions with COPY. Run again, it says the data is there and exits 0.
//
//   --scale 0.01         a fraction of the full size (or LARGE_SEED_SCALE=0.01), for a quick run
//   --seed TEXT          the pseudo-random seed (default kingsmere-large-v1)
//   --keep-indexes       load with every index and foreign key in place (slower; to compare)
//   --skip-vacuum        leave VACUUM ANALYZE to autovacuum

export { FULL_SCALE, LARGE_SEED_SETTING, resolveScale, seedLarge } from "./seed-large/index";
export type { Scale, SeedLargeOptions, SeedLargeResult } from "./seed-large/index";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scale: { type: "string" },
      seed: { type: "string" },
      "keep-indexes": { type: "boolean", default: false },
      "skip-vacuum": { type: "boolean", default: false },
    },
  });
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("Large seed failed: DATABASE_URL is not set. Set it to the database to load (migrated first with `npm run db:migrate`).");
    return 1;
  }
  if (process.env.NODE_ENV === "production") {
    console.error("Large seed refused: NODE_ENV is production. This loads made-up benchmark data; never run it against a live partnership.");
    return 1;
  }
  const scaleText = values.scale ?? process.env.LARGE_SEED_SCALE;
  const scale = scaleText === undefined ? undefined : Number(scaleText);
  if (scale !== undefined && !(scale > 0)) {
    console.error(`Large seed failed: --scale must be a positive number, not "${scaleText}".`);
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
        console.log(`Demo partnership loaded (dates relative to ${demo.anchorDate}) in ${((performance.now() - started) / 1000).toFixed(1)}s.`);
      } finally {
        await prisma.$disconnect();
      }
    }
    const result = await seedLarge(client, { scale, seed: values.seed, keepIndexes: values["keep-indexes"], skipVacuum: values["skip-vacuum"] });
    if (result.skipped) {
      console.log(`The large data is already loaded (setting "${LARGE_SEED_SETTING}": ${JSON.stringify(result.marker)}). Nothing to do; reset the database to load it again.`);
      return 0;
    }
    const rows = result.tables.reduce((sum, t) => sum + t.rows, 0);
    const total = (performance.now() - started) / 1000;
    console.log(
      `Loaded ${formatCount(rows)} rows in ${total.toFixed(1)}s (planning ${(result.planMs / 1000).toFixed(1)}s, loading and indexing ${(result.loadMs / 1000).toFixed(1)}s, vacuum and analyse ${(result.vacuumMs / 1000).toFixed(1)}s).`,
    );
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
