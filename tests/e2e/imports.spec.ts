import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoAccessibilityViolations, queryE2eDatabase, signInAndWait } from "./support";

// A manager brings in records from files: a file with problems is checked and nothing is
// imported; corrected, it imports. Then incidents naming that person (misspelt, same birthday) are
// checked, the likely duplicate is offered and accepted, and the incident shows where it came from.

const run = Date.now().toString(36);
const PEOPLE_HEADER = "source_reference,first_name,last_name,date_of_birth,gender,also_known_as,phone";
const INCIDENT_HEADER =
  "source_reference,occurred,reported,report_method,category,type,description,place_address_line_1,place_town,place_postcode,place_kind,person_1_first_name,person_1_last_name,person_1_date_of_birth,person_1_role";

async function upload(page: Page, kind: "People" | "Incidents", name: string, lines: string[]) {
  await page.goto("/imports");
  await page.getByRole("radio", { name: new RegExp(`^${kind}`) }).check();
  await page.getByLabel("Upload a file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(lines.join("\r\n")) });
  await page.getByRole("button", { name: "Upload and check" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
}

/** No page-level horizontal scrolling at 320 CSS px (tables may scroll in their own box). */
async function reflowsAt320(page: Page) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 700 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  if (size) await page.setViewportSize(size);
}

test("a manager imports a corrected file, reviews a likely duplicate and sees where the incident came from", async ({ page }) => {
  test.setTimeout(120_000);
  await signInAndWait(page, DEMO.manager);
  await page.getByRole("link", { name: "Import", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Import records");
  await expectNoAccessibilityViolations(page);
  await reflowsAt320(page);

  // A file with problems: every one listed by row and column; nothing imported.
  const surname = `Quartermaine${run}`;
  await upload(page, "People", `people-${run}.csv`, [
    PEOPLE_HEADER,
    `P-${run}-1,Zebedee,${surname},14/02/1987,Male,,`,
    `P-${run}-2,,${surname},31/02/1990,Wizard,,`,
  ]);
  await expect(page.getByRole("heading", { name: "3 problems to fix" })).toBeVisible({ timeout: 30_000 });
  const problems = page.getByRole("table", { name: "Problems" });
  await expect(problems.getByRole("row", { name: /3 first_name Enter a first name/ })).toBeVisible();
  await expect(problems.getByRole("row", { name: /3 date_of_birth .*real date/ })).toBeVisible();
  await expect(problems.getByRole("row", { name: /3 gender Choose one of: Female, Male/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /import/i })).toHaveCount(0);
  await expectNoAccessibilityViolations(page);
  await reflowsAt320(page);
  await page.getByRole("button", { name: "Discard this file" }).click();
  await expect(page.getByText("File discarded")).toBeVisible();

  // Corrected, it imports.
  await upload(page, "People", `people-${run}-fixed.csv`, [
    PEOPLE_HEADER,
    `P-${run}-1,Zebedee,${surname},14/02/1987,Male,,`,
    `P-${run}-2,Marigold,${surname},1990-02-28,female,,`,
  ]);
  await page.getByRole("button", { name: "Import 2 rows" }).click({ timeout: 30_000 });
  await expect(page.getByText("2 new, 0 updated, 0 unchanged")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Imported", { exact: true })).toBeVisible();

  // Incidents naming Zebedee with his surname misspelt: the review offers his profile.
  const misspelt = surname.replace("aine", "ain");
  await upload(page, "Incidents", `incidents-${run}.csv`, [
    INCIDENT_HEADER,
    `CAD-${run},27/03/2026 21:30,27/03/2026 21:45,Phone,Nuisance,Noise,Music until 2am,14 Canal Walk,Kingsmere,KM1 4QF,Home or residential building,Zebedee,${misspelt},14/02/1987,Victim`,
  ]);
  await expect(page.getByRole("heading", { name: "Check the likely duplicates" })).toBeVisible({ timeout: 30_000 });
  const question = page.getByRole("group", { name: new RegExp(`Zebedee ${misspelt}, born 14/02/1987`, "i") });
  await expect(question.getByRole("radio", { name: new RegExp(`Same person: Zebedee ${surname}`) })).toBeChecked();
  await expectNoAccessibilityViolations(page);
  await reflowsAt320(page);
  await page.getByRole("button", { name: "Save these answers and import" }).click();
  await expect(page.getByText("1 new, 0 updated, 0 unchanged")).toBeVisible({ timeout: 30_000 });

  // The incident names Zebedee's existing profile and says it was imported, by whom and from which row.
  const [incident] = await queryE2eDatabase<{ id: string }>(`SELECT "recordId" AS id FROM "ImportedRecord" WHERE "sourceReference" = $1`, [
    `CAD-${run}`,
  ]);
  await page.goto(`/incidents/${incident!.id}`);
  await expect(
    page.getByText(
      new RegExp(`Sandra Okafor, KCSAT on \\d{2}/\\d{2}/\\d{4} from incidents-${run}.csv, row 2 \\(source reference CAD-${run}\\)`),
    ),
  ).toBeVisible();
  await expect(page.getByRole("link", { name: `Zebedee ${surname}` })).toBeVisible();
  const people = await queryE2eDatabase<{ n: string }>(`SELECT count(*)::text AS n FROM "Person" WHERE "lastName" = $1`, [surname]);
  expect(people[0]!.n).toBe("2");
});
