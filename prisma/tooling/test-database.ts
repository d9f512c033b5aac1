// Databases for the integration and end-to-end tests.
//
//   const adminUrl = await ensureTestServer();      // once per run (global setup)
//   await createTemplateDatabase(adminUrl);         // migrated template; fast when up to date
//   const { url, ownerUrl } = await cloneDatabase(adminUrl, "sp_test_x");   // per test file / e2e run
//   ...
//   await dropDatabase(adminUrl, "sp_test_x");
//
// Cloning a template (CREATE DATABASE ... TEMPLATE) copies files and takes well under a second,
// where migrating a fresh database each time would not.
//
// As in production, the tests run the app as a role that does not own the tables: the template is
// owned and migrated by TEST_OWNER_ROLE, which grants TEST_APP_ROLE what the app needs
// (database-roles.ts). Both roles are cluster-wide, made once per server and shared by every run.

import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { ensureLoginRole, grantAppRole } from "./database-roles";
import { applyMigrations } from "./engine";
import { installJobQueue } from "./job-queue";
import { migrationsFingerprint, repoRoot } from "./migration-files";
import { EmbeddedPostgresUnavailable, startEmbeddedServer, type EmbeddedServer } from "./embedded-server";
import { databaseExists, databaseUrl, quoteIdent, quoteLiteral, roleUrl, serverAnswers, withClient } from "./postgres-admin";

// TEST_TEMPLATE_DATABASE names another template, so that two checkouts with different migrations
// can run their tests against one server at the same time without rebuilding each other's.
export const DEFAULT_TEMPLATE = process.env.TEST_TEMPLATE_DATABASE ?? "sp_test_template";
const LOCAL_SERVER = "postgres://postgres@127.0.0.1:5432/postgres";
const EMBEDDED_TEST_PORT = Number(process.env.TEST_EMBEDDED_PG_PORT ?? 54330);
const TEMPLATE_COMMENT_PREFIX = "sp-migrations:";

export const TEST_OWNER_ROLE = "sp_test_owner";
export const TEST_APP_ROLE = "sp_test_app";
// Throw-away roles on test servers only; the password matters only where the server asks for one.
const TEST_ROLE_PASSWORD = "sp-test-role-not-secret";

/** A test database's two connections: the app's role (DATABASE_URL) and the owner (DATABASE_OWNER_URL). */
export type TestDatabase = { url: string; ownerUrl: string };

function testDatabase(adminUrl: string, name: string): TestDatabase {
  const url = databaseUrl(adminUrl, name);
  return { url: roleUrl(url, TEST_APP_ROLE, TEST_ROLE_PASSWORD), ownerUrl: roleUrl(url, TEST_OWNER_ROLE, TEST_ROLE_PASSWORD) };
}

// Kept on globalThis so that every copy of this module in a process (a test runner may load it
// more than once) sees the same embedded server.
const state = ((globalThis as { __spTestDatabase?: { server?: Promise<EmbeddedServer> } }).__spTestDatabase ??= {});

/**
 * An admin connection URL (database "postgres") of a server for tests: TEST_DATABASE_ADMIN_URL
 * if set; else the machine's PostgreSQL on 127.0.0.1:5432 if it answers; else an embedded
 * PostgreSQL (data in .data/test-postgres, port TEST_EMBEDDED_PG_PORT or 54330), started now or
 * reused if running. TEST_DATABASE_EMBEDDED=1 skips the machine's server (e.g. to test on 18).
 */
