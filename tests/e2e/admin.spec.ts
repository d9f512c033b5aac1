import { expect, test, type Page } from "@playwright/test";
import { Secret, TOTP } from "otpauth";
import { DEMO, emailedLink, expectNoAccessibilityViolations, signInAndWait } from "./support";

// The onboarding journey: an administrator adds an organisation and invites an officer; the
// officer sets a password from the one-time link, sets up two-factor sign-in and signs in with a
// code made here from the secret the page showed; the administrator finds that sign-in in the
// audit trail. Every administration and account page is checked with axe on the way.

const OFFICER_PASSWORD = "lighthouse kettle on the moor";

function codeFor(secret: string, offsetSeconds = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

async function heading(page: Page, name: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test("an admin onboards an organisation and an officer, who signs in with two-factor; the admin finds the sign-in in the audit trail", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000); // three users, two-factor set-up and a dozen accessibility checks
  const suffix = `${Date.now().toString(36)}`.slice(-6).toUpperCase();
  const orgName = `Kingsmere Neighbourhood Trust ${suffix}`;
  const officerName = `Jordan Ellis ${suffix}`;
  const officerEmail = `jordan.ellis.${suffix.toLowerCase()}@trust.example`;

  // The administrator adds the organisation.
  await signInAndWait(page, DEMO.admin);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await heading(page, "Administration");
  await expect(page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Audit trail" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Organisations" }).click();
  await heading(page, "Organisations");
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Add organisation" }).click();
  await expect(page.getByRole("alert").getByText("Enter the organisation's name").first()).toBeVisible();
  await expect(page).toHaveTitle(/^Error:/);
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("Name", { exact: true }).fill(orgName);
  await page.getByLabel("Short name").fill(`T${suffix}`);
  await page.getByLabel("Kind of organisation").selectOption({ label: "Voluntary sector" });
  await page.getByLabel("Email domains").fill("trust.example");
  await page.getByLabel("Require two-factor sign-in for this organisation's users").check();
  await page.getByRole("button", { name: "Add organisation" }).click();
  await expect(page.getByText("Organisation added")).toBeVisible();
  await page.getByRole("link", { name: orgName }).click();
  await heading(page, orgName);
  await expectNoAccessibilityViolations(page);

  // … and invites an officer: the one-time link goes to the officer's own address, never on screen.
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Users" }).click();
  await heading(page, "Users");
  await expectNoAccessibilityViolations(page);
  await page.getByRole("link", { name: "Invite a user" }).click();
  await heading(page, "Invite a user");
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("Full name").fill(officerName);
  await page.getByLabel("Email address").fill(officerEmail);
  await page.getByLabel("Organisation").selectOption({ label: orgName });
  await page.getByRole("radio", { name: "Officer" }).check();
  await page.getByRole("button", { name: "Invite user" }).click();
  await expect(page.getByText(`${officerName} has been invited`)).toBeVisible();
  await expect(page.getByText(/We have e-mailed a one-time link to their own address/)).toBeVisible();
  await expect(page.getByText(/set-password/)).toHaveCount(0);
  const link = await emailedLink(officerEmail);
  await expectNoAccessibilityViolations(page);
  await page.getByRole("link", { name: `Go to ${officerName}'s details` }).click();
  await heading(page, officerName);
  await expect(page.getByText("Invitation, expires")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  const userUrl = page.url();

  // The officer, in their own browser, sets a password from the link.
  const officerContext = await browser.newContext();
  const officer = await officerContext.newPage();
  await officer.goto(link);
  await heading(officer, "Set your password");
  await expect(officer.getByText(officerEmail)).toBeVisible();
  await expectNoAccessibilityViolations(officer);
  await officer.getByLabel("New password", { exact: true }).fill("password1234");
  await officer.getByLabel("Enter the new password again").fill("password1234");
  await officer.getByRole("button", { name: "Set password" }).click();
  await expect(
    officer
      .getByRole("alert")
      .getByText(/commonly used passwords/)
      .first(),
  ).toBeVisible();
  await officer.getByLabel("New password", { exact: true }).fill(OFFICER_PASSWORD);
  await officer.getByLabel("Enter the new password again").fill(OFFICER_PASSWORD);
  await officer.getByRole("button", { name: "Set password" }).click();
  await expect(officer.getByText("Your password is set")).toBeVisible();

  // The link worked once; it does nothing now.
  await officer.goto(link);
  await heading(officer, "This link has expired or has already been used");

  // Signs in: their organisation requires two-factor, so they are held on the set-up page.
  await officer.goto("/sign-in");
  await officer.getByLabel("Email address").fill(officerEmail);
  await officer.getByLabel("Password").fill(OFFICER_PASSWORD);
  await officer.getByRole("button", { name: "Sign in" }).click();
  await heading(officer, "Set up two-factor sign-in");
  await expect(officer).toHaveURL(/\/two-factor\/set-up$/);
  await officer.goto("/incidents");
  await heading(officer, "Set up two-factor sign-in");
  expect((await officer.request.post("/api/people/search", { data: { q: "smith" } })).status()).toBe(401);
  await expect(officer.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectNoAccessibilityViolations(officer);
  const secret = (await officer.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await officer.getByLabel("Code from your app").fill("000000");
  await officer.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(
    officer
      .getByRole("alert")
      .getByText(/The code is not right/)
      .first(),
  ).toBeVisible();
  await officer.getByLabel("Code from your app").fill(codeFor(secret));
  await officer.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
  await expect(officer.getByText("Two-factor sign-in is on")).toBeVisible();
  await expect(officer.getByTestId("recovery-code")).toHaveCount(10);
  await expectNoAccessibilityViolations(officer);
  await officer.getByRole("link", { name: "I have saved my recovery codes" }).click();
  await heading(officer, "Dashboard");
  await officer.getByRole("link", { name: "Your account" }).click();
  await heading(officer, "Your account");
  await expectNoAccessibilityViolations(officer);
  await expect(officer.getByText("You have 10 unused recovery codes")).toBeVisible();
  await officer.getByRole("button", { name: "Sign out" }).click();
  await expect(officer.getByText("You have signed out")).toBeVisible();

  // Signs in again: the password alone is not enough; a code made now is.
  await officer.getByLabel("Email address").fill(officerEmail);
  await officer.getByLabel("Password").fill(OFFICER_PASSWORD);
  await officer.getByRole("button", { name: "Sign in" }).click();
  await heading(officer, "Enter the code from your authenticator app");
  await expectNoAccessibilityViolations(officer);
  // The code that turned it on is spent; the next time step's code is accepted (±1 step of skew).
  await officer.getByLabel("Code").fill(codeFor(secret, 30));
  await officer.getByRole("button", { name: "Continue" }).click();
  await heading(officer, "Dashboard");
  await expect(officer.getByRole("banner")).toContainText(officerName);
  await officerContext.close();

  // The administrator finds that sign-in in the audit trail.
  await page.goto(userUrl);
  await expect(page.locator("dt", { hasText: "Two-factor sign-in" }).locator("xpath=following-sibling::dd[1]")).toHaveText("On");
  await page.getByRole("link", { name: "This user's activity in the audit trail" }).click();
  await heading(page, "Audit trail");
  await expect(page.getByRole("table").getByText("Signed in").first()).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("a user sets up two-factor from their account page (axe on the account pages)", async ({ page }) => {
  await signInAndWait(page, DEMO.viewer);
  await page.getByRole("link", { name: "Your account" }).click();
  await heading(page, "Your account");
  await expectNoAccessibilityViolations(page);
  await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
  await heading(page, "Set up two-factor sign-in");
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await expectNoAccessibilityViolations(page);
});

test("a manager sees only their own organisation's users and cannot reach the organisations page", async ({ page }) => {
  await signInAndWait(page, DEMO.manager);
  await page.goto("/admin/users");
  await heading(page, "Users");
  await expectNoAccessibilityViolations(page);
  const organisations = await page.getByRole("table").locator("tbody tr td:nth-child(2)").allInnerTexts();
  expect(organisations.length).toBeGreaterThan(0);
  expect(new Set(organisations).size).toBe(1);
  await expect(page.getByRole("table")).not.toContainText("Administrator");
  const response = await page.goto("/admin/organisations");
  expect(response?.status()).toBe(404);
});

test("the user list's name or email search stays out of the address; the role filter and sort stay in it", async ({ page }) => {
  await signInAndWait(page, DEMO.manager);
  await page.goto("/admin/users");
  await page.getByLabel("Name or email address").fill("kwame");
  await page.getByLabel("Role").selectOption({ label: "Officer" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  // A person's name or email is never in the address (history, server logs): only an opaque handle.
  await expect(page).toHaveURL(/\/admin\/users\?role=OFFICER&search=[A-Za-z0-9_-]{22}$/);
  expect(page.url()).not.toMatch(/kwame/i);
  await expect(page.getByLabel("Name or email address")).toHaveValue("kwame");
  await expect(page.getByLabel("Role")).toHaveValue("OFFICER");
  const rows = page.getByRole("table").getByRole("rowheader");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Kwame Mensah");
  await expectNoAccessibilityViolations(page);

  // Sorting keeps the search through the handle; the link carries no name.
  const sortLink = page.getByRole("table").getByRole("link", { name: "Last signed in" });
  expect(await sortLink.getAttribute("href")).not.toMatch(/kwame|[?&]q=/i);
  await sortLink.click();
  await expect(page).toHaveURL(/[?&]sort=lastLogin/);
  await expect(page).toHaveURL(/[?&]search=[A-Za-z0-9_-]{22}/);
  await expect(page.getByLabel("Name or email address")).toHaveValue("kwame");
  await expect(rows).toHaveCount(1);

  // A new search keeps the sort order and makes a new handle.
  await page.getByLabel("Name or email address").fill("sandra");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByLabel("Name or email address")).toHaveValue("sandra");
  await expect(page).toHaveURL(/\/admin\/users\?sort=lastLogin&dir=asc&role=OFFICER&search=[A-Za-z0-9_-]{22}$/);
  await expect(page.getByText("No users match these filters.")).toBeVisible();

  // Clear filters clears the search too.
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByLabel("Name or email address")).toHaveValue("");
  await expect(page.getByLabel("Role")).toHaveValue("");
  await expect(rows.filter({ hasText: "Sandra Okafor" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "Kwame Mensah" })).toHaveCount(1);
});

test("the user search works without JavaScript", async ({ browser }) => {
  // Signed in with script (the sign-in form needs it); the search itself runs without.
  const signedIn = await browser.newContext();
  await signInAndWait(await signedIn.newPage(), DEMO.admin);
  const storageState = await signedIn.storageState();
  await signedIn.close();
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState });
  const admin = await noScript.newPage();
  await admin.goto("/admin/users");
  await admin.getByLabel("Name or email address").fill("whitfield");
  await admin.getByRole("button", { name: "Apply filters" }).click();
  await expect(admin).toHaveURL(/\/admin\/users\?search=[A-Za-z0-9_-]{22}$/);
  await expect(admin.getByLabel("Name or email address")).toHaveValue("whitfield");
  const rows = admin.getByRole("table").getByRole("rowheader");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Sarah Whitfield");
  await noScript.close();
});
