import { expect, test } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";

// The period of a return as a manager bringing the partnership's history in meets it: a period
// named in the address, however old, is the one shown and the one the picker holds; an address
// naming no period says so and claims none; the tools and powers return hands its period to the
// register, whose list keeps it.

test("a manager opens the tools and powers return for 1998/99 from the address: the heading and the picker both say 1998/99", async ({
  page,
}) => {
  await signInAndWait(page, DEMO.manager);
  await page.goto("/returns/tools-and-powers?period=1998-99");
  await expect(page.getByRole("heading", { level: 1, name: "Tools and powers return 1998/99" })).toBeVisible();
  await expect(page.getByText("1 April 1998 to 31 March 1999")).toBeVisible();
  await expect(page.getByLabel("Period", { exact: true })).toHaveValue("1998-99");
  await expect(page.getByRole("option", { name: "Q3 1998/99 (October to December)" })).toHaveCount(1);
  await expectNoAccessibilityViolations(page);

  // Choosing another period from the picker shows it, and the picker keeps it.
  await page.getByLabel("Period", { exact: true }).selectOption({ label: "Q3 1998/99 (October to December)" });
  await page.getByRole("button", { name: "Show this period" }).click();
  await expect(page).toHaveURL(/\/returns\/tools-and-powers\?period=1998-99-q3$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tools and powers return Q3 1998/99" })).toBeVisible();
  await expect(page.getByLabel("Period", { exact: true })).toHaveValue("1998-99-q3");

  // The register link carries the period, and the register's list holds it.
  await page.getByRole("link", { name: "The full register of powers issued in Q3 1998/99" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Full register of powers used" })).toBeVisible();
  await expect(page.getByLabel("Period", { exact: true })).toHaveValue("1998-99-q3");
  await expectNoAccessibilityViolations(page);
});

test("an address naming no period shows no figures, says so beside the picker, and the picker claims no period", async ({ page }) => {
  await signInAndWait(page, DEMO.manager);
  await page.goto("/returns/ccm-activity?period=2026-28");
  await expect(page).toHaveTitle(/^Error: /);
  const summary = page.getByRole("alert");
  await expect(
    summary.getByRole("link", { name: "There is no such period: choose a financial year or quarter from the list" }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "CCM activity" })).toBeVisible();
  await expect(page.getByLabel("Period", { exact: true })).toHaveValue("");
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectNoAccessibilityViolations(page);

  // Choosing a period from the list recovers.
  await page.getByLabel("Period", { exact: true }).selectOption({ index: 1 });
  await page.getByRole("button", { name: "Show this period" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^CCM activity \d{4}\/\d{2}$/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "CCM meetings" })).toBeVisible();
});
