import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signInByForm } from "../support/sign-in-by-form";
import { DEMO_PASSWORD, query, serveApp, startDatabase, type Database } from "./support";

// No acknowledged write is lost when PostgreSQL crashes. Incidents are logged over HTTP, about ten
// a second, while PostgreSQL (with fsync on) is killed with SIGKILL and started again. Every
// reference the service acknowledged exists afterwards, none is duplicated, and the references
// stay gap-free (a reference is taken in the same transaction as the incident, so one that rolled
// back leaves no hole).

const DB_PORT = Number(process.env.RESILIENCE_CRASH_PG_PORT ?? 54342);
const APP_PORT = Number(process.env.RESILIENCE_CRASH_APP_PORT ?? 3192);
const OFFICER = "daniel.hughes@met.kingsmere.example";

let database: Database;
let app: Awaited<ReturnType<typeof serveApp>>;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  database = await startDatabase("crash", DB_PORT, true);
  app = await serveApp(APP_PORT, database.url);
});

test.afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

function incident(): Record<string, unknown> {
  return {
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    reportedAt: new Date(Date.now() - 60_000).toISOString(),
    reportMethod: "PATROL",
    category: "NUISANCE",
    type: "STREET_DRINKING",
    description: "Group drinking by the war memorial",
    riskLevel: "STANDARD",
    submissionKey: randomUUID(),
    people: [],
  };
}

test("every incident the service acknowledged survives a SIGKILL of PostgreSQL, once, with no gap in the references", async () => {
  const cookie = await signInByForm(app.base, OFFICER, DEMO_PASSWORD);
  const acknowledged: string[] = [];
  let failed = 0;
  const post = async () => {
    try {
      const response = await fetch(`${app.base}/api/incidents`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie, origin: app.base },
        body: JSON.stringify(incident()),
        signal: AbortSignal.timeout(20_000),
      });
      if (response.status === 201) acknowledged.push(((await response.json()) as { reference: string }).reference);
      else {
        failed += 1;
        expect(response.status, "a write that could not be made is refused, never acknowledged").toBeGreaterThanOrEqual(500);
      }
    } catch {
      failed += 1;
    }
  };

  const writes: Promise<void>[] = [];
  const stream = async (ms: number) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      writes.push(post());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await stream(3_000);
  const killed = database.kill();
  await stream(2_000);
  await killed;
  await database.restart();
  await stream(4_000);
  await Promise.all(writes);

  expect(acknowledged.length, "writes acknowledged before and after the crash").toBeGreaterThan(30);
  const rows = await query<{ reference: string }>(database.url, `SELECT reference FROM "Incident" WHERE reference = ANY($1::text[])`, [
    acknowledged,
  ]);
  expect(rows.length, `acknowledged ${acknowledged.length}, failed ${failed}`).toBe(acknowledged.length);
  expect(new Set(acknowledged).size).toBe(acknowledged.length);

  // Gap-free and unique per year: the numbers of every INC reference of each year run 1, 2, 3, …
  const years = await query<{ year: string; n: string; max: string; distinct: string }>(
    database.url,
    `SELECT split_part(reference, '-', 2) AS year, count(*) AS n, max(split_part(reference, '-', 3)::int) AS max, count(DISTINCT reference) AS distinct
       FROM "Incident" WHERE reference LIKE 'INC-%' GROUP BY 1`,
  );
  for (const year of years) {
    expect(Number(year.distinct), `INC-${year.year}: unique`).toBe(Number(year.n));
    expect(Number(year.max), `INC-${year.year}: gap-free`).toBe(Number(year.n));
  }
});
