import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";

// Recording a case's history after the fact (lib/history): an ASB officer moving a partnership's
// old records in opens a case dated 2018, shares it and withdraws the share on their own days,
// records a warning issued in 2018 and withdrawn in 2019, and closes the case dated 2019. The
// timeline tells it in the order it happened, each entry saying when it happened and when it was
// recorded. An incident from 2018 reported today is accepted once the officer confirms both dates,
// with and without script. axe checks every page that changed; the case page reflows at 320px.

function today(): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "2-digit", month: "2-digit", year: "numeric" }).format(
    new Date(),
  );
}

/** Opens "This happened before today" and types the day into the date group it holds. */
async function happenedOn(page: Page, legend: string, day: string, month: string, year: string) {
  await page.getByText("This happened before today").click();
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day", { exact: true }).fill(day);
  await group.getByLabel("Month", { exact: true }).fill(month);
  await group.getByLabel("Year", { exact: true }).fill(year);
}

test("an officer records a case from 2018 as it happened: opened, shared and withdrawn, a warning withdrawn, closed in 2019", async ({
  page,
}) => {
  const title = `Old case moved in from the spreadsheet ${Date.now()}`;
  const recorded = today();
  await signInAndWait(page, DEMO.officer);

  // ── Opened on 20/04/2018 ──
  await page.goto("/cases/new");
  await page.getByRole("radio", { name: "ASB" }).check();
  await page.getByLabel("Title").fill(title);
  // A day in the future is refused beside the date, and what was typed stays.
  await happenedOn(page, "When the case was opened", "1", "1", String(new Date().getFullYear() + 1));
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page.getByRole("alert").getByRole("link", { name: "The date it happened must be today or in the past" })).toBeVisible();
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expectNoAccessibilityViolations(page);
  const opened = page.getByRole("group", { name: "When the case was opened" });
  await opened.getByLabel("Day", { exact: true }).fill("20");
  await opened.getByLabel("Month", { exact: true }).fill("4");
  await opened.getByLabel("Year", { exact: true }).fill("2018");
  await page.getByRole("button", { name: "Open case" }).click();

  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
  await expect(page.getByText(/^Case CASE-2018-\d{6}$/).first()).toBeVisible();
  await expect(page.locator("#details").getByText(`20/04/2018 (recorded ${recorded}`)).toBeVisible();
  const caseUrl = page.url().split("?")[0]!;
  const entries = page.getByRole("list", { name: "Timeline entries" }).getByRole("listitem");
  await expect(entries.first()).toContainText(`Happened 20/04/2018 · recorded ${recorded} by Kwame Mensah`);

  // ── Shared with Kingsmere Homes on 03/05/2018, withdrawn on 10/01/2019 ──
  await page.getByRole("link", { name: "Share with another organisation" }).click();
  await page.getByLabel("Organisation to share the case with").selectOption({ label: "Kingsmere Homes" });
  await happenedOn(page, "When the case was shared", "3", "5", "2018");
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Share case" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Case shared" })).toBeVisible();

  await page.locator("#sharing").getByRole("link", { name: "Withdraw sharing with Kingsmere Homes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Withdraw sharing with Kingsmere Homes" })).toBeVisible();
  // Before it was shared: refused beside the date.
  await happenedOn(page, "When sharing was withdrawn", "2", "5", "2018");
  await page.getByRole("button", { name: "Withdraw sharing" }).click();
  await expect(
    page
      .getByRole("alert")
      .getByRole("link", { name: "The date it happened must be on or after 03/05/2018, when the case was shared with Kingsmere Homes" }),
  ).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const withdrawn = page.getByRole("group", { name: "When sharing was withdrawn" });
  await withdrawn.getByLabel("Day", { exact: true }).fill("10");
  await withdrawn.getByLabel("Month", { exact: true }).fill("1");
  await withdrawn.getByLabel("Year", { exact: true }).fill("2019");
  await page.getByRole("button", { name: "Withdraw sharing" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sharing withdrawn" })).toBeVisible();
  await expect(page.locator("#sharing").getByRole("row", { name: /Kingsmere Homes/ })).toContainText("Withdrawn 10/01/2019");

  // ── A warning issued on 01/05/2018 on the case, withdrawn on 15/11/2019 ──
  await page.goto("/powers/new");
  await page.getByLabel("Kind of power").selectOption({ label: "Community Protection Warning" });
  await page.getByRole("radio", { name: "A person (alleged perpetrator)" }).check();
  await page.getByRole("combobox", { name: "Person" }).fill("Josh Turner");
  await page
    .getByRole("option", { name: /Josh Turner/ })
    .first()
    .click();
  const caseValue = await page.locator("#caseId option", { hasText: title }).getAttribute("value");
  await page.getByLabel("Case (optional)").selectOption(caseValue!);
  const issued = page.getByRole("group", { name: "Date issued" });
  await issued.getByLabel("Day", { exact: true }).fill("1");
  await issued.getByLabel("Month", { exact: true }).fill("5");
  await issued.getByLabel("Year", { exact: true }).fill("2018");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Record the power" }).click();
  await expect(page).toHaveURL(/\/powers\/[0-9a-f-]{36}\?notice=issued/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^PWR-2018-\d{6}$/);

  await page.getByRole("radio", { name: "Withdrawn" }).check();
  await page.getByLabel("Note (optional)").fill("Withdrawn after the tenant moved out.");
  await happenedOn(page, "When the status changed", "15", "11", "2019");
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByRole("table", { name: "Status history" })).toContainText("15/11/2019");
  await expect(page.getByRole("table", { name: "Status history" })).toContainText("Issued → Withdrawn");
  await expectNoAccessibilityViolations(page);

  // ── Closed on 02/12/2019, through the check step ──
  await page.goto(`${caseUrl}/status`);
  await page.getByRole("radio", { name: "Closed" }).check();
  await page.getByRole("radio", { name: "Resolved" }).check();
  await happenedOn(page, "When the case was closed", "2", "12", "2019");
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check before you close the case" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "02/12/2019" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Close case" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Status changed" })).toBeVisible();
  await expect(page.getByText("Closed on 02/12/2019: resolved.")).toBeVisible();

  // ── The timeline, oldest first: in the order it happened, each with both dates ──
  await page.getByLabel("Order").selectOption("oldest");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/order=oldest/);
  await expect(entries.getByRole("heading", { level: 3 })).toHaveText([
    "Case opened",
    "Power issued",
    "Shared",
    "Sharing withdrawn",
    "Power status changed",
    "Status changed",
  ]);
  const happened = ["20/04/2018", "01/05/2018", "03/05/2018", "10/01/2019", "15/11/2019", "02/12/2019"];
  for (const [i, day] of happened.entries()) {
    await expect(entries.nth(i)).toContainText(`Happened ${day} · recorded ${recorded} by Kwame Mensah`);
  }
  await expectNoAccessibilityViolations(page);

  // ── The case page reflows at 320 CSS pixels (WCAG 1.4.10): nothing scrolls sideways ──
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(caseUrl);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

