import { expect, test, type Page } from "@playwright/test";
import { ensureTestServer } from "../../prisma/tooling/test-database";
import { databaseUrl } from "../../prisma/tooling/postgres-admin";
import { signInAndWait } from "./support";
import { loadRecords } from "../support/seeded-records";
import { PAGES, SUBJECTS, type Records, type Subject } from "../support/access-matrix";

// WCAG 1.4.10 Reflow: at 320 CSS pixels wide every page fits the screen; a table may scroll inside
// its own box, the page may not. Every page of the access matrix (tests/support/access-matrix.ts)
// that the chair, a MARAC panel member or the administrator may open is visited at 320 px, so a
// new page is swept as soon as it is listed there. (axe does not catch this.)

const PORT = Number(process.env.E2E_PORT ?? 3100);
let records: Records;

test.beforeAll(async () => {
  records = await loadRecords(databaseUrl(await ensureTestServer(), `sp_e2e_${PORT}`));
});

/** What sticks out past the right edge, outside any scroll box: empty when the page reflows. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll("body *"))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest("[class*=overflow-x]"))
      .slice(0, 3)
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? "").trim().slice(0, 40)}`),
  );

for (const subject of ["chair", "panelMember", "admin"] as const satisfies Subject[]) {
  test(`every page the ${subject} opens reflows at 320 px`, async ({ page }) => {
    test.setTimeout(240_000);
    await signInAndWait(page, SUBJECTS[subject]);
    await page.setViewportSize({ width: 320, height: 640 });
    const paths = Object.values(PAGES).flatMap((probes) => probes.filter((p) => p.expect[subject] === "ok").map((p) => p.url(records)));
    expect(paths.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const path of new Set(paths)) {
      await page.goto(path);
      const wide = await overflowing(page);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide.length > 0 || width > 320) problems.push(`${path} (${width} px): ${wide.join("; ")}`);
    }
    expect(problems).toEqual([]);
  });
}
