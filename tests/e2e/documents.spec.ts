import { expect, test } from "@playwright/test";
import { DEMO, queryE2eDatabase, signInAndWait } from "./support";

// The advertised limit is the real one: a document of exactly 10 MB uploads, and a larger one gets
// the form's own message by the field, with or without JavaScript, never a server error.

const TEN_MB = 10 * 1024 * 1024;

function pdfOf(size: number): Buffer {
  const head = Buffer.from("%PDF-1.4\n");
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

async function documentsPage(): Promise<string> {
  // Case C01 (the council leads it; the ASB officer adds to it).
  const [row] = await queryE2eDatabase<{ id: string }>(
    `SELECT c.id FROM "Case" c JOIN "Organisation" o ON o.id = c."leadOrganisationId" WHERE o."shortName" = 'KCSAT' AND NOT c.restricted AND c.status <> 'CLOSED' ORDER BY c.reference LIMIT 1`,
  );
  return `/cases/${row!.id}/documents`;
}

test("a document of exactly 10 MB uploads", async ({ page }) => {
  test.setTimeout(120_000);
  const path = await documentsPage();
  await signInAndWait(page, DEMO.officer);
  await page.goto(path);
  await page.getByLabel("Upload a file").setInputFiles({ name: "ten-megabytes.pdf", mimeType: "application/pdf", buffer: pdfOf(TEN_MB) });
  await page.getByLabel("Describe the document").fill("Exactly the advertised maximum");
  await page.getByRole("button", { name: "Add document" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Document added to the case" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("link", { name: /^ten-megabytes\.pdf/ })).toBeVisible();
});

test("a larger document gets the form's message by the field, with and without JavaScript", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const path = await documentsPage();
  const message = "The selected file must be 10 MB or smaller";

  await signInAndWait(page, DEMO.officer);
  await page.goto(path);
  await page.getByLabel("Upload a file").setInputFiles({ name: "too-big.pdf", mimeType: "application/pdf", buffer: pdfOf(TEN_MB + 1) });
  await page.getByRole("button", { name: "Add document" }).click();
  await expect(page.locator("#file-error")).toHaveText(`Error: ${message}`);

  // Without script the browser posts it all; the service answers with the same page and message.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const plain = await noScript.newPage();
  await signInAndWait(plain, DEMO.officer);
  await plain.goto(path);
  await plain
    .getByLabel("Upload a file")
    .setInputFiles({ name: "much-too-big.pdf", mimeType: "application/pdf", buffer: pdfOf(12 * 1024 * 1024) });
  const [response] = await Promise.all([
    plain.waitForResponse((r) => r.request().method() === "POST"),
    plain.getByRole("button", { name: "Add document" }).click(),
  ]);
  expect(response.status()).toBeLessThan(500);
  await expect(plain.locator("#file-error")).toHaveText(`Error: ${message}`);
  await expect(plain.getByRole("heading", { level: 1, name: "Documents" })).toBeVisible();
  await noScript.close();
});
