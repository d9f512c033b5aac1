// The Prisma schema engine, run offline from @prisma/schema-engine-wasm, and the migration folders
// it works on. Every database script in prisma/tooling goes through this module.
//
// Why not the Prisma CLI: `prisma migrate` downloads a native schema engine from Prisma's binary
// host, which these machines cannot reach. The wasm build is the same engine; it talks to
// PostgreSQL through @prisma/adapter-pg. It records applied migrations in the standard
// `_prisma_migrations` table, so a real `prisma migrate deploy` agrees with it.
//
// What the wasm engine cannot do here: anything that introspects a live database (diff from a
// URL or from migrations, devDiagnostic, createMigration) fails with adapter-pg 7.10
// ("Column type 'char' could not be deserialized"). So new migrations are derived from two
// datamodels: the schema as of the latest migration (prisma/migrations/schema.prisma.snapshot,
// see migration-files.ts) and the current prisma/schema.prisma.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type pg from "pg";
// The JS glue only; the .wasm is instantiated below (see loadSchemaEngine).
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { listMigrationFolders, LOCKFILE, MIGRATION_FILE, projectLayout } from "./migration-files";

// The scripts (and a few tests) know the repository's root from here.
export { repoRoot } from "./migration-files";

// ───────────────────────────── Loading the engine ─────────────────────────────

let engineModule: Promise<typeof engineGlue> | undefined;

/**
 * The package's entry point imports its .wasm as an ES module, which Node 20 only allows with
 * --experimental-wasm-modules and which Vitest/Playwright workers do not have. Instantiating the
 * .wasm ourselves against the package's own JS glue works everywhere, with or without the flag.
 */
function loadSchemaEngine(): Promise<typeof engineGlue> {
  engineModule ??= (async () => {
    // The engine reports a Rust panic through this global (set by Prisma's runtime elsewhere);
    // without it a panic surfaces as "Cannot read properties of undefined (reading 'set_message')".
    const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message) => console.error(`Prisma schema engine panicked: ${message}`),
    };
    const entry = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm");
    const bytes = await readFile(path.join(path.dirname(entry), "schema_engine_bg.wasm"));
    const imports: Record<string, unknown> = { ...engineGlue };
    for (const name of Object.keys(engineGlue).filter((key) => key.startsWith("__wbg_setTimeout_"))) {
      imports[name] = trackedSetTimeout;
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports as WebAssembly.ModuleImports });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
    return engineGlue;
  })();
  return engineModule;
}

// The engine arms timers it never clears (e.g. a 10 s timeout around its migration lock); left
// alone they keep a finished script alive for 10 s. They are tracked and cleared once no engine
// is running.
const engineTimers = new Set<ReturnType<typeof setTimeout>>();
let runningEngines = 0;

function trackedSetTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout> {
  const timer = setTimeout(() => {
    engineTimers.delete(timer);
    callback();
  }, ms >>> 0);
  engineTimers.add(timer);
  return timer;
}

function engineLog(message: string): void {
  if (process.env.PRISMA_ENGINE_DEBUG) console.error(`[schema-engine] ${message}`);
}

// The engine needs at least one schema file to start; only the datasource provider matters here,
// so the scripts do not depend on prisma/schema.prisma being valid at the moment they run.
const ENGINE_DATAMODEL = 'datasource db {\n  provider = "postgresql"\n}\n';

// ───────────────────────────── Driver adapters for the engine ─────────────────────────────

/**
 * adapter-pg's own executeScript splits a script on every ";" and runs the pieces one by one on
 * its pool. That breaks any migration with a function body ($$ ... ; ... $$) and leaves a
 * half-applied migration behind when a later statement fails. The native engine sends the whole
 * script as one simple query, which PostgreSQL runs in one implicit transaction; do the same.
 */
