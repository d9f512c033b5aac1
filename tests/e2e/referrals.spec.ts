import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, signInAndWait, waitForMail } from "./support";

// Referral and triage on the demo partnership (prisma/seed): a MARAC detective completes a DASH
// of 15 on a MARAC case and refers it to the MARAC; the MARAC chair finds it in the triage queue,
// asks for more information, the detective is e-mailed (the reference and a link, nothing else),
// follows the link and answers, and the chair accepts it
// onto the next MARAC. Officers outside the MARAC panel, and the CCM chair, get "Page not found".
//
// Uses case C08 (Amina Yusuf, led by Women's Aid, shared with the police); other specs that need
// a fresh MARAC referral should use a different case (one case, one referral awaiting triage).

const MARAC_DETECTIVE = "sarah.whitfield@met.kingsmere.example";
const MARAC_CHAIR = "rebecca.chen@met.kingsmere.example";
const CCM_CHAIR = "helen.marsh@kingsmere.gov.example";
const OFFICER_NOT_ON_PANEL = "tom.fletcher@met.kingsmere.example";
const CASE_TITLE = "Domestic abuse: Amina Yusuf";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAndWait(page, email);
  return page;
}

const question = (page: Page, n: number) => page.getByRole("group", { name: new RegExp(`^${n}\\. `) });

