// npm run db:drift — fails (exit 1) when prisma/schema.prisma has changes that no migration
// covers, i.e. when the schema differs from the snapshot kept beside the latest migration. Also
// fails when a migration folder has no migration.sql. No database is needed, so CI can run it
// first.
//
// It compares datamodels, not databases: hand-written SQL in a migration (the append-only
// triggers of the first one) is neither seen nor needed here.

import { diffDatamodels, listMigrationFolders, readSchemas, repoRoot } from "./engine";
import path from "node:path";

function failWith(message: string): never {
  console.error(`db:drift: ${message}`);
  process.exit(1);
}

try {
  const folders = await listMigrationFolders();
  const withoutSql = folders.filter((f) => f.sql === undefined);
  if (withoutSql.length > 0) {
    failWith(
      "these migration folders have no migration.sql:\n" +
        withoutSql.map((f) => `  ${path.relative(repoRoot, f.dir)}`).join("\n") +
        "\nEvery folder in prisma/migrations must hold a migration.sql (remove stray folders).",
    );
  }

  const { current, latest, snapshot } = await readSchemas();
  const sql = await diffDatamodels(snapshot, current);
  if (sql !== "") {
    const since = latest ? `the latest migration (${latest.name})` : "an empty database (there are no migrations)";
    failWith(
      `prisma/schema.prisma has changes that no migration covers, compared with ${since}.\n` +
        "The migration they need would be:\n\n" +
        sql.replace(/^/gm, "    ") +
        "\nCreate it with: npm run db:migration:new -- --name describe_the_change",
    );
  }

  console.log(
    `db:drift: prisma/schema.prisma matches the latest migration${latest ? ` (${latest.name})` : ""}; ` +
      `${folders.length} migration(s) checked.`,
  );
} catch (error) {
  failWith(error instanceof Error ? error.message : String(error));
}