async function runWholeScript(pool: pg.Pool, script: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query(script);
  } catch (error) {
    const e = error as pg.DatabaseError;
    if (typeof e?.code !== "string" || typeof e.severity !== "string") throw error;
    const line = e.position ? script.slice(0, Number(e.position)).split("\n").length : undefined;
    throw new DriverAdapterError({
      kind: "postgres",
      code: e.code,
      severity: e.severity,
      message: line ? `${e.message} (migration.sql line ${line})` : e.message,
      detail: e.detail,
      column: e.column,
      hint: e.hint,
    });
  } finally {
    client.release();
  }
}

/** adapter-pg for a live database, with whole-script execution and guaranteed clean-up. */
class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  private readonly inner: PrismaPg;
  private readonly open: SqlDriverAdapter[] = [];

  constructor(connectionString: string) {
    // One connection: the engine takes a session-level advisory lock and must release it on the
    // same session; a larger pool could hand the unlock to another connection.
    this.inner = new PrismaPg({ connectionString, max: 1 });
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.prepare(this.inner.connect());
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.prepare(this.inner.connectToShadowDb());
  }

  private async prepare(connecting: ReturnType<PrismaPg["connect"]>): Promise<SqlDriverAdapter> {
    const adapter = await connecting;
    const pool = adapter.underlyingDriver();
    adapter.executeScript = (script) => runWholeScript(pool, script);
    let disposed: Promise<void> | undefined;
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = () => (disposed ??= dispose());
    this.open.push(adapter);
    return adapter;
  }

  /** Ends every pool, so the process can exit and the database can be dropped or cloned. */
  async disposeAll(): Promise<void> {
    await Promise.allSettled(this.open.splice(0).map((adapter) => adapter.dispose()));
  }
}

/**
 * For diffing two datamodels: the engine still opens a "connection" at start-up and asks for the
 * server version, but never touches a database for the diff itself. Answering that one query
 * lets new-migration and the drift check run with no database at all.
 */
class OfflineAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "offline";

  async connect(): Promise<SqlDriverAdapter> {
    const refuse = async (what: string): Promise<never> => {
      throw new Error(`The offline schema engine was asked to ${what}; this operation needs a database.`);
    };
    return {
      provider: "postgres",
      adapterName: "offline",
      async queryRaw(query: SqlQuery): Promise<SqlResultSet> {
        if (query.sql.includes("server_version_num")) {
          return {
            columnNames: ["exists", "version", "numeric_version"],
            columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
            rows: [[true, "PostgreSQL 15.0 (offline)", 150000]],
          };
        }
        return refuse(`run ${query.sql.trim().split("\n")[0]}`);
      },
      executeRaw: (query: SqlQuery) => refuse(`run ${query.sql.trim().split("\n")[0]}`),
      executeScript: () => refuse("run a script"),
      startTransaction: () => refuse("open a transaction"),
      getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
      dispose: async () => {},
    };
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.connect();
  }
}

/**
 * Runs `work` with a schema engine. With a connection string the engine can apply migrations to
 * that database; without one it can only diff datamodels (no database involved).
 */
