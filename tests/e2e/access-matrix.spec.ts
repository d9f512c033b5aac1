import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { ensureTestServer } from "../../prisma/tooling/test-database";
import { databaseUrl } from "../../prisma/tooling/postgres-admin";
import { DEMO_PASSWORD } from "./support";
import { signInByForm } from "../support/sign-in-by-form";
import { loadRecords } from "../support/seeded-records";
import { PAGES, ROUTES, SUBJECTS, SUBJECT_NAMES, type Outcome, type Probe, type Records, type Subject } from "../support/access-matrix";

// The access matrix over HTTP: every page and route handler in tests/support/access-matrix.ts,
// requested by every subject (each role of the council's team, an officer of an organisation the
// case is not shared with, a police officer on no panel, a MARAC panel member, a signed-out
// visitor) against the production build on the seeded demo partnership. Redirects are not
// followed: a refusal must be a 404 (or the sign-in page for a signed-out visitor), never a page.

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE = `http://localhost:${PORT}`;

async function signInAs(email: string | null): Promise<APIRequestContext> {
  if (!email) return playwrightRequest.newContext({ baseURL: BASE, maxRedirects: 0 });
  // As a browser without JavaScript signs in: the sign-in page's form, posted.
  const cookie = await signInByForm(BASE, email, DEMO_PASSWORD);
  return playwrightRequest.newContext({ baseURL: BASE, maxRedirects: 0, extraHTTPHeaders: { cookie } });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function outcomeOf(status: number, location: string | undefined, body: string): Outcome {
  if (status === 200) {
    // A page about a record the user may see, telling them they cannot change it (no form).
    const heading = /<h1\b[\s\S]*?<\/h1>/.exec(body)?.[0] ?? "";
    return /You cannot /.test(heading) ? "not-allowed" : "ok";
  }
  if (status === 404) return "404";
  if (status >= 300 && status < 400 && location) {
    const path = new URL(location, BASE).pathname;
    return path === "/sign-in" ? "sign-in" : `redirect:${path.replace(UUID, ":id")}`;
  }
  return status;
}

let records: Records;
const contexts = {} as Record<Subject, APIRequestContext>;
// Every refusal is audited: the trail is read as each subject is answered 404.
let database: pg.Client;
const userIds = {} as Record<Subject, string | null>;

test.beforeAll(async () => {
  records = await loadRecords(databaseUrl(await ensureTestServer(), `sp_e2e_${PORT}`));
  for (const subject of SUBJECT_NAMES) contexts[subject] = await signInAs(SUBJECTS[subject]);
  database = new pg.Client({ connectionString: databaseUrl(await ensureTestServer(), `sp_e2e_${PORT}`) });
  await database.connect();
  for (const subject of SUBJECT_NAMES) {
    const email = SUBJECTS[subject];
    userIds[subject] = email
      ? ((await database.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email])).rows[0]?.id ?? null)
      : null;
  }
});

test.afterAll(async () => {
  for (const context of Object.values(contexts)) await context?.dispose();
  await database?.end();
});

async function refusalsOf(subject: Subject): Promise<number> {
  const userId = userIds[subject];
  if (!userId) return 0;
  return Number(
    (
      await database.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'ACCESS_REFUSED' AND "userId" = $1`, [
        userId,
      ])
    ).rows[0]!.n,
  );
}

async function check(route: string, probe: Probe) {
  const formsWithoutMethod = new Set<string>();
  const url = probe.url(records);
  const got = {} as Record<Subject, Outcome>;
  const unaudited: Subject[] = [];
  for (const subject of SUBJECT_NAMES) {
    const context = contexts[subject];
    const before = await refusalsOf(subject);
    const response =
      probe.method === "POST" ? await context.post(url, { data: probe.json ?? {}, headers: { origin: BASE } }) : await context.get(url);
    const html = response.status() === 200 && (response.headers()["content-type"] ?? "").includes("text/html") ? await response.text() : "";
    got[subject] = outcomeOf(response.status(), response.headers()["location"], html);
    // A form without a method is sent as a GET before its script runs: what was typed, a
    // password even, would go into the address, the history and the server's logs.
    for (const form of html.match(/<form\b[^>]*>/g) ?? [])
      if (!/\smethod="(get|post)"/i.test(form)) formsWithoutMethod.add(`${url} (as ${subject}): ${form.slice(0, 120)}`);
    if (got[subject] === "404" && userIds[subject] && !probe.noSuchPage && (await refusalsOf(subject)) === before) unaudited.push(subject);
  }
  expect(got, `${route} (${url})${probe.note ? ` — ${probe.note}` : ""}`).toEqual(probe.expect);
  expect(unaudited, `${route} (${url}): refused without an audit entry`).toEqual([]);
  expect([...formsWithoutMethod], `${route}: forms with no explicit method`).toEqual([]);
}

test.describe("access matrix: pages", () => {
  for (const [route, probes] of Object.entries(PAGES)) {
    test(`${route}`, async () => {
      for (const probe of probes) await check(route, probe);
    });
  }
});

test.describe("access matrix: route handlers", () => {
  for (const [route, probes] of Object.entries(ROUTES)) {
    test(`${route}`, async () => {
      for (const probe of probes) await check(route, probe);
    });
  }
});
