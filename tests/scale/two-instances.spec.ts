import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { REGISTER_HEADERS } from "../../lib/register/columns";
import { currentFinancialYearPeriod } from "../../lib/returns/period";
import { CookieJar } from "../support/sign-in-by-form";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "../../prisma/tooling/engine";
import { DEMO_PASSWORD, exitOf, getPage, query, sendForm, start, startCluster, trySignIn, visibleText, type Cluster } from "./support";

// The service claims to be stateless behind a load balancer: two production instances of one
// build on one PostgreSQL, two job workers, HAProxy in front (round-robin, no sticky sessions).
// Each test asserts what a user, or an attacker, would notice if something lived in one
// instance's memory: a session one instance does not know, a form the other refuses, a throttle
// that counts half the guesses, an e-mail sent twice, a download cut off, a journey that stops
// with its instance. tests/scale/README.md says how it is set up.

const OFFICER = "kwame.mensah@kingsmere.gov.example";
const MANAGER = "sandra.okafor@kingsmere.gov.example";
const LOCKOUT_TARGET = "joseph.kowalski@kingsmere.gov.example";
const NEW_DEVICE_USER = "ben.carter@kingsmere.gov.example";

let cluster: Cluster;
let caseId: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(420_000);
  cluster = await startCluster();
  const [open] = await query<{ id: string }>(
    cluster.database.ownerUrl,
    `SELECT c.id FROM "Case" c JOIN "Organisation" o ON o.id = c."leadOrganisationId" WHERE o."shortName" = 'KCSAT' AND NOT c.restricted AND c.status <> 'CLOSED' ORDER BY c.reference LIMIT 1`,
  );
  caseId = open!.id;
});

test.afterAll(async () => {
  await cluster?.stop();
});

/** A signed-in page: answered (not sent to sign in) and showing the sign-out button. */
function expectSignedIn(answer: { status: number; html: string; location: string | null }, where: string) {
  expect(answer.status, `${where}: ${answer.location ?? ""}`).toBe(200);
  expect(visibleText(answer.html), where).toContain("Sign out");
}

/** Which instance answered each page, navigation and form a browser page sends through the balancer. */
function watchInstances(page: Page): { served: { server: string; status: number; what: string }[] } {
  const seen = { served: [] as { server: string; status: number; what: string }[] };
  page.on("response", (response) => {
    const request = response.request();
    const isAction = Boolean(request.headers()["next-action"]);
    const isNavigation = request.resourceType() === "document" || Boolean(request.headers()["rsc"]);
    if (!isAction && !isNavigation) return;
    const server = response.headers()["x-served-by"] ?? "?";
    seen.served.push({ server, status: response.status(), what: `${request.method()} ${new URL(request.url()).pathname}` });
  });
  return seen;
}

