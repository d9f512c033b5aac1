import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, queryE2eDatabase, signInAndWait, showFilters } from "./support";

// The acceptance journey for logging incidents: a police officer logs an incident with a new victim and a known
// perpetrator found by a misspelt search, at an existing place found by its postcode, in a case
// shared with the housing provider; a housing officer then logs a second and a third incident for
// the same victim and sees the repeat-victim alert. Plus: bad input keeps every value typed.
//
// Seed facts used (prisma/seed): Fennel Park (SE22 8QA) and its ASB case "Youths congregating
// and intimidation, Fennel Park", led by the police (MPS) and shared with Kingsmere Homes (KH);
// Kyle Denton, known to the police.

const POLICE_OFFICER = "daniel.hughes@met.kingsmere.example";
const HOUSING_OFFICER = "owen.price@kingsmerehomes.example";
const COLLEAGUE = "aisha.begum@met.kingsmere.example";
const VICTIM = { first: "Imogen", last: "Thistlewood", dob: ["14", "6", "1961"] as const };
const CASE_TITLE = "Youths congregating and intimidation, Fennel Park";

/** Types into a combobox and picks the option matching `option` with the keyboard only. */
async function pickWithKeyboard(box: Locator, typed: string, option: RegExp) {
  await box.fill(typed);
  const listbox = box.page().locator(`#${await box.getAttribute("aria-controls")}`);
  await expect(listbox.getByRole("option", { name: option })).toBeVisible();
  const labels = await listbox.getByRole("option").allInnerTexts();
  const index = labels.findIndex((text) => option.test(text.replace(/\s+/g, " ")));
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= index; i++) await box.press("ArrowDown");
  await expect(box).toHaveAttribute("aria-activedescendant", /option/);
  await box.press("Enter");
}

async function fillWhen(page: Page) {
  await page
    .getByRole("group", { name: "Date the incident happened" })
    .getByRole("button", { name: /^Yesterday/ })
    .click();
  await expect(page.getByLabel("Time the incident happened")).toBeFocused();
  await page.keyboard.type("21:30");
}

async function chooseCase(page: Page, title: string) {
  const option = page.locator("#caseId option", { hasText: title });
  await page.getByLabel("Case (optional)").selectOption({ label: (await option.textContent()) ?? "" });
}

function person(page: Page, n: number): Locator {
  return page.getByRole("group", { name: `Person ${n}`, exact: true });
}

/** Logs an incident with the victim picked by name; returns the incident page's heading text. */
async function logIncidentForKnownVictim(page: Page, description: string) {
  await page.goto("/incidents/new");
  await fillWhen(page);
  await page.getByRole("radio", { name: "Phone" }).check();
  await page.getByRole("radio", { name: "Personal" }).check();
  await page.getByLabel("Type of anti-social behaviour").selectOption({ label: "Intimidation or harassment" });
  await page.getByLabel("Description").fill(description);
  await pickWithKeyboard(
    person(page, 1).getByRole("combobox", { name: "Name" }),
    VICTIM.last,
    new RegExp(`${VICTIM.first} ${VICTIM.last}`),
  );
  await person(page, 1).getByLabel("Role in the incident").selectOption("VICTIM");
  await chooseCase(page, CASE_TITLE);
  await page.getByRole("button", { name: "Log incident" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Incident INC-\d{4}-\d{6} logged/ })).toBeVisible();
}

