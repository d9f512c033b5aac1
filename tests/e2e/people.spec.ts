import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";

// People in the demo partnership (prisma/seed/places-and-people.ts): Margaret Ellison, a repeat
// and vulnerable victim in the council-led case C01; Stephen Doherty (council record) and Steven
// Docherty (police record), one man recorded twice, both in the council-led case C04.

async function searchPeople(page: Page, name: string) {
  await page.goto("/people");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("main").getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /found$/ })).toBeVisible();
}

test.describe("finding a person", () => {
  test("an officer finds a repeat victim despite a misspelling and sees the alerts on the profile", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).click();
    await expect(page).toHaveTitle(/^People – /);
    await expect(page.getByText("Search by name, date of birth, or both.")).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByLabel("Name").fill("margret elison");
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    // Neither the address nor the title carries the name: both end up in browser history (and the
    // address in server logs). The address holds an opaque handle to the search, kept on the server.
    await expect(page).toHaveURL(/\/people\?search=[A-Za-z0-9_-]{22}$/);
    await expect(page).toHaveTitle(/^People – /);
    await expect(page.getByLabel("Name")).toHaveValue("margret elison");
    const firstRow = page.getByRole("table").getByRole("row").nth(1);
    await expect(firstRow.getByRole("rowheader")).toHaveText("Margaret Ellison");
    await expect(firstRow.getByText("Repeat victim")).toBeVisible();
    await expect(firstRow.getByText("Vulnerable")).toBeVisible();
    await expect(firstRow.getByRole("cell").nth(1)).toHaveText(/^\d{2}\/\d{2}\/\d{4}$/);
    await expectNoAccessibilityViolations(page);

    await firstRow.getByRole("link", { name: "Margaret Ellison" }).click();
    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
    await expect(page).toHaveTitle(/^Person profile – /);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Margaret Ellison");
    const alerts = page.getByRole("alert").filter({ hasText: "Alerts" });
    await expect(alerts).toContainText(/Repeat victim\s*Victim in \d+ incidents in the last 12 months/);
    await expect(alerts).toContainText("Vulnerable");
    await expect(alerts).toContainText("Social isolation");
    await expect(page.getByRole("heading", { name: /^Incidents/ })).toBeVisible();
    await expect(page.getByRole("region", { name: /Incidents this person is involved in/ }).getByRole("row")).not.toHaveCount(1);
    await expectNoAccessibilityViolations(page);
  });

  test("the search works without JavaScript, and its address shows a colleague nothing of it", async ({ browser }) => {
    // Signed in with script, then the search made in a browser with JavaScript turned off.
    const signedIn = await browser.newContext();
    await signInAndWait(await signedIn.newPage(), DEMO.officer);
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.storageState() });
    await signedIn.close();
    const officer = await noScript.newPage();
    await officer.goto("/people");
    await officer.getByLabel("Name").fill("margret elison");
    await officer.getByRole("main").getByRole("button", { name: "Search" }).click();
    await expect(officer).toHaveURL(/\/people\?search=[A-Za-z0-9_-]{22}$/);
    await expect(officer.getByRole("link", { name: "Margaret Ellison" })).toBeVisible();
    const address = officer.url();
    await noScript.close();

    // The same address, opened by someone else (a pasted link, a shared computer's history).
    const managerContext = await browser.newContext();
    const manager = await managerContext.newPage();
    await signInAndWait(manager, DEMO.manager);
    await manager.goto(address);
    await expect(manager.getByText("That search has expired")).toBeVisible();
    await expect(manager.getByLabel("Name")).toHaveValue("");
    await expect(manager.getByText("Margaret Ellison")).toHaveCount(0);
    await expectNoAccessibilityViolations(manager);
    await managerContext.close();
  });

  test("the picker's search answers signed-in users only, with the alerts and no caching", async ({ page, playwright, baseURL }) => {
    await signInAndWait(page, DEMO.officer);
    const response = await page.request.post("/api/people/search", { data: { q: "margret elison", limit: 5 } });
    expect(response.status()).toBe(200);
    expect(response.headers()["cache-control"]).toContain("no-store");
    const body = (await response.json()) as {
      results: { name: string; aliases: string[]; dateOfBirth: string | null; alerts: { repeatVictim: boolean; vulnerable: boolean } }[];
    };
    expect(body.results[0]).toMatchObject({ name: "Margaret Ellison", aliases: [], alerts: { repeatVictim: true, vulnerable: true } });
    expect(body.results[0]?.dateOfBirth).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

    const kaydee = (await (await page.request.post("/api/people/search", { data: { q: "kaydee" } })).json()) as typeof body;
    expect(kaydee.results.map((r) => [r.name, r.aliases])).toContainEqual(["Kyle Denton", ["Kaydee"]]);

    const badDate = await page.request.post("/api/people/search", { data: { q: "ellison", dob: "1980-02-31" } });
    expect(badDate.status()).toBe(400);
    expect(badDate.headers()["content-type"]).toBe("application/problem+json");
    expect(await badDate.json()).toEqual({
      type: "about:blank",
      title: "Bad Request",
      status: 400,
      detail: "dob must be a real past date as YYYY-MM-DD",
    });

    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.post("/api/people/search", { data: { q: "ellison" } })).status()).toBe(401);
    await anonymous.dispose();
  });

  test("the picker's search cannot be reached with a name in the URL or from another site's form", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    // A name in the query string (it would land in access logs) is refused before any search.
    const byUrl = await page.request.get("/api/people/search?q=ellison");
    expect(byUrl.status()).toBe(405);
    expect(await byUrl.text()).not.toContain("Ellison");
    // A cross-site HTML form can only send these content types, with the victim's cookies.
    const asForm = await page.request.post("/api/people/search", { form: { q: "ellison" } });
    expect(asForm.status()).toBe(415);
    expect(await asForm.text()).not.toContain("Ellison");
    const asText = await page.request.post("/api/people/search", {
      data: JSON.stringify({ q: "ellison" }),
      headers: { "content-type": "text/plain" },
    });
    expect(asText.status()).toBe(415);
    expect(asText.headers()["cache-control"]).toContain("no-store");
  });
});

