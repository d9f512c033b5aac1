// npm run db:migration:new -- --name add_something
//
// Creates prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql with the SQL that takes the
// schema as of the latest migration (the schema.prisma snapshot beside it) to the current
// prisma/schema.prisma, and keeps a copy of the current schema beside it as the next snapshot.
// No database is needed. Review the SQL before committing; add hand-written SQL (triggers, data
// fixes) below the generated part if the change needs it.
//
//   npm run db:migration:new -- --name backfill_x --empty
//       a migration for hand-written SQL only (no schema change): an empty migration.sql to fill.

import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  diffDatamodels,
  fail,
  LOCKFILE_CONTENT,
  migrationsDir,
  readSchemas,
  repoRoot,
  SNAPSHOT_FILE,
} from "./engine";

function migrationNameArgument(argv: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--name" || arg === "-n") return argv[i + 1];
    if (arg.startsWith("--name=")) return arg.slice("--name=".length);
    if (!arg.startsWith("-")) return arg;
    // --empty takes no value; anything else starting with "-" is an unknown flag, ignored.
  }
  return undefined;
}

/** UTC YYYYMMDDHHMMSS, the prefix Prisma uses, so folders sort in creation order. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

const rawName = migrationNameArgument(process.argv.slice(2));
if (!rawName) fail("Usage: npm run db:migration:new -- --name add_something");
const name = rawName
  .trim()
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, "_")
  .replace(/^_+|_+$/g, "");
if (!name) fail(`"${rawName}" gives an empty migration name; use letters, digits and underscores.`);

let schemas: Awaited<ReturnType<typeof readSchemas>>;
let sql: string;
try {
  schemas = await readSchemas();
  sql = await diffDatamodels(schemas.snapshot, schemas.current);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const empty = process.argv.includes("--empty");
const since = schemas.latest ? `migration ${schemas.latest.name}` : "an empty database";
if (empty && sql !== "") {
  fail(`--empty, but prisma/schema.prisma has changes since ${since}; create their migration first (without --empty).`);
}
if (sql === "" && !empty) {
  console.log(`prisma/schema.prisma has no changes since ${since}; no migration created.`);
  process.exit(0);
}
if (empty) sql = "-- Hand-written migration: write its SQL here. It runs in one transaction.\n";

const folder = `${utcTimestamp(new Date())}_${name}`;
if (schemas.latest && folder.localeCompare(schemas.latest.name) <= 0) {
  fail(
    `The new migration ${folder} would sort before the latest one, ${schemas.latest.name}; ` +
      "migrations apply in name order. Check the system clock.",
  );
}
const dir = path.join(migrationsDir, folder);
if (existsSync(dir)) fail(`${path.relative(repoRoot, dir)} already exists.`);

await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, "migration.sql"), sql);
await writeFile(path.join(dir, SNAPSHOT_FILE), schemas.current);
const lockfile = path.join(migrationsDir, "migration_lock.toml");
if (!existsSync(lockfile)) await writeFile(lockfile, LOCKFILE_CONTENT);

console.log(
  `Created ${path.relative(repoRoot, dir)}/migration.sql` + (empty ? " (empty):\n" : ` (changes since ${since}):\n`),
);
console.log(sql);
console.log(
  "Review it, then apply it with npm run db:migrate. Do not edit a migration once it has been applied\n" +
    "anywhere shared; make a new one instead.",
);
