import "server-only";
import { db } from "@/lib/db";
import type { NotificationDelivery, NotificationKind } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { auditChange, auditRefusal } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { COUNT_CAP, pageOf, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { CHOOSABLE_KINDS, KINDS } from "../kinds";

// What a person sees of their notifications in the service (the page, the unread count in the
// header, their choices on the account page), and what administrators see of delivery: states
// and SMTP answers, never what a message said. Everyone sees only their own notifications.

export const NOTIFICATIONS_PER_PAGE = 25;
/** The header's count stops here ("99+"). */
export const UNREAD_CAP = 99;

export type NotificationRow = { id: string; kind: NotificationKind; text: string; createdAt: Date; read: boolean };

/** How many of the actor's notifications are unread, up to UNREAD_CAP + 1. */
export async function unreadCount(actor: Actor): Promise<number> {
  return db.notification.count({ where: { userId: actor.userId, readAt: null }, take: UNREAD_CAP + 1 });
}

/** The actor's notifications, newest first. */
export async function listNotifications(actor: Actor, page: number): Promise<Page<NotificationRow>> {
  const query = { page, pageSize: NOTIFICATIONS_PER_PAGE };
  const where = { userId: actor.userId };
  const [rows, total] = await Promise.all([
    db.notification.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * NOTIFICATIONS_PER_PAGE,
      take: NOTIFICATIONS_PER_PAGE,
      select: { id: true, kind: true, reference: true, organisation: true, createdAt: true, readAt: true },
    }),
    db.notification.count({ where, take: COUNT_CAP + 1 }),
  ]);
  return pageOf(
    rows.map((r) => ({ id: r.id, kind: r.kind, text: KINDS[r.kind].text(r), createdAt: r.createdAt, read: r.readAt !== null })),
    total,
    query,
  );
}

/** Opens one of the actor's notifications: marks it read and says where its link goes. Anyone else's: not found. */
export async function openNotification(actor: Actor, id: string): Promise<string> {
  const n = isUuid(id)
    ? await db.notification.findFirst({ where: { id, userId: actor.userId }, select: { id: true, link: true, readAt: true } })
    : null;
  if (!n) {
    await auditRefusal(actor, "Notification", id);
    throw new NotFoundError("notification");
  }
  if (!n.readAt) await db.notification.update({ where: { id: n.id }, data: { readAt: new Date() } });
  return n.link;
}

/** Marks all the actor's notifications read. */
export async function markAllRead(actor: Actor): Promise<number> {
  const { count } = await db.notification.updateMany({ where: { userId: actor.userId, readAt: null }, data: { readAt: new Date() } });
  return count;
}

export type PreferenceRow = { kind: NotificationKind; group: string; choice: string; delivery: NotificationDelivery };

/** The actor's choice for each kind that has one (their own, or the default). */
export async function notificationPreferences(actor: Actor): Promise<PreferenceRow[]> {
  const saved = await db.notificationPreference.findMany({ where: { userId: actor.userId }, select: { kind: true, delivery: true } });
  const chosen = new Map(saved.map((p) => [p.kind, p.delivery]));
  return CHOOSABLE_KINDS.map((kind) => ({
    kind,
    group: KINDS[kind].group,
    choice: KINDS[kind].choice,
    delivery: chosen.get(kind) ?? KINDS[kind].defaultDelivery!,
  }));
}

/** Saves the actor's choices (only kinds that have a choice: security messages cannot be turned off). */
export async function saveNotificationPreferences(
  actor: Actor,
  choices: Partial<Record<NotificationKind, NotificationDelivery>>,
): Promise<void> {
  const kinds = CHOOSABLE_KINDS.filter((k) => choices[k] !== undefined);
  if (kinds.length === 0) return;
  await db.$transaction(async (tx) => {
    for (const kind of kinds) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: actor.userId, kind } },
        create: { userId: actor.userId, kind, delivery: choices[kind]! },
        update: { delivery: choices[kind]! },
      });
    }
    await auditChange(tx, actor, "UPDATE", "NotificationPreference", actor.userId, { kinds: kinds.length });
  });
}

export type DeliveryRow = {
  id: string;
  kind: NotificationKind;
  recipient: { name: string; email: string };
  state: "PENDING" | "IN_DIGEST" | "SENT" | "FAILED";
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
};

/**
 * For administrators: how e-mail delivery stands (counts by state, and the latest messages
 * waiting or failed with the SMTP server's answer). Never a message's reference, link or text:
 * an administrator sees no case content.
 */
export async function deliveryStatus(
  actor: Actor,
): Promise<{ counts: Record<DeliveryRow["state"], number>; recent: DeliveryRow[] } | null> {
  if (!can(actor, "admin:users-all")) return null;
  const [grouped, recent] = await Promise.all([
    db.notification.groupBy({ by: ["emailState"], where: { emailState: { not: "NOT_EMAILED" } }, _count: { _all: true } }),
    db.notification.findMany({
      where: { emailState: { in: ["PENDING", "FAILED"] } },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: {
        id: true,
        kind: true,
        emailState: true,
        emailAttempts: true,
        emailLastError: true,
        createdAt: true,
        emailSentAt: true,
        user: { select: { name: true, email: true } },
      },
    }),
  ]);
  const counts = { PENDING: 0, IN_DIGEST: 0, SENT: 0, FAILED: 0 };
  for (const g of grouped) if (g.emailState !== "NOT_EMAILED") counts[g.emailState] = g._count._all;
  return {
    counts,
    recent: recent.map((r) => ({
      id: r.id,
      kind: r.kind,
      recipient: r.user,
      state: r.emailState as DeliveryRow["state"],
      attempts: r.emailAttempts,
      lastError: r.emailLastError,
      createdAt: r.createdAt,
      sentAt: r.emailSentAt,
    })),
  };
}
