import { afterAll, inject } from "vitest";
import { randomUUID } from "node:crypto";
import { cloneDatabase, dropDatabase } from "@/prisma/tooling/test-database";

// Each test file gets its own freshly migrated database, cloned from the template, so files run
// in parallel without seeing each other's rows. DATABASE_URL is set before the file imports
// lib/db, which connects lazily to whatever it names. As in production, it logs in as the app's
// role, which cannot rewrite the audit trail; DATABASE_OWNER_URL (the owner role) is there for
// the few tests that play a migration or an attacker holding the owner role (tests/support/as-owner.ts).

const adminUrl = inject("testAdminUrl");
const name = `sp_test_${process.pid}_${randomUUID().slice(0, 8)}`;
const database = await cloneDatabase(adminUrl, name);
process.env.DATABASE_URL = database.url;
process.env.DATABASE_OWNER_URL = database.ownerUrl;
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-not-for-production";
process.env.AUDIT_CHAIN_KEY ??= "integration-test-audit-chain-key-not-for-production";

afterAll(async () => {
  const { db } = await import("@/lib/db");
  const { stopJobQueue } = await import("@/lib/jobs/client");
  await stopJobQueue();
  await db.$disconnect();
  await dropDatabase(adminUrl, name);
});
