import { expect, test, type Page } from "@playwright/test";
import { DEMO, emailedLink, expectNoAccessibilityViolations, queryE2eDatabase, signIn, signInAndWait } from "./support";

// Separation of duties in the browser: an administrator invites an officer onto the MARAC; that
// only asks the MARAC's chairs, and the set-password link goes to the officer's own address (the
// administrator never sees it). Until a chair approves, the account has no MARAC content. The
// MARAC chair approves on the panel's access review, and the officer then reads MARAC cases.
// Axe on the new page and states, at desktop and phone sizes.

const MARAC_CHAIR = "rebecca.chen@met.kingsmere.example";

async function heading(page: Page, name: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

async function setPassword(page: Page, link: string, password: string) {
  await page.goto(link);
  await heading(page, "Set your password");
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Enter the new password again").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password is set")).toBeVisible();
}

test("a MARAC place is asked for by an administrator and granted only by a MARAC chair; the link goes only to the officer's address", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36).slice(-6);
  const name = `Morgan Reyes ${suffix}`;
  const email = `morgan.reyes.${suffix}@met.kingsmere.example`;
  const [maracCase] = await queryE2eDatabase<{ id: string }>(`SELECT id FROM "Case" WHERE restricted ORDER BY reference LIMIT 1`);

  // The administrator invites the officer with the MARAC ticked: it is sent to the chairs.
  await signInAndWait(page, DEMO.admin);
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(`${suffix}@gmail.example`);
  await page.getByLabel("Organisation").selectOption({ label: "Metropolitan Police – Kingsmere" });
  await page.getByRole("radio", { name: "Officer" }).check();
  await page.getByRole("checkbox", { name: "MARAC", exact: true }).check();
  await page.getByRole("button", { name: "Invite user" }).click();
  // An address outside the organisation's domains is refused next to the field, and kept.
  await expect(
    page
      .getByRole("alert")
      .getByText(/must end in @met\.kingsmere\.example/)
      .first(),
  ).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(`${suffix}@gmail.example`);
  await page.getByLabel("Email address").fill(email);
  await page.getByRole("button", { name: "Invite user" }).click();
  await expect(page.getByText(`${name} has been invited`)).toBeVisible();
  await expect(page.getByText("Sent to the panel's chairs for approval: MARAC membership")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await expect(page.getByText(/set-password/)).toHaveCount(0);
  const adminsLink = await emailedLink(email);
  await page.getByRole("link", { name: `Go to ${name}'s details` }).click();
  await expect(page.getByRole("table", { name: /Requests to panel chairs/ })).toContainText("Waiting for a chair");

  // The officer sets a password from the e-mail: before a chair approves, the account has no MARAC content.
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await setPassword(officer, adminsLink, "morgan's very own password");
  await signIn(officer, email, "morgan's very own password");
  await heading(officer, "Dashboard");
  await officer.goto(`/cases/${maracCase!.id}`);
  await heading(officer, "Page not found");

  // The MARAC chair finds the request on the panel's access review and approves it.
  const chairContext = await browser.newContext();
  const chair = await chairContext.newPage();
  await signInAndWait(chair, MARAC_CHAIR);
  await chair.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Panel access" }).click();
  await heading(chair, "MARAC");
  await expectNoAccessibilityViolations(chair);
  const request = chair.getByRole("listitem").filter({ has: chair.getByRole("heading", { name: `Add to the panel: ${name}` }) });
  await expect(request).toContainText("Asked for by Priya Raman");
  await request.getByRole("button", { name: "Confirm decision" }).click();
  await expect(chair.getByRole("alert").getByText("Choose whether to approve or refuse the request").first()).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  await request.getByRole("radio", { name: "Approve" }).check();
  await request.getByRole("button", { name: "Confirm decision" }).click();
  // Nobody but the officer ever saw a link, so her password stands.
  await expect(chair.getByRole("status").getByText("Approved")).toBeVisible();
  await expect(chair.getByText(/set-password/)).toHaveCount(0);
  await expectNoAccessibilityViolations(chair);

  // The page reflows on a phone, and the member now appears with who asked and who approved.
  await chair.setViewportSize({ width: 390, height: 844 });
  await chair.reload();
  const member = chair.getByRole("row").filter({ hasText: name });
  await expect(member).toContainText("Asked for by Priya Raman");
  await expect(member).toContainText("Approved by Rebecca Chen");
  expect(await chair.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoAccessibilityViolations(chair);
  await chairContext.close();

  // In the session she already had, the same MARAC case now opens.
  await officer.goto(`/cases/${maracCase!.id}`);
  await expect(officer.getByText("Restricted").first()).toBeVisible();
  await officerContext.close();

  // The user's page shows the decision to the administrator.
  await page.reload();
  await expect(page.getByRole("table", { name: /Requests to panel chairs/ })).toContainText("Approved");
  await expect(page.getByRole("table", { name: /Requests to panel chairs/ })).toContainText("Rebecca Chen");
});
