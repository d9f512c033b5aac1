// The two database roles. The owner role (DATABASE_OWNER_URL) runs the migrations and owns every
// table; the app connects as its own role (DATABASE_URL), which may read and write the tables but
// only SELECT and INSERT on the append-only "AuditEvent", "AuditSeal" and "TimelineEntry". Not owning them,
// the app's role can neither change their rows nor ALTER TABLE ... DISABLE TRIGGER, DROP TRIGGER
// or TRUNCATE them: a compromised app cannot quietly remove its own audit trail.

import type pg from "pg";
import { quoteIdent, quoteLiteral, withClient } from "./postgres-admin";
import { JOB_SCHEMA } from "../../lib/jobs/queues";

/** The tables the app may only read and append to. */
export const APPEND_ONLY_TABLES = ["AuditEvent", "AuditSeal", "TimelineEntry"] as const;

// Serialises grant runs (two instances migrating at once would otherwise race on the catalogue).
const GRANTS_LOCK = "sp-app-role-grants";

export type AppRoleOutcome =
  { mode: "single-role"; role: string } | { mode: "separate-roles"; owner: string; app: string; warnings: string[] };

async function roleOf(url: string): Promise<string> {
  return withClient(url, async (client) => (await client.query<{ role: string }>("SELECT current_user AS role")).rows[0]!.role);
}

/**
 * Gives the app's role (the user DATABASE_URL logs in as) exactly what the app needs at run time,
 * every run (new tables included): SELECT, INSERT, UPDATE, DELETE on every table but SELECT and
 * INSERT only on the append-only ones; nothing on "_prisma_migrations" (migrations are the
 * owner's); USAGE and SELECT on sequences (nextval for ids). No TRUNCATE, TRIGGER or REFERENCES.
 * Run as the owner after migrating. Then checks what the app's role can really do to the
 * append-only tables (a superuser, the tables' owner or a member of it can do anything) and
 * returns a warning for each way the audit trail is still open to it.
 */
export async function grantAppRole(ownerUrl: string, appUrl: string): Promise<AppRoleOutcome> {
  const app = await roleOf(appUrl);
  return withClient(ownerUrl, async (client) => {
    const owner = (await client.query<{ role: string }>("SELECT current_user AS role")).rows[0]!.role;
    if (owner === app) return { mode: "single-role", role: owner };
    const schema = (await client.query<{ schema: string }>("SELECT current_schema() AS schema")).rows[0]!.schema;
    const s = quoteIdent(schema);
    const to = quoteIdent(app);
    const appendOnly = APPEND_ONLY_TABLES.map((t) => `${s}.${quoteIdent(t)}`).join(", ");
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [GRANTS_LOCK]);
      // Revoked first, so a privilege granted by hand or by an earlier version does not linger.
      await client.query(`REVOKE ALL ON ALL TABLES IN SCHEMA ${s} FROM ${to}`);
      await client.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA ${s} FROM ${to}`);
      await client.query(`GRANT USAGE ON SCHEMA ${s} TO ${to}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${s} TO ${to}`);
      await client.query(`REVOKE UPDATE, DELETE ON ${appendOnly} FROM ${to}`);
      await client.query(`REVOKE ALL ON ${s}."_prisma_migrations" FROM ${to}`);
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${s} TO ${to}`);
      // The job queue (pg-boss, lib/jobs): the owner installs it; the app sends, works and tidies its jobs.
      const jobs = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [JOB_SCHEMA]);
      if (jobs.rowCount) {
        const q = quoteIdent(JOB_SCHEMA);
        await client.query(`GRANT USAGE ON SCHEMA ${q} TO ${to}`);
        await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${q} TO ${to}`);
        await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${q} TO ${to}`);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
    return { mode: "separate-roles", owner, app, warnings: await appendOnlyLeaks(client, schema, app) };
  });
}

