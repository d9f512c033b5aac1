// npm run db:migrate — applies every prisma/migrations/<dir>/migration.sql not yet applied,
// recorded in `_prisma_migrations` (the table `prisma migrate deploy` uses), as the owner role
// (DATABASE_OWNER_URL); then gives the app's role (the user DATABASE_URL logs in as) its
// privileges, every run (database-roles.ts: SELECT and INSERT only on the audit trail and case
// timelines). Without DATABASE_OWNER_URL it migrates through DATABASE_URL, and warns that the app's
// role then owns the tables and so can rewrite the audit trail.
//
//   npm run db:migrate
//   npm run db:migrate -- --mark-rolled-back 20261201093000_add_x
//       after a migration failed: each migration runs in one transaction, so a failed one left
//       no changes behind; mark it rolled back, fix its SQL, and migrate again.
//
// It warns when a migration this database has applied was changed since (its checksum in
// `_prisma_migrations` differs): the database ran the earlier SQL and will not run it again.

import { APPEND_ONLY_TABLES, grantAppRole } from "./database-roles";
import { installJobQueue } from "./job-queue";
import { applyMigrations, editedAppliedMigrations, engineErrorMessage, fail, withSchemaEngine } from "./engine";
import { redactUrl } from "./postgres-admin";

const appUrl = process.env.DATABASE_URL;
const ownerUrl = process.env.DATABASE_OWNER_URL ?? appUrl;
if (!ownerUrl) {
  fail(
    "Neither DATABASE_OWNER_URL nor DATABASE_URL is set. Point them at the database to migrate, e.g.\n" +
      "  DATABASE_OWNER_URL=postgresql://sp_owner:…@db:5432/safer_partnerships \\\n" +
      "  DATABASE_URL=postgresql://sp_app:…@db:5432/safer_partnerships npm run db:migrate\n" +
      "(`npm run serve` and `npm run dev` migrate their own database without them.)",
  );
}

const flag = process.argv.indexOf("--mark-rolled-back");
if (flag !== -1) {
  const migrationName = process.argv[flag + 1];
  if (!migrationName) fail("Usage: npm run db:migrate -- --mark-rolled-back <migration folder name>");
  try {
    await withSchemaEngine(ownerUrl, (engine) => engine.markMigrationRolledBack({ migrationName }));
  } catch (error) {
    fail(`Could not mark ${migrationName} rolled back: ${engineErrorMessage(error)}`);
  }
  console.log(`Marked ${migrationName} as rolled back. Fix its migration.sql, then run npm run db:migrate.`);
  process.exit(0);
}

const NOT_PROTECTED =
  "The audit trail is then not protected from the app: its role can lift the append-only triggers and delete entries, and " +
  "the app holds AUDIT_CHAIN_KEY, so it could re-seal the rest. In production, migrate as a separate owner role " +
  "(DATABASE_OWNER_URL) and run the app as a role that neither owns the tables nor is a superuser (DATABASE_URL).";

try {
  const applied = await applyMigrations(ownerUrl);
  if (applied.length === 0) {
    console.log(`Database ${redactUrl(ownerUrl)} is up to date; no migration to apply.`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${redactUrl(ownerUrl)}:`);
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

try {
  await installJobQueue(ownerUrl);
} catch (error) {
  fail(`Migrated, but could not install the job queue (pg-boss): ${error instanceof Error ? error.message : String(error)}`);
}

try {
  const edited = await editedAppliedMigrations(ownerUrl);
  if (edited.length > 0) {
    console.warn(
      `Warning: ${edited.length === 1 ? "this migration was" : "these migrations were"} changed after this database applied ` +
        `${edited.length === 1 ? "it" : "them"}, so it ran an earlier version of the SQL:\n${edited.map((name) => `  ${name}`).join("\n")}\n` +
        "A migration changed while it was new (and sealed): run the difference here by hand or recreate this database.\n" +
        "Any other: undo the change and make a new migration (npm run db:drift names it).",
    );
  }
} catch (error) {
  console.warn(`Warning: could not compare the applied migrations with their files: ${engineErrorMessage(error)}`);
}

if (!appUrl) {
  console.warn(
    "Warning: DATABASE_URL is not set, so no app role was given its privileges. Run this again with DATABASE_URL set to the app's connection.",
  );
} else if (!process.env.DATABASE_OWNER_URL) {
  console.warn(
    `Warning: DATABASE_OWNER_URL is not set, so the migrations ran as the app's own role, which owns the tables. ${NOT_PROTECTED}`,
  );
} else {
  try {
    const outcome = await grantAppRole(ownerUrl, appUrl);
    if (outcome.mode === "single-role") {
      console.warn(`Warning: DATABASE_OWNER_URL and DATABASE_URL log in as the same role (${outcome.role}). ${NOT_PROTECTED}`);
    } else {
      console.log(
        `The app's role ${outcome.app} may read and write the tables of ${outcome.owner}, and only read and append to ${APPEND_ONLY_TABLES.map((t) => `"${t}"`).join(", ")}.`,
      );
      for (const warning of outcome.warnings) console.warn(`Warning: ${warning}. ${NOT_PROTECTED}`);
    }
  } catch (error) {
    fail(`Migrated, but could not give the app's role its privileges: ${error instanceof Error ? error.message : String(error)}`);
  }
}
