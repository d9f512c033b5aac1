import { describe, expect, inject, it } from "vitest";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { databaseUrl } from "@/prisma/tooling/postgres-admin";
import { asOwner, ownerSql } from "@/tests/support/database-roles";

// The app connects as a role that does not own the tables (DATABASE_URL); migrations run as the
// owner (DATABASE_OWNER_URL), and `npm run db:migrate` gives the app's role, every run, exactly
// what the app needs: reading and writing the tables, but only reading and appending to the audit
// trail and case timelines. Every other integration test runs the app as that role, so a grant
// the app needs and lacks fails them; this file checks there is nothing more.

const run = promisify(execFile);

async function migrate(env: Record<string, string | undefined>): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--experimental-wasm-modules", "--import", "tsx", "prisma/tooling/migrate.ts"],
      {
        env: { ...process.env, ...env },
        cwd: process.cwd(),
      },
    );
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

const appRole = () => decodeURIComponent(new URL(process.env.DATABASE_URL!).username);

/** Every table of the schema with what the app's role may do to it, and whether it could alter it. */
async function appPrivileges(): Promise<Record<string, string>> {
  const { rows } = await asOwner((client) =>
    client.query<{ table: string; privileges: string[]; owns: boolean }>(
      `SELECT c.relname AS "table",
              ARRAY(SELECT p FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
                     WHERE has_table_privilege($1, c.oid, p)) AS privileges,
              pg_has_role($1, c.relowner, 'USAGE') AS owns
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
      [appRole()],
    ),
  );
  return Object.fromEntries(rows.map((r) => [r.table, `${r.privileges.join(",")}${r.owns ? " (owns)" : ""}`]));
}

describe("the app's database role", () => {
  it("may only read and append to the audit trail and case timelines, read and write the other tables, and nothing on the migrations", async () => {
    const privileges = await appPrivileges();
    expect(privileges.AuditEvent).toBe("SELECT,INSERT");
    expect(privileges.AuditSeal).toBe("SELECT,INSERT");
    expect(privileges.TimelineEntry).toBe("SELECT,INSERT");
    expect(privileges._prisma_migrations).toBe("");
    const others = Object.entries(privileges).filter(
      ([table]) => !["AuditEvent", "AuditSeal", "TimelineEntry", "_prisma_migrations"].includes(table),
    );
    expect(others.length).toBeGreaterThan(30);
    expect(others.filter(([, granted]) => granted !== "SELECT,INSERT,UPDATE,DELETE")).toEqual([]);
  });

  it("is neither a superuser nor able to create roles or databases, and no sequence lets it set a value", async () => {
    const { rows } = await asOwner((client) =>
      client.query(
        `SELECT r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
                (SELECT count(*)::int FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
                  WHERE n.nspname = 'public' AND CASE WHEN s.relkind = 'S' THEN has_sequence_privilege(r.rolname, s.oid, 'UPDATE') END) AS settable
           FROM pg_roles r WHERE r.rolname = $1`,
        [appRole()],
      ),
    );
    expect(rows[0]).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false, settable: 0 });
  });
});

describe("npm run db:migrate", () => {
  it("gives the grants again on every run, taking back any privilege added by hand", { timeout: 60_000 }, async () => {
    const before = await appPrivileges();
    await ownerSql(`GRANT UPDATE, DELETE, TRUNCATE, TRIGGER ON "AuditEvent" TO ${appRole()}`);
    expect((await appPrivileges()).AuditEvent).not.toBe("SELECT,INSERT");

    const result = await migrate({});
    expect(result.out).toMatch(/up to date; no migration to apply/);
    expect(result.out).toMatch(/only read and append to "AuditEvent", "AuditSeal", "TimelineEntry"/);
    expect(result.out).not.toMatch(/Warning/);
    expect(result.code).toBe(0);
    expect(await appPrivileges()).toEqual(before);
  });

  it(
    "without DATABASE_OWNER_URL migrates as the app's role, warning that the audit trail is then not protected",
    { timeout: 60_000 },
    async () => {
      const result = await migrate({ DATABASE_URL: process.env.DATABASE_OWNER_URL, DATABASE_OWNER_URL: undefined });
      expect(result.code).toBe(0);
      expect(result.out).toMatch(/Warning: DATABASE_OWNER_URL is not set.*The audit trail is then not protected from the app/s);
    },
  );

  it("warns when the app's role could still get round the append-only rule, e.g. as a superuser", { timeout: 60_000 }, async () => {
    const superuserUrl = databaseUrl(inject("testAdminUrl"), new URL(process.env.DATABASE_URL!).pathname.slice(1));
    const result = await migrate({ DATABASE_URL: superuserUrl });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/Warning: the app's role \w+ is a superuser: it can do anything to "AuditEvent"/);
  });
});
