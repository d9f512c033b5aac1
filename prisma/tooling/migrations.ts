// Making, sealing and checking migrations, with no database: the work behind
// `npm run db:migration:new`, `db:migration:seal` and `db:drift` (the scripts only parse their
// arguments and print). Each function takes a MigrationsLayout, so tests run them on a copy of
// prisma/migrations.
//
// A migration's checksum is recorded when it is made. Its author may still change it while it is
// new (add hand-written SQL below the generated part, fill in an --empty one) and then seal it,
// which records the file as it is then. After that the file is fixed: a database that applied it
// never runs it again, so a later edit would only make new databases differ from old ones.

import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { diffDatamodels } from "./engine";
import {
  CHECKSUMS_FILE,
  displayPath,
  listMigrationFolders,
  LOCKFILE,
  LOCKFILE_CONTENT,
  matchesChecksum,
  MIGRATION_FILE,
  migrationChecksum,
  projectLayout,
  readChecksums,
  readSnapshot,
  SNAPSHOT_FILE,
  writeChecksums,
  writeSnapshot,
  type MigrationFolder,
  type MigrationsLayout,
} from "./migration-files";

const NEW_COMMAND = "npm run db:migration:new -- --name describe_the_change";
const SEAL_COMMAND = "npm run db:migration:seal";
// Where each migration used to keep a copy of the schema; now one snapshot serves (see migration-files.ts).
const OLD_SNAPSHOT_FILE = "schema.prisma";

const short = (checksum: string) => checksum.slice(0, 12);
const indent = (lines: string[]) => lines.map((line) => `  ${line}`).join("\n");

// ───────────────────────────── The drift check ─────────────────────────────

export interface DriftReport {
  /** Empty when the migrations are intact and cover prisma/schema.prisma; else one message per problem. */
  problems: string[];
  /** How many migrations there are, and the latest one's name. */
  migrations: number;
  latest: string | undefined;
}

/**
 * Fails (returns problems) when a migration.sql changed after it was made or sealed, when a
 * migration is missing from the checksums or a recorded one is gone, and when
 * prisma/schema.prisma has changes that no migration covers.
 */
export async function checkDrift(layout = projectLayout): Promise<DriftReport> {
  const folders = await listMigrationFolders(layout);
  const problems = [...folderProblems(folders, layout), ...(await checksumProblems(folders, layout))];
  const schemaProblem = await uncoveredSchemaChanges(folders, layout);
  if (schemaProblem) problems.push(schemaProblem);
  return { problems, migrations: folders.length, latest: folders.at(-1)?.name };
}

function folderProblems(folders: MigrationFolder[], layout: MigrationsLayout): string[] {
  const problems: string[] = [];
  const withoutSql = folders.filter((f) => f.sql === undefined);
  if (withoutSql.length > 0) {
    problems.push(
      `these migration folders have no ${MIGRATION_FILE}:\n${indent(withoutSql.map((f) => displayPath(f.dir)))}\n` +
        `Every folder in ${displayPath(layout.dir)} must hold a ${MIGRATION_FILE} (remove stray folders).`,
    );
  }
  const oldSnapshots = folders.filter((f) => existsSync(path.join(f.dir, OLD_SNAPSHOT_FILE)));
  if (oldSnapshots.length > 0) {
    problems.push(
      `these migration folders hold a copy of the schema (the old layout):\n` +
        `${indent(oldSnapshots.map((f) => displayPath(path.join(f.dir, OLD_SNAPSHOT_FILE))))}\n` +
        `The schema as of the latest migration is now kept once, in ${displayPath(path.join(layout.dir, SNAPSHOT_FILE))}. ` +
        `Move the latest migration's copy there if it is newer, and delete the others.`,
    );
  }
  return problems;
}

