import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, signInAndWait } from "./support";

// Risk, documents and the Community Trigger on the demo partnership's cases (prisma/seed/cases.ts):
// a MARAC detective completes a DASH on a restricted MARAC case and sees the case become high risk;
// an IDVA attaches a statement to another MARAC case, a disguised file is refused by the field, and
// an officer outside the panel cannot fetch the document even with its address; the ASB officer
// reads the Community Trigger's threshold check.

const MARAC_DETECTIVE = "sarah.whitfield@met.kingsmere.example";
const IDVA = "claire.robinson@kwa.example";
const OFFICER_NOT_ON_PANEL = "tom.fletcher@met.kingsmere.example";
const ASB_OFFICER = "kwame.mensah@kingsmere.gov.example";

// Restricted MARAC cases: C10 (medium risk, led by the council, shared with the police) and C08
// (led by Women's Aid). C06 is the Community Trigger.
const MEDIUM_RISK_MARAC_CASE = "Domestic abuse: Ellie Newman (transfer in from Ashcombe)";
const IDVA_MARAC_CASE = "Domestic abuse: Amina Yusuf";
const COMMUNITY_TRIGGER_CASE = "ASB case review: parties and rowdiness at 10 Quarry Lane";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signInAndWait(page, email);
  return page;
}

async function openCase(page: Page, kind: string, title: string) {
  await page.goto(`/cases?kind=${kind}`);
  await page.getByRole("row").filter({ hasText: title }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

/** The "Risk level" row of the case's details. */
const caseRiskLevel = (page: Page) => page.locator("#details dl > div").filter({ hasText: "Risk level" }).locator("dd").first();

const question = (page: Page, n: number) => page.getByRole("group", { name: new RegExp(`^${n}\\. `) });

test.describe("risk, documents and the Community Trigger", () => {
  test("a MARAC detective completes a DASH with 14 “yes” answers and the case shows high risk", async ({ browser }) => {
    const detective = await signedIn(browser, MARAC_DETECTIVE);
    await openCase(detective, "MARAC", MEDIUM_RISK_MARAC_CASE);
    await expect(caseRiskLevel(detective)).toHaveText("Medium risk");

    await detective.locator("#risk").getByRole("link", { name: "Complete a DASH checklist" }).click();
    await expect(detective.getByRole("heading", { level: 1, name: "DASH risk checklist" })).toBeVisible();
    await expect(detective.getByRole("note", { name: "Protective marking" })).toContainText("Restricted – MARAC");
    // No personal data in the title: it ends up in browser history.
    await expect(detective).toHaveTitle(/^DASH risk checklist – case CASE-\d{4}-\d{6} – Safer Partnerships$/);
    await expectNoAccessibilityViolations(detective);

    // Saving with questions unanswered: each is listed, and the answers given are kept.
    await question(detective, 1).getByRole("radio", { name: "Yes" }).check();
    await detective.getByRole("button", { name: "Save assessment" }).click();
    const summary = detective.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(summary.getByRole("link", { name: "Answer question 2: select yes, no or not known" })).toBeVisible();
    await expect(detective).toHaveTitle(/^Error: /);
    await expect(question(detective, 1).getByRole("radio", { name: "Yes" })).toBeChecked();
    await expectNoAccessibilityViolations(detective);

    // By keyboard as officers do it: focus a question's first answer, arrow keys to choose.
    for (let n = 1; n <= 24; n++) {
      const yes = question(detective, n).getByRole("radio", { name: "Yes" });
      if (n <= 14) await yes.check();
      else {
        await yes.focus();
        await detective.keyboard.press("ArrowRight");
        await expect(question(detective, n).getByRole("radio", { name: "No", exact: true })).toBeChecked();
      }
    }
    await expect(detective.getByText("14 “yes” answers, 24 of 24 questions answered.")).toBeVisible();
    await detective.getByRole("button", { name: "Save assessment" }).click();

    await expect(detective.getByRole("status").filter({ hasText: "DASH risk checklist recorded: high risk" })).toBeVisible();
    await expect(detective.getByText("The case’s risk level is now high risk.")).toBeVisible();
    const latest = detective.getByRole("table").locator("tbody tr").first();
    await expect(latest).toContainText("14 “yes” answers of 24");
    await expect(latest).toContainText("High risk");
    await expect(latest).toContainText("Sarah Whitfield");
    await expectNoAccessibilityViolations(detective);

    await detective.getByRole("link", { name: /^Back to case/ }).click();
    await expect(caseRiskLevel(detective)).toHaveText("High risk");
    await expect(detective.locator("#risk")).toContainText("It is the level of the latest assessment: a DASH risk checklist");
    await expect(detective.locator("#timeline")).toContainText("The case's risk level changed from medium risk to high risk.");
  });

  test("an IDVA attaches a statement and downloads it; a disguised file is refused by the field; an officer off the panel cannot fetch it", async ({
    browser,
  }) => {
    const idva = await signedIn(browser, IDVA);
    await openCase(idva, "MARAC", IDVA_MARAC_CASE);
    await idva.locator("#documents").getByRole("link", { name: "Add a document" }).click();
    await expect(idva.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
    await expect(idva.getByRole("note", { name: "Protective marking" })).toContainText("Restricted – MARAC");
    await expect(idva.getByText("Up to 10 MB")).toBeVisible();
    await expectNoAccessibilityViolations(idva);

    // An executable renamed .pdf: the bytes give it away.
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(600)]);
    await idva.getByLabel("Upload a file").setInputFiles({ name: "statement.pdf", mimeType: "application/pdf", buffer: exe });
    await idva.getByLabel("Describe the document").fill("Victim's statement to the IDVA");
    await idva.getByRole("button", { name: "Add document" }).click();
    const message = "The selected file must be a PDF, Word document, spreadsheet, text file or image";
    await expect(idva.locator("#file-error")).toHaveText(`Error: ${message}`);
    await expect(idva.getByRole("alert").filter({ hasText: "There is a problem" }).getByRole("link", { name: message })).toBeVisible();
    await expect(idva.getByLabel("Describe the document")).toHaveValue("Victim's statement to the IDVA");
    await expectNoAccessibilityViolations(idva);

    const pdf = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    await idva.getByLabel("Upload a file").setInputFiles({ name: "IDVA statement.pdf", mimeType: "application/pdf", buffer: pdf });
    await idva.getByRole("button", { name: "Add document" }).click();
    await expect(idva.getByRole("status").filter({ hasText: "Document added to the case" })).toBeVisible();
    const link = idva.getByRole("link", { name: /^IDVA statement\.pdf/ });
    const [download] = await Promise.all([idva.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe("IDVA statement.pdf");
    expect((await readFile((await download.path())!)).equals(pdf)).toBe(true);
    await expectNoAccessibilityViolations(idva);

    const href = (await link.getAttribute("href"))!;
    const answer = await idva.request.get(href);
    expect(answer.headers()).toMatchObject({
      "content-type": "application/pdf",
      "x-content-type-options": "nosniff",
      "cache-control": "no-store",
    });
    expect(answer.headers()["content-disposition"]).toMatch(/^attachment; filename="IDVA statement\.pdf"/);

    // The document's address is no key: an officer outside the MARAC panel gets "not found".
    const outsider = await signedIn(browser, OFFICER_NOT_ON_PANEL);
    const refused = await outsider.request.get(href);
    expect(refused.status()).toBe(404);
    expect(await refused.text()).not.toContain("%PDF");
  });

  test("the ASB officer reads the Community Trigger: the threshold met, and why each complaint counts", async ({ browser }) => {
    const officer = await signedIn(browser, ASB_OFFICER);
    await openCase(officer, "COMMUNITY_TRIGGER", COMMUNITY_TRIGGER_CASE);
    const section = officer.locator("#community-trigger");
    await expect(section.getByText("Threshold met")).toBeVisible();
    await expect(section).toContainText("Patrick Nolan");
    await expectNoAccessibilityViolations(officer);

    await section.getByRole("link", { name: /qualifying complaints and the threshold check/ }).click();
    await expect(officer.getByRole("heading", { level: 1, name: "Community Trigger" })).toBeVisible();
    await expect(
      officer.getByText("The partnership’s threshold is 3 complaints about the same problem in the 6 months before the application"),
    ).toBeVisible();
    const rows = officer.getByRole("table").locator("tbody tr");
    await expect(rows).toHaveCount(3);
    for (const row of await rows.all()) await expect(row).toContainText("Counts");
    await expectNoAccessibilityViolations(officer);

    await officer.getByRole("link", { name: "Change date of application" }).click();
    await expect(officer.getByRole("heading", { level: 1, name: "Change the Community Trigger" })).toBeVisible();
    await expect(officer.getByRole("radio", { name: "Yes" }).first()).toBeChecked();
    await expectNoAccessibilityViolations(officer);

    await officer.goto(officer.url().replace(/\/edit.*$/, "/complaints/add"));
    await expect(officer.getByRole("heading", { level: 1, name: "Add a qualifying complaint" })).toBeVisible();
    await officer.getByRole("button", { name: "Add complaint" }).click();
    await expect(officer.getByRole("alert").filter({ hasText: "There is a problem" })).toBeVisible();
    await expectNoAccessibilityViolations(officer);
  });

  test("an ASB officer opens a Community Trigger case, records the application and adds a complaint made to the police", async ({
    browser,
  }) => {
    const officer = await signedIn(browser, ASB_OFFICER);
    await officer.goto("/cases/new");
    await officer.getByRole("radio", { name: "Community Trigger" }).check();
    await officer.getByLabel("Title", { exact: true }).fill("ASB case review: dog fouling and threats on Wren Walk");
    await officer.getByRole("radio", { name: "Medium" }).check();
    await officer.getByRole("button", { name: "Open case" }).click();

    // A Community Trigger case goes straight on to its application.
    await expect(officer.getByRole("heading", { level: 1, name: "Record the Community Trigger application" })).toBeVisible();
    await expect(officer.getByRole("status").filter({ hasText: /Case CASE-\d{4}-\d{6} opened/ })).toBeVisible();
    await officer.getByRole("button", { name: "Record application" }).click();
    const summary = officer.getByRole("alert").filter({ hasText: "There is a problem" });
    for (const problem of [
      "Enter the date of the application",
      "Select whether the applicant is already recorded as a person",
      "Select whether the case review has been carried out",
    ]) {
      await expect(summary.getByRole("link", { name: problem })).toBeVisible();
    }
    await expectNoAccessibilityViolations(officer);

    const today = new Date();
    const application = officer.getByRole("group", { name: "Date the application was received" });
    await application.getByLabel("Day").fill(String(today.getDate()));
    await application.getByLabel("Month").fill(String(today.getMonth() + 1));
    await application.getByLabel("Year").fill(String(today.getFullYear()));
    await officer.getByRole("group", { name: "Is the applicant already recorded as a person?" }).getByRole("radio", { name: "No" }).check();
    await officer.getByLabel("Applicant’s name").fill("Councillor Ruth Adeyemi");
    await officer.getByRole("group", { name: "Has the case review been carried out?" }).getByRole("radio", { name: "No" }).check();
    await officer
      .getByRole("group", { name: "Did the applicant ask for the review to be escalated?" })
      .getByRole("radio", { name: "No" })
      .check();
    await officer.getByRole("button", { name: "Record application" }).click();

    await expect(officer.getByRole("status").filter({ hasText: "Community Trigger application recorded" })).toBeVisible();
    await expect(officer.getByText("Councillor Ruth Adeyemi")).toBeVisible();
    await expect(officer.getByText("0 of 3 qualifying complaints")).toBeVisible();

    await officer.getByRole("link", { name: "Add a complaint" }).click();
    const lastWeek = new Date(today.getTime() - 7 * 24 * 60 * 60 * 1000);
    for (const [legend, day] of [
      ["Date of the incident", lastWeek],
      ["Date the complaint was made", today],
    ] as const) {
      const group = officer.getByRole("group", { name: legend });
      await group.getByLabel("Day").fill(String(day.getDate()));
      await group.getByLabel("Month").fill(String(day.getMonth() + 1));
      await group.getByLabel("Year").fill(String(day.getFullYear()));
    }
    await officer.getByLabel("Who the complaint was made to").fill("Metropolitan Police");
    await officer.getByLabel("What was the complaint about?").fill("Dog fouling and threats on Wren Walk");
    await officer.getByRole("button", { name: "Add complaint" }).click();

    await expect(officer.getByRole("status").filter({ hasText: "Complaint added" })).toBeVisible();
    const row = officer.getByRole("table").locator("tbody tr");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Counts");
    await expect(officer.getByText("1 of 3 qualifying complaints")).toBeVisible();
    await expectNoAccessibilityViolations(officer);
  });
});
