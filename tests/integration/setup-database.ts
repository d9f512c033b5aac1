import { afterAll, inject } from "vitest";
import { randomUUID } from "node:crypto";
import { cloneDatabase, dropDatabase } from "@/prisma/tooling/test-database";

// Each test file gets its own freshly migrated database, cloned from the template, so files run
// in parallel without seeing each other's rows. DATABASE_URL is set before the file imports
// lib/db, which connects lazily to whatever it names.

const adminUrl = inject("testAdminUrl");
const name = `sp_test_${process.pid}_${randomUUID().slice(0, 8)}`;
process.env.DATABASE_URL = await cloneDatabase(adminUrl, name);
process.env.NEXTAUTH_SECRET ??= "integration-test-secret-not-for-production";

afterAll(async () => {
  const { db } = await import("@/lib/db");
  await db.$disconnect();
  await dropDatabase(adminUrl, name);
});
