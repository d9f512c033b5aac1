import { expect, test } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait, showFilters } from "./support";

// The audit trail as an administrator and a manager use it: search, export, check the chain, and
// "who has seen this case", one click from the record.

test("an administrator finds an officer's sign-in, exports the search, and checks the trail is intact", async ({ page, browser }) => {
  // The officer signs in (in their own browser), so there is a sign-in to find.
  const officer = await browser.newPage();
  await signInAndWait(officer, DEMO.viewer);
  await officer.close();

  await signInAndWait(page, DEMO.admin);
  await page.goto("/admin/audit");
  await expect(page).toHaveTitle(/^Audit trail/);
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("User", { exact: true }).selectOption({ label: "Ben Carter (KCSAT)" });
  await page.getByLabel("Action").selectOption({ label: "Signed in" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/action=SIGN_IN/);
  // Only opaque ids in the address: never a name or an email address.
  expect(page.url()).not.toMatch(/ben|carter|%40/i);
  const rows = page.getByRole("region", { name: /Audit events/ }).getByRole("row");
  await expect(rows.nth(1)).toContainText("Signed in");
  await expect(rows.nth(1)).toContainText("ben.carter@kingsmere.gov.example");

  const exportHref = await page.getByRole("link", { name: "Export as CSV" }).getAttribute("href");
  expect(exportHref).toMatch(/^\/api\/audit\/export\?/);
  const csv = await page.request.get(exportHref!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["cache-control"]).toContain("no-store");
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text).toContain("Event id,When (UTC),Action");
  expect(text).toContain("ben.carter@kingsmere.gov.example");
  expect(text).not.toContain("priya.raman");

  await page.getByRole("link", { name: "Check the trail has not been tampered with" }).click();
  await expect(page.getByText("The audit trail is intact")).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("the lead organisation's manager sees who has opened a case; an officer is not offered it and cannot reach it", async ({
  page,
  browser,
}) => {
  // A police officer the case is shared with opens it.
  const police = await browser.newPage();
  await signInAndWait(police, "daniel.hughes@met.kingsmere.example");
  // Case C01: the council leads it and shares it with the police.
  await police.goto("/cases");
  await showFilters(police);
  await police.getByLabel("Reference or title").fill("Harassment of a vulnerable older resident");
  await police.getByRole("button", { name: "Apply filters" }).click();
  // The typed title stays out of the address: only an opaque handle to the saved search is there.
  await expect(police).toHaveURL(/\/cases\?search=[A-Za-z0-9_-]{22}$/);
  await expect(police.getByLabel("Reference or title")).toHaveValue("Harassment of a vulnerable older resident");
  await police
    .getByRole("link", { name: /^CASE-/ })
    .first()
    .click();
  await expect(police).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  await expect(police.getByRole("heading", { level: 1 })).toBeVisible();
  const caseUrl = police.url();
  await police.close();

  await signInAndWait(page, DEMO.manager);
  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Who has seen this case" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Who has seen this case" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Views of this record" })).toContainText("Daniel Hughes");
  await expect(page.getByRole("region", { name: "Views of this record" })).toContainText("Metropolitan Police");
  await expectNoAccessibilityViolations(page);
  const seenUrl = page.url();

  const officer = await browser.newPage();
  await signInAndWait(officer, DEMO.officer);
  await officer.goto(caseUrl);
  await expect(officer.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(officer.getByRole("link", { name: "Who has seen this case" })).toHaveCount(0);
  const refused = await officer.goto(seenUrl);
  expect(refused?.status()).toBe(404);
  await officer.close();
});

test("an administrator goes from a case's reference to who has seen it, without seeing the case", async ({ page }) => {
  await signInAndWait(page, DEMO.admin);
  await page.goto("/admin/audit?type=Case&action=VIEW");
  const seen = page.getByRole("link", { name: "Who has seen this case" }).first();
  await seen.click();
  await expect(page.getByRole("heading", { level: 1, name: "Who has seen this case" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Views of this record" }).getByRole("row")).not.toHaveCount(1);
  // The case itself stays closed to an administrator.
  const caseId = /\/seen\/case\/([0-9a-f-]+)/.exec(page.url())?.[1];
  expect((await page.goto(`/cases/${caseId}`))?.status()).toBe(404);
});
