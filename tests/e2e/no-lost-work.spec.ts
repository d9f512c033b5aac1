import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, expectNoAccessibilityViolations, queryE2eDatabase, signInAndWait, signOut } from "./support";

// No lost work (issue 17): an officer filling in the incident form is warned before the session
// ends for want of use, and can stay signed in; a submission that meets an ended session goes to
// sign in and comes back to the form, which offers back everything typed; signing out wipes what
// the browser kept. Time is moved on with Playwright's clock; the server's side of the session is
// ended in the database, as 30 minutes without a request would end it.

const OFFICER = "sean.gallagher@lfb.kingsmere.example"; // used by no other spec: its sessions are ended here
const SECOND_OFFICER = "grace.adeyemi@probation.kingsmere.example"; // used by no other spec either

async function endSessionsOnTheServer() {
  await queryE2eDatabase(
    `UPDATE "UserSession" SET "lastSeenAt" = now() - interval '31 minutes'
      WHERE "revokedAt" IS NULL AND "userId" = (SELECT id FROM "User" WHERE email = $1)`,
    [OFFICER],
  );
}

async function fillIncident(page: Page, description: string) {
  await page
    .getByRole("group", { name: "Date the incident happened" })
    .getByRole("button", { name: /^Yesterday/ })
    .click();
  await page.getByLabel("Time the incident happened").fill("22:15");
  await page.getByRole("radio", { name: "Phone" }).check();
  await page.getByRole("radio", { name: "Environmental" }).check();
  await page.getByLabel("Type of anti-social behaviour").selectOption({ label: "Criminal damage or graffiti" });
  await page.getByLabel("Description").fill(description);
  const person = page.getByRole("group", { name: "Person 1", exact: true });
  await person.getByRole("combobox", { name: "Name" }).fill("Odhran Quarrington-Vale");
  await page.getByRole("option", { name: "Add a new person" }).click();
  await person.getByLabel("Role in the incident").selectOption({ label: "Witness" });
}

test("the timeout warning, then a submission after the session ended: signed in again, the form offers back what was typed", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const description = `Bins set alight behind the community hall ${Date.now().toString(36)}`;
  await page.clock.install();
  await signInAndWait(page, OFFICER);
  await page.goto("/incidents/new");
  await fillIncident(page, description);
  await page.clock.runFor(2_000);

  // Five minutes before the end: a modal warning, which "Stay signed in" answers.
  await page.clock.fastForward("25:10");
  const warning = page.getByRole("dialog", { name: "You are about to be signed out" });
  await expect(warning).toBeVisible();
  await expect(warning).toContainText(/we will sign you out in [45] minutes/);
  await expect(warning.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await expectNoAccessibilityViolations(page);
  await warning.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning).toBeHidden();
  await expect(page.getByLabel("Description")).toHaveValue(description);

  // The officer is called away; the session ends on the server. "Log incident" then goes to sign
  // in, saying why, instead of losing everything in silence.
  await endSessionsOnTheServer();
  await page.getByRole("button", { name: "Log incident" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fincidents%2Fnew&expired=1$/);
  await expect(page.getByRole("alert").filter({ hasText: "You were signed out" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  expect(await queryE2eDatabase(`SELECT 1 FROM "Incident" WHERE description = $1`, [description])).toHaveLength(0);

  // Signed in again, back on the form: everything typed is offered back, and then logged.
  await page.getByLabel("Email address").fill(OFFICER);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/incidents\/new$/);
  const offer = page.getByRole("alert").filter({ hasText: "You have unsaved work on this form" });
  await expect(offer).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await offer.getByRole("button", { name: "Restore what I typed" }).click();
  await expect(page.getByLabel("Description")).toHaveValue(description);
  await expect(page.getByLabel("Time the incident happened")).toHaveValue("22:15");
  await expect(page.getByRole("radio", { name: "Environmental" })).toBeChecked();
  const person = page.getByRole("group", { name: "Person 1", exact: true });
  await expect(person.getByLabel("First name")).toHaveValue("Odhran");
  await expect(person.getByLabel("Last name")).toHaveValue("Quarrington-Vale");
  await expect(person.getByLabel("Role in the incident")).toHaveValue("WITNESS");
  await page.getByRole("button", { name: "Log incident" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Incident INC-\d{4}-\d{6} logged/ })).toBeVisible();

  // Sent: the draft is gone.
  await page.goto("/incidents/new");
  await expect(page.getByRole("heading", { level: 1, name: "Log an incident" })).toBeVisible();
  await page.clock.runFor(2_000);
  await expect(page.getByText("You have unsaved work on this form")).toHaveCount(0);

  // Left alone past the limit, the page goes to sign in by itself.
  await endSessionsOnTheServer();
  await page.clock.fastForward("31:00");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fincidents%2Fnew&expired=1$/);
});

