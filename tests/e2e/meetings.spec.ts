import { expect, test, type Browser, type Page } from "@playwright/test";
import { PDFParse } from "pdf-parse";
import { expectNoAccessibilityViolations, signInAndWait, waitForMail } from "./support";

// The issue-6 journey on the demo partnership (prisma/seed): the MARAC chair schedules a MARAC
// (after the demo's next one, so the referrals journey keeps that one to itself); the MARAC
// coordinator opens a MARAC case, records a DASH of 15 and refers it; the chair accepts it onto
// the new meeting, lists two more cases, reorders the agenda, reads the pack, and runs the meeting
// in meeting mode for three cases with the keyboard only, agreeing actions for two agencies; closes
// it and downloads the minutes PDF. The housing officer given an action sees it on her dashboard;
// a police officer on no panel gets "Page not found" for the meeting, its pack and its minutes.

const MARAC_CHAIR = "rebecca.chen@met.kingsmere.example";
const COORDINATOR = "yasmin.patel@kingsmere.gov.example";
const HOUSING_OFFICER = "fatima.hussain@kingsmerehomes.example";
const OFFICER_NOT_ON_PANEL = "tom.fletcher@met.kingsmere.example";
const CASE_TITLE = "Domestic abuse: meeting-mode journey";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signInAndWait(page, email);
  return page;
}

function londonDay(daysAhead: number): { day: string; month: string; year: string } {
  const when = new Date(Date.now() + daysAhead * 24 * 60 * 60 * 1000);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "numeric",
    year: "numeric",
  }).formatToParts(when);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: part("day"), month: part("month"), year: part("year") };
}

const question = (page: Page, n: number) => page.getByRole("group", { name: new RegExp(`^${n}\\. `) });

