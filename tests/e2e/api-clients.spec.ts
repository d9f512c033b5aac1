import { expect, request, test, type Browser, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { DEMO, expectNoAccessibilityViolations, queryE2eDatabase, signInAndWait } from "./support";

// API clients in the browser. A manager makes one (a first try with nothing chosen is sent back
// with the error summary linking to the field and the name kept) and sees its token once: in no
// URL, no title and not in the database, and it works as the page says (the README's example).
// They find it in the list, open it and revoke it through a check step, and its calls are refused
// from then on; another organisation's manager gets "not found" for it. A chair of the MARAC
// grants a client MARAC access on the panel's page. Axe throughout, and a phone's width without
// the page scrolling sideways.

const MARAC_CHAIR = "rebecca.chen@met.kingsmere.example";
const OTHER_MANAGER = "martin.doyle@kingsmerehomes.example"; // MANAGER, Kingsmere Homes

async function heading(page: Page, name: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** Makes a client as the council's manager, reading incidents (and `more`): its name and token. */
async function makeClient(page: Page, name: string, more: string[] = ["People: read"]): Promise<string> {
  await page.goto("/admin/api-clients/new");
  await heading(page, "Make an API client");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("checkbox", { name: "Incidents: read" }).check();
  for (const scope of more) await page.getByRole("checkbox", { name: scope }).check();
  await page.getByRole("button", { name: "Make the API client" }).click();
  await expect(page.getByText(`${name} has been made`)).toBeVisible();
  return (await page
    .locator("code")
    .filter({ hasText: /^spk\./ })
    .textContent())!.trim();
}

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAndWait(page, email);
  return { context, page };
}

test("a manager makes an API client, sees its token once, finds it in the list and revokes it; another organisation's manager cannot open it", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const name = `Police records link ${Date.now().toString(36).slice(-6)}`;

  await signInAndWait(page, DEMO.manager);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "API clients" }).click();
  await heading(page, "API clients");
  await expectNoAccessibilityViolations(page);
  await page.getByRole("link", { name: "Make an API client" }).click();
  await heading(page, "Make an API client");

  // Nothing chosen: the error summary links to the checkboxes, and the name typed is kept.
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Make the API client" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(page).toHaveTitle(/^Error: /);
  const problem = summary.getByRole("link", { name: "Choose at least one thing the client may do" });
  await expect(problem).toHaveAttribute("href", "#scopes");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expectNoAccessibilityViolations(page);
  await problem.click();
  await expect(page.getByRole("checkbox", { name: "Incidents: read" })).toBeFocused();

  // Then correctly: the token is shown this once.
  await page.getByRole("checkbox", { name: "Incidents: read" }).check();
  await page.getByRole("checkbox", { name: "Incidents: create and change" }).check();
  await page.getByRole("button", { name: "Make the API client" }).click();
  await expect(page.getByText(`${name} has been made`)).toBeVisible();
  await expect(page.getByText("This is the only time the token is shown")).toBeVisible();
  await expect(page.getByText("Authorization: Bearer <token>")).toBeVisible();
  const token = (await page
    .locator("code")
    .filter({ hasText: /^spk\./ })
    .textContent())!.trim();
  expect(token).toMatch(/^spk\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
  expect(page.url()).not.toContain(token);
  expect(await page.title()).not.toContain(token);
  await expectNoAccessibilityViolations(page);
  // Only a hash of its secret is kept.
  const [row] = await queryE2eDatabase<{ id: string; secretHash: string }>(`SELECT id, "secretHash" FROM "ApiClient" WHERE name = $1`, [
    name,
  ]);
  expect(row!.secretHash).toBe(createHash("sha256").update(token.split(".")[2]!).digest("hex"));

  // The token works as the page says (the README's example): an incident logged, and read back.
  const api = await request.newContext({ baseURL: new URL(page.url()).origin, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const occurred = new Date(Date.now() - 2 * 3_600_000);
  const logged = await api.post("/api/v1/incidents", {
    headers: { "idempotency-key": `e2e-${Date.now()}` },
    data: {
      occurredAt: occurred.toISOString(),
      reportedAt: new Date(occurred.getTime() + 30 * 60_000).toISOString(),
      reportMethod: "PHONE",
      category: "NUISANCE",
      type: "NOISE",
      description: "Loud music late at night",
    },
  });
  expect(logged.status(), await logged.text()).toBe(201);
  const incident = (await logged.json()) as { id: string };
  expect((await api.get(`/api/v1/incidents/${incident.id}`)).status()).toBe(200);

  // It is in the list, active, without MARAC access; the token is nowhere on the page.
  await page.goto("/admin/api-clients");
  const listed = page.getByRole("row").filter({ hasText: name });
  await expect(listed).toContainText("Kingsmere Council Community Safety and ASB Team");
  await expect(listed).toContainText("Incidents: read");
  await expect(listed).toContainText("Active");
  await expect(listed).not.toContainText("Never");
  await expect(page.getByText(token)).toHaveCount(0);

  // At a phone's width, the list, the form and the client's page fit the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/admin/api-clients", "/admin/api-clients/new", `/admin/api-clients/${row!.id}`]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await fitsWidth(page), `${path} scrolls sideways at 390 px`).toBe(true);
    await expectNoAccessibilityViolations(page);
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // Another organisation's manager is answered as if it did not exist.
  const other = await signedIn(browser, OTHER_MANAGER);
  await other.page.goto(`/admin/api-clients/${row!.id}`);
  await heading(other.page, "Page not found");
  await other.page.goto("/admin/api-clients");
  await expect(other.page.getByText(name)).toHaveCount(0);
  await other.context.close();

  // Opened from the list, and revoked through a check step.
  await page.goto("/admin/api-clients");
  await page.getByRole("link", { name }).click();
  await heading(page, name);
  await expect(page).toHaveTitle(/^API client/);
  await page.getByRole("button", { name: "Revoke this client" }).click();
  await expect(page.getByRole("heading", { name: "Check before you revoke the client" })).toBeFocused();
  await expect(page.getByText(`You are about to revoke ${name}`)).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Revoke the client" }).click();
  await expect(page.getByText("Client revoked. Its calls are now refused")).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke this client" })).toHaveCount(0);
  await expectNoAccessibilityViolations(page);
  await page.goto("/admin/api-clients");
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Revoked");
  // Its next call is refused.
  expect((await api.get(`/api/v1/incidents/${incident.id}`)).status()).toBe(401);
  await api.dispose();
});

test("a chair of the MARAC grants a client MARAC access on the panel's page, and withdraws it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const name = `IDVA case system ${Date.now().toString(36).slice(-6)}`;
  const manager = await signedIn(browser, DEMO.manager);
  await makeClient(manager.page, name);
  await manager.context.close();

  await signInAndWait(page, MARAC_CHAIR);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Panel access" }).click();
  await heading(page, "MARAC");
  await expect(page.getByText("A client granted MARAC access reads MARAC cases through the API")).toBeVisible();
  const item = () => page.getByRole("listitem").filter({ has: page.getByRole("heading", { name }) });
  await expect(item()).toContainText("made by Sandra Okafor");
  await expect(item()).toContainText("No MARAC access");
  await expectNoAccessibilityViolations(page);

  await item()
    .getByRole("button", { name: `Grant MARAC access to ${name}` })
    .click();
  await expect(page.getByText("MARAC access granted. The client reads MARAC cases from its next call")).toBeVisible();
  await expect(item()).toContainText("granted by Rebecca Chen");
  await expectNoAccessibilityViolations(page);
  const [row] = await queryE2eDatabase<{ granter: string }>(
    `SELECT u.name AS granter FROM "ApiClient" c JOIN "User" u ON u.id = c."maracGrantedById" WHERE c.name = $1`,
    [name],
  );
  expect(row?.granter).toBe("Rebecca Chen");

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(item()).toContainText("granted by Rebecca Chen");
  expect(await fitsWidth(page)).toBe(true);
  await expectNoAccessibilityViolations(page);

  await item()
    .getByRole("button", { name: `Withdraw MARAC access from ${name}` })
    .click();
  await expect(page.getByText("MARAC access withdrawn")).toBeVisible();
  await expect(item()).toContainText("No MARAC access");
});