test.describe("logging incidents", () => {
  test("a police officer logs an incident; a housing officer logs two more for the same victim and sees the repeat-victim alert", async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const police = await (await browser.newContext()).newPage();
    await signInAndWait(police, POLICE_OFFICER);
    await police.goto("/incidents/new");
    await expect(police).toHaveTitle(/^Log an incident/);
    await expectNoAccessibilityViolations(police);

    await fillWhen(police);
    await police.getByRole("radio", { name: "Seen on patrol" }).check();
    await police.getByRole("radio", { name: "Personal" }).check();
    await police.getByLabel("Type of anti-social behaviour").selectOption({ label: "Intimidation or harassment" });
    await police
      .getByLabel("Description")
      .fill("Group of youths surrounded a woman on the path by the play area and took her phone. She was shaken but not hurt.");

    // An existing place, found by its postcode.
    await pickWithKeyboard(police.getByRole("combobox", { name: "Place" }), "SE22 8QA", /Fennel Park/);
    await expect(police.locator("#locationId")).toContainText("Fennel Park");

    // A new victim: the search finds nobody, so "Add a new person" (the last option) is chosen.
    const first = person(police, 1);
    const search = first.getByRole("combobox", { name: "Name" });
    await search.fill(`${VICTIM.first} ${VICTIM.last}`);
    const newPersonOption = police.getByRole("option", { name: "Add a new person" });
    await expect(newPersonOption).toBeVisible();
    await expect(police.getByRole("status").filter({ hasText: /found/ })).toHaveText(/people found|person found/);
    await search.press("ArrowUp");
    await search.press("Enter");
    await expect(first.getByLabel("First name")).toBeFocused();
    await expect(first.getByLabel("First name")).toHaveValue(VICTIM.first);
    await expect(first.getByLabel("Last name")).toHaveValue(VICTIM.last);
    await first.getByLabel("Day").fill(VICTIM.dob[0]);
    await first.getByLabel("Month").fill(VICTIM.dob[1]);
    await first.getByLabel("Year").fill(VICTIM.dob[2]);
    await first.getByLabel("Role in the incident").selectOption({ label: "Victim" });

    // A known alleged perpetrator, found with a misspelt surname.
    await police.getByRole("button", { name: "Add another person" }).click();
    const second = person(police, 2);
    await expect(second.getByRole("combobox", { name: "Name" })).toBeFocused();
    await pickWithKeyboard(second.getByRole("combobox", { name: "Name" }), "Kyle Dentn", /Kyle Denton/);
    await second.getByLabel("Role in the incident").selectOption({ label: "Alleged perpetrator" });

    await police.getByRole("radio", { name: "Medium" }).check();
    await chooseCase(police, CASE_TITLE);
    await police.getByRole("button", { name: "Log incident" }).click();

    await expect(police).toHaveURL(/\/incidents\/[0-9a-f-]{36}\?logged=1$/);
    await expect(police.getByRole("status").filter({ hasText: /Incident INC-\d{4}-\d{6} logged/ })).toBeVisible();
    await expect(police).toHaveTitle(/^Incident INC-\d{4}-\d{6}/);
    const people = police.getByRole("table", { name: "People involved" });
    await expect(people.getByRole("row", { name: new RegExp(`${VICTIM.first} ${VICTIM.last}.*Victim`) })).toBeVisible();
    await expect(people.getByRole("row", { name: /Kyle Denton.*Alleged perpetrator/ })).toBeVisible();
    await expect(police.getByText("Fennel Park").first()).toBeVisible();
    await expectNoAccessibilityViolations(police);

    // The housing officer finds the new victim through the shared case, and logs two more.
    const housing = await (await browser.newContext()).newPage();
    await signInAndWait(housing, HOUSING_OFFICER);
    await logIncidentForKnownVictim(housing, "Victim reports the same group shouting at her from the landing outside her flat.");
    await expect(housing.getByRole("alert").filter({ hasText: "Repeat victim" })).toHaveCount(0);
    await logIncidentForKnownVictim(housing, "Victim's door kicked at about 21:30; she recognised two of the same youths.");

    const alert = housing.getByRole("alert").filter({ hasText: "Repeat victim" });
    await expect(alert).toContainText(
      `Repeat victim: ${VICTIM.first} ${VICTIM.last} has been the victim in 3 incidents in the last 12 months`,
    );
    await expect(housing.getByRole("table", { name: "People involved" }).getByText("Repeat victim")).toBeVisible();
    await expectNoAccessibilityViolations(housing);

    // The page title never names the victim.
    expect(await housing.title()).not.toContain(VICTIM.last);
  });

  test("bad input shows the error summary and field errors, and keeps every value typed", async ({ page }) => {
    await signInAndWait(page, POLICE_OFFICER);
    await page.goto("/incidents/new");

    // Typed, but the date the incident happened is left out and the new person has no last name.
    await page.getByLabel("Time the incident happened").fill("2130");
    await page.getByRole("radio", { name: "Phone" }).check();
    await page.getByRole("radio", { name: "Nuisance" }).check();
    await page.getByLabel("Type of anti-social behaviour").selectOption({ label: "Noise" });
    await page.getByLabel("Description").fill("Music from the car park until 2am.");
    await pickWithKeyboard(page.getByRole("combobox", { name: "Place" }), "SE22 8QA", /Fennel Park/);
    const first = person(page, 1);
    await first.getByRole("combobox", { name: "Name" }).fill("Zebedee");
    await page.getByRole("option", { name: "Add a new person" }).click();
    await first.getByLabel("First name").fill("Zebedee");
    await first.getByLabel("Last name").fill("");
    await first.getByLabel("Role in the incident").selectOption({ label: "Witness" });
    await page.getByRole("button", { name: "Add another person" }).click();
    await pickWithKeyboard(person(page, 2).getByRole("combobox", { name: "Name" }), "Kyle Dentn", /Kyle Denton/);
    await person(page, 2).getByLabel("Role in the incident").selectOption({ label: "Alleged perpetrator" });
    await page.getByRole("radio", { name: "High" }).check();
    await page.getByRole("button", { name: "Log incident" }).click();

    const summary = page.getByRole("alert", { name: "There is a problem" });
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("link", { name: "Enter the date the incident happened" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter the person's last name" })).toBeVisible();
    await expect(page).toHaveTitle(/^Error: Log an incident/);
    await expect(page.getByRole("group", { name: "Date the incident happened" })).toContainText(
      "Error: Enter the date the incident happened",
    );
    await expect(first).toContainText("Error: Enter the person's last name");
    await expectNoAccessibilityViolations(page);

    const kept = async () => {
      await expect(page.getByLabel("Time the incident happened")).toHaveValue("2130");
      await expect(page.getByRole("radio", { name: "Phone" })).toBeChecked();
      await expect(page.getByRole("radio", { name: "Nuisance" })).toBeChecked();
      await expect(page.getByLabel("Type of anti-social behaviour")).toHaveValue("NOISE");
      await expect(page.getByLabel("Description")).toHaveValue("Music from the car park until 2am.");
      await expect(page.locator("#locationId")).toContainText("Fennel Park");
      await expect(first.getByLabel("First name")).toHaveValue("Zebedee");
      await expect(first.getByLabel("Role in the incident")).toHaveValue("WITNESS");
      await expect(person(page, 2).locator("#people-1-personId")).toContainText("Kyle Denton");
      await expect(person(page, 2).getByLabel("Role in the incident")).toHaveValue("PERPETRATOR");
      await expect(page.getByRole("radio", { name: "High" })).toBeChecked();
    };
    await kept();

    // The error link takes the officer to the field.
    await summary.getByRole("link", { name: "Enter the date the incident happened" }).click();
    await expect(page.getByRole("textbox", { name: "Day" }).first()).toBeFocused();

    // Fixed in the browser, but a tampered person id is caught by the server: the form comes back
    // with the error and, again, everything typed.
    await page
      .getByRole("group", { name: "Date the incident happened" })
      .getByRole("button", { name: /^Yesterday/ })
      .click();
    await first.getByLabel("Last name").fill("Quill");
    await page.locator('input[type="hidden"][name="people.1.personId"]').evaluate((input: HTMLInputElement) => {
      input.value = "0190f0e0-0000-7000-8000-000000000000";
    });
    await page.getByRole("button", { name: "Log incident" }).click();
    await expect(summary.getByRole("link", { name: "Choose a person from the list, or add a new person" })).toBeVisible();
    await expect(page).toHaveURL(/\/incidents\/new$/);
    await kept();
    await expect(first.getByLabel("Last name")).toHaveValue("Quill");
  });

  test("the incident list filters on the server, keeps the filters in the address, and sorts", async ({ page }) => {
    await signInAndWait(page, POLICE_OFFICER);
    await page.goto("/incidents");
    await expect(page).toHaveTitle(/^Incidents/);
    await expectNoAccessibilityViolations(page);

    await showFilters(page);
    await page.getByLabel("Category").selectOption({ label: "Nuisance" });
    await page.getByLabel("Risk level").selectOption({ label: "High" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/category=NUISANCE/);
    await expect(page).toHaveURL(/risk=HIGH/);
    await expect(page.getByRole("list", { name: "Filters in use" })).toContainText("Category: Nuisance");
    const rows = page.getByRole("table").locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    for (const text of await rows.allInnerTexts()) {
      expect(text).toContain("Nuisance");
      expect(text).toContain("High risk");
    }

    // Bookmarkable: the same address gives the same list.
    const address = page.url();
    await page.goto(address);
    await expect(page.getByLabel("Category")).toHaveValue("NUISANCE");

    await page.getByRole("link", { name: /^Reference/ }).click();
    await expect(page).toHaveURL(/sort=reference/);
    await expect(page).toHaveURL(/category=NUISANCE/);
    await expectNoAccessibilityViolations(page);

    await page.getByRole("link", { name: "Clear filters" }).first().click();
    await expect(page).toHaveURL(/\/incidents$/);
    await showFilters(page);
  });

  test("a name typed into the Person filter stays out of the address; removing it keeps the other filters; 'Clear filters' empties every field", async ({
    browser,
  }) => {
    const page = await (await browser.newContext()).newPage();
    await signInAndWait(page, POLICE_OFFICER);
    await page.goto("/incidents");
    const person = page.getByRole("combobox", { name: "Person" });
    await showFilters(page);
    await person.fill("Denton");
    await person.press("Tab");
    await page.getByLabel("Case", { exact: true }).selectOption({ label: "Part of a case you can see" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/[?&]search=[A-Za-z0-9_-]{22}/);
    await expect(page).toHaveURL(/case=yes/);
    expect(page.url()).not.toMatch(/denton/i);
    const chips = page.getByRole("list", { name: "Filters in use" });
    await expect(chips).toContainText("Name: Denton");
    await expect(chips).toContainText("Part of a case you can see");
    await expect(person).toHaveValue("Denton");

    // The same address in a colleague's browser filters by nothing they cannot see in it.
    const colleague = await (await browser.newContext()).newPage();
    await signInAndWait(colleague, COLLEAGUE);
    await colleague.goto(page.url());
    await expect(colleague.getByRole("status").filter({ hasText: "That search has expired" })).toBeVisible();
    await showFilters(colleague);
    await expect(colleague.getByRole("combobox", { name: "Person" })).toHaveValue("");
    await expect(colleague.getByRole("list", { name: "Filters in use" })).not.toContainText("Denton");

    await chips.getByRole("button", { name: "Name: Denton (remove this filter)" }).click();
    await expect(page).not.toHaveURL(/search=/);
    await expect(page).toHaveURL(/case=yes/);
    await showFilters(page);
    await expect(person).toHaveValue("");
    await expect(chips).not.toContainText("Denton");
    await expectNoAccessibilityViolations(page);

    await showFilters(page);
    await person.fill("Denton");
    await person.press("Tab");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(chips).toContainText("Name: Denton");
    await page.getByRole("link", { name: "Clear filters" }).first().click();
    await expect(page).toHaveURL(/\/incidents$/);
    await showFilters(page);
    await expect(person).toHaveValue("");
    await expect(page.getByLabel("Case", { exact: true })).toHaveValue("");
  });

  test("two officers change the same incident: the second is told, sees the other's changes and keeps their own input", async ({
    browser,
  }) => {
    const first = await (await browser.newContext()).newPage();
    const second = await (await browser.newContext()).newPage();
    await signInAndWait(first, POLICE_OFFICER);
    await signInAndWait(second, COLLEAGUE);
    // Logged through the JSON API, as the first officer.
    const response = await first.request.post("/api/incidents", {
      data: {
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        reportedAt: new Date(Date.now() - 1_800_000).toISOString(),
        reportMethod: "PHONE",
        category: "NUISANCE",
        type: "NOISE",
        description: "Party music from the community centre car park.",
        riskLevel: "STANDARD",
        submissionKey: crypto.randomUUID(),
        people: [],
      },
    });
    expect(response.status()).toBe(201);
    const { id } = (await response.json()) as { id: string };

    await first.goto(`/incidents/${id}/edit`);
    await second.goto(`/incidents/${id}/edit`);
    await first.getByRole("radio", { name: "High" }).check();
    await first.getByRole("button", { name: "Save changes" }).click();
    await expect(first.getByRole("status").filter({ hasText: /updated/ })).toBeVisible();

    const mine = "Party music and shouting until 02:00; residents of Tanner Street kept awake.";
    await second.getByLabel("Description").fill(mine);
    await second.getByRole("button", { name: "Save changes" }).click();
    const banner = second.getByRole("alert").filter({ hasText: "Someone else changed this incident while you were editing it" });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(/Risk level\s*High\s*Differs from yours/);
    await expect(second.getByLabel("Description")).toHaveValue(mine);
    await expectNoAccessibilityViolations(second);

    // Having seen the other change, the officer saves again on purpose.
    await second.getByRole("radio", { name: "High" }).check();
    await second.getByRole("button", { name: "Save changes" }).click();
    await expect(second.getByRole("status").filter({ hasText: /updated/ })).toBeVisible();
    await expect(second.getByText(mine)).toBeVisible();
  });

  test("an incident another organisation logged, outside any shared case, is not found", async ({ page, browser }) => {
    const police = await (await browser.newContext()).newPage();
    await signInAndWait(police, POLICE_OFFICER);
    await police.goto("/incidents?org=&case=no");
    const link = police.getByRole("table").locator("tbody tr").filter({ hasText: "MPS" }).getByRole("link").first();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^\/incidents\//);

    await signInAndWait(page, HOUSING_OFFICER);
    const response = await page.goto(href!);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  });

  test("a new victim and a new place already recorded are offered before anything is made; using them makes no duplicate", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const description = `Shouting and bottles thrown over the fence ${Date.now().toString(36)}`;
    await signInAndWait(page, "kwame.mensah@kingsmere.gov.example");
    await page.goto("/incidents/new");
    await fillWhen(page);
    await page.getByRole("radio", { name: "Phone" }).check();
    await page.getByRole("radio", { name: "Personal" }).check();
    await page.getByLabel("Type of anti-social behaviour").selectOption({ label: "Intimidation or harassment" });
    await page.getByLabel("Description").fill(description);

    // The officer adds the place and the victim as new, without noticing they are already recorded.
    const placeSearch = page.getByRole("combobox", { name: "Place" });
    await placeSearch.fill("Fenel Park");
    await page.getByRole("option", { name: "Add a new place" }).click();
    await page.getByLabel("Town or city").fill("London");
    await page.getByLabel("Postcode (optional)").fill("se22 8qa");
    await page.getByLabel("Kind of place").selectOption({ label: "Public space" });
    const first = person(page, 1);
    await first.getByRole("combobox", { name: "Name" }).fill("Tomasz Nowak");
    await page.getByRole("option", { name: "Add a new person" }).click();
    await first.getByLabel("Role in the incident").selectOption({ label: "Victim" });
    await page.getByRole("button", { name: "Log incident" }).click();

    // Nothing is made: the likely matches are offered beside each, with a banner linking to them.
    const banner = page.getByRole("alert").filter({ hasText: "Check whether they are already recorded" });
    await expect(banner).toBeVisible();
    await expect(banner.getByRole("link", { name: "Person 1 may already be recorded" })).toBeVisible();
    await expect(banner.getByRole("link", { name: "The place may already be recorded" })).toBeVisible();
    await expect(page).toHaveURL(/\/incidents\/new$/);
    expect(await queryE2eDatabase(`SELECT 1 FROM "Incident" WHERE description = $1`, [description])).toHaveLength(0);
    await expect(page.getByLabel("Description")).toHaveValue(description);
    await expectNoAccessibilityViolations(page);

    const choice = first.getByRole("group", { name: /may already be recorded|may be this person/ });
    await choice.getByRole("radio", { name: /^Use Tomasz Nowak, born/ }).check();
    await page
      .getByRole("group", { name: /place may already be recorded|may be this place/ })
      .getByRole("radio", { name: /^Use Fennel Park/ })
      .check();
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.getByRole("button", { name: "Log incident" }).click();

    await expect(page.getByRole("status").filter({ hasText: /Incident INC-\d{4}-\d{6} logged/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "People involved" }).getByRole("row", { name: /Tomasz Nowak.*Victim/ })).toBeVisible();
    await expect(page.getByText("Fennel Park").first()).toBeVisible();
    expect(await queryE2eDatabase(`SELECT id FROM "Person" WHERE "firstName" = 'Tomasz' AND "lastName" = 'Nowak'`)).toHaveLength(1);
    expect(await queryE2eDatabase(`SELECT id FROM "Location" WHERE "addressLine1" = 'Fennel Park'`)).toHaveLength(1);
  });
});
