import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";

// Issue 17, point 4: a first screen that fits the role. Each kind of user's dashboard leads with
// what they do first; every row on it is a link; it passes axe (target size included) on a desktop
// and a phone, and reflows at 320 px. These journeys only read the demo data.

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SHOTS = "test-results/dashboards";

/** The level-2 headings of the dashboard's sections, in page order. */
const sectionHeadings = (page: Page) => page.locator("main section[data-dashboard-section] > h2");

/** Rows of the dashboard's tables that hold no link (an empty table's one message row aside). */
const rowsWithoutLinks = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("main table tbody tr"))
      .filter((row) => !row.querySelector("td[colspan]") && !row.querySelector("a[href]"))
      .map((row) => (row.textContent ?? "").trim().slice(0, 60)),
  );

/** What sticks out past the right edge, outside a scroll box (as tests/e2e/reflow.spec.ts). */
const overflowing = (page: Page) =>
  page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    elements: Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest("[class*=overflow-x]"))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? "").trim().slice(0, 40)}`),
  }));

/** axe on the desktop and on a phone; no page-level overflow at 320 px; every row a link; screenshots of both sizes. */
async function checkEverySize(page: Page, name: string) {
  expect(await rowsWithoutLinks(page)).toEqual([]);
  await expectNoAccessibilityViolations(page);
  await page.screenshot({ path: `${SHOTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await expectNoAccessibilityViolations(page);
  await page.screenshot({ path: `${SHOTS}/${name}-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await overflowing(page)).toEqual({ width: 320, elements: [] });
  await page.setViewportSize(DESKTOP);
}

test.use({ viewport: DESKTOP });

test("an officer's dashboard leads with “Log an incident”, one press from the form, then their actions due and recent incidents", async ({
  page,
}) => {
  await signInAndWait(page, DEMO.officer);
  const logIncident = page.getByRole("main").getByRole("link", { name: "Log an incident" });
  await expect(logIncident).toBeInViewport();
  // It comes before any section.
  const button = await logIncident.boundingBox();
  const firstSection = await sectionHeadings(page).first().boundingBox();
  expect(button!.y).toBeLessThan(firstSection!.y);
  await expect(sectionHeadings(page).nth(0)).toHaveText("My actions");
  await expect(sectionHeadings(page).nth(1)).toHaveText("My recent incidents");
  // My actions: overdue first (soonest due), each a link to the action.
  const actions = page.getByRole("table", { name: "My actions, soonest due first" });
  await expect(actions).toBeVisible();
  await expect(page.getByRole("table", { name: "Incidents you logged, most recent first" }).getByRole("link").first()).toBeVisible();
  await checkEverySize(page, "officer");

  // One press: the keyboard reaches the button first in the page's content, Enter opens the form.
  await page.getByRole("link", { name: "Skip to main content" }).focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(logIncident).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Log an incident" })).toBeVisible();
});

test("the CCM chair's dashboard leads with the triage queue, above the fold on a desktop, then the next meeting's agenda readiness", async ({
  page,
}) => {
  await signInAndWait(page, DEMO.chair);
  await expect(sectionHeadings(page).nth(0)).toHaveText("Referrals to triage");
  await expect(sectionHeadings(page).nth(1)).toHaveText(/^Your next meeting/);
  const queue = page.getByRole("table", { name: "Referrals to triage, oldest first" });
  await expect(queue.getByRole("row").nth(1)).toBeInViewport();
  await expect(page.getByRole("link", { name: /CCM referrals awaiting triage/ })).toBeInViewport();
  await expect(page.getByRole("main").getByRole("link", { name: "Log an incident" })).toHaveCount(0);
  const readiness = page.getByRole("table", { name: "Agenda readiness for the next CCM" });
  await expect(readiness.getByRole("link", { name: "Cases on the agenda" })).toBeVisible();
  await expect(readiness.getByRole("link", { name: "Referrals still to triage" })).toBeVisible();
  await checkEverySize(page, "chair");
  // A row of the queue opens the referral.
  await queue.getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("REF-");
});

test("the manager's dashboard leads with the organisation's workload by officer, then the returns due and the trends by month, category and place", async ({
  page,
}) => {
  await signInAndWait(page, DEMO.manager);
  await expect(sectionHeadings(page).nth(0)).toHaveText("KCSAT workload");
  await expect(sectionHeadings(page).nth(1)).toHaveText("Returns due");
  await expect(sectionHeadings(page).nth(2)).toHaveText("Incidents logged by KCSAT, last 6 months");
  const byOfficer = page.getByRole("table", { name: /open actions by officer/ });
  await expect(byOfficer).toBeVisible();
  await expect(page.getByRole("table", { name: /by status/ }).getByRole("link")).toHaveCount(3);
  const returns = page.getByRole("table", { name: "Returns for their latest complete period" });
  await expect(returns.getByRole("link", { name: "Tools and powers return" })).toHaveAttribute(
    "href",
    /\/returns\/tools-and-powers\?period=\d{4}-\d{2}$/,
  );
  for (const name of ["Incidents by month", "Incidents by category", "Incidents by place, most incidents first"]) {
    await expect(page.getByRole("table", { name })).toBeVisible();
  }
  await checkEverySize(page, "manager");

  // An officer's row opens the organisation's action list for that officer alone.
  const firstOfficer = byOfficer.getByRole("row").nth(1).getByRole("rowheader").getByRole("link");
  const name = (await firstOfficer.textContent())!.trim();
  await firstOfficer.click();
  await expect(page.getByRole("heading", { level: 1, name: "My organisation’s actions" })).toBeVisible();
  // The list says whose actions these are, and offers the way back to everyone's.
  await expect(page.getByRole("main")).toContainText(
    name === "Not assigned to anyone by name" ? "Assigned to no named officer." : `Assigned to ${name}.`,
  );
  await expect(page.getByRole("link", { name: "Show every officer’s actions" })).toBeVisible();
  const assignees = page.getByRole("table", { name: /My organisation’s actions/ }).locator("tbody tr");
  await expect(assignees.first()).toContainText(name === "Not assigned to anyone by name" ? "KCSAT" : name);
  for (const row of await assignees.all()) if (name !== "Not assigned to anyone by name") await expect(row).toContainText(name);
});

test("a viewer's dashboard leads with what they can read, and offers nothing to do", async ({ page }) => {
  await signInAndWait(page, DEMO.viewer);
  await expect(sectionHeadings(page).nth(0)).toHaveText("Cases");
  await expect(page.getByRole("main").getByRole("link", { name: "Log an incident" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "My actions" })).toHaveCount(0);
  await checkEverySize(page, "viewer");
});

test("an administrator's dashboard is their administration, with no case content", async ({ page }) => {
  await signInAndWait(page, DEMO.admin);
  await expect(sectionHeadings(page)).toHaveText(["Administration"]);
  const tasks = page.getByRole("table", { name: "Administration" });
  await expect(tasks.getByRole("link", { name: "Active users" })).toHaveAttribute("href", "/admin/users?status=active");
  await expect(tasks.getByRole("link", { name: "Search the audit trail" })).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(/CASE-|INC-|REF-/);
  await checkEverySize(page, "admin");
});