test("the README's curl example logs an incident and reads it back with a new key, as written", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, DEMO.manager);
  const token = await makeClient(page, `README example ${Date.now().toString(36).slice(-6)}`, ["Incidents: create and change"]);
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const example = /### The partner API in one minute[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example, "the README's example").toBeTruthy();
  // Only the first line's placeholders change: the address of this server, and the key just made.
  const script = example!.replace(/^API=.*$/m, `API=${new URL(page.url()).origin}/api/v1 KEY='${token}'`);
  const output = execFileSync("bash", ["-euo", "pipefail", "-c", script], { encoding: "utf8", timeout: 30_000 });
  const incident = JSON.parse(output) as { reference: string; description: string; reportingOrganisation: { name: string } };
  expect(incident.description).toBe("Loud music late at night");
  expect(incident.reference).toMatch(/^INC-2026-\d{6}$/);
  expect(incident.reportingOrganisation.name).toBe("Kingsmere Council Community Safety and ASB Team");
});

test("the API reference page: every endpoint with its scope, readable at a phone's width", async ({ page }) => {
  await signInAndWait(page, DEMO.manager);
  await page.goto("/admin/api");
  await heading(page, "API reference");
  await expect(page).toHaveTitle(/^API reference/);
  await expect(page.getByRole("heading", { level: 3, name: "Log an incident" })).toBeVisible();
  await expect(page.getByText("POST /api/v1/incidents", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "/api/v1/openapi.json" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  expect(await fitsWidth(page), "/admin/api scrolls sideways at 320 px").toBe(true);
  await expectNoAccessibilityViolations(page);
});
