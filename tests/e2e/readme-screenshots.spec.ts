import { test, type Page } from "@playwright/test";
import { signInAndWait } from "./support";

// The README's screenshots of the main screens, at a desktop and a phone size, taken from the demo
// partnership: `README_SCREENSHOTS=1 npx playwright test -c tests/e2e/playwright.config.ts
// readme-screenshots` (after `next build`) writes public/screenshots/*.png. Skipped otherwise: a
// picture is not a test.

test.skip(!process.env.README_SCREENSHOTS, "README_SCREENSHOTS=1 to retake the README's screenshots");

const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

async function shoot(page: Page, name: string) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    await page.setViewportSize(viewport);
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `public/screenshots/${name}-${size}.png` });
  }
}

test("the officer's screens", async ({ page }) => {
  await signInAndWait(page, "kwame.mensah@kingsmere.gov.example");
  await shoot(page, "dashboard-officer");
  await page.goto("/incidents");
  await shoot(page, "incidents");
  await page.goto("/incidents/new");
  await shoot(page, "incident-form");
  await page.goto("/cases");
  await page.getByRole("row").filter({ hasText: "Larkhall Gardens" }).getByRole("link").first().click();
  await shoot(page, "case");
});

test("the manager's screens", async ({ page }) => {
  await signInAndWait(page, "sandra.okafor@kingsmere.gov.example");
  await shoot(page, "dashboard-manager");
  await page.goto("/returns");
  await page
    .getByRole("link", { name: /tools and powers/i })
    .first()
    .click();
  await shoot(page, "return");
});
