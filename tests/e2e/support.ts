import { expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import pg from "pg";
import { ensureTestServer } from "../../prisma/tooling/test-database";
import { databaseUrl } from "../../prisma/tooling/postgres-admin";

// Demo sign-ins from prisma/seed (see the README). Each journey that locks or changes an account
// uses an account no other spec touches, so specs can run in parallel.
export const DEMO_PASSWORD = "Partnership-demo-2026";
export const DEMO = {
  admin: "priya.raman@kingsmere.gov.example",
  manager: "sandra.okafor@kingsmere.gov.example",
  chair: "helen.marsh@kingsmere.gov.example",
  officer: "kwame.mensah@kingsmere.gov.example",
  officerNoPanel: "tom.fletcher@met.kingsmere.example",
  viewer: "ben.carter@kingsmere.gov.example",
  disabled: "paul.stevens@met.kingsmere.example",
  lockoutTarget: "joseph.kowalski@kingsmere.gov.example",
} as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs out and waits until the server has ended the session, so the next sign-in starts clean. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByText("You have signed out")).toBeVisible();
}

/** Opens a list's filters, which are collapsed until asked for (components/ui/filter-panel). */
export async function showFilters(page: Page) {
  const panel = page.locator("details.filter-panel");
  if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
  await expect(panel).toHaveAttribute("open", "");
}

export async function signInAndWait(page: Page, email: string) {
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

/** No WCAG 2.0/2.1/2.2 A or AA violations on the current page. */
export async function expectNoAccessibilityViolations(page: Page) {
  // Next streams metadata: right after a client-side navigation the <title> can land a moment
  // after the content. Check the page as the user gets it, not mid-update.
  await page.waitForLoadState("load");
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const described = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(described).toEqual([]);
}

/** Runs one query against the end-to-end run's database (to check what a journey stored). */
export async function queryE2eDatabase<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const port = Number(process.env.E2E_PORT ?? 3100);
  const client = new pg.Client({ connectionString: databaseUrl(await ensureTestServer(), `sp_e2e_${port}`) });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export type CaughtMail = { id: string; date: string | null; to: string; subject: string; text: string; attachments: string[] };

/** What the run's mail catcher holds for `address`, newest first (with-database's inbox, beside the app's port). */
export async function mailTo(address: string): Promise<CaughtMail[]> {
  const port = Number(process.env.E2E_PORT ?? 3100) - 1920;
  const response = await fetch(`http://127.0.0.1:${port}/messages.json`);
  const all = (await response.json()) as CaughtMail[];
  return all.filter((m) => m.to.toLowerCase().includes(address.toLowerCase()));
}

/** Waits for an e-mail to `address` whose subject or text matches, sent by the worker beside the app. */
export async function waitForMail(address: string, matching: RegExp, timeout = 30_000): Promise<CaughtMail> {
  let found: CaughtMail | undefined;
  await expect
    .poll(
      async () => {
        found = (await mailTo(address)).find((m) => matching.test(m.subject) || matching.test(m.text));
        return Boolean(found);
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return found!;
}

/** The set-password link in the newest e-mail to `address` (other than `not`, an earlier one). */
export async function emailedLink(address: string, not?: string): Promise<string> {
  const linkIn = (mail: CaughtMail) => /https?:\/\/\S+\/set-password\/[A-Za-z0-9_-]{40,}/.exec(mail.text)?.[0];
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        link = (await mailTo(address)).map(linkIn).find((l) => l !== undefined && l !== not);
        return Boolean(link);
      },
      { timeout: 30_000, intervals: [250, 500, 1000] },
    )
    .toBe(true);
  return link!;
}
