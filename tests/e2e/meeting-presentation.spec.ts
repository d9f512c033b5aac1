import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations, queryE2eDatabase, signInAndWait } from "./support";

// Issue 17 point 6, meetings on a projector: the CCM chair, in meeting mode, records a decision and
// an action on the first case, opens the presentation ("Present"), and the room reads the case's
// summary, risk, decision and actions above the fold of a 1920×1080 projector at 150% zoom (a
// 1280×720 CSS-pixel screen at 1.5 device pixels each) and of a 1280×720 one at 150% (853×480),
// with no service header or navigation; Alt+N moves to the next case, as in meeting mode, and the
// way back returns to meeting mode on that case. Someone who may not run the meeting gets "Page
// not found", as for meeting mode.
//
// The meeting is this spec's own: made in progress (started two days ago, so it is nobody's "next
// meeting") straight in the database, with an agenda of cases the chair opens here, so no other
// spec's meeting, agenda or referral changes, and scheduling does not take other specs' cases.

const CCM_CHAIR = "helen.marsh@kingsmere.gov.example";
const OFFICER_NOT_ON_PANEL = "tom.fletcher@met.kingsmere.example";
const CCM_MEMBER_NOT_CHAIR = "kwame.mensah@kingsmere.gov.example";
const PROJECTOR = { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1.5 };

async function signedIn(browser: Browser, email: string, options = PROJECTOR): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await signInAndWait(page, email);
  return page;
}

function londonDay(daysAhead: number): { day: string; month: string; year: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    day: "numeric",
    month: "numeric",
    year: "numeric",
  }).formatToParts(new Date(Date.now() + daysAhead * 24 * 60 * 60 * 1000));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { day: part("day"), month: part("month"), year: part("year") };
}

/** The chair opens a CCM case; its id and reference. */
async function openCase(page: Page, title: string, summary: string): Promise<{ id: string; reference: string }> {
  await page.goto("/cases/new");
  await page.getByRole("radio", { name: "CCM", exact: true }).check();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary (optional)").fill(summary);
  await page.getByRole("radio", { name: "High" }).check();
  await page.getByRole("button", { name: "Open case" }).click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}\?notice=opened/);
  const id = /\/cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const [row] = await queryE2eDatabase<{ reference: string }>(`SELECT reference FROM "Case" WHERE id = $1`, [id]);
  return { id, reference: row!.reference };
}

/** A CCM meeting of this spec's own, in progress, chaired by the CCM chair, with these cases on its agenda. */
async function meetingInProgress(caseIds: string[]): Promise<{ id: string; reference: string }> {
  const startsAt = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  const year = Number(londonDay(-2).year);
  const [meeting] = await queryE2eDatabase<{ id: string; reference: string }>(
    `WITH counter AS (
       INSERT INTO "ReferenceCounter" (prefix, year, last) VALUES ('MTG', $1, 1)
       ON CONFLICT (prefix, year) DO UPDATE SET last = "ReferenceCounter".last + 1
       RETURNING last)
     INSERT INTO "Meeting" (id, reference, panel, "startsAt", venue, "chairId", status, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), 'MTG-' || $1 || '-' || lpad(counter.last::text, 6, '0'), 'CCM', $2,
            'Kingsmere Civic Centre, Committee Room 2', (SELECT id FROM "User" WHERE email = $3), 'IN_PROGRESS', now(), now()
     FROM counter
     RETURNING id, reference`,
    [year, startsAt, CCM_CHAIR],
  );
  await queryE2eDatabase(
    `INSERT INTO "MeetingAttendee" ("meetingId", "organisationId", present)
     SELECT $1, id, true FROM "Organisation" WHERE "shortName" IN ('KCSAT', 'MPS')`,
    [meeting!.id],
  );
  for (const [i, caseId] of caseIds.entries())
    await queryE2eDatabase(
      `INSERT INTO "AgendaItem" (id, "meetingId", "caseId", position, reason) VALUES (gen_random_uuid(), $1, $2, $3, 'REVIEW')`,
      [meeting!.id, caseId, i + 1],
    );
  return meeting!;
}

/** The element is on screen without scrolling: its bottom edge above the fold. */
async function expectAboveTheFold(page: Page, element: Locator) {
  await expect(element).toBeVisible();
  const box = (await element.boundingBox())!;
  expect(box.y + box.height, `${await element.textContent()} ends above the fold`).toBeLessThanOrEqual(page.viewportSize()!.height);
}