test.describe("adding a person", () => {
  test("bad input is explained next to each field and nothing typed is lost; likely matches are offered first", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await page.goto("/people/new");
    await expect(page).toHaveTitle(/^Add a person – /);
    await page.getByRole("button", { name: "Continue" }).click();
    const summary = page.getByRole("alert", { name: "There is a problem" });
    await expect(summary).toContainText("Enter a first name");
    await expect(summary).toContainText("Enter a last name");
    await expect(summary).toContainText("Select a gender");
    await expect(page).toHaveTitle(/^Error: Add a person/);
    await expectNoAccessibilityViolations(page);

    await page.getByLabel("First name").fill("Margaret");
    await page.getByLabel("Last name").fill("Ellison");
    await page.getByLabel("Day").fill("31");
    await page.getByLabel("Month").fill("2");
    await page.getByLabel("Year").fill("1944");
    await page.getByLabel("Also known as (optional)").fill("Peggy Ellison");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(summary).toContainText("Date of birth must be a real date");
    await expect(page.getByLabel("First name")).toHaveValue("Margaret");
    await expect(page.getByLabel("Also known as (optional)")).toHaveValue("Peggy Ellison");
    await expect(page.getByLabel("Day")).toHaveValue("31");
    await summary.getByRole("link", { name: "Date of birth must be a real date" }).click();
    await expect(page.getByLabel("Day")).toBeFocused();

    await page.getByLabel("Day").fill("");
    await page.getByLabel("Month").fill("");
    await page.getByLabel("Year").fill("");
    await page.getByLabel("Female").check();
    await page.getByRole("button", { name: "Continue" }).click();
    const matches = page.getByRole("region", { name: "This person may already have a profile" });
    await expect(matches).toBeVisible();
    await expect(matches.getByRole("rowheader").first()).toHaveText("Margaret Ellison");
    await expect(matches.getByRole("link", { name: /Use this person/ }).first()).toBeVisible();
    await expect(page.getByLabel("Also known as (optional)")).toHaveValue("Peggy Ellison");
    await expectNoAccessibilityViolations(page);
    // Not created: the officer uses the existing profile.
    await matches
      .getByRole("link", { name: /Use this person/ })
      .first()
      .click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Margaret Ellison");
  });

  test("a new person is created once, with their other names", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await page.goto("/people/new");
    await page.getByLabel("First name").fill("Tobias");
    await page.getByLabel("Last name").fill("Quarrendon");
    await page.getByLabel("Day").fill("9");
    await page.getByLabel("Month").fill("11");
    await page.getByLabel("Year").fill("1988");
    await page.getByLabel("Male", { exact: true }).check();
    await page.getByLabel("Also known as (optional)").fill("Toby Q");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Profile created" })).toBeVisible();
    await expect(page).toHaveTitle(/^Person profile – /);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tobias Quarrendon");
    await expect(page.getByText("09/11/1988")).toBeVisible();
    await expect(page.getByText("Toby Q")).toBeVisible();
  });
});

test.describe("merging two profiles", () => {
  test("a manager merges Steven Docherty into Stephen Doherty after checking both", async ({ page }) => {
    await signInAndWait(page, DEMO.manager);
    await searchPeople(page, "stephen doherty");
    await page.getByRole("link", { name: "Stephen Doherty" }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stephen Doherty");
    const survivorUrl = page.url();
    await page.getByRole("link", { name: "Merge with another profile" }).click();
    await expect(page).toHaveTitle(/^Merge profiles – /);
    // Until the manager searches, the profiles most like this one are listed: same name and date of birth.
    const choose = page.getByRole("link", { name: "Choose Steven Docherty" });
    await expect(choose).toBeVisible();
    await expectNoAccessibilityViolations(page);
    const duplicateId = (await choose.getAttribute("href"))!.split("/").pop()!;
    await choose.click();

    await expect(page).toHaveTitle(/^Check before merging – /);
    await expect(page.getByRole("region", { name: "Profile to keep" })).toContainText("Stephen Doherty");
    await expect(page.getByRole("region", { name: "Profile to merge into it" })).toContainText("Steven Docherty");
    await expect(page.getByText("You cannot undo a merge.")).toBeVisible();
    await expectNoAccessibilityViolations(page);
    await page.getByRole("button", { name: "Merge profiles" }).click();

    await expect(page).toHaveURL(`${survivorUrl}?merged=1`);
    await expect(page.getByRole("status").filter({ hasText: "Profiles merged" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Stephen Doherty");
    await expect(page.getByText("Steve Docherty, Steven Docherty")).toBeVisible();

    // The merged-away profile's address now leads to the kept one.
    await page.goto(`/people/${duplicateId}`);
    await expect(page).toHaveURL(survivorUrl);
  });

  test("an officer is not offered a merge, and the merge pages do not exist for them", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await searchPeople(page, "kemal arslan");
    await page.getByRole("link", { name: "Kemal Arslan" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kemal Arslan");
    await expect(page.getByRole("link", { name: "Merge with another profile" })).toHaveCount(0);
    const response = await page.goto(`${page.url()}/merge`);
    expect(response?.status()).toBe(404);
  });
});
