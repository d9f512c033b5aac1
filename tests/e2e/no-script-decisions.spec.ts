import { expect, test, type Browser, type Page } from "@playwright/test";
import { signInAndWait } from "./support";

// The decisions that matter work with a plain form post, as on a locked-down or slow device where
// the page's script never runs: a chair triages a referral through its "Check your decision" step,
// and an officer withdraws one through hers. Each journey makes its own CCM referral.

const ASB_OFFICER = "owen.price@kingsmerehomes.example";
const CCM_CHAIR = "helen.marsh@kingsmere.gov.example";

async function signedIn(browser: Browser, email: string, javaScriptEnabled: boolean): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await signInAndWait(page, email);
  return page;
}

/** A new CCM case referred to the CCM, by an officer with script; its referral's address and reference. */
async function freshReferral(browser: Browser, label: string): Promise<{ url: string; reference: string }> {
  const officer = await signedIn(browser, ASB_OFFICER, true);
  await officer.goto("/cases/new");
  await officer.getByRole("radio", { name: "CCM", exact: true }).check();
  await officer.getByLabel("Title").fill(`Youths gathering on the stairs, ${label} ${Date.now()}`);
  await officer.getByRole("button", { name: "Open case" }).click();
  await expect(officer).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
  await officer.locator("#referrals").getByRole("link", { name: "Refer to CCM" }).click();
  await officer.getByLabel("Reason for referral").fill("Intimidation of residents on the stairwell most evenings.");
  await officer.getByRole("button", { name: "Send referral" }).click();
  await expect(officer.getByRole("status").filter({ hasText: "Referral sent" })).toBeVisible();
  const reference = (await officer.getByRole("heading", { level: 1 }).textContent())!.trim();
  const url = officer.url().replace(/\?.*$/, "");
  await officer.context().close();
  return { url, reference };
}

test("without script, a chair declines a referral through the check step", async ({ browser }) => {
  test.setTimeout(150_000);
  const { url, reference } = await freshReferral(browser, "triage");
  const chair = await signedIn(browser, CCM_CHAIR, false);
  await chair.goto(url);
  await expect(chair.getByRole("heading", { level: 1, name: reference })).toBeVisible();
  await chair.getByRole("radio", { name: "Decline" }).check();
  await chair
    .getByLabel(/reason|note/i)
    .first()
    .fill("Housing has already issued a tenancy warning; not for the panel.");
  await chair.getByRole("button", { name: "Continue" }).click();
  await expect(chair.getByRole("heading", { name: "Check your decision" })).toBeVisible();
  await chair.getByRole("button", { name: "Confirm decision" }).click();
  await expect(chair.getByRole("table", { name: "Triage history" })).toContainText("Declined");
  await chair.context().close();
});

test("without script, an officer withdraws her referral through the check step", async ({ browser }) => {
  test.setTimeout(150_000);
  const { url } = await freshReferral(browser, "withdrawal");
  const officer = await signedIn(browser, ASB_OFFICER, false);
  await officer.goto(`${url}/withdraw`);
  await officer.getByLabel("Why are you withdrawing the referral?").fill("The family has moved away.");
  await officer.getByRole("button", { name: "Continue" }).click();
  await expect(officer.getByRole("heading", { name: "Check before you withdraw the referral" })).toBeVisible();
  await officer.getByRole("button", { name: "Withdraw the referral" }).click();
  await expect(officer.getByRole("table", { name: "Triage history" })).toContainText("Withdrawn");
  await officer.context().close();
});