async function checksumProblems(folders: MigrationFolder[], layout: MigrationsLayout): Promise<string[]> {
  const checksums = await readChecksums(layout);
  const checksumsPath = displayPath(path.join(layout.dir, CHECKSUMS_FILE));
  if (!checksums) {
    if (folders.length === 0) return [];
    return [
      `${checksumsPath} is missing, so nothing shows whether a ${MIGRATION_FILE} was changed after it was made.\n` +
        `Record the migrations as they are now, once: ${SEAL_COMMAND}`,
    ];
  }

  const changed: { name: string; recorded: string; now: string }[] = [];
  const unrecorded: string[] = [];
  for (const folder of folders) {
    if (folder.sql === undefined) continue;
    const recorded = checksums.get(folder.name);
    if (recorded === undefined) unrecorded.push(folder.name);
    else if (!matchesChecksum(folder.sql, recorded)) changed.push({ name: folder.name, recorded, now: migrationChecksum(folder.sql) });
  }
  const onDisk = new Set(folders.map((f) => f.name));
  const gone = [...checksums.keys()].filter((name) => !onDisk.has(name));

  const problems: string[] = [];
  if (changed.length > 0) {
    const first = changed[0]!.name;
    problems.push(
      `these migrations were changed after they were made (their ${MIGRATION_FILE} no longer matches ${checksumsPath}):\n` +
        `${indent(changed.map((c) => `${c.name}  (recorded ${short(c.recorded)}…, now ${short(c.now)}…)`))}\n` +
        "A database that has applied a migration never runs it again, so the change would reach new databases only.\n" +
        `Undo it (git checkout -- ${displayPath(path.join(layout.dir, first, MIGRATION_FILE))}) and make the change in a new migration:\n` +
        `  ${NEW_COMMAND}   (or --empty for hand-written SQL only)\n` +
        "Only if it is your new migration, which no shared database has applied yet (e.g. you added hand-written SQL\n" +
        `below the generated part), record the file as it is now: ${SEAL_COMMAND} -- ${first}`,
    );
  }
  if (unrecorded.length > 0) {
    problems.push(
      `these migrations have no checksum in ${checksumsPath}:\n${indent(unrecorded)}\n` +
        `${NEW_COMMAND} records one for each migration it makes. For a migration made another way, read its ` +
        `${MIGRATION_FILE}, then record it: ${SEAL_COMMAND} -- ${unrecorded[0]}`,
    );
  }
  if (gone.length > 0) {
    problems.push(
      `these migrations are recorded in ${checksumsPath} but their folders are gone:\n${indent(gone)}\n` +
        "Removing a migration does not undo it in a database that has applied it. Restore the folder from git; " +
        "to undo what it did, make a new migration.",
    );
  }
  return problems;
}

