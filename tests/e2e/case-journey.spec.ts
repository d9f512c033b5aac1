import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, signInAndWait, showFilters } from "./support";

// The case journey, end to end: a police officer opens an ASB case from two incidents,
// shares it with housing and gives housing an action; a housing officer signs in, finds the case
// and the action on their dashboard and completes the action with its outcome; the police officer
// reads both agencies' entries on the case timeline, in order. axe checks each page on the way.

const POLICE_OFFICER = "daniel.hughes@met.kingsmere.example";
const HOUSING_OFFICER = "owen.price@kingsmerehomes.example";

const TITLE = "Drug dealing on the Brimstone Bridge towpath";
const ACTION = "Check the tenancies of the flats overlooking the towpath";
const OUTCOME = "Two flats visited; one tenant given a warning about visitors dealing from the balcony.";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAndWait(page, email);
  return page;
}

/** A week from today in London, as the three date inputs take it. */
function aWeekFromToday(): { day: string; month: string; year: string } {
  const inAWeek = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "numeric",
    year: "numeric",
  }).formatToParts(inAWeek);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: part("day"), month: part("month"), year: part("year") };
}

test("a police officer opens a case from two incidents and gives housing an action; housing completes it from their dashboard; the timeline shows both agencies in order", async ({
  browser,
}) => {
  test.setTimeout(180_000); // two agencies, two incidents, a case, an action and its completion
  const police = await signedIn(browser, POLICE_OFFICER);

  // Two MPS reports of dealing on the towpath at Brimstone Bridge, in no case yet.
  await police.goto("/incidents?type=DRUG_USE_DEALING&case=no");
  const links = police.getByRole("table").locator("tbody tr").filter({ hasText: "MPS" }).getByRole("link");
  await expect(links.nth(1)).toBeVisible();
  const [first, second] = (await links.allTextContents()).slice(0, 2) as [string, string];

  // From the first incident's page, "Open a case from this incident"; the second by its reference.
  await links.first().click();
  await expect(police.getByRole("heading", { level: 1 })).toHaveText(first);
  await expectNoAccessibilityViolations(police);
  await police.getByRole("link", { name: "Open a case from this incident" }).click();
  await expect(police).toHaveURL(/\/cases\/new\?incident=[0-9a-f-]{36}$/);
  await expect(police.getByRole("checkbox", { name: first })).toBeChecked();
  await police.getByLabel("Other incidents (optional)").fill(second);
  await police.getByRole("radio", { name: "ASB" }).check();
  await police.getByLabel("Title").fill(TITLE);
  await police.getByRole("radio", { name: "Medium" }).check();
  await police.getByRole("button", { name: "Open case" }).click();
  await expect(police).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
  const caseUrl = police.url().split("?")[0]!;
  const reference = (await police
    .getByText(/^Case CASE-\d{4}-\d{6}$/)
    .first()
    .textContent())!.replace("Case ", "");
  for (const incident of [first, second]) await expect(police.locator("#incidents").getByRole("link", { name: incident })).toBeVisible();
  // The incident now belongs to a case: no more "Open a case" on it.
  await police.locator("#incidents").getByRole("link", { name: first }).click();
  await expect(police.getByRole("link", { name: "Open a case from this incident" })).toHaveCount(0);
  await police.goto(caseUrl);
  await expect(police.locator("#actions")).toContainText("No actions are open.");
  await expectNoAccessibilityViolations(police);

  // Share with Kingsmere Homes.
  await police.getByRole("link", { name: "Share with another organisation" }).click();
  await police.getByLabel("Organisation to share the case with").selectOption({ label: "Kingsmere Homes" });
  await police.getByRole("button", { name: "Share case" }).click();
  await expect(police.getByRole("status").filter({ hasText: "Case shared" })).toBeVisible();

  // Give Kingsmere Homes an action, named to Owen Price. Nothing chosen first: the problems are listed.
  await police.locator("#actions").getByRole("link", { name: "Add an action" }).click();
  await expect(police.getByRole("heading", { level: 1, name: "Add an action" })).toBeVisible();
  await expect(police).toHaveTitle(`Add an action to case ${reference} – Safer Partnerships`);
  await expectNoAccessibilityViolations(police);
  await police.getByRole("button", { name: "Add action" }).click();
  const summary = police.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "Enter what needs to be done" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Enter the date the action is due" })).toBeVisible();
  await expect(police).toHaveTitle(/^Error: /);
  await expectNoAccessibilityViolations(police);

  await police.getByLabel("What needs to be done").fill(ACTION);
  await police.getByLabel("Organisation that will do it").selectOption({ label: "Kingsmere Homes" });
  const officer = police.getByLabel("Officer (optional)");
  await officer.selectOption((await officer.locator("option", { hasText: "Owen Price" }).getAttribute("value"))!);
  const due = aWeekFromToday();
  const dueDate = police.getByRole("group", { name: "When is it due?" });
  await dueDate.getByLabel("Day").fill(due.day);
  await dueDate.getByLabel("Month").fill(due.month);
  await dueDate.getByLabel("Year").fill(due.year);
  await police.getByRole("button", { name: "Add action" }).click();
  await expect(police.getByRole("status").filter({ hasText: "Action added" })).toBeVisible();
  const actionRow = police.locator("#actions").getByRole("row", { name: new RegExp(ACTION) });
  await expect(actionRow).toContainText("KH");
  await expect(actionRow).toContainText("Owen Price");
  await expect(actionRow).toContainText("Open");
  await expectNoAccessibilityViolations(police);

  // Housing signs in: the case and the action are on the dashboard.
  const housing = await signedIn(browser, HOUSING_OFFICER);
  await expect(
    housing.getByRole("region", { name: "Cases shared with KH, most recently active first" }).getByRole("link", { name: reference }),
  ).toBeVisible();
  await expect(housing.getByRole("region", { name: "My actions, soonest due first" }).getByRole("link", { name: ACTION })).toBeVisible();
  await expect(
    housing
      .getByRole("list", { name: "Recent activity" })
      .getByRole("listitem")
      .filter({ hasText: `Action for KH (Owen Price): ${ACTION}` }),
  ).toContainText("Daniel Hughes, MPS");
  await expectNoAccessibilityViolations(housing);

  // All of my actions, then "Complete": an outcome is required.
  await housing.getByRole("link", { name: "View all my actions" }).click();
  await expect(housing.getByRole("heading", { level: 1, name: "My actions" })).toBeVisible();
  await expectNoAccessibilityViolations(housing);
  const row = housing.getByRole("row", { name: new RegExp(ACTION) });
  await expect(row.getByRole("link", { name: reference })).toBeVisible();
  await row.locator("summary").click();
  await expectNoAccessibilityViolations(housing);
  await row.getByRole("button", { name: "Mark as done" }).click();
  await expect(row.getByText("Enter the outcome: what was done")).toBeVisible();
  await expect(row.getByLabel("What was the outcome?")).toBeFocused();
  await expect(housing).toHaveTitle(/^Error: /);
  await row.getByLabel("What was the outcome?").fill(OUTCOME);
  await row.getByRole("button", { name: "Mark as done" }).click();
  await expect(housing.getByRole("status").filter({ hasText: "Action marked as done" })).toBeVisible();
  await expect(housing.getByRole("row", { name: new RegExp(ACTION) })).toHaveCount(0);
  await housing.getByRole("link", { name: "Assigned to KH" }).click();
  await expect(housing.getByRole("heading", { level: 1, name: "My organisation’s actions" })).toBeVisible();
  await expectNoAccessibilityViolations(housing);

  // The police officer reads the timeline, oldest first: police entries, then housing's completion.
  await police.goto(caseUrl);
  const done = police.locator("#actions").getByRole("row", { name: new RegExp(ACTION) });
  await expect(done).toContainText("Done");
  await expect(done).toContainText(OUTCOME);
  await police.getByLabel("Order").selectOption("oldest");
  await police.getByRole("button", { name: "Apply filters" }).click();
  await expect(police).toHaveURL(/order=oldest/);
  const entries = police.getByRole("list", { name: "Timeline entries" }).getByRole("listitem");
  const headings = await entries.getByRole("heading", { level: 3 }).allTextContents();
  expect(headings[0]).toBe("Case opened");
  expect(headings.filter((h) => h === "Incident linked")).toHaveLength(2);
  expect(headings.slice(-3)).toEqual(["Shared", "Action created", "Action completed"]);
  await expect(entries.nth(headings.length - 2)).toContainText("Daniel Hughes, MPS");
  await expect(entries.last()).toContainText("Owen Price, KH");
  await expect(entries.last()).toContainText(`Action completed: ${ACTION}. Outcome: ${OUTCOME}`);
  await expectNoAccessibilityViolations(police);

  // The action's own page: done, so nobody changes it any more.
  await done.getByRole("link", { name: ACTION }).click();
  await expect(police).toHaveTitle(`Action on case ${reference} – Safer Partnerships`);
  await expect(police.getByRole("heading", { level: 1 })).toHaveText(ACTION);
  await expect(police.getByText("It can no longer be changed")).toBeVisible();
  await expectNoAccessibilityViolations(police);
});

test("the action list's filters show what the list is filtered by after 'Clear filters', not what was last chosen", async ({ page }) => {
  await signInAndWait(page, POLICE_OFFICER);
  await page.goto("/actions");
  await showFilters(page);
  await page.getByLabel("Status").selectOption({ label: "Done" });
  await page.getByRole("checkbox", { name: "Only overdue actions" }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=DONE/);
  await expect(page).toHaveURL(/overdue=yes/);

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/actions$/);
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(page.getByRole("checkbox", { name: "Only overdue actions" })).not.toBeChecked();
});
