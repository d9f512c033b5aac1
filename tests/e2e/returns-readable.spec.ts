import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, signInAndWait } from "./support";

// Returns a manager can read (issue 17, point 7): on a desktop the tools and powers table uses the
// screen's width and fits it (or scrolls inside its own box, never the page); zeros are plain
// text and only a figure with records behind it is a link; the organisations come under their
// organisation type, each with a subtotal, and open on demand; each return has a chart of its main
// series with a name and a description, the figures staying in the table; on a phone nothing
// makes the page scroll sideways. Read-only: the manager's account is only read here.
// With E2E_SCREENSHOTS=1 the pages are also saved as pictures in the test's output folder.

const COUNCIL = "Kingsmere Council Community Safety and ASB Team";

/** The page's own width beyond the window: 0 when nothing but the boxes meant to scroll sticks out. */
const pageOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function screenshot(target: Page | Locator, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  const path = test.info().outputPath(`${name}.png`);
  await ("goto" in target ? target.screenshot({ path, fullPage: true }) : target.screenshot({ path }));
}

test("at 1280×800 the tools and powers return fits the screen, zeros are plain, the organisation types open to their organisations, and the chart is named", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signInAndWait(page, DEMO.manager);
  await page.goto("/returns/tools-and-powers");
  await expect(page.getByRole("heading", { level: 1, name: /^Tools and powers return \d{4}\/\d{2}$/ })).toBeVisible();

  // The table uses the page's width and fits it; were it wider, it would scroll in its own labelled, focusable box.
  const box = page.getByRole("region", { name: "By issuing organisation" });
  await expect(box).toHaveAttribute("tabindex", "0");
  const table = box.getByRole("table", { name: "By issuing organisation" });
  await expect(table).toBeVisible();
  await screenshot(page, "tools-and-powers-1280");
  const fit = await box.evaluate((el) => ({
    overflowX: getComputedStyle(el).overflowX,
    hidden: el.scrollWidth - el.clientWidth,
    right: el.getBoundingClientRect().right,
  }));
  expect(fit.overflowX).toBe("auto");
  expect(fit.hidden, "the table is fully visible at 1280 px").toBeLessThanOrEqual(0);
  expect(fit.right).toBeLessThanOrEqual(1280);
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

  // Each organisation type has a subtotal row; its organisations are hidden until it is opened.
  const councilRow = table.getByRole("row", { name: new RegExp(`^${COUNCIL}`) }).first();
  await expect(table.getByRole("rowheader", { name: /^Local authority \(1 organisation, all powers\)$/ })).toBeVisible();
  await expect(councilRow).toBeHidden();
  await expect(table.getByRole("link", { name: /^\d+ powers? issued by local authorities$/ })).toBeVisible();
  await table.locator("summary", { hasText: "Local authority" }).click();
  await expect(councilRow).toBeVisible();

  // A figure above zero links to its records; a zero is plain text.
  await expect(table.getByRole("link", { name: new RegExp(`^\\d+ .+ issued by ${COUNCIL}$`) }).first()).toHaveText(/^[1-9][\d,]*$/);
  const zero = table.getByRole("cell", { name: "0", exact: true }).first();
  await expect(zero).toBeVisible();
  await expect(zero.getByRole("link")).toHaveCount(0);

  // The chart: an image named by its heading, described figure by figure.
  const chart = page.getByRole("img", { name: "Powers issued, by kind" });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/^Bar chart of the powers issued in \d{4}\/\d{2}\. .+: \d+.* Total \d+\./);

  await expectNoAccessibilityViolations(page);
  await screenshot(page, "tools-and-powers-1280-open");
  await screenshot(box, "tools-and-powers-1280-table-open");
});

test("at 390×844 the tools and powers return does not scroll sideways: the table scrolls in its own box and the chart fits", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndWait(page, DEMO.manager);
  await page.goto("/returns/tools-and-powers");
  await expect(page.getByRole("img", { name: "Powers issued, by kind" })).toBeVisible();
  await page.getByRole("table", { name: "By issuing organisation" }).locator("summary", { hasText: "Police" }).click();
  expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
  const chartWidth = await page.getByRole("img", { name: "Powers issued, by kind" }).evaluate((el) => el.getBoundingClientRect().right);
  expect(chartWidth).toBeLessThanOrEqual(390);
  const box = page.getByRole("region", { name: "By issuing organisation" });
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expectNoAccessibilityViolations(page);
  await screenshot(page, "tools-and-powers-390");
  await screenshot(page.getByRole("region", { name: "Powers issued, by kind" }), "tools-and-powers-390-chart");
  await screenshot(box, "tools-and-powers-390-table");
});

test("the Community Trigger publication and CCM activity each chart their main series, with a name and no sideways scrolling on a phone", async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndWait(page, DEMO.manager);
  for (const [key, name] of [
    ["community-trigger", "Applications received, by lead organisation"],
    ["ccm-activity", "Cases heard at each CCM meeting"],
  ] as const) {
    await page.goto(`/returns/${key}`);
    const heading = page.getByRole("heading", { level: 2, name });
    await expect(heading).toBeVisible();
    // A period with nothing to chart says so instead.
    const chart = page.getByRole("img", { name });
    if ((await chart.count()) === 0) await expect(page.getByText(/^No .+ in \d{4}\/\d{2}\.$/)).toBeVisible();
    else await expect(chart).toHaveAccessibleDescription(/^Bar chart of the /);
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, `${key}-390`);
  }
  await expectNoAccessibilityViolations(page);
});

test("without JavaScript an organisation type still opens to show its organisations", async ({ page, browser }) => {
  await signInAndWait(page, DEMO.manager);
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await noScript.newPage();
  await plain.goto("/returns/tools-and-powers");
  const table = plain.getByRole("table", { name: "By issuing organisation" });
  const council = table.getByRole("cell", { name: COUNCIL, exact: true });
  await expect(council).toBeHidden();
  await table.locator("summary", { hasText: "Local authority" }).click();
  await expect(council).toBeVisible();
  await noScript.close();
});
