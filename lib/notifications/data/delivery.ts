import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { createEvent } from "ics";
import { db } from "@/lib/db";
import { jobQueue } from "@/lib/jobs/client";
import { DELIVER_EMAIL } from "@/lib/jobs/queues";
import { PANEL_NAMES } from "@/lib/panels/labels";
import { appUrl } from "../app-url";
import { renderDigest, renderEmail, type RenderedEmail } from "../email";

// Sending what the outbox holds, in the worker: one notification's e-mail (retried by pg-boss with
// back-off while the SMTP server is away), the sweep that queues anything still waiting, and the
// daily e-mail of those who chose it. Each notification is sent once: its state is checked and
// set around the send, and its Message-ID is its id, so a repeat after a crash mid-send is the
// same message to the mail system.

const WAIT_BEFORE_SWEEP_MS = 30_000;

export function mailFrom(): string {
  return process.env.MAIL_FROM || "Safer Partnerships <no-reply@safer-partnerships.invalid>";
}

let transport: Transporter | null = null;

/** The SMTP connection (SMTP_URL, e.g. smtp://user:pass@mail.example:587). */
export function mailTransport(): Transporter {
  if (!transport) {
    const url = process.env.SMTP_URL;
    if (!url) throw new Error("SMTP_URL is not set: no e-mail can be sent");
    // Short timeouts: a dead server fails the attempt quickly and the queue retries it later.
    transport = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  }
  return transport;
}

/** For tests that point SMTP_URL elsewhere. */
export function resetMailTransport(): void {
  transport?.close();
  transport = null;
}

const messageId = (id: string) => `<${id}@safer-partnerships.invalid>`;

/** An SMTP answer that will not change on a retry (a 5xx rejection): the e-mail has failed for good. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

function describe(error: unknown): string {
  const e = error as { response?: string; code?: string; message?: string };
  return (e.response ?? [e.code, e.message].filter(Boolean).join(": ")).slice(0, 500) || "unknown error";
}

/** The calendar file of a meeting notification: the same event (UID) each time, updated or cancelled. */
/**
 * The meeting's calendar file as the meeting stands when the e-mail goes: one event per meeting
 * (its id), its sequence the meeting's version. A message that waited past a later change carries
 * the later state, so it can never put back a meeting that was moved or cancelled since.
 */
async function calendarFor(subjectType: string | null, subjectId: string | null) {
  if (subjectType !== "Meeting" || !subjectId) return [];
  const m = await db.meeting.findUnique({
    where: { id: subjectId },
    select: { id: true, reference: true, panel: true, startsAt: true, venue: true, version: true, status: true },
  });
  if (!m) return [];
  const cancelled = m.status === "CANCELLED";
  const { value, error } = createEvent({
    uid: `${m.id}@safer-partnerships.invalid`,
    sequence: m.version,
    method: cancelled ? "CANCEL" : "REQUEST",
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    title: `${PANEL_NAMES[m.panel]} meeting ${m.reference}`,
    start: m.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { hours: 2 },
    ...(m.venue ? { location: m.venue } : {}),
    url: `${appUrl()}/meetings/${m.id}`,
  });
  if (error || !value) return [];
  return [
    { filename: "meeting.ics", content: value, contentType: `text/calendar; charset=utf-8; method=${cancelled ? "CANCEL" : "REQUEST"}` },
  ];
}

/**
 * Sends one notification's e-mail if it is still waiting. Its row is locked while it is sent, so
 * two workers handed the same notification (a retry and a sweep) send it once: the second finds
 * it locked or sent and skips it. Throws to be retried when the failure may pass (the SMTP server
 * is away or busy); a 5xx rejection is final and kept with the server's answer.
 */
export async function deliverNotification(notificationId: string): Promise<"sent" | "skipped" | "failed"> {
  return db
    .$transaction(
      async (tx) => {
        const locked = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "Notification" WHERE id = ${notificationId}::uuid AND "emailState" = 'PENDING' FOR UPDATE SKIP LOCKED`;
        if (locked.length === 0) return "skipped" as const;
        const n = await tx.notification.findUniqueOrThrow({
          where: { id: notificationId },
          select: {
            id: true,
            kind: true,
            reference: true,
            organisation: true,
            link: true,
            subjectType: true,
            subjectId: true,
            secretLink: true,
            user: { select: { email: true, active: true } },
          },
        });
        if (!n.user.active) {
          await tx.notification.update({
            where: { id: n.id },
            data: { emailState: "FAILED", emailLastError: "The account is disabled", secretLink: null },
          });
          return "failed" as const;
        }
        try {
          await mailTransport().sendMail({
            from: mailFrom(),
            to: n.user.email,
            messageId: messageId(n.id),
            ...renderEmail(n, appUrl()),
            attachments: await calendarFor(n.subjectType, n.subjectId),
          });
        } catch (error) {
          if (!isPermanent(error)) throw new RetryLater(describe(error));
          await tx.notification.update({
            where: { id: n.id },
            data: { emailState: "FAILED", emailAttempts: { increment: 1 }, emailLastError: describe(error), secretLink: null },
          });
          return "failed" as const;
        }
        await tx.notification.update({
          where: { id: n.id },
          data: { emailState: "SENT", emailSentAt: new Date(), emailAttempts: { increment: 1 }, emailLastError: null, secretLink: null },
        });
        return "sent" as const;
      },
      { timeout: 90_000, maxWait: 10_000 },
    )
    .catch(async (error: unknown) => {
      // The attempt's transaction rolled back: record the attempt and the server's answer, then retry.
      if (error instanceof RetryLater) {
        await db.notification.updateMany({
          where: { id: notificationId, emailState: "PENDING" },
          data: { emailAttempts: { increment: 1 }, emailLastError: error.message },
        });
      }
      throw error;
    });
}

/** A failure that may pass (the SMTP server away): pg-boss retries the job with back-off. */
class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryLater";
  }
}

/** Queues the e-mail of every notification still waiting (its job lost or given up): an outage of any length loses nothing. */
export async function sweepOutbox(now = new Date()): Promise<number> {
  const waiting = await db.notification.findMany({
    where: { emailState: "PENDING", createdAt: { lt: new Date(now.getTime() - WAIT_BEFORE_SWEEP_MS) } },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: { id: true },
  });
  const boss = await jobQueue();
  let queued = 0;
  // A notification with a job already waiting or running is refused by the queue (singletonKey).
  for (const { id } of waiting) if (await boss.send(DELIVER_EMAIL, { notificationId: id }, { singletonKey: id })) queued += 1;
  return queued;
}

/** The daily e-mail for each person with notifications waiting for it. */
export async function sendDigests(): Promise<number> {
  const waiting = await db.notification.findMany({
    where: { emailState: "IN_DIGEST", user: { active: true } },
    orderBy: [{ userId: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      userId: true,
      kind: true,
      reference: true,
      organisation: true,
      link: true,
      createdAt: true,
      user: { select: { email: true } },
    },
  });
  const byUser = new Map<string, typeof waiting>();
  for (const n of waiting) byUser.set(n.userId, [...(byUser.get(n.userId) ?? []), n]);
  let sent = 0;
  for (const [, notices] of byUser) {
    const email: RenderedEmail = renderDigest(notices, appUrl());
    await mailTransport().sendMail({ from: mailFrom(), to: notices[0]!.user.email, ...email });
    await db.notification.updateMany({
      where: { id: { in: notices.map((n) => n.id) } },
      data: { emailState: "SENT", emailSentAt: new Date() },
    });
    sent += 1;
  }
  return sent;
}