/** Presses Tab until the element with this id has focus (keyboard only, however many stops there are). */
async function tabTo(page: Page, id: string, limit = 60) {
  for (let i = 0; i < limit; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach #${id} with the Tab key`);
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");

/** Meeting mode: records the current case with the keyboard only. */
async function recordCase(
  page: Page,
  text: { discussion: string; decision: string },
  actions: { title: string; organisation: string; officer?: string }[] = [],
) {
  const heading = page.locator("article:visible h2").first();
  const itemId = (await heading.getAttribute("id"))!.replace("case-heading-", "");
  await tabTo(page, `discussion-${itemId}`);
  await page.keyboard.type(text.discussion);
  await page.keyboard.press("Tab"); // → decision
  expect(await focusedId(page)).toBe(`decision-${itemId}`);
  await page.keyboard.type(text.decision);
  await page.keyboard.press("Tab"); // → reviewed
  await page.keyboard.press("Space");
  const due = londonDay(14);
  for (const action of actions) {
    await page.keyboard.press("Alt+A"); // focus moves to the new action's title
    await expect.poll(() => focusedId(page)).toMatch(/^action-title-/);
    const rowKey = (await focusedId(page)).replace("action-title-", "");
    await page.keyboard.type(action.title);
    await page.keyboard.press("Tab"); // → organisation
    const organisations = await page.locator(`#action-org-${rowKey} option`).allTextContents();
    for (let i = 0; i < organisations.findIndex((o) => o.startsWith(action.organisation)); i++) await page.keyboard.press("ArrowDown");
    await expect(page.locator(`#action-org-${rowKey}`)).toHaveValue(/[0-9a-f-]{36}/);
    await page.keyboard.press("Tab"); // → officer
    if (action.officer) {
      const officers = await page.locator(`#action-officer-${rowKey} option`).allTextContents();
      for (let i = 0; i < officers.indexOf(action.officer); i++) await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Tab"); // → day
    await page.keyboard.type(due.day);
    await page.keyboard.press("Tab");
    await page.keyboard.type(due.month);
    await page.keyboard.press("Tab");
    await page.keyboard.type(due.year);
  }
  await page.keyboard.press("Control+Enter");
  await expect(page.locator("article:visible").getByText(/^Saved at \d{2}:\d{2}/)).toBeVisible();
}

test("the MARAC chair runs a meeting in meeting mode with the keyboard only; minutes go out; the action reaches the agency; outsiders get 404", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const chair = await signedIn(browser, MARAC_CHAIR);

  // ── The chair schedules a MARAC ──
  await chair.goto("/meetings");
  await expect(chair.getByRole("heading", { level: 1, name: "Meetings" })).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  await chair.getByRole("link", { name: "Schedule a meeting" }).click();
  await expect(chair.getByRole("heading", { level: 1, name: "Schedule a meeting" })).toBeVisible();
  await chair.getByRole("button", { name: "Schedule the meeting" }).click();
  await expect(
    chair.getByRole("alert").filter({ hasText: "There is a problem" }).getByRole("link", { name: "Enter the date of the meeting" }),
  ).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  const date = londonDay(11);
  const dateGroup = chair.getByRole("group", { name: "Date of the meeting" });
  await dateGroup.getByLabel("Day").fill(date.day);
  await dateGroup.getByLabel("Month").fill(date.month);
  await dateGroup.getByLabel("Year").fill(date.year);
  await chair.getByLabel("Start time").fill("14:00");
  await chair.getByLabel("Venue (optional)").fill("Kingsmere Police Station, secure conference room");
  for (const org of [
    "Metropolitan Police – Kingsmere (MPS)",
    "Kingsmere Homes (KH)",
    "Kingsmere Women's Aid (KWA)",
    "Kingsmere Health and Care NHS Trust (KHC)",
  ]) {
    await chair.getByRole("checkbox", { name: org }).check();
  }
  await chair.getByRole("button", { name: "Schedule the meeting" }).click();
  await expect(chair.getByRole("status").filter({ hasText: "Meeting scheduled" })).toBeVisible();
  const meetingReference = (await chair.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(meetingReference).toMatch(/^MTG-\d{4}-\d{6}$/);
  const meetingUrl = chair.url().replace(/\?.*$/, "");
  await expect(chair.getByRole("note", { name: "Protective marking" })).toContainText("OFFICIAL-SENSITIVE");
  await expect(chair).toHaveTitle("Meeting agenda – Safer Partnerships");

  // ── The coordinator opens a MARAC case, records a DASH of 15 and refers it ──
  const coordinator = await signedIn(browser, COORDINATOR);
  await coordinator.goto("/cases/new");
  await coordinator.getByRole("radio", { name: "MARAC", exact: true }).check();
  await coordinator.getByLabel("Title").fill(CASE_TITLE);
  await coordinator
    .getByLabel("Summary (optional)")
    .fill("Victim disclosed strangulation and threats to kill; the perpetrator has a new address nearby.");
  await coordinator.getByRole("radio", { name: "High" }).check();
  await coordinator.getByRole("button", { name: "Open case" }).click();
  await expect(coordinator).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
  const caseUrl = coordinator.url().replace(/\?.*$/, "");
  const caseReference = (await coordinator
    .getByText(/^Case CASE-\d{4}-\d{6}$/)
    .first()
    .textContent())!.replace("Case ", "");
  await coordinator.locator("#risk").getByRole("link", { name: "Complete a DASH checklist" }).click();
  for (let n = 1; n <= 24; n++)
    await question(coordinator, n)
      .getByRole("radio", { name: n <= 15 ? "Yes" : "No", exact: true })
      .check();
  await coordinator.getByRole("button", { name: "Save assessment" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "DASH risk checklist recorded: high risk" })).toBeVisible();
  await coordinator.goto(caseUrl);
  await coordinator.locator("#referrals").getByRole("link", { name: "Refer to MARAC" }).click();
  await coordinator.getByRole("checkbox", { name: "Visible high risk (DASH score of 14 or more)" }).check();
  await coordinator.getByLabel("Reason for referral").fill("DASH 15: strangulation and threats to kill.");
  await coordinator.getByLabel("Number of children in the household").fill("1");
  await coordinator.getByRole("button", { name: "Send referral" }).click();
  await expect(coordinator.getByRole("status").filter({ hasText: "Referral sent" })).toBeVisible();
  const referralUrl = coordinator.url().replace(/\?.*$/, "");

  // ── The chair accepts it onto the new meeting ──
  await chair.goto(referralUrl);
  await chair.getByRole("radio", { name: "Accept onto meeting" }).check();
  const meetingSelect = chair.getByLabel("Meeting to list the case at");
  const option = meetingSelect.locator("option").filter({ hasText: meetingReference });
  await meetingSelect.selectOption(await option.getAttribute("value"));
  await chair.getByRole("button", { name: "Continue" }).click();
  await chair.getByRole("button", { name: "Confirm decision" }).click();
  await expect(chair.getByRole("status").filter({ hasText: "Referral accepted onto the meeting" })).toBeVisible();

  // ── The agenda: the referred case, any case due for review, and cases from the demo's next
  // MARAC until there are three; then reordered from the keyboard ──
  await chair.goto("/meetings");
  const demoMeeting = chair
    .getByRole("row")
    .filter({ hasText: "MARAC" })
    .filter({ hasNotText: meetingReference })
    .first()
    .getByRole("link");
  await demoMeeting.click();
  await expect(chair.getByRole("heading", { level: 1, name: /^MTG-/ })).not.toHaveText(meetingReference);
  await expect(chair.locator("#agenda li").first()).toBeVisible();
  const referencesIn = async () =>
    (await chair.locator("#agenda ol > li").allTextContents())
      .map((t) => /CASE-\d{4}-\d{6}/.exec(t)?.[0])
      .filter((r): r is string => Boolean(r));
  const demoCases = await referencesIn();
  await chair.goto(meetingUrl);
  const agenda = chair.locator("#agenda ol > li");
  await expect(agenda.first()).toBeVisible();
  const listed = await referencesIn();
  expect(listed).toContain(caseReference);
  for (const reference of demoCases.filter((r) => !listed.includes(r)).slice(0, Math.max(0, 3 - listed.length))) {
    await chair.getByLabel("Case reference").fill(reference);
    await chair.getByRole("button", { name: "Add to the agenda" }).click();
    await expect(chair.getByRole("status").filter({ hasText: "Case added to the agenda" })).toBeVisible();
  }
  await expect(agenda).toHaveCount(3);
  await expectNoAccessibilityViolations(chair);
  // Move the last case to the top with the keyboard: focus stays on the button as the item moves.
  const last = (await referencesIn())[2]!;
  await chair.getByRole("button", { name: `Move up ${last}` }).focus();
  await chair.keyboard.press("Enter");
  await expect(agenda.nth(1)).toContainText(last);
  await expect(chair.getByRole("button", { name: `Move up ${last}` })).toBeFocused();
  await chair.keyboard.press("Enter");
  await expect(agenda.first()).toContainText(last);
  await expect(chair.getByRole("button", { name: `Move down ${last}` })).toBeFocused();
  const order = await referencesIn();

  // ── The pre-meeting pack ──
  await chair.getByRole("link", { name: "Pre-meeting pack" }).click();
  await expect(chair.getByRole("heading", { level: 1, name: "Pre-meeting pack" })).toBeVisible();
  await expect(chair.getByRole("article").filter({ hasText: caseReference })).toContainText("DASH risk checklist: score 15, high risk");
  await expectNoAccessibilityViolations(chair);

  // ── Meeting mode, keyboard only ──
  await chair.goto(meetingUrl);
  await chair.getByRole("button", { name: "Start the meeting" }).focus();
  await chair.keyboard.press("Enter");
  await expect(chair.getByRole("heading", { level: 1, name: "Meeting mode" })).toBeVisible();
  await expect(chair.getByText("Alt + N")).toBeVisible();
  await expect(chair.getByText("Ctrl + Enter")).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  await chair.screenshot({ path: "test-results/meeting-mode.png", fullPage: true });

  // Case 1: typed, not saved, the page reloaded: the text comes back from this device.
  const firstItem = (await chair.locator("article:visible h2").first().getAttribute("id"))!.replace("case-heading-", "");
  await tabTo(chair, `discussion-${firstItem}`);
  await chair.keyboard.type("Unsaved note before the reload");
  await chair.reload();
  await expect(chair.getByText("Unsaved text from earlier on this device has been restored")).toBeVisible();
  await expect(chair.locator(`#discussion-${firstItem}`)).toHaveValue("Unsaved note before the reload");
  await chair.locator(`#discussion-${firstItem}`).fill("");

  for (const [i, reference] of order.entries()) {
    if (i > 0) {
      await chair.keyboard.press("Alt+N");
      await expect(chair.locator("article:visible h2").first()).toBeFocused();
    }
    await expect(chair.locator("article:visible h2").first()).toContainText(reference);
    if (reference === caseReference) {
      await recordCase(
        chair,
        {
          discussion: "New referral at DASH 15; the perpetrator has moved nearby.",
          decision: "Sanctuary target-hardening and an IDVA safety plan.",
        },
        [
          { title: "Sanctuary scheme target-hardening at the victim's home", organisation: "Kingsmere Homes", officer: "Fatima Hussain" },
          { title: "IDVA safety plan and non-molestation order support", organisation: "Kingsmere Women's Aid" },
        ],
      );
    } else {
      await recordCase(chair, {
        discussion: `Progress on ${reference} reviewed.`,
        decision: "Continue the safety plan; review at the next MARAC.",
      });
    }
  }
  await expect(chair.getByText("Case 3 of 3 · 3 reviewed")).toBeVisible();
  await chair.keyboard.press("Alt+P");
  await chair.keyboard.press("Alt+P");
  await expect(chair.locator("article:visible h2").first()).toContainText(order[0]!);
  await chair.getByRole("button", { name: new RegExp(`^\\d\\. ${caseReference}`) }).focus();
  await chair.keyboard.press("Enter");
  await expect(chair.locator("article:visible h2").first()).toContainText(caseReference);
  await expect(chair.locator("article:visible").getByText("Sanctuary scheme target-hardening at the victim's home")).toBeVisible();
  await chair.screenshot({ path: "test-results/meeting-mode-recorded.png", fullPage: true });

  // The decision and the actions are on the case timeline.
  await coordinator.goto(caseUrl);
  await expect(coordinator.locator("#timeline")).toContainText(`Discussed at the MARAC meeting ${meetingReference}`);
  await expect(coordinator.locator("#timeline")).toContainText("Action agreed at the MARAC meeting");

  // ── Close (check first), then the minutes PDF ──
  await chair.goto(`${meetingUrl}/close`);
  await expect(chair.getByRole("heading", { level: 1, name: "Close the meeting" })).toBeVisible();
  await expect(chair.getByText("3 of 3")).toBeVisible();
  await chair.getByRole("button", { name: "Close the meeting and produce the minutes" }).focus();
  await chair.keyboard.press("Enter");
  await expect(chair.getByRole("status").filter({ hasText: `Meeting ${meetingReference} closed` })).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  const [download] = await Promise.all([
    chair.waitForEvent("download"),
    chair.getByRole("link", { name: "Download the minutes (PDF)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`minutes-${meetingReference}.pdf`);
  const pdf = await (await download.createReadStream()).toArray();
  const text = (await new PDFParse({ data: new Uint8Array(Buffer.concat(pdf)) }).getText()).text.replace(/\s+/g, " ");
  expect(text).toContain("Sanctuary target-hardening and an IDVA safety plan.");
  expect(text).toContain("Kingsmere Homes (KH)");
  expect(text).toContain(`${caseReference}: Sanctuary scheme target-hardening at the victim's home`);
  expect(text).toContain("Kingsmere Women's Aid (KWA)");
  expect(text).toContain("OFFICIAL-SENSITIVE — MARAC: do not share beyond the panel");
  const minutesUrl = chair.url().replace(/\?.*$/, "");

  // ── The housing officer sees her new action on the dashboard ──
  const housing = await signedIn(browser, HOUSING_OFFICER);
  await expect(housing.getByRole("table", { name: /My actions/ })).toContainText("Sanctuary scheme target-hardening at the victim's home");

  // ── A police officer on no panel: the meeting does not exist ──
  const outsider = await signedIn(browser, OFFICER_NOT_ON_PANEL);
  for (const url of [meetingUrl, `${meetingUrl}/pack`, `${meetingUrl}/run`, minutesUrl]) {
    await outsider.goto(url);
    await expect(outsider.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(outsider.getByText(meetingReference)).toHaveCount(0);
  }
  const pdfResponse = await outsider.request.get(`${meetingUrl.replace("/meetings/", "/api/meetings/")}/minutes`);
  expect(pdfResponse.status()).toBe(404);
  await outsider.goto("/meetings");
  await expect(outsider.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("the CCM chair cancels a scheduled meeting: its accepted referral goes back to the triage queue, the list shows why, and nothing of it can be run", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const CCM_CHAIR = "helen.marsh@kingsmere.gov.example";
  const ASB_OFFICER = "laura.bennett@kingsmere.gov.example";
  const chair = await signedIn(browser, CCM_CHAIR);

  // ── The chair schedules a CCM well after the demo's next one ──
  await chair.goto("/meetings/new");
  const date = londonDay(40);
  const dateGroup = chair.getByRole("group", { name: "Date of the meeting" });
  await dateGroup.getByLabel("Day").fill(date.day);
  await dateGroup.getByLabel("Month").fill(date.month);
  await dateGroup.getByLabel("Year").fill(date.year);
  await chair.getByLabel("Start time").fill("10:00");
  await chair.getByRole("checkbox", { name: "Kingsmere Homes (KH)" }).check();
  await chair.getByRole("button", { name: "Schedule the meeting" }).click();
  await expect(chair.getByRole("status").filter({ hasText: "Meeting scheduled" })).toBeVisible();
  const meetingReference = (await chair.getByRole("heading", { level: 1 }).textContent())!.trim();
  const meetingUrl = chair.url().replace(/\?.*$/, "");

  // ── An officer refers a new case to the CCM; the chair accepts it onto that meeting ──
  const officer = await signedIn(browser, ASB_OFFICER);
  await officer.goto("/cases/new");
  await officer.getByRole("radio", { name: "CCM", exact: true }).check();
  await officer.getByLabel("Title").fill(`Drug dealing from a flat, cancelled meeting journey ${Date.now()}`);
  await officer.getByRole("button", { name: "Open case" }).click();
  await expect(officer).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
  const caseUrl = officer.url().replace(/\?.*$/, "");
  await officer.locator("#referrals").getByRole("link", { name: "Refer to CCM" }).click();
  await officer.getByLabel("Reason for referral").fill("Visitors at all hours; a vulnerable tenant may be cuckooed.");
  await officer.getByRole("button", { name: "Send referral" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "Referral sent" })).toBeVisible();
  const referralReference = (await officer.getByRole("heading", { level: 1 }).textContent())!.trim();
  const referralUrl = officer.url().replace(/\?.*$/, "");

  await chair.goto(referralUrl);
  await chair.getByRole("radio", { name: "Accept onto meeting" }).check();
  const meetingSelect = chair.getByLabel("Meeting to list the case at");
  await meetingSelect.selectOption(await meetingSelect.locator("option").filter({ hasText: meetingReference }).getAttribute("value"));
  await chair.getByRole("button", { name: "Continue" }).click();
  await chair.getByRole("button", { name: "Confirm decision" }).click();
  await expect(chair.getByRole("status").filter({ hasText: "Referral accepted onto the meeting" })).toBeVisible();

  // ── Move it a day later: a date before today is refused beside the field; the invited are e-mailed ──
  await chair.goto(meetingUrl);
  await chair.getByRole("link", { name: "Change date, time or venue" }).click();
  await expect(chair.getByRole("heading", { level: 1, name: "Change the date, time or venue" })).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  const moveDate = chair.getByRole("group", { name: "Date of the meeting" });
  const yesterday = londonDay(-1);
  await moveDate.getByLabel("Day").fill(yesterday.day);
  await moveDate.getByLabel("Month").fill(yesterday.month);
  await moveDate.getByLabel("Year").fill(yesterday.year);
  await chair.getByLabel("Venue (optional)").fill("Town Hall, Committee Room 2");
  await chair.getByRole("button", { name: "Move the meeting" }).click();
  await expect(chair.getByRole("alert").filter({ hasText: "There is a problem" })).toContainText("today or a later date");
  await expect(chair.getByLabel("Venue (optional)")).toHaveValue("Town Hall, Committee Room 2");
  await expectNoAccessibilityViolations(chair);
  const later = londonDay(41);
  await moveDate.getByLabel("Day").fill(later.day);
  await moveDate.getByLabel("Month").fill(later.month);
  await moveDate.getByLabel("Year").fill(later.year);
  await chair.getByRole("button", { name: "Move the meeting" }).click();
  await expect(chair.getByRole("status").filter({ hasText: "Meeting moved" })).toBeVisible();
  await expect(chair.locator("main")).toContainText("Town Hall, Committee Room 2");
  const moved = await waitForMail("owen.price@kingsmerehomes.example", new RegExp(`Meeting ${meetingReference} has changed`));
  expect(moved.attachments).toContain("meeting.ics");
  expect(moved.text).not.toContain("cuckooed");

  // ── Cancel: the reason and what happens to the agenda, then the check step ──
  await chair.goto(meetingUrl);
  await chair.getByRole("link", { name: "Cancel the meeting" }).click();
  await expect(chair.getByRole("heading", { level: 1, name: "Cancel the meeting" })).toBeVisible();
  await expect(chair.getByRole("listitem").filter({ hasText: referralReference })).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  await chair.getByRole("button", { name: "Continue" }).click();
  const problems = chair.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(problems.getByRole("link", { name: "Enter why the meeting is cancelled" })).toBeVisible();
  await expect(chair).toHaveTitle(/^Error: /);
  const reason = "The chair is unwell and the panel would not be quorate.";
  await chair.getByLabel("Why is the meeting cancelled?").fill(reason);
  await chair.getByRole("button", { name: "Continue" }).click();
  await expect(problems.getByRole("link", { name: "Select what happens to the cases on the agenda" })).toBeVisible();
  await expect(chair.getByLabel("Why is the meeting cancelled?")).toHaveValue(reason);
  await expectNoAccessibilityViolations(chair);
  await chair.getByRole("radio", { name: "Return the referrals to the triage queue" }).check();
  await chair.getByRole("button", { name: "Continue" }).click();
  await expect(chair.getByRole("heading", { name: "Check before you cancel the meeting" })).toBeFocused();
  await expect(chair.locator("dl").filter({ hasText: "The cases on the agenda" })).toContainText(
    "The 1 referral on its agenda goes back to the CCM triage queue",
  );
  await expectNoAccessibilityViolations(chair);
  await chair.getByRole("button", { name: "Cancel the meeting" }).click();
  await expect(chair.getByRole("status").filter({ hasText: "Meeting cancelled" })).toBeVisible();
  await expect(chair.getByRole("region", { name: "Cancelled" })).toContainText("This meeting was cancelled on");
  await expect(chair.getByRole("region", { name: "Cancelled" })).toContainText(reason);
  await expect(chair.getByRole("button", { name: "Start the meeting" })).toHaveCount(0);
  await expectNoAccessibilityViolations(chair);

  // ── The list: not upcoming; under "Past and cancelled", with the reason ──
  await chair.goto("/meetings");
  await expect(chair.getByRole("link", { name: meetingReference })).toHaveCount(0);
  await chair.getByRole("link", { name: "Past and cancelled" }).click();
  const row = chair.getByRole("row").filter({ hasText: meetingReference });
  await expect(row).toContainText("Cancelled");
  await expect(row).toContainText(`Reason: ${reason}`);
  await expectNoAccessibilityViolations(chair);

  // ── Nothing of it can be run, closed or cancelled again ──
  await chair.goto(`${meetingUrl}/run`);
  await expect(chair.getByText("This meeting was cancelled.")).toBeVisible();
  await chair.goto(`${meetingUrl}/cancel`);
  await expect(chair.getByRole("heading", { level: 1, name: "You cannot cancel this meeting" })).toBeVisible();

  // ── The referral is back in the queue, its history says why; the case timeline has it ──
  await chair.goto("/referrals/triage");
  await expect(chair.getByRole("link", { name: referralReference })).toBeVisible();
  await chair.goto(referralUrl);
  await expect(
    chair.getByRole("table", { name: "Triage history" }).getByRole("row").filter({ hasText: "Returned to the triage queue" }),
  ).toContainText(reason);
  await officer.goto(caseUrl);
  await expect(officer.locator("#timeline")).toContainText(`was cancelled by Helen Marsh: ${reason}`);

  // ── The referrer withdraws it now it is undecided again (leaving the demo's queue as it was) ──
  await officer.goto(referralUrl);
  await officer.getByRole("link", { name: "Withdraw this referral" }).click();
  await officer.getByLabel("Why are you withdrawing the referral?").fill("The tenant has moved to supported housing.");
  await officer.getByRole("button", { name: "Continue" }).click();
  await officer.getByRole("button", { name: "Withdraw the referral" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "Referral withdrawn" })).toBeVisible();
  await chair.goto("/referrals/triage");
  await expect(chair.getByRole("link", { name: referralReference })).toHaveCount(0);
});