test("the chair presents the meeting's cases on a projector: summary, risk, decision and actions above the fold, Alt+N to the next case, and back to meeting mode", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const chair = await signedIn(browser, CCM_CHAIR);
  const first = await openCase(
    chair,
    "Presentation: youths gathering at Bellfield parade",
    "Groups of up to twenty youths gather outside the parade's shops most evenings; shopkeepers report intimidation and two broken windows.",
  );
  const second = await openCase(
    chair,
    "Presentation: noise from a flat on Cordwainer Court",
    "Loud music late at night from one flat; the neighbours have kept diaries for six weeks.",
  );
  const meeting = await meetingInProgress([first.id, second.id]);

  // ── In meeting mode the chair records the first case, then presents it ──
  await chair.goto(`/meetings/${meeting.id}/run`);
  await expect(chair.getByRole("heading", { level: 1, name: "Meeting mode" })).toBeVisible();
  const article = chair.locator("article:visible");
  await expect(article.getByRole("heading", { level: 2 })).toContainText(first.reference);
  await article
    .getByLabel("Discussion summary")
    .fill("Shopkeepers and the police described the evenings; the youth service knows most of the group.");
  await article
    .getByLabel("Decision")
    .fill("Dispersal direction on Friday and Saturday evenings for a month; youth outreach at the parade.");
  await chair.keyboard.press("Alt+A");
  await article.getByLabel("What needs to be done").fill("Youth outreach sessions at the parade on Friday evenings");
  await article
    .getByLabel("Organisation", { exact: true })
    .selectOption({ label: "Kingsmere Council Community Safety and ASB Team (KCSAT)" });
  const due = londonDay(14);
  const dueDate = article.getByRole("group", { name: "Due date" });
  await dueDate.getByLabel("Day").fill(due.day);
  await dueDate.getByLabel("Month").fill(due.month);
  await dueDate.getByLabel("Year").fill(due.year);
  await chair.keyboard.press("Control+Enter");
  await expect(article.getByText(/^Saved at \d{2}:\d{2}\. 1 action agreed/)).toBeVisible();

  await chair.getByRole("link", { name: /^Present/ }).click();
  await expect(chair).toHaveURL(new RegExp(`/meetings/${meeting.id}/present\\?case=1$`));
  await expect(chair).toHaveTitle("Meeting presentation – Safer Partnerships");

  // ── The projector: the case, large, with nothing of the service's chrome ──
  const heading = chair.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(`1. ${first.reference}: Presentation: youths gathering at Bellfield parade`);
  await expect(chair.getByRole("banner")).toHaveCount(0);
  await expect(chair.getByRole("navigation")).toHaveCount(0);
  await expect(chair.getByRole("contentinfo")).toHaveCount(0);
  await expect(chair.getByText("Keyboard shortcuts")).toHaveCount(0);
  await expectAboveTheFold(chair, heading);
  await expectAboveTheFold(chair, chair.getByText(/^Groups of up to twenty youths/));
  await expectAboveTheFold(chair, chair.getByText("High risk", { exact: true }));
  await expectAboveTheFold(chair, chair.getByText(/^Dispersal direction on Friday/));
  await expectAboveTheFold(chair, chair.getByRole("listitem").filter({ hasText: "Youth outreach sessions at the parade" }));
  // Large type: the summary is at least 24 CSS pixels (36 on the projector at 150%).
  expect(
    await chair.getByText(/^Groups of up to twenty youths/).evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
  ).toBeGreaterThanOrEqual(24);
  await expectNoAccessibilityViolations(chair);
  await chair.screenshot({ path: test.info().outputPath("presentation-1280x720.png") });

  // ── A 1280×720 screen at 150%: the case still starts above the fold ──
  await chair.setViewportSize({ width: 853, height: 480 });
  await expectAboveTheFold(chair, heading);
  await expectAboveTheFold(chair, chair.getByRole("heading", { level: 2, name: "Summary" }));
  // At least its first two lines.
  expect((await chair.getByText(/^Groups of up to twenty youths/).boundingBox())!.y + 2 * 32).toBeLessThan(480);
  await chair.screenshot({ path: test.info().outputPath("presentation-853x480.png") });
  // And on a phone-sized screen (WCAG 1.4.10) it reflows without scrolling sideways.
  await chair.setViewportSize({ width: 320, height: 640 });
  expect(await chair.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await chair.screenshot({ path: test.info().outputPath("presentation-320.png"), fullPage: true });
  await chair.setViewportSize(PROJECTOR.viewport);

  // ── Alt+N: the next case, as in meeting mode; focus on its heading ──
  await chair.keyboard.press("Alt+N");
  await expect(heading).toHaveText(`2. ${second.reference}: Presentation: noise from a flat on Cordwainer Court`);
  await expect(heading).toBeFocused();
  await expect(chair).toHaveURL(/\?case=2$/);
  await expect(chair.getByText("Case 2 of 2")).toBeVisible();
  await expect(chair.getByText("Nothing decided yet.")).toBeVisible();
  await expectNoAccessibilityViolations(chair);
  await chair.keyboard.press("Alt+P");
  await expect(heading).toContainText(first.reference);
  await chair.keyboard.press("Alt+N");
  await expect(heading).toContainText(second.reference);

  // ── Back to meeting mode, on the case that was on screen ──
  await chair.getByRole("link", { name: "Back to meeting mode" }).click();
  await expect(chair.getByRole("heading", { level: 1, name: "Meeting mode" })).toBeVisible();
  await expect(chair.locator("article:visible").getByRole("heading", { level: 2 })).toContainText(second.reference);

  // ── A MARAC meeting's presentation, by a guessed id, is not the CCM chair's ──
  const [marac] = await queryE2eDatabase<{ id: string }>(`SELECT id FROM "Meeting" WHERE panel = 'MARAC' ORDER BY "startsAt" LIMIT 1`);
  await chair.goto(`/meetings/${marac!.id}/present`);
  await expect(chair.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("only the chair presents: an officer on no panel, and a CCM member who does not chair, get Page not found", async ({ browser }) => {
  const meeting = await meetingInProgress([]);
  for (const email of [OFFICER_NOT_ON_PANEL, CCM_MEMBER_NOT_CHAIR]) {
    const page = await signedIn(browser, email);
    await page.goto(`/meetings/${meeting.id}/present`);
    await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
    await expect(page).toHaveTitle("Page not found – Safer Partnerships");
    await expect(page.getByText(meeting.reference)).toHaveCount(0);
  }
});
