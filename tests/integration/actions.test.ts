import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import {
  ActionChangedError,
  assigneeChoices,
  changeActionStatus,
  countActions,
  createAction,
  getAction,
  actionOfficerFilterLabel,
  listActions,
  listCaseActions,
  updateAction,
} from "@/lib/case-actions/data";
import { isActionOverdue } from "@/lib/case-actions/labels";
import { ZActionStatusForm, ZNewActionForm } from "@/lib/case-actions/schema";
import { parseActionFilters } from "@/lib/case-actions/filters";
import { changeCaseStatus, withdrawShare } from "@/lib/cases/data";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { calendarDate } from "@/lib/format/dates";
import { getIncident } from "@/lib/incidents/data";
import type { Actor } from "@/lib/auth/actor-type";
import { makeIncident } from "./cases-support";
import {
  actionAudit,
  actionInput,
  actionTimeline,
  addAction,
  agency,
  colleague,
  dayFromToday,
  listQuery,
  OPEN_ONLY,
  open,
  sharedCase,
} from "./actions-support";
import { ownerSql } from "@/tests/support/database-roles";

// Actions on a case, from every side: the lead organisation, a partner the case is shared with,
// an agency outside it, and an officer outside the MARAC panel.

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
}

async function fieldErrorsOf(promise: Promise<unknown>) {
  const error = await errorOf(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

const complete = (actor: Actor, action: { id: string; caseId: string; version: number }, outcome: string | null = "Done and dusted") =>
  changeActionStatus(actor, action.caseId, action.id, action.version, { status: "DONE", outcome, cancelReason: null });

async function listedIds(actor: Actor, scope: "mine" | "organisation", params: Record<string, string> = {}) {
  const page = await listActions(actor, scope, parseActionFilters(params).filters, listQuery(params));
  return page.rows.map((r) => r.id);
}

describe("adding an action", () => {
  it("the lead organisation gives housing an action, naming a housing officer: the action, its timeline entry and its audit entry are written together", async () => {
    const { police, housing, caseId } = await sharedCase();
    const before = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { updatedAt: true } });

    const action = await addAction(police.actor, caseId, housing.organisation.id, {
      title: "Tenancy warning to Flat 12",
      assignedUserId: housing.user.id,
      dueDate: dayFromToday(14),
    });

    expect(action).toMatchObject({
      status: "OPEN",
      assignedOrganisationId: housing.organisation.id,
      assignedUserId: housing.user.id,
      createdById: police.user.id,
      version: 1,
    });
    const [entry] = await actionTimeline(caseId);
    expect(entry).toMatchObject({
      kind: "ACTION_CREATED",
      subjectId: action.id,
      actorUserId: police.user.id,
      actorOrganisationId: police.organisation.id,
    });
    expect(entry!.summary).toContain(`Action for ${housing.organisation.shortName} (${housing.user.name}): Tenancy warning to Flat 12`);
    expect((await actionAudit(action.id)).map((a) => [a.action, a.userId])).toEqual([["CREATE", police.user.id]]);
    // The case moves to the top of "last changed".
    const after = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { updatedAt: true } });
    expect(after.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
  });

  it("a partner the case is shared with adds actions too, for itself or for the lead organisation", async () => {
    const { police, housing, caseId } = await sharedCase();
    const forItself = await addAction(housing.actor, caseId, housing.organisation.id);
    const forPolice = await addAction(housing.actor, caseId, police.organisation.id, { assignedUserId: police.user.id });
    expect([forItself.assignedOrganisationId, forPolice.assignedOrganisationId]).toEqual([housing.organisation.id, police.organisation.id]);
  });

  it("adds one action when the same form is posted twice", async () => {
    const { police, caseId } = await sharedCase();
    const key = randomUUID();
    const input = actionInput(police.organisation.id);
    const [a, b] = await Promise.all([createAction(police.actor, caseId, input, key), createAction(police.actor, caseId, input, key)]);
    expect(a.id).toBe(b.id);
    expect(await db.caseAction.count({ where: { caseId } })).toBe(1);
  });

  it("gives an action only to the lead organisation or one the case is shared with, and to an officer there who works on cases", async () => {
    const { police, housing, outsider, caseId } = await sharedCase();
    const housingViewer = await colleague(housing.organisation.id, { role: "VIEWER" });

    expect(await fieldErrorsOf(createAction(police.actor, caseId, actionInput(outsider.organisation.id), randomUUID()))).toHaveProperty(
      "assignedOrganisationId",
    );
    // An officer of another organisation than the one chosen, or one who cannot work on cases.
    for (const userId of [outsider.user.id, police.user.id, housingViewer.user.id]) {
      const errors = await fieldErrorsOf(
        createAction(police.actor, caseId, actionInput(housing.organisation.id, { assignedUserId: userId }), randomUUID()),
      );
      expect(errors.assignedUserId?.[0]).toContain(housing.organisation.name);
    }
    expect(await db.caseAction.count({ where: { caseId } })).toBe(0);

    // The form offers exactly what the server accepts: the lead first, then the partners.
    const choices = await assigneeChoices(police.actor, caseId);
    expect(choices.map((c) => c.id)).toEqual([police.organisation.id, housing.organisation.id]);
    expect(choices[1]!.officers.map((o) => o.id)).toEqual([housing.user.id]);
  });

  it("on a restricted MARAC case, gives an action only to an officer who can see the case", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const policeNotOnPanel = await colleague(police.organisation.id);
    const policeOnPanel = await colleague(police.organisation.id, { panels: ["MARAC"] });
    const marac = await open(police.actor, { kind: "MARAC", title: "Domestic abuse" });

    const errors = await fieldErrorsOf(
      createAction(police.actor, marac.id, actionInput(police.organisation.id, { assignedUserId: policeNotOnPanel.user.id }), randomUUID()),
    );
    expect(errors).toHaveProperty("assignedUserId");
    const choices = await assigneeChoices(police.actor, marac.id);
    expect(choices[0]!.officers.map((o) => o.id).sort()).toEqual([police.user.id, policeOnPanel.user.id].sort());
    await addAction(police.actor, marac.id, police.organisation.id, { assignedUserId: policeOnPanel.user.id });
  });

  it("refuses a due date before today in London, and a closed case", async () => {
    const { police, caseId } = await sharedCase();
    expect(
      await fieldErrorsOf(
        createAction(police.actor, caseId, actionInput(police.organisation.id, { dueDate: dayFromToday(-1) }), randomUUID()),
      ),
    ).toHaveProperty("dueDate");
    await addAction(police.actor, caseId, police.organisation.id, { dueDate: dayFromToday(0) });

    const { version } = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    await changeCaseStatus(police.actor, caseId, version, { status: "CLOSED", closureReason: "RESOLVED", note: null });
    const closed = await errorOf(createAction(police.actor, caseId, actionInput(police.organisation.id), randomUUID()));
    expect(closed).toBeInstanceOf(ConflictError);
    expect((closed as Error).message).toContain("Reopen it");
    expect((await listCaseActions(police.actor, caseId)).mayAdd).toBe(false);
  });

  it("the form's schema wants a title, an organisation and a real due date, and says so for each at once", () => {
    const parsed = ZNewActionForm.safeParse({
      caseId: randomUUID(),
      submissionKey: randomUUID(),
      title: " ",
      "dueDate-day": "31",
      "dueDate-month": "2",
      "dueDate-year": "2027",
    });
    expect(parsed.success).toBe(false);
    const fields = parsed.error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["title", "assignedOrganisationId", "dueDate"]));
    expect(parsed.error!.issues.find((i) => i.path[0] === "dueDate")!.message).toBe("The date the action is due must be a real date");
    const ok = ZNewActionForm.parse({
      caseId: randomUUID(),
      submissionKey: randomUUID(),
      title: "Visit",
      assignedOrganisationId: randomUUID(),
      "dueDate-day": "5",
      "dueDate-month": "1",
      "dueDate-year": "2027",
    });
    expect(ok.input.dueDate).toEqual(calendarDate(2027, 1, 5));
  });
});