async function uncoveredSchemaChanges(folders: MigrationFolder[], layout: MigrationsLayout): Promise<string | undefined> {
  const latest = folders.at(-1);
  let from: string | undefined;
  try {
    from = await snapshotOfLatest(latest, layout);
    const sql = await diffDatamodels(from, await readFile(layout.schemaPath, "utf8"));
    if (sql === "") return undefined;
    const since = latest ? `the latest migration (${latest.name})` : "an empty database (there are no migrations)";
    return (
      `${displayPath(layout.schemaPath)} has changes that no migration covers, compared with ${since}.\n` +
      "The migration they need would be:\n\n" +
      sql.replace(/^/gm, "    ") +
      `\nCreate it with: ${NEW_COMMAND}`
    );
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The schema as of the latest migration (undefined: no migrations, an empty database). */
async function snapshotOfLatest(latest: MigrationFolder | undefined, layout: MigrationsLayout): Promise<string | undefined> {
  if (!latest) return undefined;
  const snapshot = await readSnapshot(layout);
  if (snapshot === undefined) {
    throw new Error(
      `${displayPath(path.join(layout.dir, SNAPSHOT_FILE))} is missing, so the schema as of the latest migration ` +
        `(${latest.name}) is unknown. Put there the prisma/schema.prisma that migration was made from ` +
        `(e.g. git show <its commit>:prisma/schema.prisma).`,
    );
  }
  return snapshot;
}

// ───────────────────────────── Making a migration ─────────────────────────────

export interface MigrationRequest {
  /** What it does, e.g. "add_x"; made lower case with underscores. */
  name: string;
  /** A migration for hand-written SQL only: refused if the schema has changes. */
  empty?: boolean;
  /** For the folder's timestamp (tests). */
  now?: Date;
}

export type MigrationOutcome =
  { created: false; since: string } | { created: true; folder: string; dir: string; sql: string; empty: boolean; since: string };

/**
 * Writes <timestamp>_<name>/migration.sql with the SQL that takes the schema as of the latest
 * migration (the snapshot) to prisma/schema.prisma, records its checksum and moves the snapshot
 * forward. Nothing is written when the schema has no changes (unless `empty`).
 */
export async function createMigration(request: MigrationRequest, layout = projectLayout): Promise<MigrationOutcome> {
  const name = migrationName(request.name);
  const folders = await listMigrationFolders(layout);
  const latest = folders.at(-1);
  const checksums = (await readChecksums(layout)) ?? new Map<string, string>();
  if (folders.length > 0 && checksums.size === 0) {
    throw new Error(
      `${displayPath(path.join(layout.dir, CHECKSUMS_FILE))} is missing: record the existing migrations first (${SEAL_COMMAND}).`,
    );
  }

  const current = await readFile(layout.schemaPath, "utf8");
  let sql = await diffDatamodels(await snapshotOfLatest(latest, layout), current);
  const since = latest ? `migration ${latest.name}` : "an empty database";
  if (request.empty && sql !== "") {
    throw new Error(
      `--empty, but ${displayPath(layout.schemaPath)} has changes since ${since}; create their migration first (without --empty).`,
    );
  }
  if (sql === "" && !request.empty) return { created: false, since };
  if (request.empty) sql = "-- Hand-written migration: write its SQL here. It runs in one transaction.\n";

  const folder = `${utcTimestamp(request.now ?? new Date())}_${name}`;
  if (latest && folder.localeCompare(latest.name) <= 0) {
    throw new Error(
      `The new migration ${folder} would sort before the latest one, ${latest.name}; ` +
        "migrations apply in name order. Check the system clock.",
    );
  }
  const dir = path.join(layout.dir, folder);
  if (existsSync(dir)) throw new Error(`${displayPath(dir)} already exists.`);

  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, MIGRATION_FILE), sql);
  checksums.set(folder, migrationChecksum(sql));
  await writeChecksums(checksums, layout);
  await writeSnapshot(current, layout);
  const lockfile = path.join(layout.dir, LOCKFILE);
  if (!existsSync(lockfile)) await writeFile(lockfile, LOCKFILE_CONTENT);
  return { created: true, folder, dir, sql, empty: Boolean(request.empty), since };
}

function migrationName(raw: string): string {
  const name = raw
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (!name) throw new Error(`"${raw}" gives an empty migration name; use letters, digits and underscores.`);
  return name;
}

/** UTC YYYYMMDDHHMMSS, the prefix Prisma uses, so folders sort in creation order. */
function utcTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

// ───────────────────────────── Sealing ─────────────────────────────

export interface SealedMigration {
  name: string;
  /** The checksum recorded before, if any. */
  previous: string | undefined;
  checksum: string;
}

/**
 * Records the checksum of each named migration's migration.sql as it is now (default: the
 * latest migration). The first time, when there is no checksums file yet, every migration is
 * recorded.
 */
export async function sealMigrations(names: string[], layout = projectLayout): Promise<{ sealed: SealedMigration[]; firstUse: boolean }> {
  const folders = await listMigrationFolders(layout);
  if (folders.length === 0) throw new Error(`There are no migrations in ${displayPath(layout.dir)} to seal.`);
  const existing = await readChecksums(layout);
  const firstUse = existing === undefined;
  const checksums = existing ?? new Map<string, string>();

  let targets: MigrationFolder[];
  if (firstUse) targets = folders;
  else if (names.length === 0) targets = [folders.at(-1)!];
  else {
    const unknown = names.filter((name) => !folders.some((f) => f.name === name));
    if (unknown.length > 0) {
      throw new Error(
        `No migration folder named ${unknown.join(", ")} in ${displayPath(layout.dir)}. ` + `The latest is ${folders.at(-1)!.name}.`,
      );
    }
    targets = folders.filter((f) => names.includes(f.name));
  }
  const withoutSql = targets.filter((f) => f.sql === undefined);
  if (withoutSql.length > 0) {
    throw new Error(`No ${MIGRATION_FILE} to seal in ${withoutSql.map((f) => displayPath(f.dir)).join(", ")}.`);
  }

  const sealed = targets.map((f) => ({ name: f.name, previous: checksums.get(f.name), checksum: migrationChecksum(f.sql!) }));
  for (const migration of sealed) checksums.set(migration.name, migration.checksum);
  await writeChecksums(checksums, layout);
  return { sealed, firstUse };
}
