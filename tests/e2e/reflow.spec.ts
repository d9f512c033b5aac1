import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInAndWait } from "./support";

// WCAG 1.4.10 Reflow: at 320 CSS pixels wide every list page and its filters fit the screen
// (tables scroll inside their own box). A select's longest option once widened a filter grid's
// only column past the screen; this walks every list for the two kinds of user who see them.

const LISTS = {
  [DEMO.officer]: [
    "/",
    "/incidents",
    "/people",
    "/places",
    "/cases",
    "/actions",
    "/actions?scope=organisation",
    "/powers",
    "/referrals",
    "/meetings",
    "/returns",
    "/notifications",
    "/account",
  ],
  [DEMO.admin]: ["/admin/users", "/admin/organisations", "/admin/audit", "/admin/notifications"],
};

/** What sticks out past the right edge, outside any scroll box: empty when the page reflows. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest("[class*=overflow-x]"))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? "").trim().slice(0, 40)}`),
  );

for (const [email, paths] of Object.entries(LISTS)) {
  test(`every list ${email.split("@")[0]} sees reflows at 320 px`, async ({ page }) => {
    await signInAndWait(page, email);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of paths) {
      await page.goto(path);
      expect(await overflowing(page), path).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
  });
}
