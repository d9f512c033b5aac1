import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";
import { parseCsv } from "../support/csv";

// The lists' downloads in the browser: the incident list as filtered (the same rows, in the same
// order, as the list shows), the case list as a spreadsheet, and the organisation's actions.

async function download(page: Page, link: RegExp) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test("an officer downloads the incidents she filtered, the cases she sees and her organisation's actions", async ({ page }) => {
  await signInAndWait(page, DEMO.officer);
  await page.goto("/incidents?category=NUISANCE");
  const count = Number(
    (await page
      .getByRole("status")
      .filter({ hasText: /incidents? match/ })
      .textContent())!.replace(/\D/g, ""),
  );
  const shown = await page.getByRole("table").getByRole("rowheader").allTextContents();
  await expectNoAccessibilityViolations(page);
  const incidents = await download(page, /^CSV/);
  expect(incidents.name).toMatch(/^incidents-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...rows] = parseCsv(incidents.bytes.toString("utf8").replace(/^\uFEFF/, ""));
  expect(header?.slice(0, 4)).toEqual(["Reference", "Happened", "Reported", "Category"]);
  expect(rows).toHaveLength(count);
  expect(rows.every((r) => r[3] === "Nuisance")).toBe(true);
  expect(rows.slice(0, shown.length).map((r) => r[0])).toEqual(shown.map((s) => s.trim()));

  await page.goto("/cases");
  const cases = await download(page, /^XLSX/);
  expect(cases.name).toMatch(/^cases-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(cases.bytes.subarray(0, 2).toString()).toBe("PK");

  await page.goto("/actions?scope=organisation&status=any");
  const actions = await download(page, /^CSV/);
  expect(actions.name).toMatch(/^organisation-actions-/);
  expect(parseCsv(actions.bytes.toString("utf8").replace(/^\uFEFF/, ""))[0]?.slice(0, 3)).toEqual(["Case", "Action", "Assigned to"]);

  // The links reflow on a narrow phone with the rest of the list.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/incidents?category=NUISANCE");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
