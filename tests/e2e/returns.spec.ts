import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";

// The tools and powers return, end to end: the manager reads the figures, an officer records a CPW,
// then a CPN to the same person, then a breach of the CPN dealt with by an FPN; the manager sees the
// figures move, opens the records behind one, and downloads the XLSX, whose figures the test reads.

const COUNCIL = "Kingsmere Council Community Safety and ASB Team";
const PERSON = "Josh Turner";

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

const FIGURES = {
  cpwIssued: new RegExp(`^\\d+ Community Protection Warnings? issued by ${COUNCIL}$`),
  cpnIssued: new RegExp(`^\\d+ Community Protection Notices? issued by ${COUNCIL}$`),
  cpnFpn: new RegExp(`^\\d+ (breach|breaches) of Community Protection Notices issued by ${COUNCIL} dealt with by fixed penalty notice$`),
};

/** A figure of the return as shown (0 when its row is not there yet: nothing counted). */
async function figure(page: Page, name: RegExp): Promise<number> {
  const link = page.getByRole("link", { name });
  if ((await link.count()) === 0) return 0;
  return Number((await link.textContent())!.replaceAll(",", ""));
}

/** Shows the council's rows, which the table by issuing organisation holds under "Local authority", closed at first. */
async function showCouncilRows(page: Page) {
  const summary = page.getByRole("table", { name: "By issuing organisation" }).locator("summary", { hasText: "Local authority" });
  if ((await summary.count()) === 0) return; // no local authority figures yet
  if (!(await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open))) await summary.click();
}

async function readFigures(page: Page) {
  await showCouncilRows(page);
  return {
    cpwIssued: await figure(page, FIGURES.cpwIssued),
    cpnIssued: await figure(page, FIGURES.cpnIssued),
    cpnFpn: await figure(page, FIGURES.cpnFpn),
  };
}

