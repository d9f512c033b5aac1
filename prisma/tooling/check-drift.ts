// npm run db:drift — fails (exit 1) when the migrations do not match what was made, or do not
// cover the schema:
//   - a migration.sql changed after it was made (or sealed): its SHA-256 no longer matches
//     prisma/migrations/migration_checksums.sha256; a migration without a checksum, or a recorded
//     one whose folder is gone;
//   - prisma/schema.prisma has changes that no migration covers (it differs from
//     prisma/migrations/schema.prisma.snapshot, the schema as of the latest migration);
//   - a migration folder without migration.sql.
// No database is needed, so CI can run it first. The work is in migrations.ts (checkDrift).

import { checkDrift } from "./migrations";

try {
  const report = await checkDrift();
  if (report.problems.length > 0) {
    console.error(report.problems.map((problem) => `db:drift: ${problem}`).join("\n\n"));
    process.exit(1);
  }
  console.log(
    `db:drift: prisma/schema.prisma matches the latest migration${report.latest ? ` (${report.latest})` : ""}; ` +
      `${report.migrations} migration(s) checked, each as it was made.`,
  );
} catch (error) {
  console.error(`db:drift: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