describe("who may see and change an action", () => {
  it("an agency the case is not shared with finds no action on it, to read or to change, and every attempt is audited", async () => {
    const { police, outsider, caseId } = await sharedCase();
    const action = await addAction(police.actor, caseId, police.organisation.id);

    await expect(getAction(outsider.actor, caseId, action.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listCaseActions(outsider.actor, caseId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(complete(outsider.actor, action)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateAction(outsider.actor, caseId, action.id, 1, actionInput(police.organisation.id))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(createAction(outsider.actor, caseId, actionInput(outsider.organisation.id), randomUUID())).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(
      await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: outsider.user.id, entityType: "Case", entityId: caseId } }),
    ).toBe(5);

    // Its own case with someone else's action id: still nothing, and audited against the action.
    const own = await open(outsider.actor);
    await expect(getAction(outsider.actor, own.id, action.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(complete(outsider.actor, { ...action, caseId: own.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await db.auditEvent.count({
        where: { action: "ACCESS_REFUSED", userId: outsider.user.id, entityType: "CaseAction", entityId: action.id },
      }),
    ).toBe(2);

    expect(await listedIds(outsider.actor, "organisation", { status: "any" })).toEqual([]);
    expect((await db.caseAction.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("OPEN");
  });

  it("a housing officer completes an action assigned to housing on a case shared with housing, but not one assigned to the police", async () => {
    const { police, housing, caseId } = await sharedCase();
    const forHousing = await addAction(police.actor, caseId, housing.organisation.id);
    const forPolice = await addAction(police.actor, caseId, police.organisation.id);
    const housingColleague = await colleague(housing.organisation.id);

    const seen = await listCaseActions(housing.actor, caseId);
    expect(Object.fromEntries(seen.open.map((a) => [a.id, a.mayUpdate]))).toEqual({ [forHousing.id]: true, [forPolice.id]: false });

    const refused = await errorOf(complete(housing.actor, forPolice));
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as Error).message).toContain(police.organisation.name);
    // Anyone in housing may complete housing's action, not only a named officer.
    await complete(housingColleague.actor, forHousing, "Warning letter hand-delivered; tenant signed an acceptable behaviour agreement.");

    const done = await db.caseAction.findUniqueOrThrow({ where: { id: forHousing.id } });
    expect(done).toMatchObject({
      status: "DONE",
      outcome: "Warning letter hand-delivered; tenant signed an acceptable behaviour agreement.",
      version: 2,
    });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect((await db.caseAction.findUniqueOrThrow({ where: { id: forPolice.id } })).status).toBe("OPEN");
    const entries = await actionTimeline(caseId);
    expect(entries.map((e) => [e.kind, e.actorOrganisationId])).toEqual([
      ["ACTION_CREATED", police.organisation.id],
      ["ACTION_CREATED", police.organisation.id],
      ["ACTION_COMPLETED", housing.organisation.id],
    ]);
    expect(entries[2]!.summary).toContain("Outcome: Warning letter hand-delivered");
  });

  it("completing needs an outcome and cancelling a reason, on the form and in the data layer", async () => {
    const { police, caseId } = await sharedCase();
    const action = await addAction(police.actor, caseId, police.organisation.id);
    expect(await fieldErrorsOf(complete(police.actor, action, "  "))).toHaveProperty("outcome");
    expect(
      await fieldErrorsOf(
        changeActionStatus(police.actor, caseId, action.id, 1, { status: "CANCELLED", outcome: null, cancelReason: null }),
      ),
    ).toHaveProperty("cancelReason");

    const form = ZActionStatusForm.safeParse({ caseId, actionId: action.id, version: "1", status: "DONE", outcome: "" });
    expect(form.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["outcome", "Enter the outcome: what was done"]]);
    expect((await db.caseAction.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("OPEN");
    expect(await actionAudit(action.id)).toHaveLength(1);
  });

  it("the organisation with the action changes it within the organisation; only the lead organisation gives it to another", async () => {
    const { police, housing, caseId } = await sharedCase();
    const action = await addAction(police.actor, caseId, housing.organisation.id);
    const housingColleague = await colleague(housing.organisation.id);

    const errors = await fieldErrorsOf(updateAction(housing.actor, caseId, action.id, 1, actionInput(police.organisation.id)));
    expect(errors.assignedOrganisationId?.[0]).toContain("leads the case");
    const { changed } = await updateAction(
      housing.actor,
      caseId,
      action.id,
      1,
      actionInput(housing.organisation.id, { assignedUserId: housingColleague.user.id, dueDate: dayFromToday(21) }),
    );
    expect(changed).toEqual(["assignee", "dueDate"]);
    await updateAction(
      police.actor,
      caseId,
      action.id,
      2,
      actionInput(police.organisation.id, { assignedUserId: police.user.id, dueDate: dayFromToday(21) }),
    );
    const now = await db.caseAction.findUniqueOrThrow({ where: { id: action.id } });
    expect(now).toMatchObject({ assignedOrganisationId: police.organisation.id, assignedUserId: police.user.id, version: 3 });
    // Housing no longer has it.
    await expect(complete(housing.actor, now)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await actionTimeline(caseId)).map((e) => e.kind)).toEqual(["ACTION_CREATED", "ACTION_UPDATED", "ACTION_UPDATED"]);
  });

  it("a second officer saving over a change they have not seen is told, and nothing of theirs is written", async () => {
    const { police, housing, caseId } = await sharedCase();
    const action = await addAction(police.actor, caseId, housing.organisation.id);
    const housingColleague = await colleague(housing.organisation.id);

    const results = await Promise.allSettled([
      complete(housing.actor, action, "Visited on Monday"),
      complete(housingColleague.actor, action, "Visited on Tuesday"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason).toBeInstanceOf(ActionChangedError);
    expect((failure.reason as ActionChangedError).currentVersion).toBe(2);
    expect((await actionTimeline(caseId)).filter((e) => e.kind === "ACTION_COMPLETED")).toHaveLength(1);

    // A stale edit form is refused the same way.
    await expect(
      updateAction(police.actor, caseId, action.id, 1, actionInput(housing.organisation.id, { title: "Changed" })),
    ).rejects.toBeInstanceOf(ActionChangedError);
  });

  it("done and cancelled actions are final", async () => {
    const { police, caseId } = await sharedCase();
    const action = await addAction(police.actor, caseId, police.organisation.id);
    await changeActionStatus(police.actor, caseId, action.id, 1, {
      status: "CANCELLED",
      outcome: null,
      cancelReason: "Duplicate of the council's action",
    });
    const again = await errorOf(
      changeActionStatus(police.actor, caseId, action.id, 2, { status: "OPEN", outcome: null, cancelReason: null }),
    );
    expect(again).toBeInstanceOf(ConflictError);
    await expect(updateAction(police.actor, caseId, action.id, 2, actionInput(police.organisation.id))).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await getAction(police.actor, caseId, action.id)).mayUpdate).toBe(false);
  });

  it("withdrawing a share takes the case's actions away from that organisation, even those assigned to it", async () => {
    const { police, housing, caseId } = await sharedCase();
    const action = await addAction(police.actor, caseId, housing.organisation.id, { assignedUserId: housing.user.id });
    expect(await listedIds(housing.actor, "mine")).toEqual([action.id]);
    await withdrawShare(police.actor, caseId, housing.organisation.id);
    expect(await listedIds(housing.actor, "mine")).toEqual([]);
    expect(await countActions(housing.actor, "organisation", OPEN_ONLY)).toBe(0);
    await expect(complete(housing.actor, action)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("a viewer reads a case's actions but changes none", async () => {
    const { police, caseId } = await sharedCase();
    const viewer = await colleague(police.organisation.id, { role: "VIEWER" });
    const action = await addAction(police.actor, caseId, police.organisation.id);
    expect((await listCaseActions(viewer.actor, caseId)).open.map((a) => [a.id, a.mayUpdate])).toEqual([[action.id, false]]);
    await expect(complete(viewer.actor, action)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await assigneeChoices(viewer.actor, caseId)).toEqual([]);
  });
});

describe("overdue actions", () => {
  it("an action is overdue from the start of the London day after its due date, and never once done", async () => {
    const due = calendarDate(2026, 6, 10);
    // 23:30 on 10 June in London (BST) is 22:30 UTC: still due today.
    expect(isActionOverdue({ status: "OPEN", dueDate: due }, new Date("2026-06-10T22:30:00Z"))).toBe(false);
    // 00:30 on 11 June in London is 23:30 UTC on the 10th: overdue, though UTC says it is still the 10th.
    expect(isActionOverdue({ status: "IN_PROGRESS", dueDate: due }, new Date("2026-06-10T23:30:00Z"))).toBe(true);
    expect(isActionOverdue({ status: "DONE", dueDate: due }, new Date("2026-07-01T12:00:00Z"))).toBe(false);
    // In winter London is on UTC.
    expect(isActionOverdue({ status: "OPEN", dueDate: calendarDate(2026, 12, 10) }, new Date("2026-12-10T23:59:00Z"))).toBe(false);
    expect(isActionOverdue({ status: "OPEN", dueDate: calendarDate(2026, 12, 10) }, new Date("2026-12-11T00:00:00Z"))).toBe(true);
  });

  it("lists and counts overdue actions by the same London day", async () => {
    const { police, caseId } = await sharedCase();
    const set = new Date("2026-06-01T09:00:00Z");
    const action = await addAction(police.actor, caseId, police.organisation.id, { dueDate: calendarDate(2026, 6, 10) }, set);
    const overdueAt = async (now: Date) => {
      const page = await listActions(police.actor, "organisation", { status: "open", overdueOnly: true }, listQuery(), now);
      return {
        ids: page.rows.map((r) => r.id),
        count: await countActions(police.actor, "organisation", { status: "open", overdueOnly: true }, now),
      };
    };
    expect(await overdueAt(new Date("2026-06-10T22:30:00Z"))).toEqual({ ids: [], count: 0 });
    expect(await overdueAt(new Date("2026-06-10T23:30:00Z"))).toEqual({ ids: [action.id], count: 1 });
    const listed = await listActions(police.actor, "organisation", OPEN_ONLY, listQuery(), new Date("2026-06-10T23:30:00Z"));
    expect(listed.rows[0]!.overdue).toBe(true);
  });
});

describe("each change and its record commit together", () => {
  async function withRefusal(sql: string, run: () => Promise<void>) {
    await ownerSql(
      `CREATE OR REPLACE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF ${sql} THEN RAISE EXCEPTION 'forced failure for the test'; END IF; RETURN NEW; END $$`,
    );
    try {
      await run();
    } finally {
      await ownerSql(`DROP TRIGGER IF EXISTS test_refuse ON "TimelineEntry"`);
      await ownerSql(`DROP TRIGGER IF EXISTS test_refuse ON "AuditEvent"`);
    }
  }

  it("a failure writing the timeline entry leaves no action, no audit entry and the case unchanged", async () => {
    const { police, caseId } = await sharedCase();
    const before = await db.case.findUniqueOrThrow({ where: { id: caseId } });
    await withRefusal(`NEW.summary LIKE '%[fail here]%'`, async () => {
      await ownerSql(`CREATE TRIGGER test_refuse BEFORE INSERT ON "TimelineEntry" FOR EACH ROW EXECUTE FUNCTION test_refuse()`);
      await expect(addAction(police.actor, caseId, police.organisation.id, { title: "Doomed [fail here]" })).rejects.toThrow();
    });
    expect(await db.caseAction.count({ where: { caseId } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityType: "CaseAction", detail: { path: ["caseId"], equals: caseId } } })).toBe(0);
    expect(await db.formSubmission.count({ where: { userId: police.user.id, entityType: "CaseAction" } })).toBe(0);
    expect((await db.case.findUniqueOrThrow({ where: { id: caseId } })).updatedAt).toEqual(before.updatedAt);
  });

  it("a failure writing the audit entry leaves the action as it was and no timeline entry", async () => {
    const { police, caseId } = await sharedCase();
    const action = await addAction(police.actor, caseId, police.organisation.id);
    await withRefusal(`NEW."entityType" = 'CaseAction' AND NEW."entityId" = '${action.id}'`, async () => {
      await ownerSql(`CREATE TRIGGER test_refuse BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION test_refuse()`);
      await expect(complete(police.actor, action)).rejects.toThrow();
      await expect(
        updateAction(police.actor, caseId, action.id, 1, actionInput(police.organisation.id, { title: "Renamed" })),
      ).rejects.toThrow();
    });
    expect(await db.caseAction.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({
      status: "OPEN",
      title: "Visit the household",
      version: 1,
      outcome: null,
    });
    expect((await actionTimeline(caseId)).map((e) => e.kind)).toEqual(["ACTION_CREATED"]);
  });
});

describe("the action lists", () => {
  it("my actions and my organisation's actions page, sort and filter on the server", async () => {
    const { police, housing, caseId } = await sharedCase();
    const colleagueInPolice = await colleague(police.organisation.id);
    const soon = await addAction(police.actor, caseId, police.organisation.id, {
      title: "Soon",
      assignedUserId: police.user.id,
      dueDate: dayFromToday(1),
    });
    const later = await addAction(police.actor, caseId, police.organisation.id, {
      title: "Later",
      assignedUserId: police.user.id,
      dueDate: dayFromToday(30),
    });
    const theirs = await addAction(police.actor, caseId, police.organisation.id, {
      title: "Theirs",
      assignedUserId: colleagueInPolice.user.id,
      dueDate: dayFromToday(10),
    });
    const unnamed = await addAction(police.actor, caseId, police.organisation.id, { title: "Unnamed", dueDate: dayFromToday(5) });
    const housings = await addAction(police.actor, caseId, housing.organisation.id, { title: "Housing's" });
    await complete(police.actor, later, "Done early");

    expect(await listedIds(police.actor, "mine")).toEqual([soon.id]);
    expect(await listedIds(police.actor, "mine", { status: "any" })).toEqual([soon.id, later.id]);
    expect(await listedIds(police.actor, "mine", { status: "DONE" })).toEqual([later.id]);
    expect(await listedIds(police.actor, "organisation")).toEqual([soon.id, unnamed.id, theirs.id]);
    expect(await listedIds(police.actor, "organisation", { dir: "desc" })).toEqual([theirs.id, unnamed.id, soon.id]);
    expect(await listedIds(housing.actor, "organisation")).toEqual([housings.id]);

    const from = dayFromToday(3);
    const to = dayFromToday(12);
    const between = {
      "dueFrom-day": String(from.getUTCDate()),
      "dueFrom-month": String(from.getUTCMonth() + 1),
      "dueFrom-year": String(from.getUTCFullYear()),
      "dueTo-day": String(to.getUTCDate()),
      "dueTo-month": String(to.getUTCMonth() + 1),
      "dueTo-year": String(to.getUTCFullYear()),
    };
    expect(await listedIds(police.actor, "organisation", between)).toEqual([unnamed.id, theirs.id]);
    expect(parseActionFilters({ "dueTo-day": "31", "dueTo-month": "2", "dueTo-year": "2027" }).errors.dueTo).toBe(
      "The latest due date must be a real date",
    );
    // A dashboard's "assigned to" link: an officer id that is not one is dropped, not claimed as a filter.
    const guessed = parseActionFilters({ officer: "abc" });
    expect([guessed.filters.officer, guessed.values]).toEqual([undefined, {}]);
    expect(await actionOfficerFilterLabel(police.actor, police.user.id)).toBe(police.user.name);
    // Another organisation's officer is not named (the list is the actor's organisation's).
    expect(await actionOfficerFilterLabel(police.actor, housing.user.id)).toBeNull();

    const firstPage = await listActions(police.actor, "organisation", OPEN_ONLY, {
      page: 1,
      pageSize: 2,
      skip: 0,
      sort: "due",
      dir: "asc",
    });
    expect(firstPage).toMatchObject({ total: 3, totalPages: 2 });
    expect(firstPage.rows.map((r) => r.title)).toEqual(["Soon", "Unnamed"]);
  });

  it("never lists or counts actions on a restricted MARAC case for an officer outside the MARAC panel, even their own organisation's", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const notOnPanel = await colleague(police.organisation.id);
    const marac = await open(police.actor, { kind: "MARAC", title: "Domestic abuse" });
    const action = await addAction(police.actor, marac.id, police.organisation.id, { dueDate: dayFromToday(0) });

    expect(await listedIds(notOnPanel.actor, "organisation", { status: "any" })).toEqual([]);
    expect(await countActions(notOnPanel.actor, "organisation", OPEN_ONLY)).toBe(0);
    await expect(getAction(notOnPanel.actor, marac.id, action.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listedIds(police.actor, "organisation")).toEqual([action.id]);
  });

  it("the case page lists open actions soonest due first, then done and cancelled ones, most recent first", async () => {
    const { police, caseId } = await sharedCase();
    const second = await addAction(police.actor, caseId, police.organisation.id, { title: "Second", dueDate: dayFromToday(9) });
    const first = await addAction(police.actor, caseId, police.organisation.id, { title: "First", dueDate: dayFromToday(2) });
    const done = await addAction(police.actor, caseId, police.organisation.id, { title: "Done" });
    const cancelled = await addAction(police.actor, caseId, police.organisation.id, { title: "Cancelled" });
    await complete(police.actor, done);
    await changeActionStatus(police.actor, caseId, cancelled.id, 1, { status: "CANCELLED", outcome: null, cancelReason: "Not needed" });

    const actions = await listCaseActions(police.actor, caseId);
    expect(actions.open.map((a) => a.id)).toEqual([first.id, second.id]);
    expect(actions.closed.rows.map((a) => [a.id, a.status])).toEqual([
      [cancelled.id, "CANCELLED"],
      [done.id, "DONE"],
    ]);
    expect(actions.mayAdd).toBe(true);
  });
});

describe("opening a case from an incident", () => {
  it("offers it to those who may open cases, while the incident is in no case", async () => {
    const police = await agency({ kind: "POLICE" });
    const viewer = await colleague(police.organisation.id, { role: "VIEWER" });
    const incident = await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id });
    expect((await getIncident(police.actor, incident.id)).mayOpenCase).toBe(true);
    expect((await getIncident(viewer.actor, incident.id)).mayOpenCase).toBe(false);
    await open(police.actor, { incidentIds: [incident.id] });
    expect((await getIncident(police.actor, incident.id)).mayOpenCase).toBe(false);
  });
});

describe("recording an action done or cancelled after the event", () => {
  it("an action completed last week is done on that day: the timeline shows it then, recorded today, and the audit trail keeps the day it was typed", async () => {
    const { police, housing, caseId } = await sharedCase();
    const action = await addAction(police.actor, caseId, housing.organisation.id, { title: "Visit Flat 12", dueDate: dayFromToday(7) });
    // Created today, so "last week" is before it was agreed: the action is back-dated by the test.
    await ownerSql(`UPDATE "CaseAction" SET "createdAt" = now() - interval '30 days' WHERE id = '${action.id}'`);
    const lastWeek = new Date(Date.now() - 7 * 86_400_000);
    const day = { year: lastWeek.getUTCFullYear(), month: lastWeek.getUTCMonth() + 1, day: lastWeek.getUTCDate() };

    await changeActionStatus(police.actor, caseId, action.id, 1, {
      status: "DONE",
      outcome: "Visited",
      cancelReason: null,
      happenedOn: day,
    });

    const done = await db.caseAction.findUniqueOrThrow({ where: { id: action.id }, select: { status: true, completedAt: true } });
    expect(done.status).toBe("DONE");
    expect(done.completedAt!.toISOString().slice(0, 10)).toBe(lastWeek.toISOString().slice(0, 10));
    const entry = await db.timelineEntry.findFirstOrThrow({
      where: { caseId, kind: "ACTION_COMPLETED" },
      select: { occurredAt: true, recordedAt: true },
    });
    expect(entry.occurredAt.toISOString().slice(0, 10)).toBe(lastWeek.toISOString().slice(0, 10));
    expect(Date.now() - entry.recordedAt.getTime()).toBeLessThan(60_000);
    const audit = (await actionAudit(action.id)).at(-1)!;
    expect(Date.now() - audit.at.getTime()).toBeLessThan(60_000);
  });

  it("refuses a day in the future and a day before the action was agreed, beside the date, and changes nothing", async () => {
    const { police, housing, caseId } = await sharedCase();
    const action = await addAction(police.actor, caseId, housing.organisation.id, { title: "Visit Flat 12", dueDate: dayFromToday(7) });
    const tomorrow = new Date(Date.now() + 86_400_000);
    const future = { year: tomorrow.getUTCFullYear() + 1, month: 1, day: 1 };
    expect(
      await fieldErrorsOf(
        changeActionStatus(police.actor, caseId, action.id, 1, {
          status: "DONE",
          outcome: "Visited",
          cancelReason: null,
          happenedOn: future,
        }),
      ),
    ).toEqual({
      happenedOn: ["The date it happened must be today or in the past"],
    });
    const before = await fieldErrorsOf(
      changeActionStatus(police.actor, caseId, action.id, 1, {
        status: "CANCELLED",
        outcome: null,
        cancelReason: "No longer needed",
        happenedOn: { year: 2020, month: 1, day: 1 },
      }),
    );
    expect(before.happenedOn?.[0]).toMatch(/^The date it happened must be on or after \d\d\/\d\d\/\d{4}, when the action was agreed$/);
    expect(await db.caseAction.findUniqueOrThrow({ where: { id: action.id }, select: { status: true, version: true } })).toEqual({
      status: "OPEN",
      version: 1,
    });
  });

  it("reads the date from the form's three boxes", () => {
    const parsed = ZActionStatusForm.parse({
      caseId: randomUUID(),
      actionId: randomUUID(),
      version: "1",
      status: "CANCELLED",
      cancelReason: "Moved away",
      "happenedOn-day": "3",
      "happenedOn-month": "11",
      "happenedOn-year": "2025",
    });
    expect(parsed.input.happenedOn).toEqual({ year: 2025, month: 11, day: 3 });
  });
});
