// npm run db:migration:seal [-- <migration folder name> ...]
//
// Records the checksum of a new migration's migration.sql as it is now (default: the latest
// migration), in prisma/migrations/migration_checksums.sha256: after adding hand-written SQL to a
// generated migration, or filling in an --empty one. Only for a migration that no shared database
// has applied yet: npm run db:drift fails when a recorded migration.sql changes, because a
// database that has applied it never runs it again.
//
// The first time (no checksums file yet) it records every migration as it is.

import { fail } from "./engine";
import { CHECKSUMS_FILE } from "./migration-files";
import { sealMigrations } from "./migrations";

const names = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));

try {
  const { sealed, firstUse } = await sealMigrations(names);
  if (firstUse) {
    console.log(`Recorded the checksums of all ${sealed.length} migrations in prisma/migrations/${CHECKSUMS_FILE} (first use).`);
    process.exit(0);
  }
  for (const { name, previous, checksum } of sealed) {
    if (previous === checksum) console.log(`${name}: already recorded as it is; nothing to do.`);
    else
      console.log(
        `${name}: recorded its migration.sql as it is now (${previous ? `was ${previous.slice(0, 12)}…, ` : ""}now ${checksum.slice(0, 12)}…).`,
      );
  }
  if (sealed.some((m) => m.previous !== m.checksum)) {
    console.log(
      "A database that applied the earlier version is not changed: if yours did, run the added SQL there by hand or\n" +
        "recreate it (npm run db:migrate names such migrations).",
    );
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
