import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, queryE2eDatabase, signInAndWait } from "./support";

// The case page (issue 17): a summary of what matters first at the top, contents that reach any
// section (the timeline above all) in one press, and the actions and incidents sections paging
// through all their records, on a desktop and on a phone.

// Used by no other spec: the case it opens is its own.
const HEALTH_LEAD = "nadia.ali@khc.nhs.example";
const FINISHED = 60;

async function signedIn(browser: Browser, email: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const page = await (await browser.newContext({ viewport })).newPage();
  await signInAndWait(page, email);
  return page;
}

/** Opens a case of its own through the form, then gives it 60 finished actions and one overdue open one. */
async function caseWithManyActions(page: Page): Promise<string> {
  await page.goto("/cases/new");
  await page.getByRole("radio", { name: "ASB" }).check();
  await page.getByLabel("Title").fill("Case page check: paging through actions");
  await page.getByRole("radio", { name: "Medium" }).check();
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
  const caseUrl = page.url().split("?")[0]!;
  const caseId = caseUrl.split("/").pop()!;
  await queryE2eDatabase(
    `INSERT INTO "CaseAction" ("id", "caseId", "title", "assignedOrganisationId", "createdById", "dueDate", "status", "outcome", "completedAt", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), c."id", 'Finished action ' || lpad(n::text, 2, '0'), c."leadOrganisationId", c."createdById",
            current_date - 30, 'DONE', 'Done', now() - n * interval '1 hour', now() - n * interval '1 hour', now() - n * interval '1 hour'
       FROM "Case" c, generate_series(1, $2::int) AS n WHERE c."id" = $1::uuid`,
    [caseId, FINISHED],
  );
  await queryE2eDatabase(
    `INSERT INTO "CaseAction" ("id", "caseId", "title", "assignedOrganisationId", "createdById", "dueDate", "updatedAt")
     SELECT gen_random_uuid(), c."id", 'Visit the household', c."leadOrganisationId", c."createdById", current_date - 3, now()
       FROM "Case" c WHERE c."id" = $1::uuid`,
    [caseId],
  );
  return caseUrl;
}

/** The titles in the done and cancelled actions table on the current page. */
async function finishedTitles(page: Page): Promise<string[]> {
  return page
    .getByRole("table", { name: /Done and cancelled actions/ })
    .locator("tbody tr th")
    .allTextContents();
}

