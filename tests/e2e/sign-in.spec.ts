import { expect, test } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, expectNoAccessibilityViolations, queryE2eDatabase, signIn, signInAndWait, signOut } from "./support";

const GENERIC = "The email address or password is incorrect";

test.describe("signing in and out", () => {
  test("a signed-out visitor is sent to sign in", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  });

  const roles = [
    { role: "administrator", email: DEMO.admin, nav: ["Dashboard", "Admin"] },
    {
      role: "manager",
      email: DEMO.manager,
      nav: [
        "Dashboard",
        "Incidents",
        "People",
        "Places",
        "Cases",
        "Actions",
        "Powers",
        "Referrals",
        "Meetings",
        "Returns",
        "Import",
        "Admin",
      ],
    },
    {
      role: "chair",
      email: DEMO.chair,
      nav: ["Dashboard", "Incidents", "People", "Places", "Cases", "Actions", "Powers", "Referrals", "Meetings", "Returns", "Panel access"],
    },
    {
      role: "officer",
      email: DEMO.officer,
      nav: ["Dashboard", "Incidents", "People", "Places", "Cases", "Actions", "Powers", "Referrals", "Meetings", "Returns"],
    },
    {
      role: "officer on no panel",
      email: DEMO.officerNoPanel,
      nav: ["Dashboard", "Incidents", "People", "Places", "Cases", "Actions", "Powers", "Referrals", "Returns"],
    },
    { role: "viewer", email: DEMO.viewer, nav: ["Dashboard", "Incidents", "People", "Places", "Cases", "Actions", "Powers"] },
  ];

  for (const { role, email, nav } of roles) {
    test(`a ${role} signs in, sees only their navigation, and signs out for good`, async ({ page, context }) => {
      await signInAndWait(page, email);
      const items = page.getByRole("navigation", { name: "Main" }).getByRole("link");
      await expect(items).toHaveText(nav);
      await expect(page.getByRole("banner")).toContainText("Kingsmere");

      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === "sp.session");
      expect(session?.httpOnly).toBe(true);
      expect(session?.sameSite).toBe("Lax");

      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByText("You have signed out")).toBeVisible();

      // The old cookie, replayed, no longer opens anything: the session ended on the server.
      await context.addCookies([session!]);
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in/);
    });
  }

  test("without JavaScript the form posts, signs in, and never puts the password in the address", async ({ browser }) => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const page = await noScript.newPage();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(request.url()));
    await page.goto("/sign-in");
    await page.getByLabel("Email address").fill(DEMO.viewer);
    await page.getByLabel("Password").fill("not-the-right-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText(GENERIC);
    await expect(page.getByLabel("Email address")).toHaveValue(DEMO.viewer);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    for (const url of [...requested, page.url()]) {
      expect(url).not.toContain(encodeURIComponent(DEMO_PASSWORD));
      expect(url).not.toContain("password=");
      expect(url).not.toContain(encodeURIComponent(DEMO.viewer));
    }
    await noScript.close();
  });

  test("a failed sign-in is audited with the connection's address, not one the client made up", async ({ browser }) => {
    const forger = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "6.6.6.6", "x-sp-client-address": "6.6.6.7" } });
    const page = await forger.newPage();
    const email = `forged-address-${Date.now()}@kingsmere.gov.example`;
    await signIn(page, email, "not-the-right-password");
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText(GENERIC);
    const rows = await queryE2eDatabase<{ ip: string }>(
      `SELECT ip FROM "AuditEvent" WHERE action = 'SIGN_IN_FAILURE' AND detail->>'email' = $1`,
      [email],
    );
    expect(rows.map((r) => r.ip)).toEqual([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]);
    await forger.close();
  });

  test("a wrong password shows one generic message and keeps the email typed", async ({ page }) => {
    await signIn(page, DEMO.viewer, "not-the-right-password");
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText(GENERIC);
    await expect(page).toHaveTitle(/^Error: Sign in/);
    await expect(page.getByLabel("Email address")).toHaveValue(DEMO.viewer);
    await expect(page.getByLabel("Password")).toHaveValue("");
  });

  test("an unknown email gets exactly the same message as a wrong password", async ({ page }) => {
    await signIn(page, "no.such.person@kingsmere.gov.example", "whatever-password-1");
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText(GENERIC);
  });

  test("a disabled account cannot sign in", async ({ page }) => {
    await signIn(page, DEMO.disabled);
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText(GENERIC);
  });

  test("empty fields are named in the error summary and next to each field", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    const summary = page.getByRole("alert", { name: "There is a problem" });
    await expect(summary.getByRole("link", { name: "Enter your email address" })).toBeVisible();
    await expect(summary.getByRole("link", { name: "Enter your password" })).toBeVisible();
    await expectNoAccessibilityViolations(page);
  });

  test("after five wrong passwords in a row the account waits at this address, even for the right password", async ({ page }) => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signIn(page, DEMO.lockoutTarget, `wrong-password-${attempt}`);
      await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText(GENERIC);
    }
    await signIn(page, DEMO.lockoutTarget, DEMO_PASSWORD);
    await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText(
      "too many failed attempts to sign in to this account from here. Wait a minute",
    );
    await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  });
});

test.describe("accessibility", () => {
  test("the sign-in page has no WCAG 2.2 A/AA violations", async ({ page }) => {
    await page.goto("/sign-in");
    await expectNoAccessibilityViolations(page);
  });

  test("the dashboard has no WCAG 2.2 A/AA violations for an officer and a manager", async ({ page }) => {
    await signInAndWait(page, DEMO.officer);
    await expectNoAccessibilityViolations(page);
    // Without waiting, the next sign-in page can load while the old session is still live and
    // be sent straight on to the dashboard.
    await signOut(page);
    await signInAndWait(page, DEMO.manager);
    await expectNoAccessibilityViolations(page);
  });

  test("signing out wipes meeting-mode drafts left in this browser, and nothing else", async ({ page }) => {
    await signInAndWait(page, DEMO.chair);
    await page.evaluate(() => {
      localStorage.setItem("meeting:m1:item:i1", JSON.stringify({ discussionSummary: "unsaved MARAC note" }));
      localStorage.setItem("unrelated", "kept");
    });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByText("You have signed out")).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem("meeting:m1:item:i1"))).toBeNull();
    expect(await page.evaluate(() => localStorage.getItem("unrelated"))).toBe("kept");
  });

  test("the skip link is the first thing the keyboard reaches and moves focus to the content", async ({ page }) => {
    await signInAndWait(page, DEMO.chair);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to main content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main-content")).toBeFocused();
  });
});

test("the health check reports the database without leaking configuration", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  expect(response.headers()["cache-control"]).toContain("no-store");
});