/** What the app's role can still do to the append-only tables beyond SELECT and INSERT. */
async function appendOnlyLeaks(client: pg.Client, schema: string, app: string): Promise<string[]> {
  const { rows } = await client.query<{
    table: string;
    superuser: boolean;
    owns: boolean;
    update: boolean;
    delete: boolean;
    truncate: boolean;
    trigger: boolean;
  }>(
    `SELECT c.relname AS "table",
            r.rolsuper AS superuser,
            pg_has_role($2, c.relowner, 'USAGE') AS owns,
            has_table_privilege($2, c.oid, 'UPDATE') AS "update",
            has_table_privilege($2, c.oid, 'DELETE') AS "delete",
            has_table_privilege($2, c.oid, 'TRUNCATE') AS "truncate",
            has_table_privilege($2, c.oid, 'TRIGGER') AS "trigger"
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_roles r ON r.rolname = $2
      WHERE n.nspname = $1 AND c.relname = ANY($3::text[])`,
    [schema, app, [...APPEND_ONLY_TABLES]],
  );
  return rows.flatMap((row) => {
    if (row.superuser) return [`the app's role ${app} is a superuser: it can do anything to "${row.table}"`];
    if (row.owns)
      return [
        `the app's role ${app} owns "${row.table}" or is a member of its owner: it can disable the table's triggers (REASSIGN OWNED BY ${app} TO <owner role>, and revoke the membership)`,
      ];
    const open = (["update", "delete", "truncate", "trigger"] as const).filter((p) => row[p]).map((p) => p.toUpperCase());
    return open.length
      ? [`the app's role ${app} still has ${open.join(", ")} on "${row.table}" (granted to PUBLIC or through another role)`]
      : [];
  });
}

/** Creates a login role without special rights, or brings an existing one's password in line. */
export async function ensureLoginRole(admin: pg.Client, name: string, password: string): Promise<void> {
  const exists = (await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name])).rowCount;
  if (!exists) {
    try {
      await admin.query(`CREATE ROLE ${quoteIdent(name)} LOGIN`);
    } catch (error) {
      // Created by another process between the check and the CREATE.
      if ((error as { code?: string }).code !== "42710") throw error;
    }
  }
  await admin.query(
    `ALTER ROLE ${quoteIdent(name)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(password)}`,
  );
}

/**
 * Hands a database created before the owner role existed (its tables owned by the superuser that
 * migrated it) to `owner`: the database, and every table, standalone sequence, type and function
 * in its schema that no extension owns. A no-op once done. Run as a superuser, on that database.
 */
export async function handDatabaseToOwner(superuserDatabaseUrl: string, owner: string): Promise<number> {
  return withClient(superuserDatabaseUrl, async (client) => {
    await client.query(
      `ALTER DATABASE ${quoteIdent((await client.query<{ db: string }>("SELECT current_database() AS db")).rows[0]!.db)} OWNER TO ${quoteIdent(owner)}`,
    );
    const { rows } = await client.query<{ statement: string }>(
      `WITH candidates AS (
         SELECT 'TABLE' AS kind, c.oid, 'pg_class'::regclass AS catalogue, format('%I.%I', n.nspname, c.relname) AS name, c.relowner AS owner
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
         UNION ALL
         SELECT 'SEQUENCE', c.oid, 'pg_class'::regclass, format('%I.%I', n.nspname, c.relname), c.relowner
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind = 'S'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
         UNION ALL
         SELECT 'TYPE', t.oid, 'pg_type'::regclass, format('%I.%I', n.nspname, t.typname), t.typowner
           FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = current_schema() AND t.typtype IN ('e', 'd')
         UNION ALL
         SELECT 'FUNCTION', p.oid, 'pg_proc'::regclass, p.oid::regprocedure::text, p.proowner
           FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = current_schema()
       )
       SELECT format('ALTER %s %s OWNER TO %I', kind, name, $1::text) AS statement
         FROM candidates
        WHERE owner <> (SELECT oid FROM pg_roles WHERE rolname = $1)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = candidates.catalogue AND d.objid = candidates.oid AND d.deptype = 'e')`,
      [owner],
    );
    for (const { statement } of rows) await client.query(statement);
    return rows.length;
  });
}
