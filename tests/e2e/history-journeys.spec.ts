import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, signInAndWait } from "./support";

// Recording history (lib/history), as a partnership moving onto the service does it: a MARAC held
// on 20/04/2020 with its case, a referral on professional judgement, the decision and an action;
// a CCM held in May 2020 that heard four cases. Then the returns for Q1 2020/21 count exactly
// those, their drill-downs list exactly those records, and the downloads say what the page says.

const MARAC_CHAIR = "rebecca.chen@met.kingsmere.example";
const MARAC_DETECTIVE = "sarah.whitfield@met.kingsmere.example"; // Metropolitan Police, MARAC panel
const CCM_CHAIR = "helen.marsh@kingsmere.gov.example";
const Q1_2020 = "2020-21-q1";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signInAndWait(page, email);
  return page;
}

/** Opens "This happened before today" in the form and types the day into the date group it holds. */
async function happenedOn(page: Page, legend: string, [day, month, year]: [string, string, string]) {
  await page.getByText("This happened before today").click();
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(day);
  await group.getByLabel("Month").fill(month);
  await group.getByLabel("Year").fill(year);
}

async function dateGroup(page: Page, legend: string, [day, month, year]: [string, string, string]) {
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(day);
  await group.getByLabel("Month").fill(month);
  await group.getByLabel("Year").fill(year);
}

/** Opens a case dated in the past; returns its address and reference. */
async function openPastCase(page: Page, kind: "ASB" | "MARAC", title: string, opened: [string, string, string]) {
  await page.goto("/cases/new");
  await page.getByRole("radio", { name: kind, exact: true }).check();
  await page.getByLabel("Title").fill(title);
  await happenedOn(page, "When the case was opened", opened);
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
  const reference = (await page
    .getByText(/^Case CASE-\d{4}-\d{6}$/)
    .first()
    .textContent())!.replace("Case ", "");
  expect(reference).toMatch(new RegExp(`^CASE-${opened[2]}-`));
  return { url: page.url().replace(/\?.*$/, ""), reference };
}

