import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, queryE2eDatabase, signInAndWait } from "./support";

// The search box in the header of every signed-in page: a reference goes straight to the record,
// anything else lists the people, places and cases the user may see, by kind. What was typed is
// posted and kept on the server: the address holds only an opaque handle, the title only "Search".
// A reference the user may not see (a MARAC case's, for an officer on no panel) is "nothing found",
// word for word what a reference that does not exist gets.

const HANDLE_ONLY = /\/search\?searched=1&search=[A-Za-z0-9_-]{22}$/;

/** Searches from the header, and waits for the answer (each search is a new address: a new handle). */
async function searchFromHeader(page: Page, text: string) {
  const before = page.url();
  const header = page.getByRole("search", { name: "Site" });
  await header.getByRole("searchbox", { name: "Search records" }).fill(text);
  await header.getByRole("button", { name: "Search" }).click();
  await page.waitForURL((url) => url.href !== before);
}

const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

async function signedIn(browser: Browser, email: string, options: { javaScriptEnabled?: boolean; phone?: boolean } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    ...(options.phone ? { viewport: { width: 390, height: 844 } } : {}),
  });
  const page = await context.newPage();
  await signInAndWait(page, email);
  return page;
}

test.describe("the header's search", () => {
  test("an officer goes straight to an incident by its reference, typed in lower case and short", async ({ page }) => {
    // An incident the council's ASB team (Kwame's) logged, in case C01.
    const [incident] = await queryE2eDatabase<{ id: string; reference: string }>(
      `SELECT i.id, i.reference FROM "Incident" i
         JOIN "Organisation" o ON o.id = i."reportingOrganisationId"
         JOIN "Case" c ON c.id = i."caseId"
        WHERE o."shortName" = 'KCSAT' AND c.title LIKE 'Harassment of a vulnerable older resident%'
        ORDER BY i.reference LIMIT 1`,
    );
    await signInAndWait(page, DEMO.officer);
    await searchFromHeader(page, incident!.reference.toLowerCase().replace(/-0+(?=\d)/, "-"));
    await expect(page).toHaveURL(new RegExp(`/incidents/${incident!.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(incident!.reference);
  });

  test("a name or an address lists people, places and cases by kind, each a link, and the page is accessible", async ({ page }, info) => {
    await signInAndWait(page, DEMO.officer);
    await searchFromHeader(page, "Larkhall Gardens");
    await expect(page).toHaveURL(HANDLE_ONLY);
    expect(page.url()).not.toMatch(/larkhall/i);
    await expect(page).toHaveTitle("Search – Safer Partnerships");
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
    const places = page.getByRole("region", { name: "Places", exact: true });
    await expect(places.getByRole("link", { name: "14 Larkhall Gardens, London" })).toBeVisible();
    const cases = page.getByRole("region", { name: "Cases", exact: true });
    await expect(cases.getByRole("listitem").filter({ hasText: "Harassment of a vulnerable older resident" }).getByRole("link")).toHaveText(
      /^CASE-\d{4}-\d{6}$/,
    );
    await expect(page.getByRole("region", { name: "People", exact: true })).toContainText("No people found.");
    // The page's own box holds the search, to change it.
    await expect(page.getByRole("main").getByLabel("Search for")).toHaveValue("Larkhall Gardens");
    await expectNoAccessibilityViolations(page);
    await page.screenshot({ path: info.outputPath("search-results-desktop.png"), fullPage: true });

    await searchFromHeader(page, "ellison");
    const people = page.getByRole("region", { name: "People", exact: true });
    await people.getByRole("link", { name: "Margaret Ellison" }).click();
    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  });

  test("an officer on no panel gets 'nothing found' for a MARAC case's or referral's reference, exactly as for one that does not exist", async ({
    page,
  }) => {
    const [marac] = await queryE2eDatabase<{ reference: string }>(
      `SELECT reference FROM "Case" WHERE title LIKE 'Domestic abuse: Ellie Newman%'`,
    );
    const [referral] = await queryE2eDatabase<{ reference: string }>(
      `SELECT r.reference FROM "Referral" r JOIN "User" u ON u.id = r."referringUserId"
        WHERE r.panel = 'MARAC' AND u.email <> $1 ORDER BY r.reference LIMIT 1`,
      [DEMO.officerNoPanel],
    );
    await signInAndWait(page, DEMO.officerNoPanel);
    const answers: string[] = [];
    for (const reference of [marac!.reference, referral!.reference, "CASE-2026-999999", "REF-2026-999999"]) {
      await searchFromHeader(page, reference);
      await expect(page).toHaveURL(HANDLE_ONLY);
      await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: "Nothing found" })).toBeVisible();
      answers.push((await page.getByRole("main").innerText()).replace(reference, "THE-REFERENCE"));
    }
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toContain("No record you can see has the reference THE-REFERENCE.");
    await expectNoAccessibilityViolations(page);
  });

  test("empty, over-long and odd searches get a message by the field, never an error page", async ({ page }) => {
    await signInAndWait(page, DEMO.viewer);
    await searchFromHeader(page, "");
    await expect(page).toHaveTitle("Error: Search – Safer Partnerships");
    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: "Enter a reference, a name, an address or a case title" })).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await searchFromHeader(page, "x".repeat(10_000));
    await expect(summary.getByRole("link", { name: "Search for 100 characters or fewer" })).toBeVisible();

    for (const odd of ["🙂‍↔️", "\u202e\u200b", '\'; DROP TABLE "Person"; --', "Zoë Ğüneş"]) {
      await searchFromHeader(page, odd);
      await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: /Nothing found|Results/ }).or(summary)).toBeVisible();
    }
  });

  test("works without script: the search is a plain form post", async ({ browser }) => {
    const page = await signedIn(browser, DEMO.officer, { javaScriptEnabled: false });
    await searchFromHeader(page, "Larkhall Gardens");
    await expect(page).toHaveURL(HANDLE_ONLY);
    await expect(
      page.getByRole("region", { name: "Places", exact: true }).getByRole("link", { name: "14 Larkhall Gardens, London" }),
    ).toBeVisible();
    await page.context().close();
  });

  test("on a phone the header has a Search link instead of the box, and nothing is wider than the screen", async ({ browser }, info) => {
    const page = await signedIn(browser, DEMO.officer, { phone: true });
    await expect(page.getByRole("search", { name: "Site" })).toBeHidden();
    expect(await fitsWidth(page)).toBe(true);
    await page.screenshot({ path: info.outputPath("header-phone.png") });
    await page.getByRole("banner").getByRole("link", { name: "Search" }).click();
    await expect(page).toHaveURL(/\/search$/);
    await page.getByRole("main").getByLabel("Search for").fill("Larkhall Gardens");
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(HANDLE_ONLY);
    await expect(page.getByRole("region", { name: "Cases", exact: true }).getByRole("link").first()).toBeVisible();
    expect(await fitsWidth(page)).toBe(true);
    await expectNoAccessibilityViolations(page);
    await page.screenshot({ path: info.outputPath("search-results-phone.png"), fullPage: true });
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await fitsWidth(page)).toBe(true);
    await page.context().close();
  });
});