async function signInInBrowser(page: Page, email: string) {
  await page.goto(`${cluster.balancer}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

test("a session made through the balancer works on each instance, and ending it on one ends it on the other", async () => {
  const { a, b } = cluster.instances;
  const signIn = await trySignIn(cluster.balancer, cluster.balancer, OFFICER, DEMO_PASSWORD);
  expect(signIn.sent.status, "the sign-in form redirects onwards").toBe(303);
  expect(signIn.jar.hasSession()).toBe(true);
  // Round-robin with no stickiness: the form came from one instance and was answered by the other.
  expect(new Set([signIn.page.servedBy, signIn.sent.servedBy])).toEqual(new Set(["a", "b"]));

  // The one cookie, straight to each instance, and through the balancer (which alternates).
  expectSignedIn(await getPage(`${a.base}/`, signIn.jar), "instance a");
  expectSignedIn(await getPage(`${b.base}/`, signIn.jar), "instance b");
  const through = [];
  for (let i = 0; i < 4; i++) {
    const answer = await getPage(`${cluster.balancer}/cases`, signIn.jar);
    expectSignedIn(answer, `balancer, request ${i + 1}`);
    through.push(answer.servedBy);
  }
  expect(new Set(through)).toEqual(new Set(["a", "b"]));

  // Without the cookie either instance sends the user to sign in: the checks above can fail.
  const signedOut = await getPage(`${b.base}/`, new CookieJar());
  expect(signedOut.status).toBeGreaterThanOrEqual(300);
  expect(signedOut.location ?? "").toContain("/sign-in");

  // Signing out on instance a ends the session on instance b at once.
  const onA = await getPage(`${a.base}/cases`, signIn.jar);
  const signedOutOnA = await sendForm(onA, { button: "Sign out" }, `${a.base}/cases`, {}, signIn.jar);
  expect(signedOutOnA.status).toBeLessThan(400);
  const after = await getPage(`${b.base}/cases`, signIn.jar);
  expect(after.location ?? "", "instance b no longer accepts the ended session").toContain("/sign-in");
});

test("a form rendered by one instance is sent to the other and does what it says", async ({ browser }) => {
  const { a, b } = cluster.instances;
  // The sign-in form (a server action) from instance a, sent to instance b.
  const signIn = await trySignIn(a.base, b.base, OFFICER, DEMO_PASSWORD);
  expect(signIn.sent.status).toBe(303);
  expect(signIn.jar.hasSession()).toBe(true);

  // A case note: the case page rendered by instance b, its note form sent to instance a.
  const note = `Visited with the housing officer; scale check ${randomUUID().slice(0, 8)}.`;
  const casePage = await getPage(`${b.base}/cases/${caseId}`, signIn.jar);
  expectSignedIn(casePage, "the case page on instance b");
  const sent = await sendForm(casePage, "text", `${a.base}/cases/${caseId}`, { text: note }, signIn.jar);
  expect(sent.status, "the note form redirects back to the case").toBe(303);
  for (const instance of [a, b]) {
    expect(
      visibleText((await getPage(`${instance.base}/cases/${caseId}`, signIn.jar)).html),
      `the note on instance ${instance.name}`,
    ).toContain(note);
  }

  // The same journey in Chromium through the balancer: pages and forms land on both instances.
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watchInstances(page);
  await signInInBrowser(page, OFFICER);
  await page.goto(`${cluster.balancer}/cases/${caseId}`);
  const browserNote = `Phoned the resident back; scale check ${randomUUID().slice(0, 8)}.`;
  await page.getByLabel("Add a note").fill(browserNote);
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.locator("#timeline")).toContainText(browserNote);
  await page.goto(`${cluster.balancer}/cases`);
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await context.close();
  expect(
    seen.served.filter((s) => s.status >= 500),
    "no error on the way",
  ).toEqual([]);
  expect(new Set(seen.served.map((s) => s.server)), JSON.stringify(seen.served)).toEqual(new Set(["a", "b"]));
});

test("failed sign-ins spread over both instances count together, and the balancer's address is the one that counts", async () => {
  const { a, b } = cluster.instances;
  // The policy (lib/auth/policy.ts): four failures cost nothing; the fifth starts a wait. The
  // five go to instance a, b, a, b, a: neither sees five on its own.
  for (let attempt = 1; attempt <= 5; attempt++) {
    const instance = attempt % 2 === 1 ? a : b;
    const failed = await trySignIn(cluster.balancer, instance.base, LOCKOUT_TARGET, `wrong-password-${attempt}`);
    expect(visibleText(failed.sent.html), `attempt ${attempt}, instance ${instance.name}`).toContain(
      "The email address or password is incorrect.",
    );
  }

  const locked = /too many failed attempts to sign in to this account from here/;
  // The right password now waits, on either instance and through the balancer...
  for (const base of [cluster.balancer, cluster.balancer, a.base, b.base]) {
    const right = await trySignIn(base, base, LOCKOUT_TARGET, DEMO_PASSWORD);
    expect(visibleText(right.sent.html), base).toMatch(locked);
    expect(right.jar.hasSession(), base).toBe(false);
  }
  // ...and an X-Forwarded-For the client writes itself does not make it someone else: HAProxy
  // appends the address it saw, and only that entry is believed (TRUST_PROXY=1).
  const spoofed = await trySignIn(cluster.balancer, cluster.balancer, LOCKOUT_TARGET, DEMO_PASSWORD, { "x-forwarded-for": "203.0.113.9" });
  expect(visibleText(spoofed.sent.html)).toMatch(locked);
  expect(spoofed.jar.hasSession()).toBe(false);
});

test("with two workers running, each notification is e-mailed exactly once", async () => {
  const [user] = await query<{ id: string }>(cluster.database.ownerUrl, `SELECT id FROM "User" WHERE email = $1`, [NEW_DEVICE_USER]);
  // A first sign-in, then ten from new devices at once through the balancer: each new device
  // tells the account holder (lib/auth/data.ts), a notification and an e-mail job each.
  const first = await trySignIn(cluster.balancer, cluster.balancer, NEW_DEVICE_USER, DEMO_PASSWORD, {
    "user-agent": "scale-test first device",
  });
  expect(first.jar.hasSession()).toBe(true);
  const devices = Array.from({ length: 10 }, (_, i) => `scale-test device ${i + 1}`);
  const signIns = await Promise.all(
    devices.map((device) => trySignIn(cluster.balancer, cluster.balancer, NEW_DEVICE_USER, DEMO_PASSWORD, { "user-agent": device })),
  );
  expect(signIns.every((s) => s.jar.hasSession())).toBe(true);
  expect(new Set(signIns.map((s) => s.sent.servedBy))).toEqual(new Set(["a", "b"]));

  // Every notification to either account is sent (the throttled account's from the test before).
  const notified = async () =>
    query<{ id: string; email: string; kind: string; emailState: string }>(
      cluster.database.ownerUrl,
      `SELECT n.id, u.email, n.kind::text AS kind, n."emailState"::text AS "emailState" FROM "Notification" n JOIN "User" u ON u.id = n."userId"
       WHERE u.email = ANY($1) AND n.kind IN ('SIGN_IN_NEW_DEVICE', 'SIGN_IN_THROTTLED')`,
      [[NEW_DEVICE_USER, LOCKOUT_TARGET]],
    );
  await expect.poll(async () => (await notified()).filter((n) => n.emailState !== "SENT").length, { timeout: 60_000 }).toBe(0);
  const notifications = await notified();
  expect(notifications.filter((n) => n.email === NEW_DEVICE_USER && n.kind === "SIGN_IN_NEW_DEVICE").length).toBeGreaterThanOrEqual(
    devices.length,
  );
  expect(notifications.filter((n) => n.email === LOCKOUT_TARGET && n.kind === "SIGN_IN_THROTTLED")).toHaveLength(1);
  expect(user).toBeDefined();

  // Give a second send time to arrive (a worker polls every 2 s; the sweep runs every minute),
  // then count what reached the mail server: one message per notification, none twice.
  await new Promise((r) => setTimeout(r, 5_000));
  const caught = cluster.smtp.messages.filter((m) => m.envelopeTo.includes(NEW_DEVICE_USER) || m.envelopeTo.includes(LOCKOUT_TARGET));
  const messageIds = caught.map((m) => m.messageId);
  expect(messageIds.length, "no e-mail arrived twice").toBe(new Set(messageIds).size);
  expect(new Set(messageIds)).toEqual(new Set(notifications.map((n) => `<${n.id}@safer-partnerships.invalid>`)));
  expect(cluster.smtp.to(LOCKOUT_TARGET).filter((m) => m.subject === "Failed sign-ins to your Safer Partnerships account")).toHaveLength(1);
  const senders = new Map<string, number>();
  for (const m of caught) senders.set(m.from?.text ?? "?", (senders.get(m.from?.text ?? "?") ?? 0) + 1);
  console.log(`[scale] e-mails by sender: ${JSON.stringify(Object.fromEntries(senders))}`);
});

test("a register export downloads whole from one instance while the other serves pages", async () => {
  const { a, b } = cluster.instances;
  const manager = await trySignIn(cluster.balancer, cluster.balancer, MANAGER, DEMO_PASSWORD);
  expect(manager.jar.hasSession()).toBe(true);
  const period = currentFinancialYearPeriod().key;
  const download = await fetch(`${a.base}/api/returns/register?period=${period}&format=csv`, {
    headers: { cookie: manager.jar.header() },
    redirect: "manual",
    signal: AbortSignal.timeout(120_000),
  });
  expect(download.status).toBe(200);
  expect(download.headers.get("content-disposition")).toContain(`tools-and-powers-register-${period}.csv`);
  const totalRows = Number(download.headers.get("x-total-rows"));
  expect(totalRows).toBeGreaterThan(0);

  // Read it as a slow connection would, and between chunks use the service on instance b.
  const reader = download.body!.getReader();
  const chunks: Uint8Array[] = [];
  const pagesDuring: number[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    const page = await getPage(`${b.base}/cases`, manager.jar);
    pagesDuring.push(page.status);
  }
  expect(pagesDuring.length).toBeGreaterThan(0);
  expect(pagesDuring.every((status) => status === 200)).toBe(true);

  const text = Buffer.concat(chunks)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  const records = text.split(/\r\n(?=PWR-|$)/).filter(Boolean);
  expect(records[0]).toBe(REGISTER_HEADERS.join(","));
  expect(records.length - 1, "every row the download announced").toBe(totalRows);
  for (const record of records.slice(1)) expect(record).toMatch(/^PWR-\d{4}-\d{6},/);
  console.log(
    `[scale] register export: ${totalRows} rows in ${chunks.length} chunks; instance b served ${pagesDuring.length} pages meanwhile`,
  );
});

test("an instance killed mid-journey: the journey goes on through the balancer on the other", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = watchInstances(page);
  await signInInBrowser(page, OFFICER);
  await page.goto(`${cluster.balancer}/cases/${caseId}`);
  await expect(page.getByLabel("Add a note")).toBeVisible();
  expect(new Set(seen.served.map((s) => s.server)), "both instances served the journey so far").toEqual(new Set(["a", "b"]));

  // Instance a dies (SIGKILL: no goodbye) with the note half typed.
  const note = `Met the family at the school gate; scale check ${randomUUID().slice(0, 8)}.`;
  await page.getByLabel("Add a note").fill(note);
  // Nothing in flight (Next's prefetches have landed), so everything from here on is after the kill.
  await page.waitForLoadState("networkidle");
  await cluster.instances.a.kill();
  const before = seen.served.length;

  // The user goes on: sends the note, sees it, opens the case list and the case again.
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.locator("#timeline")).toContainText(note);
  await page.goto(`${cluster.balancer}/cases`);
  await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
  await page.goto(`${cluster.balancer}/cases/${caseId}`);
  await expect(page.locator("#timeline")).toContainText(note);
  await page.goto(`${cluster.balancer}/`);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  const afterKill = seen.served.slice(before);
  expect(afterKill.length).toBeGreaterThanOrEqual(4);
  expect(
    afterKill.filter((s) => s.status >= 500),
    "no error reached the user",
  ).toEqual([]);
  expect(new Set(afterKill.map((s) => s.server)), `instance b answered everything: ${JSON.stringify(afterKill)}`).toEqual(new Set(["b"]));
  // The note was saved once, not once per try.
  const saved = await query<{ n: number }>(
    cluster.database.ownerUrl,
    `SELECT count(*)::int AS n FROM "TimelineEntry" WHERE "caseId" = $1 AND kind = 'NOTE' AND summary = $2`,
    [caseId, note],
  );
  expect(saved[0]!.n).toBe(1);
  // HAProxy's health checks have taken instance a out.
  await expect.poll(async () => (await cluster.balancerStatus()).a, { timeout: 15_000 }).toMatch(/^DOWN/);
  expect((await cluster.balancerStatus()).b).toBe("UP");
  await context.close();
});

test("the audit trail both instances wrote is sealed once by the two workers and holds under the one key", async () => {
  // Every sign-in, view and note above was audited by whichever instance served it, the last ones
  // around a crash; both workers run the sealer, which chains each entry once, in order.
  const unsealed = `SELECT count(*)::int AS n FROM "AuditEvent" e WHERE NOT EXISTS (SELECT 1 FROM "AuditSeal" s WHERE s."entryId" = e.id)`;
  await expect.poll(async () => (await query<{ n: number }>(cluster.database.ownerUrl, unsealed))[0]!.n, { timeout: 15_000 }).toBe(0);
  const [chain] = await query<{ links: number; entries: number; last: number }>(
    cluster.database.ownerUrl,
    `SELECT (SELECT count(*)::int FROM "AuditSeal") AS links, (SELECT count(*)::int FROM "AuditEvent") AS entries,
            (SELECT max(seq)::int FROM "AuditSeal") AS last`,
  );
  expect(chain!.links).toBe(chain!.entries);
  expect(chain!.last).toBe(chain!.links); // seq 1, 2, 3, … with no gap and no link twice
  // `npm run audit:verify` walks the whole chain with the key they share.
  const verify = start("audit-verify", process.execPath, ["--import", "tsx", "prisma/tooling/verify-audit.ts"], cluster.shared);
  const code = await exitOf(verify);
  const output = await readFile(path.join(repoRoot, "test-results", "scale", "logs", "audit-verify.log"), "utf8");
  expect(output).toMatch(/^OK: the audit trail of .* is intact \((\d+) entries checked\)/m);
  expect(code, output).toBe(0);
});