test("signing out wipes the drafts kept in this browser", async ({ page }) => {
  test.setTimeout(90_000);
  // Another account than the test above's, whose sessions it ends: the two run side by side.
  await signInAndWait(page, SECOND_OFFICER);
  await page.goto("/incidents/new");
  await page.getByLabel("Description").fill("Typed, then signed out");
  await expect.poll(() => page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith("draft:")).length)).toBe(1);
  // More typed and "Sign out" pressed at once: the save still pending must not write it back.
  await page.getByLabel("Description").pressSequentially(" and more", { delay: 0 });
  await signOut(page);
  await page.waitForTimeout(1_000);
  expect(await page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith("draft:")).length)).toBe(0);
  await signInAndWait(page, SECOND_OFFICER);
  await page.goto("/incidents/new");
  await expect(page.getByRole("heading", { level: 1, name: "Log an incident" })).toBeVisible();
  await expect(page.getByText("You have unsaved work on this form")).toHaveCount(0);
});

// The other long forms keep their drafts the same way: each is drawn afresh from the draft, so
// what depends on an answer (the kind of power's legal basis, the DASH score, the transfer's area)
// follows the restored values too.
const IDVA = "claire.robinson@kwa.example"; // leads the Amina Yusuf MARAC case; these tests save nothing
const IDVA_MARAC_CASE = "Domestic abuse: Amina Yusuf";

async function offeredAndRestored(page: Page) {
  await page.reload();
  const offer = page.getByRole("alert").filter({ hasText: "You have unsaved work on this form" });
  await expect(offer).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await offer.getByRole("button", { name: "Restore what I typed" }).click();
  await expect(offer).toBeHidden();
}

const draftsKept = (page: Page) => page.evaluate(() => Object.keys(window.localStorage).filter((k) => k.startsWith("draft:")).length);

test("the DASH checklist and the referral keep their drafts through a reload", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, IDVA);
  await page.goto("/cases?kind=MARAC");
  await page.getByRole("row").filter({ hasText: IDVA_MARAC_CASE }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(IDVA_MARAC_CASE);
  const caseUrl = page.url();

  await page.locator("#risk").getByRole("link", { name: "Complete a DASH checklist" }).click();
  const question = (n: number) => page.getByRole("group", { name: new RegExp(`^${n}\\. `) });
  for (const n of [1, 2, 3]) await question(n).getByRole("radio", { name: "Yes" }).check();
  await question(4).getByRole("radio", { name: "No", exact: true }).check();
  await page.getByLabel("Notes (optional)").fill("Completed by phone with the victim");
  await expect(page.getByText("3 “yes” answers, 4 of 24 questions answered.")).toBeVisible();
  await expect.poll(() => draftsKept(page)).toBe(1);
  await offeredAndRestored(page);
  await expect(question(2).getByRole("radio", { name: "Yes" })).toBeChecked();
  await expect(question(4).getByRole("radio", { name: "No", exact: true })).toBeChecked();
  await expect(page.getByLabel("Notes (optional)")).toHaveValue("Completed by phone with the victim");
  await expect(page.getByText("3 “yes” answers, 4 of 24 questions answered.")).toBeVisible();

  // Discarded: gone, and not offered again.
  await page.reload();
  await page.getByRole("button", { name: "Discard it" }).click();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "DASH risk checklist" })).toBeVisible();
  await expect(page.getByText("You have unsaved work on this form")).toHaveCount(0);
  await expect(question(1).getByRole("radio", { name: "Yes" })).not.toBeChecked();

  await page.goto(caseUrl);
  await page.getByRole("link", { name: "Refer to MARAC" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Refer/);
  await page.getByLabel("Reason for referral").fill("Escalating threats since the victim moved");
  await page.getByRole("group", { name: "Is this a transfer from another area's MARAC?" }).getByRole("radio", { name: "Yes" }).check();
  await page.getByLabel("Which area").fill("Ashcombe");
  await expect.poll(() => draftsKept(page)).toBe(1);
  await offeredAndRestored(page);
  await expect(page.getByLabel("Reason for referral")).toHaveValue("Escalating threats since the victim moved");
  await expect(page.getByLabel("Which area")).toBeVisible();
  await expect(page.getByLabel("Which area")).toHaveValue("Ashcombe");
});

test("the power form keeps its draft through a reload, the kind of power included", async ({ page }) => {
  await signInAndWait(page, IDVA);
  await page.goto("/powers/new");
  await page.getByLabel("Kind of power").selectOption({ label: "Community Protection Warning" });
  await page.getByLabel("Conditions or requirements (optional)").fill("Not to play amplified music after 23:00");
  await expect.poll(() => draftsKept(page)).toBe(1);
  await offeredAndRestored(page);
  await expect(page.getByLabel("Kind of power")).toHaveValue(/\S/);
  await expect(page.getByLabel("Kind of power").locator("option:checked")).toHaveText("Community Protection Warning");
  await expect(page.getByLabel("Conditions or requirements (optional)")).toHaveValue("Not to play amplified music after 23:00");
});
