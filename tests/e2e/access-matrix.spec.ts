import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { ensureTestServer } from "../../prisma/tooling/test-database";
import { databaseUrl } from "../../prisma/tooling/postgres-admin";
import { DEMO_PASSWORD } from "./support";
import { signInByForm } from "../support/sign-in-by-form";
import { PAGES, ROUTES, SUBJECTS, SUBJECT_NAMES, type Outcome, type Probe, type Records, type Subject } from "../support/access-matrix";

// The access matrix over HTTP: every page and route handler in tests/support/access-matrix.ts,
// requested by every subject (each role of the council's team, an officer of an organisation the
// case is not shared with, a police officer on no panel, a MARAC panel member, a signed-out
// visitor) against the production build on the seeded demo partnership. Redirects are not
// followed: a refusal must be a 404 (or the sign-in page for a signed-out visitor), never a page.

const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE = `http://localhost:${PORT}`;

async function loadRecords(): Promise<Records> {
  const url = databaseUrl(await ensureTestServer(), `sp_e2e_${PORT}`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string, params: unknown[] = []): Promise<string | null> => {
      const { rows } = await client.query<{ id: string }>(sql, params);
      return rows[0]?.id ?? null;
    };
    const must = async (what: string, sql: string, params: unknown[] = []) => {
      const id = await one(sql, params);
      if (!id) throw new Error(`The demo data has no ${what}`);
      return id;
    };
    const caseId = await must("case C01", `SELECT id FROM "Case" WHERE title LIKE 'Harassment of a vulnerable older resident%'`);
    const maracCaseId = await must("case C10", `SELECT id FROM "Case" WHERE title LIKE 'Domestic abuse: Ellie Newman%'`);
    const triggerCaseId = await must("case C06", `SELECT id FROM "Case" WHERE kind = 'COMMUNITY_TRIGGER' ORDER BY "createdAt" LIMIT 1`);
    const kcsat = await must("KCSAT", `SELECT id FROM "Organisation" WHERE "shortName" = 'KCSAT'`);
    const policeMaracCaseId = await must("case C07", `SELECT id FROM "Case" WHERE title LIKE 'Domestic abuse: Chloe Adams%'`);
    return {
      caseId,
      maracCaseId,
      maracIncidentId: await must("MPS incident in C07", `SELECT i.id FROM "Incident" i JOIN "Organisation" o ON o.id = i."reportingOrganisationId" WHERE i."caseId" = $1 AND o."shortName" = 'MPS' LIMIT 1`, [policeMaracCaseId]),
      maracPersonId: await must("victim in C07", `SELECT "personId" AS id FROM "CasePerson" WHERE "caseId" = $1 AND role = 'VICTIM' LIMIT 1`, [policeMaracCaseId]),
      maracPlaceId: await must("place of C07", `SELECT "locationId" AS id FROM "CaseLocation" WHERE "caseId" = $1 LIMIT 1`, [policeMaracCaseId]),
      triggerCaseId,
      // An open action (a finished one cannot be changed by anyone).
      actionId: await must("action on C01", `SELECT id FROM "CaseAction" WHERE "caseId" = $1 ORDER BY (status IN ('OPEN', 'IN_PROGRESS')) DESC, "createdAt" LIMIT 1`, [caseId]),
      riskId: await must("risk assessment on C01", `SELECT id FROM "RiskAssessment" WHERE "caseId" = $1 LIMIT 1`, [caseId]),
      timelineEntryId: await must("timeline entry on C01", `SELECT id FROM "TimelineEntry" WHERE "caseId" = $1 AND kind = 'NOTE' LIMIT 1`, [caseId]),
      documentId: await one(`SELECT id FROM "CaseDocument" WHERE "caseId" = $1 LIMIT 1`, [caseId]),
      incidentId: await must("KCSAT incident in C01", `SELECT id FROM "Incident" WHERE "caseId" = $1 AND "reportingOrganisationId" = $2 LIMIT 1`, [caseId, kcsat]),
      personId: await must("victim in C01", `SELECT "personId" AS id FROM "CasePerson" WHERE "caseId" = $1 AND role = 'VICTIM' LIMIT 1`, [caseId]),
      otherPersonId: await must("perpetrator in C01", `SELECT "personId" AS id FROM "CasePerson" WHERE "caseId" = $1 AND role = 'PERPETRATOR' LIMIT 1`, [caseId]),
      placeId: await must("place of C01", `SELECT "locationId" AS id FROM "CaseLocation" WHERE "caseId" = $1 LIMIT 1`, [caseId]),
      powerId: await must("KCSAT power in C01", `SELECT id FROM "PowerUse" WHERE "caseId" = $1 AND "issuingOrganisationId" = $2 LIMIT 1`, [caseId, kcsat]),
      pspoId: await must("PSPO", `SELECT id FROM "Pspo" LIMIT 1`),
      referralId: await one(`SELECT id FROM "Referral" WHERE "caseId" = $1 LIMIT 1`, [caseId]),
      maracReferralId: await one(`SELECT id FROM "Referral" WHERE "caseId" = $1 LIMIT 1`, [maracCaseId]),
      meetingId: await one(`SELECT id FROM "Meeting" WHERE panel = 'CCM' ORDER BY "startsAt" LIMIT 1`),
      maracMeetingId: await one(`SELECT id FROM "Meeting" WHERE panel = 'MARAC' ORDER BY "startsAt" LIMIT 1`),
      organisationId: kcsat,
      userId: await must("a KCSAT officer", `SELECT id FROM "User" WHERE email = $1`, [SUBJECTS.officer]),
      otherOrgUserId: await must("a Kingsmere Homes officer", `SELECT id FROM "User" WHERE email = $1`, [SUBJECTS.otherOrg]),
      missing: randomUUID(),
    };
  } finally {
    await client.end();
  }
}

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
  records = await loadRecords();
  for (const subject of SUBJECT_NAMES) contexts[subject] = await signInAs(SUBJECTS[subject]);
  database = new pg.Client({ connectionString: databaseUrl(await ensureTestServer(), `sp_e2e_${PORT}`) });
  await database.connect();
  for (const subject of SUBJECT_NAMES) {
    const email = SUBJECTS[subject];
    userIds[subject] = email ? ((await database.query<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email])).rows[0]?.id ?? null) : null;
  }
});

