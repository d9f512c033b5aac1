import "server-only";
import type { Tx } from "@/lib/db";
import type { NotificationDelivery, NotificationKind } from "@/lib/generated/prisma/enums";
import { jobQueue, inTransaction } from "@/lib/jobs/client";
import { DELIVER_EMAIL } from "@/lib/jobs/queues";
import { KINDS } from "../kinds";

// The outbox. A notification is written in the transaction of the event that causes it: an event
// that rolls back notifies nobody, and one that commits is never forgotten. Each recipient gets a
// row (the notifications page and the unread count read them); an e-mail wanted at once gets a
// delivery job in the same transaction, which the worker (lib/jobs/worker.ts) sends.

export type Notice = {
  kind: NotificationKind;
  /** Who is told: user ids, already filtered by who may see the record (the domain's access rules). */
  userIds: readonly string[];
  reference?: string | null;
  organisation?: string | null;
  /** The path in the service the notification links to. */
  link: string;
  subjectType?: string;
  subjectId?: string;
  /** An invitation's or reset's one-time link (a full address): e-mailed once, then cleared. */
  secretLink?: string;
};

const EMAIL_STATE = { IMMEDIATELY: "PENDING", DAILY_DIGEST: "IN_DIGEST", OFF: "NOT_EMAILED" } as const;

/** Writes the notice for each recipient who is still active, by their preference, and queues the e-mails due now. */
export async function notify(tx: Tx, notice: Notice): Promise<void> {
  const userIds = [...new Set(notice.userIds)];
  if (userIds.length === 0) return;
  const rule = KINDS[notice.kind];
  // One after another: the transaction's one connection runs a query at a time.
  const users = await tx.user.findMany({ where: { id: { in: userIds }, active: true, isApiClient: false }, select: { id: true } });
  const preferences =
    rule.defaultDelivery === null
      ? []
      : await tx.notificationPreference.findMany({
          where: { userId: { in: userIds }, kind: notice.kind },
          select: { userId: true, delivery: true },
        });
  const chosen = new Map(preferences.map((p) => [p.userId, p.delivery]));
  const rows = await tx.notification.createManyAndReturn({
    data: users.map((u) => {
      const delivery: NotificationDelivery = rule.defaultDelivery === null ? "IMMEDIATELY" : (chosen.get(u.id) ?? rule.defaultDelivery);
      return {
        userId: u.id,
        kind: notice.kind,
        reference: notice.reference ?? null,
        organisation: notice.organisation ?? null,
        link: notice.link,
        subjectType: notice.subjectType ?? null,
        subjectId: notice.subjectId ?? null,
        secretLink: notice.secretLink ?? null,
        emailState: EMAIL_STATE[delivery],
      };
    }),
    select: { id: true, emailState: true },
  });
  const due = rows.filter((r) => r.emailState === "PENDING");
  if (due.length === 0) return;
  const boss = await jobQueue();
  for (const row of due) await boss.send(DELIVER_EMAIL, { notificationId: row.id }, { singletonKey: row.id, db: inTransaction(tx) });
}
