import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait, showFilters } from "./support";

// Cases across agencies: a police officer opens an ASB case from two incidents and shares it with
// housing; a housing officer finds it and reads the police entries on one timeline, in order; a
// police officer outside the MARAC panel cannot reach a MARAC case even by its address.

const POLICE_OFFICER = "daniel.hughes@met.kingsmere.example";
const HOUSING_OFFICER = "owen.price@kingsmerehomes.example";
const MARAC_DETECTIVE = "sarah.whitfield@met.kingsmere.example";
const OFFICER_NOT_ON_PANEL = "tom.fletcher@met.kingsmere.example";
const POLICE_INSPECTOR = "gareth.holloway@met.kingsmere.example";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAndWait(page, email);
  return page;
}

/** Signing in needs script; what follows runs in a browser with none, on the same session. */
async function signedInWithoutJavaScript(browser: Browser, email: string): Promise<Page> {
  const withScript = await signedIn(browser, email);
  const storageState = await withScript.context().storageState();
  await withScript.context().close();
  return (await browser.newContext({ javaScriptEnabled: false, storageState })).newPage();
}

test.describe("cases", () => {
  test("a police officer opens an ASB case from two incidents and shares it with housing, who follow it on the timeline", async ({
    browser,
  }) => {
    const police = await signedIn(browser, POLICE_OFFICER);

    // Two of the force's own incidents not yet in any case: the car meets at the retail park.
    await police.goto("/incidents?type=VEHICLE_NUISANCE&case=no");
    const links = police.getByRole("table").locator("tbody tr").filter({ hasText: "MPS" }).getByRole("link");
    await expect(links.nth(1)).toBeVisible();
    const hrefs = await links.evaluateAll((as) => as.slice(0, 2).map((a) => a.getAttribute("href")!));
    const references = (await links.allTextContents()).slice(0, 2);
    const ids = hrefs.map((href) => href.split("/").pop()!);

    await police.goto(`/cases/new?${ids.map((id) => `incident=${id}`).join("&")}`);
    await expect(police.getByRole("heading", { level: 1, name: "Open a case" })).toBeVisible();
    for (const reference of references) await expect(police.getByRole("checkbox", { name: reference })).toBeChecked();
    await expectNoAccessibilityViolations(police);

    // Submitting with nothing chosen: an error summary, messages by the fields, the incidents kept.
    await police.getByRole("button", { name: "Open case" }).click();
    const summary = police.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("link", { name: "Select the kind of case" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter a title for the case" })).toBeVisible();
    await expect(police).toHaveTitle(/^Error: /);
    for (const reference of references) await expect(police.getByRole("checkbox", { name: reference })).toBeChecked();
    await expectNoAccessibilityViolations(police);

    await police.getByRole("radio", { name: "ASB" }).check();
    await police.getByLabel("Title").fill("Car meets at Ryevale Retail Park");
    await police.getByRole("radio", { name: "Medium" }).check();
    await police.getByRole("button", { name: "Open case" }).click();

    await expect(police).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
    const heading = police.getByRole("heading", { level: 1 });
    await expect(heading).toHaveText("Car meets at Ryevale Retail Park");
    const reference = (await police
      .getByText(/^Case CASE-\d{4}-\d{6}$/)
      .first()
      .textContent())!.replace("Case ", "");
    await expect(police).toHaveTitle(`Case ${reference} – Safer Partnerships`);
    await expect(police.getByRole("status").filter({ hasText: `Case ${reference} opened` })).toBeVisible();
    const incidents = police.locator("#incidents");
    for (const incidentReference of references) await expect(incidents.getByRole("link", { name: incidentReference })).toBeVisible();
    const caseUrl = police.url().split("?")[0]!;

    // Share with Kingsmere Homes, then add a note.
    await police.getByRole("link", { name: "Share with another organisation" }).click();
    await police.getByLabel("Organisation to share the case with").selectOption({ label: "Kingsmere Homes" });
    await police.getByRole("button", { name: "Share case" }).click();
    await expect(police.getByRole("status").filter({ hasText: "Case shared" })).toBeVisible();
    await expect(police.locator("#sharing").getByRole("row", { name: /Kingsmere Homes/ })).toContainText("Daniel Hughes");
    await police.getByLabel("Add a note").fill("Retail park security will keep CCTV of Friday nights for 30 days.");
    await police.getByRole("button", { name: "Add note" }).click();
    await expect(police.getByRole("status").filter({ hasText: "Note added to the timeline" })).toBeVisible();
    await expectNoAccessibilityViolations(police);

    // The housing officer finds it among the cases shared with Kingsmere Homes.
    const housing = await signedIn(browser, HOUSING_OFFICER);
    await housing.goto("/cases?relation=shared");
    await expectNoAccessibilityViolations(housing);
    await housing.getByRole("link", { name: reference }).click();
    await expect(housing).toHaveURL(caseUrl);
    await expect(housing.getByRole("heading", { level: 1 })).toHaveText("Car meets at Ryevale Retail Park");
    // Housing may add to the case but not run it.
    await expect(housing.getByRole("link", { name: "Share with another organisation" })).toHaveCount(0);
    await expect(housing.getByRole("button", { name: "Add note" })).toBeVisible();

    // The timeline, oldest first: every police entry, in the order they happened, each saying who and when.
    await housing.getByLabel("Order").selectOption("oldest");
    await housing.getByRole("button", { name: "Apply filters" }).click();
    await expect(housing).toHaveURL(/order=oldest/);
    const entries = housing.getByRole("list", { name: "Timeline entries" }).getByRole("listitem");
    await expect(entries.getByRole("heading", { level: 3 })).toHaveText([
      "Case opened",
      "Incident linked",
      "Incident linked",
      "Person added",
      "Place added",
      "Shared",
      "Note",
    ]);
    await expect(entries.first()).toContainText("Daniel Hughes, MPS");
    await expect(entries.first()).toContainText(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    await expect(entries.last()).toContainText("Retail park security will keep CCTV");
    await expectNoAccessibilityViolations(housing);

    // A note from housing joins the same timeline.
    await housing.getByLabel("Add a note").fill("Tenancy letters sent to the two households on Ryevale Road.");
    await housing.getByRole("button", { name: "Add note" }).click();
    await expect(housing.getByRole("status").filter({ hasText: "Note added to the timeline" })).toBeVisible();
    await police.goto(caseUrl);
    const newest = police.getByRole("list", { name: "Timeline entries" }).getByRole("listitem").first();
    await expect(newest).toContainText("Owen Price, KH");
    await expect(newest).toContainText("Tenancy letters sent");
  });

  test("the case list pages, sorts and filters on the server, and finds a case by its reference", async ({ page }) => {
    await signInAndWait(page, POLICE_OFFICER);
    await page.goto("/cases");
    await expect(page.getByRole("heading", { level: 1, name: "Cases" })).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await showFilters(page);
    await page.getByLabel("Cases", { exact: true }).selectOption("lead");
    await page.getByLabel("Status").selectOption("MONITORING");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/relation=lead/);
    await expect(page).toHaveURL(/status=MONITORING/);
    const rows = page.getByRole("table").locator("tbody tr");
    await expect(rows.first()).toContainText("Monitoring");
    for (const row of await rows.all()) await expect(row).toContainText("Leads");

    const reference = (await rows.first().getByRole("link").textContent())!;
    await page.goto("/cases");
    await showFilters(page);
    await page.getByLabel("Reference or title").fill(reference.toLowerCase());
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(page).toHaveTitle(`Case ${reference} – Safer Partnerships`);
  });

  test("a title search names nobody in the address, and survives sorting; clearing the filters clears it", async ({ page }) => {
    await signInAndWait(page, POLICE_OFFICER);
    await page.goto("/cases");
    // Case C02, led by the police: "Cuckooing of a vulnerable tenant, Flat 7 Harker House".
    await showFilters(page);
    await page.getByLabel("Cases", { exact: true }).selectOption("lead");
    await page.getByLabel("Reference or title").fill("harker house");
    await page.getByRole("button", { name: "Apply filters" }).click();
    // The address (browser history, server logs) holds the filters that name nobody and an opaque
    // handle to the typed text, which is kept on the server.
    await expect(page).toHaveURL(/\/cases\?relation=lead&search=[A-Za-z0-9_-]{22}$/);
    expect(decodeURIComponent(page.url())).not.toMatch(/harker/i);
    await expect(page.getByLabel("Reference or title")).toHaveValue("harker house");
    await expect(page.getByLabel("Cases", { exact: true })).toHaveValue("lead");
    const rows = page.getByRole("table").locator("tbody tr");
    await expect(rows.filter({ hasText: "Cuckooing of a vulnerable tenant, Flat 7 Harker House" })).toHaveCount(1);
    for (const row of await rows.all()) await expect(row).toContainText("Harker House");
    const address = page.url();

    // A sortable header keeps the search through its handle, never through the text.
    await page.getByRole("columnheader", { name: "Reference" }).getByRole("link").click();
    await expect(page).toHaveURL(/[?&]sort=reference/);
    expect(page.url()).toContain(`search=${new URL(address).searchParams.get("search")}`);
    expect(decodeURIComponent(page.url())).not.toMatch(/harker/i);
    await expect(page.getByLabel("Reference or title")).toHaveValue("harker house");
    for (const row of await rows.all()) await expect(row).toContainText("Harker House");
    await expectNoAccessibilityViolations(page);

    await page.getByRole("link", { name: "Clear filters" }).click();
    await expect(page).toHaveURL(/\/cases$/);
    await expect(page.getByLabel("Reference or title")).toHaveValue("");
    await expect(page.getByLabel("Cases", { exact: true })).toHaveValue("");
    await expect(page.getByText(/match your filters/)).toHaveCount(0);
  });

  test("the title search works without JavaScript, and its address shows a colleague nothing of it", async ({ browser }) => {
    const police = await signedInWithoutJavaScript(browser, POLICE_OFFICER);
    await police.goto("/cases");
    await showFilters(police);
    await police.getByLabel("Status").selectOption("active");
    await police.getByLabel("Reference or title").fill("larkhall gardens");
    await police.getByRole("button", { name: "Apply filters" }).click();
    await expect(police).toHaveURL(/\/cases\?status=active&search=[A-Za-z0-9_-]{22}$/);
    await expect(police.getByRole("table").getByText("Harassment of a vulnerable older resident, Larkhall Gardens")).toBeVisible();
    await expect(police.getByLabel("Reference or title")).toHaveValue("larkhall gardens");
    const address = police.url();
    await showFilters(police);
    await police.getByRole("link", { name: "Clear filters" }).click();
    await expect(police).toHaveURL(/\/cases$/);
    await expect(police.getByLabel("Reference or title")).toHaveValue("");
    await police.context().close();

    // The same address in someone else's hands (a pasted link, a shared computer's history).
    const manager = await signedIn(browser, DEMO.manager);
    await manager.goto(address);
    await expect(manager.getByText("That search has expired")).toBeVisible();
    await showFilters(manager);
    await expect(manager.getByLabel("Reference or title")).toHaveValue("");
    await expect(manager.getByLabel("Status")).toHaveValue("active");
    await expectNoAccessibilityViolations(manager);
  });

  test("a police officer outside the MARAC panel gets 'Page not found' for a MARAC case's address", async ({ browser }) => {
    const detective = await signedIn(browser, MARAC_DETECTIVE);
    await detective.goto("/cases?kind=MARAC");
    const row = detective.getByRole("table").locator("tbody tr").first();
    await expect(row).toContainText("Restricted");
    const href = (await row.getByRole("link").first().getAttribute("href"))!;
    await detective.goto(href);
    await expect(detective.getByRole("note", { name: "Protective marking" })).toContainText("Restricted – MARAC");
    await expectNoAccessibilityViolations(detective);

    const outsider = await signedIn(browser, OFFICER_NOT_ON_PANEL);
    const response = await outsider.goto(href);
    expect(response?.status()).toBe(404);
    await expect(outsider.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    for (const path of [`${href}/edit`, `${href}/sharing`]) {
      expect((await outsider.goto(path))?.status()).toBe(404);
    }
    await outsider.goto("/cases?kind=MARAC");
    await expect(outsider.getByText("0 cases match your filters")).toBeVisible();
  });

  test("two officers change the same case: the second is told, and keeps what they typed; every page that changes a case is accessible", async ({
    browser,
  }) => {
    test.setTimeout(180_000); // two sign-ins and seven accessibility scans
    const first = await signedIn(browser, POLICE_OFFICER);
    await first.goto("/cases/new");
    await first.getByRole("radio", { name: "CCM" }).check();
    await first.getByLabel("Title").fill("Begging at Kingsmere Rye station");
    await first.getByRole("button", { name: "Open case" }).click();
    await expect(first).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
    const caseUrl = first.url().split("?")[0]!;

    const second = await signedIn(browser, POLICE_INSPECTOR);
    await first.goto(`${caseUrl}/edit`);
    await second.goto(`${caseUrl}/edit`);
    await expectNoAccessibilityViolations(first);
    await first.getByLabel("Title").fill("Aggressive begging at Kingsmere Rye station");
    await first.getByRole("button", { name: "Save changes" }).click();
    await expect(first.getByRole("status").filter({ hasText: "Case details saved" })).toBeVisible();

    await second.getByLabel("Title").fill("Begging and theft at Kingsmere Rye station");
    await second.getByRole("radio", { name: "High" }).check();
    await second.getByRole("button", { name: "Save changes" }).click();
    const conflict = second.getByRole("alert").filter({ hasText: "Someone else changed this case while you were editing it" });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText("Aggressive begging at Kingsmere Rye station");
    await expect(second.getByLabel("Title")).toHaveValue("Begging and theft at Kingsmere Rye station");
    await expectNoAccessibilityViolations(second);

    // The other pages that change a case, as the lead organisation sees them.
    for (const path of ["status", "sharing", "people/add", "places/add", "incidents/add"]) {
      await first.goto(`${caseUrl}/${path}`);
      await expect(first.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoAccessibilityViolations(first);
    }
    await first.goto(`${caseUrl}/status`);
    await first.getByRole("radio", { name: "Closed" }).check();
    await first.getByRole("button", { name: "Continue" }).click();
    await expect(first.getByRole("alert").filter({ hasText: "Select why the case is being closed" })).toBeVisible();
    await first.getByRole("radio", { name: "Duplicate of another case" }).check();
    await first.getByRole("button", { name: "Continue" }).click();
    await expect(first.getByRole("heading", { level: 1 })).toHaveText("Check before you close the case");
    await expectNoAccessibilityViolations(first);
    await first.getByRole("button", { name: "Close case" }).click();
    await expect(first.getByRole("status").filter({ hasText: "Status changed" })).toBeVisible();
    await expect(first.locator("#details")).toContainText("duplicate of another case");

    await first
      .locator("#timeline")
      .getByRole("link", { name: /Correct this entry/ })
      .first()
      .click();
    await expect(first.getByRole("heading", { level: 1 })).toHaveText("Correct a timeline entry");
    await expectNoAccessibilityViolations(first);
  });
});
