import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, query, serveApp, startDatabase, type Database } from "./support";

// The database away: PostgreSQL is stopped under a running service. Sign-in says the service is
// unavailable (never "password incorrect"); pages answer a plain "temporarily unavailable" with
// 503 and Retry-After, with and without script; no answer carries an internal error, host or port;
// the health check names the database; a note sent meanwhile stays in its form with a message.
// With PostgreSQL back, the same note is saved.

const DB_PORT = Number(process.env.RESILIENCE_PG_PORT ?? 54341);
const APP_PORT = Number(process.env.RESILIENCE_APP_PORT ?? 3191);
const OFFICER = "kwame.mensah@kingsmere.gov.example";
const LEAKS = /127\.0\.0\.1|localhost:\d{4,5}|:54341|ECONNREFUSED|prisma|postgres(ql)?:\/\/|at \w+ \(|node_modules|SELECT |INSERT /i;

let database: Database;
let app: Awaited<ReturnType<typeof serveApp>>;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  database = await startDatabase("away", DB_PORT, false);
  app = await serveApp(APP_PORT, database.url);
});

test.afterAll(async () => {
  await app?.stop();
  await database?.stop();
});

test("with the database stopped: an honest answer everywhere, and nothing typed is lost", async ({ browser, request }) => {
  const [c01] = await query<{ id: string }>(
    database.url,
    `SELECT c.id FROM "Case" c JOIN "Organisation" o ON o.id = c."leadOrganisationId" WHERE o."shortName" = 'KCSAT' AND NOT c.restricted AND c.status <> 'CLOSED' ORDER BY c.reference LIMIT 1`,
  );
  const caseUrl = `${app.base}/cases/${c01!.id}`;

  // An officer is signed in, on a case, with a note typed and not yet sent.
  const context = await browser.newContext();
  const officer = await context.newPage();
  await officer.goto(`${app.base}/sign-in`);
  await officer.getByLabel("Email address").fill(OFFICER);
  await officer.getByLabel("Password").fill(DEMO_PASSWORD);
  await officer.getByRole("button", { name: "Sign in" }).click();
  await expect(officer.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await officer.goto(caseUrl);
  const note = "Spoke to the resident at 10:15; noise continues most nights.";
  await officer.getByLabel("Add a note").fill(note);

  await database.stop();

  // The note: a message by the form, and the text still in it.
  await officer.getByRole("button", { name: "Add note" }).click();
  await expect(officer.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("the service is unavailable");
  await expect(officer.getByLabel("Add a note")).toHaveValue(note);

  // Pages: 503, Retry-After, a plain page that says so, nothing internal.
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  for (const path of ["/", "/cases", `/cases/${c01!.id}`]) {
    const page = await request.get(`${app.base}${path}`, { headers: { cookie }, maxRedirects: 0 });
    expect(page.status(), path).toBe(503);
    expect(page.headers()["retry-after"], path).toBe("30");
    const body = await page.text();
    expect(body, path).toContain("Sorry, the service is unavailable");
    expect(body, path).not.toMatch(LEAKS);
  }
  // …and so in a browser without script.
  const plain = await browser.newContext({ javaScriptEnabled: false });
  const plainPage = await plain.newPage();
  const answer = await plainPage.goto(`${app.base}/`);
  expect(answer?.status()).toBe(503);
  await expect(plainPage.getByRole("heading", { level: 1, name: "Sorry, the service is unavailable" })).toBeVisible();
  await plain.close();

  // Signing in: "unavailable", never "incorrect", and nothing internal.
  const visitor = await browser.newContext();
  const signIn = await visitor.newPage();
  const form = await signIn.goto(`${app.base}/sign-in`);
  if (form?.status() === 200) {
    await signIn.getByLabel("Email address").fill(OFFICER);
    await signIn.getByLabel("Password").fill(DEMO_PASSWORD);
    await signIn.getByRole("button", { name: "Sign in" }).click();
    await expect(signIn.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("the service is unavailable");
    await expect(signIn.getByText("The email address or password is incorrect")).toHaveCount(0);
    expect(await signIn.content()).not.toMatch(LEAKS);
  } else {
    expect(form?.status()).toBe(503);
  }
  await visitor.close();

  // The health check names what is down.
  const health = await request.get(`${app.base}/api/health`);
  expect(health.status()).toBe(503);
  expect(await health.json()).toEqual({ status: "unavailable", database: "unavailable" });

  // PostgreSQL back: the service recovers by itself, and the same note is saved.
  await database.restart();
  await expect.poll(async () => (await request.get(`${app.base}/api/health`)).status(), { timeout: 30_000 }).toBe(200);
  await officer.getByRole("button", { name: "Add note" }).click();
  await expect(officer.locator("#timeline").getByText(note)).toBeVisible();
  const saved = await query<{ n: string }>(
    database.url,
    `SELECT count(*) AS n FROM "TimelineEntry" WHERE "caseId" = $1 AND kind = 'NOTE' AND summary = $2`,
    [c01!.id, note],
  );
  expect(Number(saved[0]!.n)).toBe(1);
  await context.close();
});