export async function ensureTestServer(): Promise<string> {
  if (process.env.TEST_DATABASE_ADMIN_URL) return process.env.TEST_DATABASE_ADMIN_URL;
  const embeddedOnly = process.env.TEST_DATABASE_EMBEDDED === "1";
  if (!embeddedOnly && !state.server && (await serverAnswers(LOCAL_SERVER, 1_500))) return LOCAL_SERVER;
  state.server ??= startEmbeddedServer({
    dataDir: path.join(repoRoot, ".data", "test-postgres"),
    port: EMBEDDED_TEST_PORT,
    durable: false,
    reuseRunning: true,
    log: (message) => console.log(`[test-database] ${message}`),
  });
  try {
    return (await state.server).url();
  } catch (error) {
    state.server = undefined;
    if (error instanceof EmbeddedPostgresUnavailable) {
      throw new Error(
        `${embeddedOnly ? "TEST_DATABASE_EMBEDDED=1 asks for the embedded PostgreSQL" : "No PostgreSQL answers on 127.0.0.1:5432"}, ` +
          `but ${error.message}\n` +
          "Start a PostgreSQL server (15 or later) on 127.0.0.1:5432, or set TEST_DATABASE_ADMIN_URL to one whose role may " +
          "create databases and roles.",
      );
    }
    throw error;
  }
}

/** Stops the embedded test server if this process started it (a no-op otherwise). */
export async function stopEmbeddedTestServer(): Promise<void> {
  const starting = state.server;
  state.server = undefined;
  if (starting) await (await starting).stop();
}

/** The owner and app roles, made if missing; test files and runs start in parallel, so under a lock. */
async function ensureTestRoles(admin: pg.Client): Promise<void> {
  await admin.query("SELECT pg_advisory_lock(hashtext('sp-test-roles'))");
  try {
    await ensureLoginRole(admin, TEST_OWNER_ROLE, TEST_ROLE_PASSWORD);
    await ensureLoginRole(admin, TEST_APP_ROLE, TEST_ROLE_PASSWORD);
  } finally {
    await admin.query("SELECT pg_advisory_unlock(hashtext('sp-test-roles'))");
  }
}

/**
 * (Re)creates `templateName`, owned by the test owner role, with pg_trgm, every migration applied
 * and the app role's grants, unless it already holds exactly the current migrations and grants (a
 * hash of them is kept in COMMENT ON DATABASE). Safe to call from several processes at once: they
 * queue on an advisory lock.
 */
export async function createTemplateDatabase(adminUrl: string, templateName = DEFAULT_TEMPLATE): Promise<void> {
  const grants = createHash("sha256")
    .update(await readFile(path.join(repoRoot, "prisma", "tooling", "database-roles.ts")))
    .digest("hex")
    .slice(0, 16);
  const wanted = `${TEMPLATE_COMMENT_PREFIX}${await migrationsFingerprint()}:roles-${grants}`;
  await withClient(adminUrl, async (admin) => {
    await ensureTestRoles(admin);
    await admin.query("SELECT pg_advisory_lock(hashtext($1))", [`sp-test-template:${templateName}`]);
    try {
      const { rows } = await admin.query<{ comment: string | null }>(
        "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
        [templateName],
      );
      if (rows[0]?.comment === wanted) return;

      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(templateName)} WITH (FORCE)`);
      await admin.query(
        `CREATE DATABASE ${quoteIdent(templateName)} OWNER ${quoteIdent(TEST_OWNER_ROLE)} TEMPLATE template0 ENCODING 'UTF8'`,
      );
      await withClient(databaseUrl(adminUrl, templateName), (client) => client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm"));
      const template = testDatabase(adminUrl, templateName);
      await applyMigrations(template.ownerUrl);
      await installJobQueue(template.ownerUrl);
      await grantAppRole(template.ownerUrl, template.url);
      // Last, so that a template left half-built by a failure is never taken as current.
      await admin.query(`COMMENT ON DATABASE ${quoteIdent(templateName)} IS ${quoteLiteral(wanted)}`);
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext($1))", [`sp-test-template:${templateName}`]);
    }
  });
}

/** A fresh copy of the template as database `name` (replacing any database of that name); its URLs. */
export async function cloneDatabase(adminUrl: string, name: string, templateName = DEFAULT_TEMPLATE): Promise<TestDatabase> {
  await withClient(adminUrl, async (admin) => {
    if (!(await databaseExists(admin, templateName))) {
      throw new Error(`Template database ${templateName} does not exist; call createTemplateDatabase first.`);
    }
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(TEST_OWNER_ROLE)} TEMPLATE ${quoteIdent(templateName)}`);
  });
  return testDatabase(adminUrl, name);
}

/** Drops database `name` if it exists, disconnecting anyone still connected. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}