export async function withSchemaEngine<T>(connectionString: string | undefined, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngine();
  const factory = connectionString ? new MigrationAdapterFactory(connectionString) : new OfflineAdapterFactory();
  runningEngines++;
  try {
    const engine = await SchemaEngine.new(
      { datamodels: [["schema.prisma", ENGINE_DATAMODEL]] },
      engineLog,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } finally {
    if (factory instanceof MigrationAdapterFactory) await factory.disposeAll();
    if (--runningEngines === 0) {
      for (const timer of engineTimers) clearTimeout(timer);
      engineTimers.clear();
    }
  }
}

/**
 * The engine rejects with Errors whose message ends in a Rust span trace ("   0: sql_schema_...");
 * keep the part a person needs.
 */
export function engineErrorMessage(error: unknown): string {
  let message: string;
  if (error instanceof Error) message = error.message;
  else if (typeof error === "string") message = error;
  else if (error && typeof error === "object" && typeof (error as { message?: unknown }).message === "string") {
    message = (error as { message: string }).message;
  } else message = JSON.stringify(error);
  const trace = message.search(/\n\s+0: /);
  return (trace === -1 ? message : message.slice(0, trace)).trim();
}

// ───────────────────────────── Migration folders, as the engine reads them ─────────────────────────────

/** The migration list in the shape the engine (and `prisma migrate deploy`) reads from disk. */
export async function loadMigrationList(layout = projectLayout): Promise<MigrationList> {
  const folders = await listMigrationFolders(layout);
  const missing = folders.filter((f) => f.sql === undefined);
  if (missing.length > 0) {
    throw new Error(`Migration folder(s) without ${MIGRATION_FILE}: ${missing.map((f) => f.name).join(", ")}`);
  }
  return {
    baseDir: layout.dir,
    lockfile: {
      path: LOCKFILE,
      content: await readFile(path.join(layout.dir, LOCKFILE), "utf8").catch(() => null),
    },
    shadowDbInitScript: "",
    migrationDirectories: folders.map((f) => ({
      path: f.name,
      migrationFile: { path: MIGRATION_FILE, content: { tag: "ok" as const, value: f.sql ?? "" } },
    })),
  };
}

// ───────────────────────────── Applying and diffing ─────────────────────────────

const noFilters = { externalTables: [], externalEnums: [] };

/** Applies every migration not yet recorded in `_prisma_migrations`; returns the names applied. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const migrationsList = await loadMigrationList();
  try {
    return await withSchemaEngine(connectionString, async (engine) => {
      const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
      return appliedMigrationNames;
    });
  } catch (error) {
    // The migration's name is only in the engine's span trace, which engineErrorMessage drops.
    const raw = error instanceof Error ? error.message : String(error);
    const failed = /migration_name="([^"]+)"/.exec(raw)?.[1];
    throw new Error(`Applying migration${failed ? ` ${failed}` : "s"} failed: ${engineErrorMessage(error)}`);
  }
}

/**
 * Migrations applied to the database whose migration.sql has changed since, by the checksum
 * `_prisma_migrations` keeps of each (the check behind `prisma migrate dev`'s "was modified after
 * it was applied"). Neither applyMigrations nor `prisma migrate deploy` compares them.
 */
export async function editedAppliedMigrations(connectionString: string): Promise<string[]> {
  const migrationsList = await loadMigrationList();
  return withSchemaEngine(connectionString, async (engine) => {
    const diagnosis = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters });
    return diagnosis.editedMigrationNames;
  });
}

/**
 * The SQL that takes a database from datamodel `from` (undefined = empty database) to datamodel
 * `to`. Empty string when they are equivalent. No database is involved.
 */
export async function diffDatamodels(
  from: string | undefined,
  to: string,
  // File names for error messages (e.g. a syntax error in the current schema).
  names = { from: "snapshot of the latest migration", to: "prisma/schema.prisma" },
): Promise<string> {
  try {
    return await withSchemaEngine(undefined, async (engine) => {
      const result = await engine.diff({
        from: from === undefined ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: names.from, content: from }] },
        to: { tag: "schemaDatamodel", files: [{ path: names.to, content: to }] },
        script: true,
        exitCode: null,
        filters: noFilters,
      });
      return normaliseScript(result.stdout ?? "");
    });
  } catch (error) {
    throw new Error(`Diffing the Prisma schema failed: ${engineErrorMessage(error)}`);
  }
}

/** The engine prints "-- This is an empty migration." for no changes; treat that as empty. */
function normaliseScript(script: string): string {
  const meaningful = script.split("\n").filter((line) => line.trim() !== "" && !line.trim().startsWith("--"));
  return meaningful.length === 0 ? "" : script.trimEnd() + "\n";
}

/** Exits the process with a readable message; for the command-line scripts. */
export function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}
