import { expect, test } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";

// The notification pages (the e-mails themselves are followed in referrals.spec.ts, admin.spec.ts
// and panels.spec.ts): the list with "mark all as read", the choices on the account page, and the
// administrators' delivery status, with axe at desktop and phone sizes.

const fitsWidth = () => document.documentElement.scrollWidth <= window.innerWidth;

test("an officer chooses how each kind reaches them, and reads and clears their notifications", async ({ page }) => {
  await signInAndWait(page, DEMO.viewer);
  await page.getByRole("link", { name: "Your account" }).click();
  const choices = page.getByRole("group", { name: "An action is assigned to you", exact: true });
  await choices.getByRole("radio", { name: "In my daily e-mail" }).check();
  await page.getByRole("button", { name: "Save notification choices" }).click();
  await expect(page.getByText("Your notification choices are saved")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.reload();
  await expect(
    page.getByRole("group", { name: "An action is assigned to you", exact: true }).getByRole("radio", { name: "In my daily e-mail" }),
  ).toBeChecked();
  // Security messages cannot be turned off: there is no choice to make.
  await expect(page.getByRole("group", { name: /password was changed/i })).toHaveCount(0);

  await page.getByRole("link", { name: /^Notifications/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const markAll = page.getByRole("button", { name: "Mark all as read" });
  if (await markAll.isVisible()) {
    await markAll.click();
    await expect(page.getByText("All your notifications are marked as read")).toBeVisible();
    await expect(page.getByRole("link", { name: /^Notifications\s*\d+\s*unread$/ })).toHaveCount(0);
  }
  await page.setViewportSize({ width: 320, height: 640 });
  await page.reload();
  expect(await page.evaluate(fitsWidth)).toBe(true);
  await expectNoAccessibilityViolations(page);
});

test("an administrator sees e-mail delivery without any message's content; an officer cannot open the page", async ({ page, browser }) => {
  await signInAndWait(page, DEMO.admin);
  await page.goto("/admin/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "E-mail delivery" })).toBeVisible();
  await expect(page.getByText("Sent", { exact: true })).toBeVisible();
  await expect(page.locator("main")).not.toContainText(/has been assigned|more information on referral|set-password/);
  await expectNoAccessibilityViolations(page);
  await page.setViewportSize({ width: 320, height: 640 });
  await page.reload();
  expect(await page.evaluate(fitsWidth)).toBe(true);

  const officer = await (await browser.newContext()).newPage();
  await signInAndWait(officer, DEMO.officer);
  await officer.goto("/admin/notifications");
  await expect(officer.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});
