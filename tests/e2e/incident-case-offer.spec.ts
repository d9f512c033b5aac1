import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, signInAndWait } from "./support";

// An incident about someone already on an open case is offered that case (issue 17, point 5): on
// the form, once the person is picked, and on the incident's page, when it was logged in no case.
// Gary Wilkins is on case C04 (street drinking in Market Square), led by the council and shared
// with the health trust, whose safeguarding lead logs these incidents.

const HEALTH_OFFICER = "nadia.ali@khc.nhs.example"; // used by no other spec
const CASE_TITLE = "Street drinking and associated ASB in Market Square";

async function fillIncident(page: Page, description: string) {
  await page.goto("/incidents/new");
  await page
    .getByRole("group", { name: "Date the incident happened" })
    .getByRole("button", { name: /^Yesterday/ })
    .click();
  await page.getByLabel("Time the incident happened").fill("14:30");
  await page.getByRole("radio", { name: "In person" }).check();
  await page.getByRole("radio", { name: "Nuisance" }).check();
  await page.getByLabel("Type of anti-social behaviour").selectOption({ index: 1 });
  await page.getByLabel("Description").fill(description);
  const person = page.getByRole("group", { name: "Person 1", exact: true });
  await person.getByRole("combobox", { name: "Name" }).fill("Gary Wilkins");
  await page
    .getByRole("option", { name: /^Gary Wilkins/ })
    .first()
    .click();
  await person.getByLabel("Role in the incident").selectOption({ label: "Alleged perpetrator" });
}

test("picking a person on an open case offers it on the form, and one press links the incident", async ({ page }) => {
  await signInAndWait(page, HEALTH_OFFICER);
  await fillIncident(page, `Abuse of staff outside the pharmacy ${Date.now().toString(36)}`);
  // A live region: the offer is announced as it appears.
  const offer = page.getByRole("status", { name: "Open cases naming these people" });
  await expect(offer).toContainText(/Gary Wilkins, born \d\d\/\d\d\/\d{4} is on open case CASE-/);
  await expect(offer).toContainText(CASE_TITLE);
  await expectNoAccessibilityViolations(page);
  await offer.getByRole("button", { name: /^Link this incident to CASE-/ }).click();
  await expect(page.getByLabel("Case (optional)").locator("option:checked")).toContainText(CASE_TITLE);
  // The button pressed has gone: focus is on the case it filled in, not lost.
  await expect(page.getByLabel("Case (optional)")).toBeFocused();
  await expect(offer).not.toContainText("Link this incident");
  await page.getByRole("button", { name: "Log incident" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Incident INC-\d{4}-\d{6} logged/ })).toBeVisible();
  await expect(page.getByText(CASE_TITLE).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /open case names/i })).toHaveCount(0);
});

test("an incident logged in no case is offered the open case naming its person on its page", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAndWait(page, HEALTH_OFFICER);
  await fillIncident(page, `Shouting at shoppers by the fountain ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Log incident" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Incident INC-\d{4}-\d{6} logged/ })).toBeVisible();
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  const offer = page.getByRole("region", { name: "An open case names this incident's people or place" });
  await expect(offer).toContainText(`${CASE_TITLE} names Gary Wilkins`);
  await expectNoAccessibilityViolations(page);
  await offer.getByRole("button", { name: /^Link this incident to CASE-/ }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=incidents-linked/);
  await expect(page.locator("#incidents")).toContainText(reference);
});
