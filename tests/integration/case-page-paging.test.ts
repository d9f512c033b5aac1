import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { ActionStatus } from "@/lib/generated/prisma/enums";
import { FINISHED_ACTIONS_PAGE_SIZE, listCaseActions } from "@/lib/case-actions/data";
import { CASE_INCIDENTS_PAGE_SIZE, caseOverview, listCaseIncidents, shareCase } from "@/lib/cases/data";
import { NotFoundError } from "@/lib/errors";
import { pageNumberParam, showingWords } from "@/lib/list";
import { agency, colleague, makeIncident, open } from "./cases-support";
import { dayFromToday, sharedCase } from "./actions-support";

// The case page pages through all of a case's finished actions and incidents (issue 17): every
// record on exactly one page, the same rule for who sees them whatever page is asked for, and
// nonsense in the address answered with the first page, never an error.

/** `count` finished actions, straight into the table; every fourth shares its finishing time with the next, to test the tie-break. */
async function finishedActions(caseId: string, organisationId: string, userId: string, count: number) {
  const base = Date.now() - 100 * 86_400_000;
  await db.caseAction.createMany({
    data: Array.from({ length: count }, (_, n) => {
      const at = new Date(base + Math.floor(n / 4) * 3_600_000);
      const status: ActionStatus = n % 3 === 0 ? "CANCELLED" : "DONE";
      return {
        caseId,
        title: `Finished action ${n + 1}`,
        assignedOrganisationId: organisationId,
        createdById: userId,
        dueDate: dayFromToday(-120),
        status,
        outcome: status === "DONE" ? "Done" : null,
        cancelReason: status === "CANCELLED" ? "Not needed" : null,
        completedAt: at,
        createdAt: at,
        updatedAt: at,
      };
    }),
  });
  return db.caseAction.findMany({ where: { caseId, status: { in: ["DONE", "CANCELLED"] } }, select: { id: true } });
}

async function allFinishedPages(actor: Parameters<typeof listCaseActions>[0], caseId: string) {
  const pages = [];
  for (let page = 1; ; page++) {
    const { closed } = await listCaseActions(actor, caseId, { finishedPage: page });
    pages.push(closed);
    if (page >= closed.totalPages) return pages;
  }
}