test.afterAll(async () => {
  for (const context of Object.values(contexts)) await context?.dispose();
  await database?.end();
});

async function refusalsOf(subject: Subject): Promise<number> {
  const userId = userIds[subject];
  if (!userId) return 0;
  return Number((await database.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEvent" WHERE action = 'ACCESS_REFUSED' AND "userId" = $1`, [userId])).rows[0]!.n);
}

async function check(route: string, probe: Probe) {
  const formsWithoutMethod = new Set<string>();
  const url = probe.url(records);
  const got = {} as Record<Subject, Outcome>;
  const unaudited: Subject[] = [];
  for (const subject of SUBJECT_NAMES) {
    const context = contexts[subject];
    const before = await refusalsOf(subject);
    const response = probe.method === "POST" ? await context.post(url, { data: probe.json ?? {}, headers: { origin: BASE } }) : await context.get(url);
    const html = response.status() === 200 && (response.headers()["content-type"] ?? "").includes("text/html") ? await response.text() : "";
    got[subject] = outcomeOf(response.status(), response.headers()["location"], html);
    // A form without a method is sent as a GET before its script runs: what was typed, a
    // password even, would go into the address, the history and the server's logs.
    for (const form of html.match(/<form\b[^>]*>/g) ?? []) if (!/\smethod="(get|post)"/i.test(form)) formsWithoutMethod.add(`${url} (as ${subject}): ${form.slice(0, 120)}`);
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