async function recordPower(page: Page, kind: string): Promise<string> {
  await page.goto("/powers/new");
  await page.getByLabel("Kind of power").selectOption({ label: kind });
  await page.getByRole("radio", { name: "A person (alleged perpetrator)" }).check();
  await page.getByRole("combobox", { name: "Person" }).fill(PERSON);
  await page
    .getByRole("option", { name: new RegExp(PERSON) })
    .first()
    .click();
  const d = today();
  const issued = page.getByRole("group", { name: "Date issued" });
  await issued.getByLabel("Day").fill(d.day);
  await issued.getByLabel("Month").fill(d.month);
  await issued.getByLabel("Year").fill(d.year);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check the power before recording it" })).toBeVisible();
  await page.getByRole("button", { name: "Record the power" }).click();
  await expect(page).toHaveURL(/\/powers\/[0-9a-f-]{36}\?notice=issued/);
  return (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
}

test("the manager sees the tools and powers return move when an officer records a CPW, a CPN and a breach with an FPN, and downloads the same figures", async ({
  browser,
}) => {
  test.setTimeout(180_000); // two sign-ins, three powers recorded and five accessibility checks
  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signInAndWait(manager, DEMO.manager);
  await manager.goto("/returns");
  await expect(manager.getByRole("heading", { level: 1, name: "Statutory and partnership returns" })).toBeVisible();
  await expect(manager.getByRole("link", { name: "Full register of powers used" })).toHaveAttribute("href", "/returns/register");
  await expectNoAccessibilityViolations(manager);
  await manager.getByRole("link", { name: "Tools and powers return" }).click();
  await expect(manager.getByRole("heading", { level: 1, name: /^Tools and powers return \d{4}\/\d{2}$/ })).toBeVisible();
  await expect(manager.getByRole("table", { name: "By issuing organisation" })).toBeVisible();
  await expectNoAccessibilityViolations(manager);
  const before = await readFigures(manager);

  // The officer records a CPW, later a CPN to the same person, then a breach of the CPN with an FPN.
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await signInAndWait(officer, DEMO.officer);
  await officer.goto("/powers");
  await expectNoAccessibilityViolations(officer);
  await recordPower(officer, "Community Protection Warning");
  const cpn = await recordPower(officer, "Community Protection Notice");
  const d = today();
  const breach = officer.getByRole("group", { name: "Date of the breach" });
  await breach.getByLabel("Day").fill(d.day);
  await breach.getByLabel("Month").fill(d.month);
  await breach.getByLabel("Year").fill(d.year);
  await officer.getByRole("radio", { name: "Fixed penalty notice (FPN)" }).check();
  await officer.getByRole("button", { name: "Record breach" }).click();
  await expect(officer.getByText(`Breach recorded: ${cpn}`)).toBeVisible();
  await officerContext.close();

  await manager.reload();
  const after = await readFigures(manager);
  // Other journeys may record CPWs at the same time; only this one records CPNs.
  expect(after.cpwIssued).toBeGreaterThanOrEqual(before.cpwIssued + 1);
  expect(after.cpnIssued).toBe(before.cpnIssued + 1);
  expect(after.cpnFpn).toBe(before.cpnFpn + 1);

  // The records behind the CPN figure list the new notice.
  await manager.getByRole("link", { name: FIGURES.cpnIssued }).click();
  await expect(manager.getByRole("heading", { level: 1, name: "Records behind a figure" })).toBeVisible();
  await expect(
    manager.locator("p").filter({ hasText: new RegExp(`^${after.cpnIssued} Community Protection Notices? issued by ${COUNCIL}$`) }),
  ).toBeVisible();
  await expect(manager.getByRole("link", { name: cpn })).toBeVisible();
  await expectNoAccessibilityViolations(manager);
  await manager.getByRole("link", { name: /^Back to the tools and powers return/ }).click();

  // The XLSX holds the same figures.
  const [download] = await Promise.all([manager.waitForEvent("download"), manager.getByRole("link", { name: /\(XLSX\)$/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tools-and-powers-return-\d{4}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  const bytes = await readFile((await download.path())!);
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = book.getWorksheet("By issuing organisation")!;
  const header = (sheet.getRow(3).values as unknown[]).slice(1);
  const rowOf = (kind: string) => {
    let found: unknown[] | undefined;
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      if (values[0] === COUNCIL && values[1] === kind) found = values;
    });
    return found!;
  };
  const cpnRow = rowOf("Community Protection Notice");
  expect(cpnRow[header.indexOf("Issued")]).toBe(after.cpnIssued);
  expect(cpnRow[header.indexOf("Breaches: FPN")]).toBe(after.cpnFpn);
  expect(rowOf("Community Protection Warning")[header.indexOf("Issued")]).toBeGreaterThanOrEqual(after.cpwIssued);
  await managerContext.close();
});

test("a viewer has no returns: the page answers not found", async ({ page }) => {
  await signInAndWait(page, DEMO.viewer);
  const response = await page.goto("/returns/tools-and-powers");
  expect(response?.status()).toBe(404);
  const download = await page.request.get("/api/returns/tools-and-powers?period=2026-27&format=csv");
  expect(download.status()).toBe(404);
});

test("the MARAC data return is listed and opened for a MARAC panel member only", async ({ browser }) => {
  const chairContext = await browser.newContext();
  const chair = await chairContext.newPage();
  await signInAndWait(chair, "rebecca.chen@met.kingsmere.example");
  await chair.goto("/returns");
  await chair.getByRole("link", { name: "MARAC data return" }).click();
  await expect(chair.getByRole("heading", { level: 1, name: /^MARAC data return Q[1-4] \d{4}\/\d{2}$/ })).toBeVisible();
  await expect(chair.getByRole("table", { name: "MARAC meetings" })).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  await chairContext.close();

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signInAndWait(manager, DEMO.manager);
  await manager.goto("/returns");
  await expect(manager.getByRole("link", { name: "Tools and powers return" })).toBeVisible();
  await expect(manager.getByRole("link", { name: "MARAC data return" })).toHaveCount(0);
  expect((await manager.goto("/returns/marac"))?.status()).toBe(404);
  await managerContext.close();
});
