// npm run db:migration:new -- --name add_something
//
// Creates prisma/migrations/<UTC YYYYMMDDHHMMSS>_<name>/migration.sql with the SQL that takes the
// schema as of the latest migration (prisma/migrations/schema.prisma.snapshot) to the current
// prisma/schema.prisma, records the file's checksum in prisma/migrations/migration_checksums.sha256
// and moves the snapshot forward. No database is needed. Review the SQL before committing; add
// hand-written SQL (triggers, data fixes) below the generated part if the change needs it, then
// record the file as it is with `npm run db:migration:seal`.
//
//   npm run db:migration:new -- --name backfill_x --empty
//       a migration for hand-written SQL only (no schema change): an empty migration.sql to fill.

import path from "node:path";
import { fail } from "./engine";
import { displayPath, MIGRATION_FILE } from "./migration-files";
import { createMigration, type MigrationOutcome } from "./migrations";

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

const name = migrationNameArgument(process.argv.slice(2));
if (!name) fail("Usage: npm run db:migration:new -- --name add_something");

let outcome: MigrationOutcome;
try {
  outcome = await createMigration({ name, empty: process.argv.includes("--empty") });
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

if (!outcome.created) {
  console.log(`prisma/schema.prisma has no changes since ${outcome.since}; no migration created.`);
  process.exit(0);
}

const file = displayPath(path.join(outcome.dir, MIGRATION_FILE));
console.log(`Created ${file}` + (outcome.empty ? " (empty):\n" : ` (changes since ${outcome.since}):\n`));
console.log(outcome.sql);
console.log(
  (outcome.empty
    ? `Write its SQL, then record the file as it is: npm run db:migration:seal -- ${outcome.folder}\n`
    : `Review it. If you add hand-written SQL below it, record the file again: npm run db:migration:seal -- ${outcome.folder}\n`) +
    "Apply it with npm run db:migrate, and commit the folder with prisma/schema.prisma and the two files\n" +
    "beside the migrations (migration_checksums.sha256, schema.prisma.snapshot). Once a migration has been\n" +
    "applied anywhere shared, do not change it; make a new one instead.",
);
