import type pg from "pg";
import { withClient } from "@/prisma/tooling/postgres-admin";

// The test database's two roles as raw connections (tests/integration/setup-database.ts sets both URLs).
//
// asOwner: the owner role (DATABASE_OWNER_URL), for what only a migration, a fixture reaching into
// the schema (a trigger that forces a failure) or an attacker holding the owner role would do.
// Never for what the app itself does: that goes through lib/db as the app's role, so that a
// missing grant fails the test.
//
// asAppRole: the app's own credentials (DATABASE_URL) outside Prisma, as an attacker who has taken
// over the app would use them.

function connect<T>(variable: "DATABASE_OWNER_URL" | "DATABASE_URL", work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set (tests/integration/setup-database.ts sets it).`);
  return withClient(url, work);
}

export function asOwner<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return connect("DATABASE_OWNER_URL", work);
}

/** One statement, or a script without parameters, as the owner. */
export async function ownerSql(sql: string, params: unknown[] = []): Promise<void> {
  await asOwner((client) => client.query(sql, params));
}

export function asAppRole<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  return connect("DATABASE_URL", work);
}

/** The SQLSTATE a statement fails with (42501: insufficient privilege), or "succeeded". */
export async function sqlState(client: pg.Client, sql: string): Promise<string> {
  try {
    await client.query(sql);
    return "succeeded";
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}
