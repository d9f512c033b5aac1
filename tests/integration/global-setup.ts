import type { TestProject } from "vitest/node";
import { createTemplateDatabase, ensureTestServer } from "@/prisma/tooling/test-database";

// Once per run: find a PostgreSQL server (the machine's, or an embedded one) and build a migrated
// template database; each test file then clones it (tests/integration/setup-database.ts).

declare module "vitest" {
  export interface ProvidedContext {
    testAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = await ensureTestServer();
  await createTemplateDatabase(adminUrl);
  project.provide("testAdminUrl", adminUrl);
}
