// npm run db:migrate — applies every prisma/migrations/<dir>/migration.sql not yet applied to
// DATABASE_URL, recorded in `_prisma_migrations` (the table `prisma migrate deploy` uses).
//
//   npm run db:migrate
//   npm run db:migrate -- --mark-rolled-back 20261201093000_add_x
//       after a migration failed: each migration runs in one transaction, so a failed one left
//       no changes behind; mark it rolled back, fix its SQL, and migrate again.

import { applyMigrations, engineErrorMessage, fail, withSchemaEngine } from "./engine";
import { redactUrl } from "./postgres-admin";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  fail(
    "DATABASE_URL is not set. Point it at the database to migrate, e.g.\n" +
      "  DATABASE_URL=postgresql://postgres@127.0.0.1:5432/safer_partnerships npm run db:migrate\n" +
      "(`npm run serve` and `npm run dev` migrate their own database without it.)",
  );
}

const flag = process.argv.indexOf("--mark-rolled-back");
if (flag !== -1) {
  const migrationName = process.argv[flag + 1];
  if (!migrationName) fail("Usage: npm run db:migrate -- --mark-rolled-back <migration folder name>");
  try {
    await withSchemaEngine(databaseUrl, (engine) => engine.markMigrationRolledBack({ migrationName }));
  } catch (error) {
    fail(`Could not mark ${migrationName} rolled back: ${engineErrorMessage(error)}`);
  }
  console.log(`Marked ${migrationName} as rolled back. Fix its migration.sql, then run npm run db:migrate.`);
  process.exit(0);
}

try {
  const applied = await applyMigrations(databaseUrl);
  if (applied.length === 0) {
    console.log(`Database ${redactUrl(databaseUrl)} is up to date; no migration to apply.`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${redactUrl(databaseUrl)}:`);
    for (const name of applied) console.log(`  ${name}`);
  }
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /failed migrations|Error querying the database/.test(message)
    ? "\n\nA failed migration ran in one transaction, so it left no changes behind. Fix its SQL, then run\n" +
      "  npm run db:migrate -- --mark-rolled-back <migration name>\nand migrate again."
    : "";
  fail(message + hint);
}