test.describe("the case page", () => {
  test("leads with a summary, reaches the timeline in one press, and pages through every finished action", async ({ browser }) => {
    const page = await signedIn(browser, HEALTH_LEAD);
    const caseUrl = await caseWithManyActions(page);
    await page.goto(caseUrl);

    // The summary is on the first screen: state, lead, what is due, and figures that link to their sections.
    const glance = page.getByRole("region", { name: "At a glance" });
    await expect(glance).toBeInViewport();
    // Status and risk are the tags under the heading, just above it.
    await expect(page.getByText("Medium risk").first()).toBeInViewport();
    await expect(glance).toContainText("Kingsmere Health and Care NHS Trust (Nadia Ali)");
    await expect(glance.getByText("Overdue", { exact: true })).toBeVisible();
    const openFigure = glance.getByRole("link", { name: "1 open action" });
    await expect(openFigure).toHaveAttribute("href", "#actions");
    await expect(glance).toContainText("1 overdue");
    await expect(glance.getByRole("link", { name: "0 incidents" })).toHaveAttribute("href", "#incidents");
    await expectNoAccessibilityViolations(page);

    // The contents are on the first screen too; following "Timeline" puts focus on the timeline.
    const contents = page.getByRole("navigation", { name: "Contents" });
    await expect(contents).toBeInViewport();
    await contents.getByRole("link", { name: "Timeline" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#timeline$/);
    const timeline = page.locator("#timeline");
    await expect(timeline).toBeFocused();
    await expect(timeline.getByRole("heading", { level: 2, name: "Timeline" })).toBeInViewport();
    // The next Tab carries on inside the timeline.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("#timeline")))).toBe(true);
    // A figure is one press from its section as well.
    await openFigure.click();
    await expect(page.locator("#actions")).toBeFocused();

    // Finished actions, 50 to a page, every one of them reachable.
    const actions = page.locator("#actions");
    await expect(actions).toContainText(`Showing 1 to 50 of ${FINISHED}, most recently finished first (page 1 of 2)`);
    const first = await finishedTitles(page);
    expect(first).toHaveLength(50);
    await actions.getByRole("navigation", { name: "Pages of done and cancelled actions" }).getByRole("link", { name: "Next page" }).click();
    await expect(page).toHaveURL(/\?actionsPage=2#finished-actions$/);
    await expect(actions).toContainText(`Showing 51 to ${FINISHED} of ${FINISHED}`);
    const second = await finishedTitles(page);
    expect(second).toHaveLength(FINISHED - 50);
    const all = [...first, ...second];
    expect(new Set(all).size).toBe(FINISHED);
    expect([...all].sort()).toEqual(Array.from({ length: FINISHED }, (_, n) => `Finished action ${String(n + 1).padStart(2, "0")}`));
    // The open action is listed on every page.
    await expect(actions.getByRole("table", { name: "Open actions, soonest due first" })).toContainText("Visit the household");
    await expectNoAccessibilityViolations(page);

    // Nonsense in the address is the first page, never an error.
    for (const silly of ["-1", "999999", "abc", "2.5", "%00"]) {
      const response = await page.goto(`${caseUrl}?actionsPage=${silly}&incidentsPage=${silly}`);
      expect(response?.status()).toBe(200);
      await expect(actions).toContainText(`Showing 1 to 50 of ${FINISHED}`);
    }
  });

  test("fits a phone: the summary and contents first, nothing wider than the screen, the timeline one tap away", async ({ browser }) => {
    const page = await signedIn(browser, DEMO.officer, { width: 390, height: 844 });
    const [seeded] = await queryE2eDatabase<{ id: string }>(
      `SELECT c."id" FROM "Case" c JOIN "User" u ON u."organisationId" = c."leadOrganisationId"
        WHERE u."email" = $1 AND NOT c."restricted" ORDER BY (SELECT count(*) FROM "TimelineEntry" t WHERE t."caseId" = c."id") DESC LIMIT 1`,
      [DEMO.officer],
    );
    await page.goto(`/cases/${seeded!.id}`);
    await expect(page.getByRole("region", { name: "At a glance" })).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/case-page-phone.png" });
    await expectNoAccessibilityViolations(page);

    await page.getByRole("navigation", { name: "Contents" }).getByRole("link", { name: "Timeline" }).click();
    await expect(page.locator("#timeline")).toBeFocused();
    await expect(page.locator("#timeline").getByRole("heading", { level: 2, name: "Timeline" })).toBeInViewport();
    await page.screenshot({ path: "test-results/case-page-phone-timeline.png" });

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/cases/${seeded!.id}`);
    await page.screenshot({ path: "test-results/case-page-desktop.png" });
    await page.locator("#timeline").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/case-page-desktop-timeline.png" });
  });

  test("paging parameters open no door: an officer on no panel gets 'not found' for a MARAC case whatever page is asked for", async ({
    browser,
  }) => {
    const page = await signedIn(browser, DEMO.officerNoPanel);
    const [marac] = await queryE2eDatabase<{ id: string }>(`SELECT "id" FROM "Case" WHERE "restricted" ORDER BY "openedAt" LIMIT 1`);
    for (const query of ["", "?actionsPage=2", "?incidentsPage=2&actionsPage=999999"]) {
      const response = await page.goto(`/cases/${marac!.id}${query}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByText("Finished action")).toHaveCount(0);
    }
  });
});
