import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { REGISTER_HEADERS } from "../../lib/register/columns";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";

// The full register download: a manager opens the page from the returns, downloads the current
// financial year as CSV with the progress bar, and gets a file whose header and rows the test
// reads; the same form works with JavaScript turned off. axe checks the page before and after.

function csvRecords(text: string): string[] {
  // Records end with CRLF outside quotes (conditions may hold line breaks inside quotes).
  const records: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text[i] === "\n") {
      records.push(text.slice(start, i).replace(/\r$/, ""));
      start = i + 1;
    }
  }
  return records;
}

test("a manager downloads the current year's register as CSV, watching its progress, and the file holds the header and the rows", async ({
  page,
}) => {
  await signInAndWait(page, DEMO.manager);
  await page.goto("/returns");
  await page.getByRole("link", { name: "Full register of powers used" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Full register of powers used" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // The current financial year and CSV are chosen already; the keyboard is enough.
  await expect(page.getByLabel("Period")).toHaveValue(/^\d{4}-\d{2}$/);
  await expect(page.getByRole("radio", { name: "CSV" })).toBeChecked();
  const button = page.getByRole("button", { name: "Download the register" });
  await button.focus();
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);

  const status = page.getByRole("status").filter({ hasText: /rows/ });
  await expect(status).toHaveText(
    /^Finished: [\d,]+ rows? \([\d,.]+ [KM]B\)\. The file tools-and-powers-register-\d{4}-\d{2}\.csv has been saved\.$/,
  );
  const progress = page.getByRole("progressbar", { name: "Download progress" });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("value", "1");
  const finished = Number((await status.textContent())!.match(/Finished: ([\d,]+)/)![1]!.replaceAll(",", ""));
  expect(finished).toBeGreaterThan(0);

  expect(download.suggestedFilename()).toMatch(/^tools-and-powers-register-\d{4}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = csvRecords(bytes.subarray(3).toString("utf8"));
  expect(records[0]).toBe(REGISTER_HEADERS.join(","));
  expect(records.length - 1).toBe(finished);
  for (const record of records.slice(1)) expect(record).toMatch(/^PWR-\d{4}-\d{6},/);
  await expect(page.getByRole("link", { name: /^Save tools-and-powers-register-.*\.csv again$/ })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("without JavaScript the form is a plain download of the chosen period and format", async ({ browser, page }) => {
  // Sign in with JavaScript (the sign-in page needs it), then carry on in a browser without it.
  await signInAndWait(page, DEMO.manager);
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto("/returns/register");
  await plain.getByRole("radio", { name: "Excel workbook (XLSX)" }).check();
  const [download] = await Promise.all([
    plain.waitForEvent("download"),
    plain.getByRole("button", { name: "Download the register" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^tools-and-powers-register-\d{4}-\d{2}\.xlsx$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  await noScript.close();
});

test("a user without the returns permission finds neither the page nor the download", async ({ page }) => {
  await signInAndWait(page, DEMO.viewer);
  const response = await page.goto("/returns/register");
  expect(response?.status()).toBe(404);
  const download = await page.request.get("/api/returns/register?period=2026-27&format=csv");
  expect(download.status()).toBe(404);
});
