import { expect, test, type Browser, type Page } from "@playwright/test";
import { seedId } from "../../prisma/seed/support";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";

// Places in the demo partnership (prisma/seed/places-and-people.ts): 8 and 10 Quarry Lane, SE22 9DP,
// were recorded by the council's ASB team (KCSAT), whose officer Kwame Mensah signs in here.
// 41 Osier Road, SE16 2JX, is a MARAC victim's home, recorded by Women's Aid and in a restricted case.

// An address says where someone lives: the search is posted and kept on the server, and the address
// bar holds only an opaque handle to it.
const HANDLE_ONLY = /\/places\?search=[A-Za-z0-9_-]{22}$/;

async function searchPlaces(page: Page, text: string) {
  await page.goto("/places");
  await page.getByLabel("Address or postcode").fill(text);
  await page.getByRole("main").getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(HANDLE_ONLY);
}

async function signedInState(browser: Browser, email: string) {
  const context = await browser.newContext();
  await signInAndWait(await context.newPage(), email);
  const state = await context.storageState();
  await context.close();
  return state;
}

test.describe("places", () => {
  test("an officer finds a place by postcode, opens its profile, and the pages are accessible", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Places" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Places" })).toBeVisible();
    await expect(page).toHaveTitle("Places – Safer Partnerships");
    await expectNoAccessibilityViolations(page);

    await page.getByLabel("Address or postcode").fill("se229dp");
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(HANDLE_ONLY);
    expect(page.url()).not.toMatch(/se229dp|se22|9dp/i);
    await expect(page.getByLabel("Address or postcode")).toHaveValue("se229dp");
    const results = page.getByRole("table");
    await expect(results.getByRole("link", { name: "8 Quarry Lane, London" })).toBeVisible();
    await expect(results.getByRole("link", { name: "10 Quarry Lane, London" })).toBeVisible();
    // Places at the exact postcode come first.
    await expect(results.getByRole("rowheader").first()).toContainText("Quarry Lane");
    await expect(page).toHaveTitle("Places – Safer Partnerships");
    await expectNoAccessibilityViolations(page);

    await results.getByRole("link", { name: "10 Quarry Lane, London" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("10 Quarry Lane");
    // Never the address in the title: titles end up in browser history.
    await expect(page).toHaveTitle("Place – Safer Partnerships");
    await expect(page.getByRole("heading", { level: 2, name: /Incidents at this place/ })).toBeVisible();
    await expect(page.getByRole("link", { name: /^INC-/ }).first()).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("a fuzzy address search finds the place despite a typo", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await searchPlaces(page, "Quary Lane");
    await expect(page.getByLabel("Address or postcode")).toHaveValue("Quary Lane");
    await expect(page.getByRole("table").getByRole("link", { name: "8 Quarry Lane, London" })).toBeVisible();
    // Refreshing the page (or coming back to it) shows the same search from the handle.
    await page.reload();
    await expect(page.getByLabel("Address or postcode")).toHaveValue("Quary Lane");
    await expect(page.getByRole("table").getByRole("link", { name: "8 Quarry Lane, London" })).toBeVisible();
    // Places in the menu starts a new search: the box is empty again.
    await page.getByLabel("Address or postcode").fill("Quarry");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Places" }).click();
    await expect(page).toHaveURL(/\/places$/);
    await expect(page.getByLabel("Address or postcode")).toHaveValue("");
    await expect(page.getByText("Search by a full postcode")).toBeVisible();
  });

  test("an address typed into the URL searches nothing, so no link or bookmark ever carries one", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await page.goto("/places?q=Quarry+Lane");
    await expect(page.getByLabel("Address or postcode")).toHaveValue("");
    await expect(page.getByText("Search by a full postcode")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);
  });

  test("the search works without JavaScript, and its address shows a colleague nothing of it", async ({ browser, page: manager }) => {
    // Signed in with script (the sign-in form needs it); the search itself runs without.
    const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await signedInState(browser, DEMO.officer) });
    const officer = await noScript.newPage();
    await searchPlaces(officer, "SE22 9DP");
    await expect(officer.getByLabel("Address or postcode")).toHaveValue("SE22 9DP");
    await expect(officer.getByRole("table").getByRole("link", { name: "8 Quarry Lane, London" })).toBeVisible();
    const address = officer.url();
    await noScript.close();

    // The same address, opened by someone else (a pasted link, a shared computer's history).
    await signInAndWait(manager, DEMO.manager);
    await manager.goto(address);
    await expect(manager.getByText("That search has expired")).toBeVisible();
    await expect(manager.getByLabel("Address or postcode")).toHaveValue("");
    await expect(manager.getByText("Quarry Lane")).toHaveCount(0);
    await expectNoAccessibilityViolations(manager);
  });

  test("adding a place with a bad postcode shows the errors and keeps everything typed", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await page.goto("/places/new");
    await expect(page).toHaveTitle("Add a place – Safer Partnerships");
    await expectNoAccessibilityViolations(page);

    await page.getByLabel("Address line 1").fill("Flat 3, Dunmore House");
    await page.getByLabel("Address line 2 (optional)").fill("Bellfield Road");
    await page.getByLabel("Town or city").fill("London");
    await page.getByLabel("Postcode").fill("SE15 4Q");
    await page.getByLabel("Home or residential building").check();
    await page.getByRole("button", { name: "Continue" }).click();

    const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter a real postcode, like SE15 4QF" })).toHaveAttribute("href", "#postcode");
    await expect(summary).toBeFocused();
    await expect(page.locator("#postcode-error")).toHaveText("Error: Enter a real postcode, like SE15 4QF");
    await expect(page.getByLabel("Postcode")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveTitle("Error: Add a place – Safer Partnerships");

    await expect(page.getByLabel("Address line 1")).toHaveValue("Flat 3, Dunmore House");
    await expect(page.getByLabel("Address line 2 (optional)")).toHaveValue("Bellfield Road");
    await expect(page.getByLabel("Town or city")).toHaveValue("London");
    await expect(page.getByLabel("Postcode")).toHaveValue("SE15 4Q");
    await expect(page.getByLabel("Home or residential building")).toBeChecked();
    await expectNoAccessibilityViolations(page);

    await summary.getByRole("link", { name: "Enter a real postcode, like SE15 4QF" }).click();
    await expect(page.getByLabel("Postcode")).toBeFocused();
  });

  test("before adding a place, the one already recorded at the postcode is offered; none of these adds it once", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await page.goto("/places/new");
    await page.getByLabel("Address line 1").fill("8 Quarry Lane");
    await page.getByLabel("Town or city").fill("London");
    await page.getByLabel("Postcode").fill("se22 9dp");
    await page.getByLabel("Home or residential building").check();
    await page.getByRole("button", { name: "Continue" }).click();

    const matches = page.getByRole("region", { name: /may already be recorded/ });
    await expect(matches.getByRole("link", { name: "8 Quarry Lane, London" })).toBeVisible();
    await expect(matches.getByRole("link", { name: "Use this place" }).first()).toBeVisible();
    await expectNoAccessibilityViolations(page);

    await page.getByRole("button", { name: "None of these – create a new place" }).dblclick();
    await expect(page.getByRole("status").getByText("Place added")).toBeVisible();
    await expect(page).toHaveTitle("Place – Safer Partnerships");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("8 Quarry Lane");

    // The double click made one place: the seeded one and this one, not three.
    const found = await page.request.post("/api/places/search", { data: { q: "SE22 9DP", limit: 20 } });
    const { results } = (await found.json()) as { results: { label: string }[] };
    expect(results.filter((r) => r.label === "8 Quarry Lane, London")).toHaveLength(2);
  });

  test("an officer outside the MARAC panel cannot find a victim's home that is only in a restricted case", async ({ page, request }) => {
    await signInAndWait(page, DEMO.officerNoPanel);
    await searchPlaces(page, "SE16 2JX");
    await expect(page.getByRole("heading", { level: 2, name: /places at SE16 2JX/ })).toBeVisible();
    await expect(page.getByText("Osier Road")).toHaveCount(0);

    const response = await page.goto(`/places/${seedId("location:L11")}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();

    const api = await page.request.post("/api/places/search", { data: { q: "se162jx", limit: 20 } });
    expect(api.status()).toBe(200);
    expect(api.headers()["cache-control"]).toBe("no-store");
    expect(JSON.stringify(await api.json())).not.toContain("Osier");

    // Signed out, the picker's endpoint answers 401 and nothing else.
    const signedOut = await request.post("/api/places/search", { data: { q: "se162jx" } });
    expect(signedOut.status()).toBe(401);
  });

  test("the incident form's picker finds a place by postcode", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    const response = await page.request.post("/api/places/search", { data: { q: "SE22 9DP", limit: 5 } });
    expect(response.status()).toBe(200);
    const { results } = (await response.json()) as { results: { id: string; label: string; postcode: string | null; kind: string }[] };
    expect(
      results
        .slice(0, 2)
        .map((r) => r.label)
        .sort(),
    ).toEqual(["10 Quarry Lane, London", "8 Quarry Lane, London"]);
    expect(results[0]).toMatchObject({ postcode: "SE22 9DP", kind: "RESIDENTIAL" });
    expect(results.length).toBeLessThanOrEqual(5);

    // Not with the postcode in the URL (access logs), nor as another site's form could post it.
    const byUrl = await page.request.get("/api/places/search?q=SE22%209DP");
    expect(byUrl.status()).toBe(405);
    expect(await byUrl.text()).not.toContain("Quarry Lane");
    const asForm = await page.request.post("/api/places/search", { form: { q: "SE22 9DP" } });
    expect(asForm.status()).toBe(415);
    expect(await asForm.text()).not.toContain("Quarry Lane");
  });
});