test("a DASH 15 case is referred to the MARAC, sent back for more information, and accepted onto the next meeting by the chair", async ({
  browser,
}) => {
  // Five people sign in and the chair decides twice: longer than one page's journey.
  test.setTimeout(180_000);
  // ── The detective completes a DASH of 15 and refers the case ──
  const detective = await signedIn(browser, MARAC_DETECTIVE);
  await detective.goto("/cases?kind=MARAC");
  await detective.getByRole("row").filter({ hasText: CASE_TITLE }).getByRole("link").first().click();
  await expect(detective.getByRole("heading", { level: 1 })).toHaveText(CASE_TITLE);
  const caseUrl = detective.url();
  await detective.locator("#risk").getByRole("link", { name: "Complete a DASH checklist" }).click();
  for (let n = 1; n <= 24; n++)
    await question(detective, n)
      .getByRole("radio", { name: n <= 15 ? "Yes" : "No", exact: true })
      .check();
  await detective.getByRole("button", { name: "Save assessment" }).click();
  await expect(detective.getByRole("status").filter({ hasText: "DASH risk checklist recorded: high risk" })).toBeVisible();

  await detective.goto(caseUrl);
  await detective.locator("#referrals").getByRole("link", { name: "Refer to MARAC" }).click();
  await expect(detective.getByRole("heading", { level: 1, name: "Refer to MARAC" })).toBeVisible();
  await expect(detective.getByRole("note", { name: "Protective marking" })).toContainText("Restricted – MARAC");
  await expect(detective).toHaveTitle(/^Make a referral – Safer Partnerships$/);
  await expect(detective.getByText(/latest DASH risk checklist \(\d{2}\/\d{2}\/\d{4}\) scored 15/)).toBeVisible();
  await expectNoAccessibilityViolations(detective);

  // Sending without a reason: the error summary and the message by the field; the ground stays ticked.
  await detective.getByRole("checkbox", { name: "Visible high risk (DASH score of 14 or more)" }).check();
  await detective.getByRole("button", { name: "Send referral" }).click();
  await expect(
    detective.getByRole("alert").filter({ hasText: "There is a problem" }).getByRole("link", { name: "Enter the reason for referral" }),
  ).toBeVisible();
  await expect(detective).toHaveTitle(/^Error: /);
  await expect(detective.getByRole("checkbox", { name: "Visible high risk (DASH score of 14 or more)" })).toBeChecked();
  await expectNoAccessibilityViolations(detective);

  await detective
    .getByLabel("Reason for referral")
    .fill("DASH 15 after a further assault; the husband has threatened to take the children abroad.");
  await detective.getByLabel("Number of children in the household").fill("3");
  await detective.getByRole("button", { name: "Send referral" }).click();
  const sent = detective.getByRole("status").filter({ hasText: "Referral sent" });
  await expect(sent).toBeVisible();
  const reference = (await detective.getByRole("heading", { level: 1 }).textContent())!.trim();
  expect(reference).toMatch(/^REF-\d{4}-\d{6}$/);
  const referralUrl = detective.url().replace(/\?.*$/, "");
  await expect(detective.getByText("Awaiting triage").first()).toBeVisible();
  await expectNoAccessibilityViolations(detective);

  // ── The MARAC chair's queue ──
  const chair = await signedIn(browser, MARAC_CHAIR);
  await chair.getByRole("link", { name: /MARAC referrals awaiting triage/ }).click();
  await expect(chair.getByRole("heading", { level: 1, name: "Referrals awaiting triage" })).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  await chair.getByRole("link", { name: reference }).click();
  await expect(chair.getByRole("heading", { level: 1, name: reference })).toBeVisible();
  const facts = chair.locator("section").filter({ has: chair.getByRole("heading", { name: "Facts for triage" }) });
  await expect(facts).toContainText("15 “yes” answers of 24");
  await expect(facts).toContainText("KWA");
  await expect(facts.getByRole("table", { name: /Earlier referrals of the victim/ })).toBeVisible();
  await expectNoAccessibilityViolations(chair);

  // Ask for more information, through the check step.
  await chair.getByRole("radio", { name: "Ask for more information" }).check();
  await chair.getByRole("button", { name: "Continue" }).click();
  await expect(
    chair
      .getByRole("alert")
      .filter({ hasText: "There is a problem" })
      .getByRole("link", { name: "Enter the information you need from the referrer" }),
  ).toBeVisible();
  await chair.getByLabel("Reason or note").fill("Have children's social care been told about the threat to take the children abroad?");
  await chair.getByRole("button", { name: "Continue" }).click();
  await expect(chair.getByRole("heading", { name: "Check your decision" })).toBeFocused();
  await expectNoAccessibilityViolations(chair);
  await chair.getByRole("button", { name: "Confirm decision" }).click();
  await expect(chair.getByRole("status").filter({ hasText: "More information requested from the referrer" })).toBeVisible();

  // ── The detective is e-mailed: the reference and a link, no name and none of the question ──
  const mail = await waitForMail(MARAC_DETECTIVE, new RegExp(`more information on referral ${reference}`));
  expect(mail.subject).toBe("Safer Partnerships: referrals notification");
  expect(mail.text).toContain("OFFICIAL-SENSITIVE");
  for (const secret of ["Amina", "Yusuf", "social care", "abroad"]) expect(`${mail.subject}\n${mail.text}`).not.toContain(secret);
  const link = /https?:\/\/\S+\/notifications\/\S+/.exec(mail.text)?.[0];
  expect(link).toBeDefined();
  // The link is no use to anyone else: the CCM chair following it gets "Page not found".
  const stranger = await signedIn(browser, CCM_CHAIR);
  await stranger.goto(link!);
  await expect(stranger.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await stranger.context().close();
  // It is on her notifications page, new; following the e-mail's link opens the referral and marks it read.
  const notice = detective.getByRole("listitem").filter({ hasText: `more information on referral ${reference}` });
  await detective.goto("/notifications");
  await expect(detective.getByRole("link", { name: /^Notifications\s*\d+\s*unread$/ })).toBeVisible();
  await expect(notice.getByText("New", { exact: true })).toBeVisible();
  await detective.goto(link!);
  await expect(detective.getByRole("heading", { level: 1, name: reference })).toBeVisible();
  await detective.goto("/notifications");
  await expect(notice).toBeVisible();
  await expect(notice.getByText("New", { exact: true })).toHaveCount(0);
  await detective.goto("/");
  await expect(detective.getByRole("table", { name: /More information requested/ }).getByRole("link", { name: reference })).toBeVisible();
  await detective
    .getByRole("table", { name: /More information requested/ })
    .getByRole("link", { name: reference })
    .click();
  // The chair's question is shown above the answer form (and again in the triage history).
  const chairsQuestion = detective.getByRole("region", { name: "The chair asked for more information" });
  await expect(chairsQuestion.getByText("Have children's social care been told")).toBeVisible();
  await expect(detective.getByRole("table", { name: "Triage history" })).toContainText("Have children's social care been told");
  await detective
    .getByLabel("Information for the chair")
    .fill("Yes: children's social care were told on the day and have opened an assessment.");
  await detective.getByRole("button", { name: "Send information" }).click();
  await expect(detective.getByRole("status").filter({ hasText: "Information added" })).toBeVisible();

  // ── The chair accepts it onto the next MARAC ──
  await chair.goto(referralUrl);
  await expect(chair.getByRole("cell", { name: "Information added by the referrer" })).toBeVisible();
  await chair.getByRole("radio", { name: "Accept onto meeting" }).check();
  await chair.getByLabel("Meeting to list the case at").selectOption({ index: 1 });
  await chair.getByRole("button", { name: "Continue" }).click();
  await expect(chair.getByRole("heading", { name: "Check your decision" })).toBeVisible();
  await chair.getByRole("button", { name: "Confirm decision" }).click();
  await expect(chair.getByRole("status").filter({ hasText: "Referral accepted onto the meeting" })).toBeVisible();
  await expect(chair.getByText(/^On the agenda of MTG-\d{4}-\d{6}/)).toBeVisible();
  await expectNoAccessibilityViolations(chair);

  // The decision is on the case timeline.
  await chair.goto(caseUrl);
  await expect(chair.locator("#timeline")).toContainText(`MARAC referral ${reference} accepted by Rebecca Chen`);

  // ── Outside the MARAC panel the referral does not exist ──
  for (const email of [OFFICER_NOT_ON_PANEL, CCM_CHAIR]) {
    const outsider = await signedIn(browser, email);
    await outsider.goto(referralUrl);
    await expect(outsider.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(outsider.getByText(reference)).toHaveCount(0);
  }
  const officer = await signedIn(browser, OFFICER_NOT_ON_PANEL);
  await officer.goto("/referrals/triage");
  await expect(officer.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("an officer withdraws her CCM referral before triage: the reason is in its history and on the case timeline, and it leaves the chair's queue", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const ASB_OFFICER = "laura.bennett@kingsmere.gov.example";
  const title = `Noise from a party flat, withdrawal journey ${Date.now()}`;
  const officer = await signedIn(browser, ASB_OFFICER);
  await officer.goto("/cases/new");
  await officer.getByRole("radio", { name: "CCM", exact: true }).check();
  await officer.getByLabel("Title").fill(title);
  await officer.getByRole("button", { name: "Open case" }).click();
  await expect(officer).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
  const caseUrl = officer.url().replace(/\?.*$/, "");
  await officer.locator("#referrals").getByRole("link", { name: "Refer to CCM" }).click();
  await officer.getByLabel("Reason for referral").fill("Weekly parties until 4am; the neighbours are exhausted.");
  await officer.getByRole("button", { name: "Send referral" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "Referral sent" })).toBeVisible();
  const reference = (await officer.getByRole("heading", { level: 1 }).textContent())!.trim();
  const referralUrl = officer.url().replace(/\?.*$/, "");

  // The CCM chair has it in her queue.
  const chair = await signedIn(browser, CCM_CHAIR);
  await chair.goto("/referrals/triage");
  await expect(chair.getByRole("link", { name: reference })).toBeVisible();

  // ── The officer withdraws it: the reason first, then the check step ──
  await officer.getByRole("link", { name: "Withdraw this referral" }).click();
  await expect(officer.getByRole("heading", { level: 1, name: "Withdraw the referral" })).toBeVisible();
  await expect(officer).toHaveTitle(/^Withdraw a referral – Safer Partnerships$/);
  await expectNoAccessibilityViolations(officer);
  await officer.getByRole("button", { name: "Continue" }).click();
  await expect(
    officer
      .getByRole("alert")
      .filter({ hasText: "There is a problem" })
      .getByRole("link", { name: "Enter why you are withdrawing the referral" }),
  ).toBeVisible();
  await expect(officer).toHaveTitle(/^Error: /);
  await expectNoAccessibilityViolations(officer);
  const reason = "The tenant has been evicted; the noise has stopped.";
  await officer.getByLabel("Why are you withdrawing the referral?").fill(reason);
  await officer.getByRole("button", { name: "Continue" }).click();
  await expect(officer.getByRole("heading", { name: "Check before you withdraw the referral" })).toBeFocused();
  await expect(officer.locator("dl").getByText(reason)).toBeVisible();
  await expectNoAccessibilityViolations(officer);
  // "Change the reason" returns to the form as filled in.
  await officer.getByRole("button", { name: "Change the reason" }).click();
  await expect(officer.getByLabel("Why are you withdrawing the referral?")).toHaveValue(reason);
  await officer.getByRole("button", { name: "Continue" }).click();
  await officer.getByRole("button", { name: "Withdraw the referral" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "Referral withdrawn" })).toBeVisible();
  await expect(officer).toHaveURL(referralUrl + "?notice=withdrawn");
  const history = officer.getByRole("table", { name: "Triage history" });
  await expect(history.getByRole("row").filter({ hasText: reason })).toContainText("Withdrawn");
  await expect(history.getByRole("row").filter({ hasText: reason })).toContainText("Laura Bennett");
  await expect(officer.getByRole("link", { name: "Withdraw this referral" })).toHaveCount(0);
  await expectNoAccessibilityViolations(officer);

  // A second go (an old tab) is told it can no longer be withdrawn.
  await officer.goto(`${referralUrl}/withdraw`);
  await expect(officer.getByRole("heading", { level: 1, name: "You cannot withdraw this referral" })).toBeVisible();
  await expect(officer.getByText("It has already been withdrawn.")).toBeVisible();

  // ── It is on the case timeline and gone from the chair's queue; nothing left to decide ──
  await officer.goto(caseUrl);
  await expect(officer.locator("#timeline")).toContainText(`CCM referral ${reference} withdrawn by Laura Bennett`);
  await chair.goto("/referrals/triage");
  await expect(chair.getByRole("heading", { level: 1, name: "Referrals awaiting triage" })).toBeVisible();
  await expect(chair.getByRole("link", { name: reference })).toHaveCount(0);
  await chair.goto(referralUrl);
  await expect(chair.getByText("Withdrawn").first()).toBeVisible();
  await expect(chair.getByRole("heading", { name: "Decide on the referral" })).toHaveCount(0);
  // The chair cannot withdraw someone else's referral.
  await chair.goto(`${referralUrl}/withdraw`);
  await expect(chair.getByRole("heading", { level: 1, name: "You cannot withdraw this referral" })).toBeVisible();
});