describe("paging through a case's actions", () => {
  it("shows every one of 120 finished actions exactly once across the pages, most recently finished first, with the open ones on every page", async () => {
    const { police, housing, caseId } = await sharedCase();
    const finished = await finishedActions(caseId, police.organisation.id, police.user.id, 120);
    await db.caseAction.create({
      data: {
        caseId,
        title: "Still to do",
        assignedOrganisationId: police.organisation.id,
        createdById: police.user.id,
        dueDate: dayFromToday(3),
      },
    });

    const pages = await allFinishedPages(housing.actor, caseId);
    expect(FINISHED_ACTIONS_PAGE_SIZE).toBe(50);
    expect(pages.map((p) => [p.page, p.rows.length, p.total, p.totalPages])).toEqual([
      [1, 50, 120, 3],
      [2, 50, 120, 3],
      [3, 20, 120, 3],
    ]);
    const seen = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(seen).toHaveLength(120);
    expect(new Set(seen)).toEqual(new Set(finished.map((a) => a.id)));
    // Most recently finished first, all the way through.
    const times = pages.flatMap((p) => p.rows.map((r) => r.updatedAt.getTime()));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(showingWords(pages[1]!)).toBe("Showing 51 to 100 of 120");
    expect(showingWords(pages[2]!)).toBe("Showing 101 to 120 of 120");

    const second = await listCaseActions(housing.actor, caseId, { finishedPage: 2 });
    expect(second.open.map((a) => a.title)).toEqual(["Still to do"]);
  });

  it("an officer of an organisation the case is not shared with gets no page of its actions, whatever page is asked for, and the attempt is audited", async () => {
    const { police, outsider, caseId } = await sharedCase();
    await finishedActions(caseId, police.organisation.id, police.user.id, 60);
    for (const finishedPage of [1, 2, 999_999]) {
      await expect(listCaseActions(outsider.actor, caseId, { finishedPage })).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(listCaseIncidents(outsider.actor, caseId, 2)).rejects.toBeInstanceOf(NotFoundError);
    await expect(caseOverview(outsider.actor, caseId)).rejects.toBeInstanceOf(NotFoundError);
    const refusals = await db.auditEvent.count({ where: { userId: outsider.user.id, entityId: caseId, action: "ACCESS_REFUSED" } });
    expect(refusals).toBeGreaterThanOrEqual(3);
  });

  it("a police officer outside the MARAC panel cannot page through a MARAC case's actions or incidents, even their own force's case shared with them", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const notOnPanel = await colleague(police.organisation.id);
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const marac = await open(police.actor, { kind: "MARAC", title: "Domestic abuse" });
    await shareCase(police.actor, marac.id, housing.organisation.id);
    await finishedActions(marac.id, police.organisation.id, police.user.id, 55);
    await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id, caseId: marac.id });

    for (const actor of [notOnPanel.actor, housing.actor]) {
      for (const page of [1, 2]) {
        await expect(listCaseActions(actor, marac.id, { finishedPage: page })).rejects.toBeInstanceOf(NotFoundError);
        await expect(listCaseIncidents(actor, marac.id, page)).rejects.toBeInstanceOf(NotFoundError);
      }
      await expect(caseOverview(actor, marac.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    // The panel still pages through them.
    expect((await listCaseActions(police.actor, marac.id, { finishedPage: 2 })).closed).toMatchObject({ page: 2, total: 55 });
  });
});

describe("page numbers from the address", () => {
  it("reads a whole number from 1 up and answers anything else with page 1", () => {
    expect(pageNumberParam("2")).toBe(2);
    for (const silly of [undefined, "", "abc", "-1", "0", "2.5", "1e3", "0x10", " ", "２"]) expect(pageNumberParam(silly)).toBe(1);
    // Past the end is for the data layer to answer (below); a number too long to be a page is page 1.
    expect(pageNumberParam("999999")).toBe(1000);
    expect(pageNumberParam("99999999999999999999")).toBe(1);
  });

  it("a page past the end, or no page at all, is the first page, never an empty one or an error", async () => {
    const { police, caseId } = await sharedCase();
    await finishedActions(caseId, police.organisation.id, police.user.id, 7);
    for (const finishedPage of [pageNumberParam("999999"), 2, 0, -1, Number.NaN, 1.5]) {
      const { closed } = await listCaseActions(police.actor, caseId, { finishedPage });
      expect([closed.page, closed.rows.length, closed.totalPages]).toEqual([1, 7, 1]);
    }
    for (const page of [999_999, -1, Number.NaN]) {
      const incidents = await listCaseIncidents(police.actor, caseId, page);
      expect([incidents.page, incidents.rows, incidents.totalPages]).toEqual([1, [], 1]);
    }
  });
});

describe("paging through a case's incidents", () => {
  it("shows every incident exactly once across the pages, most recent first", async () => {
    const { police, housing, caseId } = await sharedCase();
    const made = [];
    for (let n = 0; n < 60; n++)
      made.push(await makeIncident({ organisationId: housing.organisation.id, officerId: housing.user.id, caseId }));

    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await listCaseIncidents(police.actor, caseId, page));
    expect(CASE_INCIDENTS_PAGE_SIZE).toBe(25);
    expect(pages.map((p) => [p.page, p.rows.length, p.total, p.totalPages])).toEqual([
      [1, 25, 60, 3],
      [2, 25, 60, 3],
      [3, 10, 60, 3],
    ]);
    const seen = pages.flatMap((p) => p.rows.map((r) => r.id));
    expect(new Set(seen)).toEqual(new Set(made.map((i) => i.id)));
    expect(seen).toHaveLength(60);
    // The lead organisation may take any of them out; housing, which logged them, its own.
    expect(pages[0]!.rows.every((r) => r.mayUnlink)).toBe(true);
    expect((await listCaseIncidents(housing.actor, caseId, 3)).rows.every((r) => r.mayUnlink)).toBe(true);
  });
});

describe("the case page's summary", () => {
  it("counts open, overdue and finished actions, incidents, and tells the panel the next meeting the case is on", async () => {
    const { police, housing, caseId } = await sharedCase();
    await finishedActions(caseId, police.organisation.id, police.user.id, 5);
    const todo = (title: string, dueDate: Date) =>
      db.caseAction.create({
        data: { caseId, title, assignedOrganisationId: police.organisation.id, createdById: police.user.id, dueDate },
      });
    await todo("Late", dayFromToday(-2));
    await todo("Due today", dayFromToday(0));
    await todo("Later", dayFromToday(10));
    await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id, caseId });

    const overview = await caseOverview(housing.actor, caseId);
    expect(overview).toMatchObject({ openActions: 3, overdueActions: 1, finishedActions: 5, incidents: 1, powers: 0, nextMeeting: null });
    expect(overview.nextActionDue).toEqual(dayFromToday(-2));
    expect(overview.seesMeetings).toBe(false);
  });
});