/** Schedules a meeting with a past date: it is recorded as held. */
async function recordHeldMeeting(page: Page, date: [string, string, string], organisations: string[]) {
  await page.goto("/meetings/new");
  await dateGroup(page, "Date of the meeting", date);
  await page.getByLabel("Start time").fill("10:00");
  for (const org of organisations) await page.getByRole("checkbox", { name: org }).check();
  await page.getByRole("button", { name: "Schedule the meeting" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Meeting recorded as held" })).toBeVisible();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(reference).toMatch(new RegExp(`^MTG-${date[2]}-\\d{6}$`));
  await expect(page.getByRole("definition").filter({ hasText: "After it was held, from its records" })).toBeVisible();
  return { url: page.url().replace(/\?.*$/, ""), reference };
}

/** In meeting mode: records the case showing now, and saves it. */
async function recordHeard(page: Page, decision: string) {
  const article = page.locator("article:visible");
  const itemId = (await article.locator("h2").first().getAttribute("id"))!.replace("case-heading-", "");
  await page.locator(`#discussion-${itemId}`).fill("Heard from the minutes of the meeting.");
  await page.locator(`#decision-${itemId}`).fill(decision);
  await page.locator(`#reviewed-${itemId}`).check();
  return itemId;
}

async function save(page: Page) {
  await page.getByRole("button", { name: /^Save this case/ }).click();
  await expect(page.locator("article:visible").getByText(/^Saved at \d{2}:\d{2}/)).toBeVisible();
}

async function closeMeeting(page: Page, meetingUrl: string, reference: string) {
  await page.goto(`${meetingUrl}/close`);
  await page.getByRole("button", { name: "Close the meeting and produce the minutes" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Meeting ${reference} closed` })).toBeVisible();
}

/** The CSV download of a return for a period, as rows of cells. */
async function csvOf(page: Page, returnKey: string): Promise<string> {
  const response = await page.request.get(`/api/returns/${returnKey}?period=${Q1_2020}&format=csv`);
  expect(response.status()).toBe(200);
  return response.text();
}

test("a MARAC held on 20/04/2020 is recorded with its case, a referral on professional judgement, the decision and an action; the MARAC return for Q1 2020/21 counts it", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const detective = await signedIn(browser, MARAC_DETECTIVE);
  const chair = await signedIn(browser, MARAC_CHAIR);
  const title = `Historic MARAC case ${Date.now()}`;

  // The case, opened in March 2020, and its referral on 1 April 2020 on professional judgement.
  const theCase = await openPastCase(detective, "MARAC", title, ["16", "3", "2020"]);
  await detective.locator("#referrals").getByRole("link", { name: "Refer to MARAC" }).click();
  await detective.getByRole("checkbox", { name: "Professional judgement" }).check();
  await detective.getByLabel("Reason for referral").fill("Escalating coercive control; the officer's judgement is that the risk is high.");
  await detective.getByRole("group", { name: "Is this a transfer from another area's MARAC?" }).getByRole("radio", { name: "No" }).check();
  await happenedOn(detective, "When the referral was made", ["1", "4", "2020"]);
  await detective.getByRole("button", { name: "Send referral" }).click();
  await expect(detective.getByRole("status").filter({ hasText: "Referral sent" })).toBeVisible();
  const referralUrl = detective.url().replace(/\?.*$/, "");
  await expect(detective.getByRole("heading", { level: 1 })).toHaveText(/^REF-2020-\d{6}$/);

  // The chair's decision of 2 April 2020: accepted, to wait for the meeting recorded as held after it.
  await chair.goto(referralUrl);
  await chair.getByRole("radio", { name: "Accept onto meeting" }).check();
  // No meeting: the case waits for the meeting recorded as held after the decision.
  await chair.getByLabel("Meeting to list the case at").selectOption("");
  await happenedOn(chair, "When the decision was made", ["2", "4", "2020"]);
  await chair.getByRole("button", { name: "Continue" }).click();
  await chair.getByRole("button", { name: "Confirm decision" }).click();
  await expect(chair.getByRole("status").filter({ hasText: /accepted/i })).toBeVisible();

  // The MARAC of 20 April 2020: its agenda has the referral accepted by then.
  const meeting = await recordHeldMeeting(
    chair,
    ["20", "4", "2020"],
    ["Metropolitan Police – Kingsmere (MPS)", "Kingsmere Women's Aid (KWA)"],
  );
  await expect(chair.locator("#agenda")).toContainText(theCase.reference);
  await expect(chair.getByRole("heading", { name: "Cases due for review, not on the agenda" })).toHaveCount(0);
  await expectNoAccessibilityViolations(chair);

  // Meeting mode after the fact: the decision, and an action due 01/05/2020, done on 28/04/2020.
  await chair.getByRole("link", { name: "Continue in meeting mode" }).click();
  await expect(chair.getByRole("heading", { level: 1, name: "Meeting mode" })).toBeVisible();
  await recordHeard(chair, "IDVA support and a safety plan; police to review bail conditions.");
  await chair.getByRole("button", { name: /^Add an action/ }).click();
  const row = chair.locator("article:visible fieldset").filter({ hasText: "Action 1" });
  await row.getByLabel("What needs to be done").fill("IDVA safety plan");
  await row.locator("select").first().selectOption({ label: "Kingsmere Women's Aid (KWA)" });
  await dateGroup(chair, "Due date", ["1", "5", "2020"]);
  await dateGroup(chair, "Done on (optional)", ["28", "4", "2020"]);
  await row.getByLabel("What was done (optional)").fill("Safety plan agreed with the victim.");
  await expectNoAccessibilityViolations(chair);
  await save(chair);
  await closeMeeting(chair, meeting.url, meeting.reference);

  // The case's timeline is in the order things happened, each with both dates.
  await detective.goto(theCase.url);
  const timeline = detective.locator("#timeline");
  await expect(timeline).toContainText(`Discussed at the MARAC meeting ${meeting.reference} (20/04/2020)`);
  await expect(timeline).toContainText(/Happened 20\/04\/2020 · recorded \d{2}\/\d{2}\/\d{4} by/);
  await expect(timeline).toContainText(/Happened 28\/04\/2020 · recorded/);

  // The MARAC data return for Q1 2020/21: 1 case discussed, 1 referral from the police.
  await chair.goto(`/returns/marac?period=${Q1_2020}`);
  await expect(chair.getByRole("heading", { level: 1, name: "MARAC data return Q1 2020/21" })).toBeVisible();
  await expect(chair.getByLabel("Period", { exact: true })).toHaveValue(Q1_2020);
  const discussed = chair.getByRole("link", { name: /^1 case discussed at / }).first();
  await expect(discussed).toBeVisible();
  await expect(chair.getByRole("row", { name: /Metropolitan Police/ }).first()).toContainText("1");
  await expectNoAccessibilityViolations(chair);
  await discussed.click();
  await expect(chair.getByRole("heading", { level: 1, name: "Records behind a figure" })).toBeVisible();
  const records = chair.getByRole("table").last().getByRole("row");
  await expect(records).toHaveCount(2); // the header and the one case
  await expect(records.nth(1)).toContainText(theCase.reference);

  const csv = await csvOf(chair, "marac");
  expect(csv).toContain(meeting.reference);
  expect(csv).toContain("Metropolitan Police");
});

test("a CCM held in May 2020 heard four cases; CCM activity for Q1 2020/21 shows 4 cases heard, its drill-down lists exactly those, and the download agrees", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const chair = await signedIn(browser, CCM_CHAIR);
  const stamp = Date.now();
  const cases = [];
  for (let n = 1; n <= 4; n++) cases.push(await openPastCase(chair, "ASB", `Historic CCM case ${n} ${stamp}`, ["2", "5", "2020"]));

  const meeting = await recordHeldMeeting(chair, ["14", "5", "2020"], ["Kingsmere Council Community Safety and ASB Team (KCSAT)"]);
  for (const [n, c] of cases.entries()) {
    await chair.getByLabel("Case reference").fill(c.reference);
    await chair.getByRole("button", { name: "Add to the agenda" }).click();
    await expect(chair.locator("#agenda ol > li")).toHaveCount(n + 1);
  }
  await expect(chair.locator("#agenda ol > li")).toHaveCount(4);

  await chair.getByRole("link", { name: "Continue in meeting mode" }).click();
  for (let n = 0; n < 4; n++) {
    if (n > 0) await chair.getByRole("button", { name: new RegExp(`^${n + 1}\\. `) }).click();
    await recordHeard(chair, "Joint visit agreed; review at the next CCM.");
    await save(chair);
  }
  await closeMeeting(chair, meeting.url, meeting.reference);

  await chair.goto(`/returns/ccm-activity?period=${Q1_2020}`);
  await expect(chair.getByRole("heading", { level: 1, name: "CCM activity Q1 2020/21" })).toBeVisible();
  const heard = chair.getByRole("link", { name: new RegExp(`^4 cases heard at .*${meeting.reference}`) });
  await expect(heard).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  await heard.click();
  const rows = chair.getByRole("table").last().getByRole("row");
  await expect(rows).toHaveCount(5);
  for (const c of cases) await expect(chair.getByRole("table").last()).toContainText(c.reference);

  const csv = await csvOf(chair, "ccm-activity");
  const line = csv.split(/\r?\n/).find((l) => l.includes(meeting.reference));
  expect(line, "the meeting's row in the download").toBeDefined();
  expect(line!.split(",")).toContain("4");
});
