import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, signInAndWait, showFilters } from "./support";

// MARAC transfers on the demo partnership (prisma/seed): a MARAC detective records the transfer
// out of a MARAC case to another area (on the case, never through the chair's triage queue), and
// refers a case that came from another area's MARAC as a transfer in, which the referral lists
// find by their transfer filter. An officer on no panel gets "Page not found" for the new page.
//
// Uses case C07 (Chloe Adams, led by the police; its MARAC referrals are decided), so it does not
// meet referrals.spec.ts (C08) or case-risk.spec.ts (C10).

const MARAC_DETECTIVE = "sarah.whitfield@met.kingsmere.example";
const MARAC_CHAIR = "rebecca.chen@met.kingsmere.example";
const OFFICER_NOT_ON_PANEL = "tom.fletcher@met.kingsmere.example";
const CASE_TITLE = "Domestic abuse: Chloe Adams";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAndWait(page, email);
  return page;
}

/** Today in London, as the three date boxes take it. */
function today(): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" })
    .format(new Date())
    .split("/");
  return { day: parts[0]!, month: parts[1]!, year: parts[2]! };
}

async function openCase(page: Page) {
  await page.goto("/cases?kind=MARAC");
  await page.getByRole("row").filter({ hasText: CASE_TITLE }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(CASE_TITLE);
}

test("a MARAC panel member records a case's transfer out to another area; an officer off the panel is told it does not exist", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const detective = await signedIn(browser, MARAC_DETECTIVE);
  await openCase(detective);
  const caseUrl = detective.url().replace(/[?#].*$/, "");
  await detective.locator("#referrals").getByRole("link", { name: "Record a transfer out to another area" }).click();
  await expect(detective.getByRole("heading", { level: 1, name: "Record a transfer out to another area" })).toBeVisible();
  await expect(detective).toHaveTitle(/^Transfer out to another area – Safer Partnerships$/);
  await expect(detective.getByRole("note", { name: "Protective marking" })).toContainText("Restricted – MARAC");
  await expectNoAccessibilityViolations(detective);
  const transferUrl = detective.url();

  // Nothing filled in: each field says what to do, and the page title says there is a problem.
  await detective.getByRole("button", { name: "Record transfer out" }).click();
  const problems = detective.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(problems.getByRole("link", { name: "Enter the area the case is transferred to" })).toBeVisible();
  await expect(problems.getByRole("link", { name: "Enter the date of the transfer" })).toBeVisible();
  await expect(problems.getByRole("link", { name: "Enter why the case is transferred" })).toBeVisible();
  await expect(detective).toHaveTitle(/^Error: /);
  await expectNoAccessibilityViolations(detective);

  await detective.getByLabel("Which area is the case transferred to?").fill("Barchester");
  const date = detective.getByRole("group", { name: "Date of the transfer" });
  const { day, month, year } = today();
  await date.getByLabel("Day").fill(day);
  await date.getByLabel("Month").fill(month);
  await date.getByLabel("Year").fill(year);
  await detective.getByLabel("Why is the case transferred?").fill("The victim has moved to Barchester to live with her sister.");
  await detective.getByRole("button", { name: "Record transfer out" }).click();
  await expect(
    detective.getByRole("status").filter({ hasText: /Transfer out to Barchester on \d{2}\/\d{2}\/\d{4} recorded/ }),
  ).toBeVisible();
  await expect(detective.getByRole("table", { name: /Transfers out of this case/ }).getByRole("row", { name: /Barchester/ })).toBeVisible();
  await expectNoAccessibilityViolations(detective);

  // On the case: in its referrals section and on its timeline; no referral was made.
  await detective.goto(caseUrl);
  await expect(detective.locator("#referrals").getByRole("table", { name: /Transfers out of this case/ })).toContainText("Barchester");
  await expect(detective.locator("#timeline").getByText(/Transferred out to Barchester on \d{2}\/\d{2}\/\d{4}/)).toBeVisible();

  // An officer of the same force on no panel: the page does not exist for him.
  const outsider = await signedIn(browser, OFFICER_NOT_ON_PANEL);
  expect((await outsider.goto(transferUrl))?.status()).toBe(404);
});

test("a referral from another area's MARAC is a transfer in: the referral says so, and the transfer filter finds it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const detective = await signedIn(browser, MARAC_DETECTIVE);
  await openCase(detective);
  await detective.locator("#referrals").getByRole("link", { name: "Refer to MARAC" }).click();
  await expect(detective.getByRole("heading", { level: 1, name: "Refer to MARAC" })).toBeVisible();
  // The form offers a transfer in only: a transfer out is recorded on the case.
  const transfer = detective.getByRole("group", { name: "Is this a transfer from another area's MARAC?" });
  await expect(transfer.getByRole("radio")).toHaveCount(2);
  await expect(detective.getByText(/transfer out/i)).toHaveCount(0);

  await detective
    .getByLabel("Reason for referral")
    .fill("Heard at Ashcombe MARAC last month; the victim has moved back to Kingsmere and the threats continue.");
  await detective.getByRole("checkbox", { name: "Professional judgement" }).check();
  await transfer.getByRole("radio", { name: "Yes" }).check();
  // Yes without the area: asked for beside the field.
  await detective.getByRole("button", { name: "Send referral" }).click();
  await expect(
    detective
      .getByRole("alert")
      .filter({ hasText: "There is a problem" })
      .getByRole("link", { name: "Enter the area the case is transferred from" }),
  ).toBeVisible();
  await expectNoAccessibilityViolations(detective);
  await detective.getByLabel("Which area", { exact: true }).fill("Ashcombe");
  await detective.getByRole("button", { name: "Send referral" }).click();
  await expect(detective.getByRole("status").filter({ hasText: "Referral sent" })).toBeVisible();
  const reference = (await detective.getByRole("heading", { level: 1 }).textContent())!.trim();
  await expect(detective.getByText("Transfer in from Ashcombe", { exact: true })).toBeVisible();

  // The detective's own referrals, filtered: there as a transfer in, gone from "not transfers".
  await detective.goto("/referrals");
  await showFilters(detective);
  await detective.getByLabel("Transfer", { exact: true }).selectOption({ label: "Transfers in from another area" });
  await detective.getByRole("button", { name: "Apply filters" }).click();
  await expect(detective).toHaveURL(/transfer=in/);
  const row = detective.getByRole("row", { name: new RegExp(reference) });
  await expect(row).toContainText("Transfer in from Ashcombe");
  await expectNoAccessibilityViolations(detective);
  await showFilters(detective);
  await detective.getByLabel("Transfer", { exact: true }).selectOption({ label: "Not transfers" });
  await detective.getByRole("button", { name: "Apply filters" }).click();
  await expect(detective).toHaveURL(/transfer=none/);
  await expect(detective.getByRole("row", { name: new RegExp(reference) })).toHaveCount(0);

  // The chair's queue, filtered the same way, holds it for triage as usual.
  const chair = await signedIn(browser, MARAC_CHAIR);
  await chair.goto("/referrals/triage?transfer=in");
  await expect(chair.getByRole("row", { name: new RegExp(reference) })).toContainText("Transfer in from Ashcombe");
});