/** Signing in needs script; what follows runs in a browser with none, on the same session. */
async function signedInWithoutJavaScript(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAndWait(page, email);
  const storageState = await page.context().storageState();
  await page.context().close();
  return (await browser.newContext({ javaScriptEnabled: false, storageState })).newPage();
}

async function describeIncident(page: Page, description: string) {
  const occurred = page.getByRole("group", { name: "Date the incident happened" });
  await occurred.getByLabel("Day", { exact: true }).fill("20");
  await occurred.getByLabel("Month", { exact: true }).fill("4");
  await occurred.getByLabel("Year", { exact: true }).fill("2018");
  await page.getByLabel("Time the incident happened").fill("21:30");
  await page.getByRole("radio", { name: "Phone" }).check();
  await page.getByRole("radio", { name: "Nuisance" }).check();
  await page.getByLabel("Type of anti-social behaviour").selectOption({ label: "Noise" });
  await page.getByLabel("Description").fill(description);
}

for (const script of [true, false]) {
  test(`an incident from 2018 reported today is logged once the officer confirms both dates (${script ? "with" : "without"} script)`, async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const page = script
      ? await (async () => {
          const p = await (await browser.newContext()).newPage();
          await signInAndWait(p, DEMO.officer);
          return p;
        })()
      : await signedInWithoutJavaScript(browser, DEMO.officer);
    const description = `Noise reported years later ${Date.now()}`;
    await page.goto("/incidents/new");
    await describeIncident(page, description);
    // With script, the warning shows as soon as both dates are there.
    if (script) await expect(page.getByText(/^Warning: Reported [\d,]+ days after it happened: check both dates\.$/)).toBeVisible();

    await page.getByRole("button", { name: "Log incident" }).click();
    // Held back: a banner says why, the warning is beside the dates, and everything typed is kept.
    await expect(page.getByRole("alert").filter({ hasText: "Check the dates before you save" })).toBeVisible();
    await expect(page.getByText(/^Warning: Reported [\d,]+ days after it happened: check both dates\.$/)).toBeVisible();
    await expect(page.getByLabel("Description")).toHaveValue(description);
    await expect(page.getByRole("group", { name: "Date the incident happened" }).getByLabel("Year")).toHaveValue("2018");
    await expect(page.getByRole("radio", { name: "Phone" })).toBeChecked();
    // axe runs in the page, so only where script does (the markup is the same either way).
    if (script) await expectNoAccessibilityViolations(page);

    await page.getByRole("checkbox", { name: "Yes, these dates are right" }).check();
    await page.getByRole("button", { name: "Log incident" }).click();
    await expect(page.getByRole("status").filter({ hasText: /Incident INC-2018-\d{6} logged/ })).toBeVisible();
  });
}
