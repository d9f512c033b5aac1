import { afterEach, describe, expect, test } from "vitest";
import pg from "pg";
import { db } from "@/lib/db";
import { takeOverlaps } from "./one-query-at-a-time";

// The guard in one-query-at-a-time.ts (a setup file of every integration test) must catch what it
// is there for; otherwise a broken guard would pass every suite in silence.

const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

describe("queries inside a transaction run one at a time", () => {
  afterEach(() => void takeOverlaps());

  test("two queries started together on one transaction (a Promise.all over tx) are reported", async () => {
    await db.$transaction(async (tx) => {
      await Promise.all([tx.user.findUnique({ where: { id: NO_SUCH_ID } }), tx.user.count()]);
    });
    const found = takeOverlaps();
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("tx.user.count() was started while the same transaction was still running tx.user.findUnique()");
  });

  test("the same queries one after another are not", async () => {
    await db.$transaction(async (tx) => {
      await tx.user.findUnique({ where: { id: NO_SUCH_ID } });
      await tx.user.count();
    });
    expect(takeOverlaps()).toEqual([]);
  });

  test("a read of several relations inside a transaction does not overlap on the connection (Prisma loads them in parallel; lib/db.ts queues them)", async () => {
    await db.$transaction(async (tx) => {
      await tx.case.findMany({
        take: 5,
        select: {
          leadOrganisation: { select: { name: true } },
          leadOfficer: { select: { name: true } },
          shares: { select: { organisationId: true } },
        },
      });
    });
    expect(takeOverlaps()).toEqual([]);
  });

  test("a pg connection asked for a second query while it runs one is reported", async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await Promise.all([client.query("SELECT pg_sleep(0.05)"), client.query("SELECT 1")]);
    } finally {
      await client.end();
    }
    const found = takeOverlaps();
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(
      'pg connection: "SELECT 1"\n  was sent while the same connection was still running\n  "SELECT pg_sleep(0.05)"',
    );
  });
});
