import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { notify } from "@/lib/notifications/data/outbox";
import {
  deliveryStatus,
  listNotifications,
  markAllRead,
  notificationPreferences,
  openNotification,
  saveNotificationPreferences,
  unreadCount,
} from "@/lib/notifications/data";
import { NotFoundError } from "@/lib/errors";
import { agency, colleague } from "./actions-support";

// What a person sees of their own notifications, from the side of a colleague guessing at someone
// else's: opening, reading and choosing are each person's own; administrators see delivery states,
// never what a message said.

async function tell(userId: string, reference = "CASE-2026-000321") {
  await db.$transaction((tx) =>
    notify(tx, { kind: "ACTION_ASSIGNED_TO_ME", userIds: [userId], reference, link: "/cases/0193c0de-0000-7000-8000-000000000000" }),
  );
  return db.notification.findFirstOrThrow({ where: { userId }, orderBy: { createdAt: "desc" } });
}

describe("a person's notifications", () => {
  it("someone else's notification is not found to a colleague (audited) and stays unread; its owner opens it and it is read", async () => {
    const owner = await agency({});
    const nosy = await colleague(owner.organisation.id);
    const n = await tell(owner.user.id);
    await expect(openNotification(nosy.actor, n.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(openNotification(nosy.actor, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);
    expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", entityType: "Notification", userId: nosy.user.id } })).toBe(2);
    expect((await db.notification.findUniqueOrThrow({ where: { id: n.id } })).readAt).toBeNull();
    expect((await listNotifications(nosy.actor, 1)).rows).toEqual([]);

    expect(await unreadCount(owner.actor)).toBe(1);
    expect(await openNotification(owner.actor, n.id)).toBe("/cases/0193c0de-0000-7000-8000-000000000000");
    expect(await unreadCount(owner.actor)).toBe(0);
    expect((await listNotifications(owner.actor, 1)).rows).toEqual([
      expect.objectContaining({ id: n.id, read: true, text: "An action on CASE-2026-000321 has been assigned to you." }),
    ]);
  });

  it("'mark all as read' marks the person's own, not a colleague's", async () => {
    const one = await agency({});
    const other = await colleague(one.organisation.id);
    await tell(one.user.id);
    await tell(other.user.id);
    expect(await markAllRead(one.actor)).toBe(1);
    expect(await unreadCount(one.actor)).toBe(0);
    expect(await unreadCount(other.actor)).toBe(1);
  });

  it("choices are saved per person; a security message cannot be turned off by a crafted form", async () => {
    const someone = await agency({});
    await saveNotificationPreferences(someone.actor, { ACTION_ASSIGNED_TO_ME: "DAILY_DIGEST", PASSWORD_CHANGED: "OFF" });
    expect(
      await db.notificationPreference.findMany({ where: { userId: someone.user.id }, select: { kind: true, delivery: true } }),
    ).toEqual([{ kind: "ACTION_ASSIGNED_TO_ME", delivery: "DAILY_DIGEST" }]);
    expect((await notificationPreferences(someone.actor)).find((p) => p.kind === "ACTION_ASSIGNED_TO_ME")?.delivery).toBe("DAILY_DIGEST");
    expect((await notificationPreferences(someone.actor)).some((p) => p.kind === "PASSWORD_CHANGED")).toBe(false);
    expect((await tell(someone.user.id)).emailState).toBe("IN_DIGEST");
  });

  it("administrators see delivery states and who a message went to, never its reference or link; nobody else sees them", async () => {
    const officer = await agency({});
    const admin = await colleague(officer.organisation.id, { role: "ADMIN" });
    await tell(officer.user.id, "CASE-2026-000999");
    expect(await deliveryStatus(officer.actor)).toBeNull();
    const status = await deliveryStatus(admin.actor);
    expect(status?.counts.PENDING).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(status)).not.toContain("CASE-2026-000999");
    expect(JSON.stringify(status)).not.toContain("/cases/");
  });
});
