import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { changeActionStatus } from "@/lib/case-actions/data";
import { addAction, agency, colleague, open, sharedCase } from "./actions-support";

// The events that notify people, each in the transaction of the event, and only people who may
// open the record (the same access rules as the pages): actions assigned and finished.

async function notificationsOf(userId: string) {
  return db.notification.findMany({
    where: { userId },
    select: { kind: true, reference: true, organisation: true, link: true, emailState: true },
  });
}

describe("actions", () => {
  it("the named officer is told an action is theirs; the officer who set it is not told of their own doing", async () => {
    const { police, housing, caseId, reference } = await sharedCase();
    const action = await addAction(police.actor, caseId, housing.organisation.id, { assignedUserId: housing.user.id });
    expect(await notificationsOf(housing.user.id)).toEqual([
      {
        kind: "ACTION_ASSIGNED_TO_ME",
        reference,
        organisation: null,
        link: `/cases/${caseId}/actions/${action.id}`,
        emailState: "PENDING",
      },
    ]);
    expect(await notificationsOf(police.user.id)).toEqual([]);
  });

  it("officers of the organisation who opted in hear of its actions; the others, and the rest of the partnership, do not", async () => {
    const { police, housing, caseId } = await sharedCase();
    const keen = await colleague(housing.organisation.id);
    const quiet = await colleague(housing.organisation.id);
    await db.notificationPreference.create({
      data: { userId: keen.user.id, kind: "ACTION_ASSIGNED_TO_ORGANISATION", delivery: "DAILY_DIGEST" },
    });
    await addAction(police.actor, caseId, housing.organisation.id);
    expect((await notificationsOf(keen.user.id)).map((n) => [n.kind, n.organisation, n.emailState])).toEqual([
      ["ACTION_ASSIGNED_TO_ORGANISATION", housing.organisation.name, "IN_DIGEST"],
    ]);
    expect(await notificationsOf(quiet.user.id)).toEqual([]);
  });

  it("on a MARAC case, an officer who opted in but is not on the panel is told nothing", async () => {
    const police = await agency({ kind: "POLICE", panels: ["MARAC"] });
    const offPanel = await colleague(police.organisation.id);
    await db.notificationPreference.create({
      data: { userId: offPanel.user.id, kind: "ACTION_ASSIGNED_TO_ORGANISATION", delivery: "IMMEDIATELY" },
    });
    const onPanel = await colleague(police.organisation.id, { panels: ["MARAC"] });
    await db.notificationPreference.create({
      data: { userId: onPanel.user.id, kind: "ACTION_ASSIGNED_TO_ORGANISATION", delivery: "IMMEDIATELY" },
    });
    const marac = await open(police.actor, { kind: "MARAC", title: "Restricted" });
    await addAction(police.actor, marac.id, police.organisation.id);
    expect(await notificationsOf(offPanel.user.id)).toEqual([]);
    expect((await notificationsOf(onPanel.user.id)).map((n) => n.kind)).toEqual(["ACTION_ASSIGNED_TO_ORGANISATION"]);
  });

  it("whoever set an action hears when it is done or cancelled", async () => {
    const { police, housing, caseId } = await sharedCase();
    const done = await addAction(police.actor, caseId, housing.organisation.id, { title: "Visit" });
    const dropped = await addAction(police.actor, caseId, housing.organisation.id, { title: "Letter" });
    await changeActionStatus(housing.actor, caseId, done.id, done.version, { status: "DONE", outcome: "Visited", cancelReason: null });
    await changeActionStatus(housing.actor, caseId, dropped.id, dropped.version, {
      status: "CANCELLED",
      outcome: null,
      cancelReason: "Moved away",
    });
    expect((await notificationsOf(police.user.id)).map((n) => n.kind).sort()).toEqual(["ACTION_CANCELLED", "ACTION_COMPLETED"]);
  });

  it("an action that fails to save notifies nobody", async () => {
    const { police, housing, caseId } = await sharedCase();
    await expect(
      addAction(police.actor, caseId, housing.organisation.id, { assignedUserId: housing.user.id, dueDate: new Date("2001-01-01") }),
    ).rejects.toThrow();
    expect(await notificationsOf(housing.user.id)).toEqual([]);
  });
});
