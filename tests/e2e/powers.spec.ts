import { expect, test } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait, showFilters } from "./support";

// The register, end to end: an ASB officer records a Community Protection Warning to a known person
// on their case, through the check page; then records a breach with a fixed penalty notice; both
// show on the power's page and on the case timeline. axe checks the list, the form with its errors
// and the power's page.

const CASE_TITLE = "ASB case review: parties and rowdiness at 10 Quarry Lane";

function today(): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "numeric",
    year: "numeric",
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: part("day"), month: part("month"), year: part("year") };
}

test("an officer issues a CPW through the check page, records a breach with an FPN, and sees both on the power and the case timeline", async ({
  page,
}) => {
  await signInAndWait(page, DEMO.officer);

  await page.goto("/powers");
  await expect(page.getByRole("heading", { level: 1, name: "Register of powers used" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.getByRole("link", { name: "Record a power" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Record a power" })).toBeVisible();
  // Nothing filled in: the error summary lists each problem and the title says so.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert").getByText("Select the kind of power")).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expectNoAccessibilityViolations(page);

  await page.getByLabel("Kind of power").selectOption({ label: "Community Protection Warning" });
  await page.getByRole("radio", { name: "A person (alleged perpetrator)" }).check();
  await page.getByRole("combobox", { name: "Person" }).fill("Josh Turner");
  await page
    .getByRole("option", { name: /Josh Turner/ })
    .first()
    .click();
  const caseValue = await page.locator("#caseId option", { hasText: CASE_TITLE }).getAttribute("value");
  await page.getByLabel("Case (optional)").selectOption(caseValue!);
  const d = today();
  const issued = page.getByRole("group", { name: "Date issued" });
  await issued.getByLabel("Day").fill(d.day);
  await issued.getByLabel("Month").fill(d.month);
  await issued.getByLabel("Year").fill(d.year);
  await page.getByLabel("Conditions or requirements (optional)").fill("No amplified music audible outside 10 Quarry Lane after 23:00.");
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Check the power before recording it" })).toBeVisible();
  await expect(page.getByText("You are about to record a Community Protection Warning issued to Josh Turner.")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Record the power" }).click();

  await expect(page).toHaveURL(/\/powers\/[0-9a-f-]{36}\?notice=issued/);
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(reference).toMatch(/^PWR-\d{4}-\d{6}$/);
  await expect(page.getByText(`Power recorded: ${reference}`)).toBeVisible();
  await expect(page).toHaveTitle(/^Power used/);

  const breach = page.getByRole("group", { name: "Date of the breach" });
  await breach.getByLabel("Day").fill(d.day);
  await breach.getByLabel("Month").fill(d.month);
  await breach.getByLabel("Year").fill(d.year);
  await page.getByRole("radio", { name: "Fixed penalty notice (FPN)" }).check();
  await page.getByLabel("Notes (optional)").fill("Music heard from the street at 01:30.");
  await page.getByRole("button", { name: "Record breach" }).click();
  await expect(page.getByText(`Breach recorded: ${reference}`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Breaches" })).toContainText("Fixed penalty notice (FPN)");
  await expect(page.getByRole("table", { name: "Status history" })).toContainText("Issued → Breached");
  await expect(page.locator("dl")).toContainText("Breached");
  await expectNoAccessibilityViolations(page);

  await page.getByRole("link", { name: `: ${CASE_TITLE}`, exact: false }).click();
  await expect(page.getByText(`Community Protection Warning ${reference} issued to Josh Turner`)).toBeVisible();
  await expect(page.getByText(`Community Protection Warning ${reference} breached on`)).toBeVisible();
});

// "Issued to" names a person or a business: it is kept on the server and the address holds only an
// opaque handle to it, next to the filters that name nobody. Callum Reid (seed): an Acceptable
// Behaviour Contract from the council, breached.
const HANDLE = /[?&]search=([A-Za-z0-9_-]{22})(&|$)/;

test("the register's 'Issued to' filter names nobody in the address, and survives sorting; clearing the filters clears it", async ({
  page,
}) => {
  await signInAndWait(page, DEMO.manager);
  await page.goto("/powers");
  await showFilters(page);
  await page.getByLabel("Issued to").fill("callum reid");
  await page.getByLabel("Status").selectOption("BREACHED");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/\/powers\?status=BREACHED&search=[A-Za-z0-9_-]{22}$/);
  expect(decodeURIComponent(page.url())).not.toMatch(/callum|reid/i);
  await expect(page.getByLabel("Issued to")).toHaveValue("callum reid");
  await expect(page.getByLabel("Status")).toHaveValue("BREACHED");
  const rows = page.getByRole("table").locator("tbody tr");
  await expect(rows.first()).toContainText("Callum Reid");
  for (const row of await rows.all()) {
    await expect(row).toContainText("Callum Reid");
    await expect(row).toContainText("Breached");
  }
  const handle = HANDLE.exec(page.url())![1];

  // A sortable header keeps the filter through its handle, never through the name.
  await page.getByRole("columnheader", { name: "Reference" }).getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=reference/);
  expect(HANDLE.exec(page.url())?.[1]).toBe(handle);
  expect(decodeURIComponent(page.url())).not.toMatch(/callum|reid/i);
  await expect(page.getByLabel("Issued to")).toHaveValue("callum reid");
  for (const row of await rows.all()) await expect(row).toContainText("Callum Reid");
  await expectNoAccessibilityViolations(page);

  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/powers$/);
  await expect(page.getByLabel("Issued to")).toHaveValue("");
  await expect(page.getByLabel("Status")).toHaveValue("");
  await expect(page.getByText(/match your filters/)).toHaveCount(0);
});

test("the 'Issued to' filter works without JavaScript, keeps the name beside a date error, and its address shows a colleague nothing", async ({
  browser,
}) => {
  // Signing in needs script; the filter is then used in a browser with none, on the same session.
  const withScript = await browser.newContext();
  await signInAndWait(await withScript.newPage(), DEMO.manager);
  const storageState = await withScript.storageState();
  await withScript.close();
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState });
  const manager = await noScript.newPage();
  await manager.goto("/powers");
  await showFilters(manager);
  await manager.getByLabel("Issued to").fill("callum reid");
  await manager.getByLabel("Expiring within (days)").fill("many");
  await manager.getByRole("button", { name: "Apply filters" }).click();
  await expect(manager).toHaveURL(/\/powers\?expiring=many&search=[A-Za-z0-9_-]{22}$/);
  await expect(manager.getByText("Enter a number of days between 1 and 3650").first()).toBeVisible();
  await expect(manager.getByLabel("Issued to")).toHaveValue("callum reid");

  await showFilters(manager);
  await manager.getByLabel("Expiring within (days)").fill("");
  await manager.getByRole("button", { name: "Apply filters" }).click();
  await expect(manager).toHaveURL(/\/powers\?search=[A-Za-z0-9_-]{22}$/);
  await expect(manager.getByLabel("Issued to")).toHaveValue("callum reid");
  const rows = manager.getByRole("table").locator("tbody tr");
  await expect(rows.first()).toContainText("Callum Reid");
  for (const row of await rows.all()) await expect(row).toContainText("Callum Reid");
  const address = manager.url();
  await showFilters(manager);
  await manager.getByRole("link", { name: "Clear filters" }).click();
  await expect(manager).toHaveURL(/\/powers$/);
  await expect(manager.getByLabel("Issued to")).toHaveValue("");
  await noScript.close();

  // The same address in someone else's hands (a pasted link, a shared computer's history).
  const officer = await (await browser.newContext()).newPage();
  await signInAndWait(officer, DEMO.officer);
  await officer.goto(address);
  await expect(officer.getByText("That search has expired")).toBeVisible();
  await expect(officer.getByLabel("Issued to")).toHaveValue("");
  await expect(officer.getByText(/match your filters/)).toHaveCount(0);
  await expectNoAccessibilityViolations(officer);
  await officer.context().close();
});

test("an officer records a PSPO: a half-filled form says what is missing and keeps what was typed; the order shows in force", async ({
  page,
}) => {
  await signInAndWait(page, DEMO.officer);
  await page.goto("/powers/pspos/new");
  await page.getByLabel("Name of the PSPO").fill("Brimstone Bridge Public Spaces Protection Order");
  await page.getByRole("button", { name: "Record the PSPO" }).click();
  await expect(page).toHaveTitle(/^Error:/);
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
  await expect(page.getByLabel("Name of the PSPO")).toHaveValue("Brimstone Bridge Public Spaces Protection Order");
  await expectNoAccessibilityViolations(page);

  await page.getByLabel("Restricted area").fill("The towpath from Brimstone Bridge to the lock");
  await page.getByLabel("Prohibitions and requirements").fill("No drinking alcohol when asked to stop by an authorised officer");
  const fill = async (group: string, [day, month, year]: [string, string, string]) => {
    const fields = page.getByRole("group", { name: group });
    await fields.getByLabel("Day").fill(day);
    await fields.getByLabel("Month").fill(month);
    await fields.getByLabel("Year").fill(year);
  };
  // From today, so that the order is in force whenever the test runs; a PSPO lasts at most 3 years.
  const start = today();
  await fill("Date it comes into force", [start.day, start.month, start.year]);
  await fill("Date it ends", ["1", "1", String(Number(start.year) + 2)]);
  await page.getByRole("button", { name: "Record the PSPO" }).click();
  await expect(page).toHaveURL(/\/powers\/pspos\/[0-9a-f-]{36}\?notice=created$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Brimstone Bridge Public Spaces Protection Order");
  await expect(page.getByText("In force", { exact: true })).toBeVisible();
});
