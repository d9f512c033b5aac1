import { realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { seedDemo } from "./seed/index";

// Seeds the demo partnership: `node --import tsx prisma/seed.ts` with DATABASE_URL set (after the
// migrations), as the owner role when DATABASE_OWNER_URL is set (loading data is the tooling's job). Safe to run again: it leaves exactly the same data. SEED_ANCHOR_DATE=YYYY-MM-DD
// pins the day the demo's dates are relative to (default: today, remembered on the first run).
// Tests import `seedDemo` from here or from ./seed/index.ts.

export { DEMO_ANCHOR_SETTING, DEMO_PASSWORD, USERS, countRows, emailOf, seedDemo, seedReferenceData } from "./seed/index";
export type { SeedDemoOptions, SeedSummary } from "./seed/index";

async function main(): Promise<number> {
  const connectionString = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("Seeding failed: DATABASE_URL is not set. Set it to the database to seed (migrated first with `npm run db:migrate`).");
    return 1;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
  try {
    const started = Date.now();
    const { anchorDate, counts } = await seedDemo(prisma, { anchorDate: process.env.SEED_ANCHOR_DATE || undefined });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`Seeded the Kingsmere demo partnership in ${seconds}s (dates relative to ${anchorDate}).`);
    console.log(
      Object.entries(counts)
        .map(([table, n]) => `  ${table.padEnd(22)} ${n}`)
        .join("\n"),
    );
    return 0;
  } catch (error) {
    console.error(`Seeding failed: ${describe(error)}`);
    if (process.env.SEED_DEBUG) console.error(error);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const hint =
    code === "P2021" || code === "P2022"
      ? " The database schema is missing or out of date: run `npm run db:migrate` first."
      : code === "P1001"
        ? " Is PostgreSQL running at the address in DATABASE_URL?"
        : "";
  // Prisma's messages open with a code frame of the call site; the last line is the cause.
  const cause =
    error.message
      .trim()
      .split("\n")
      .filter((line) => line.trim())
      .at(-1)
      ?.trim() ?? error.message;
  return `${typeof code === "string" ? `[${code}] ` : ""}${cause}${hint} (SEED_DEBUG=1 shows the full error)`;
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
