import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { jobQueue } from "@/lib/jobs/client";
import { DELIVER_EMAIL } from "@/lib/jobs/queues";
import { startWorker, stopWorker } from "@/lib/jobs/worker";
import { notify } from "@/lib/notifications/data/outbox";
import { deliverNotification, resetMailTransport, sendDigests, sweepOutbox } from "@/lib/notifications/data/delivery";
import { PROTECTIVE_MARKING } from "@/lib/notifications/email";
import { TestSmtpServer } from "@/tests/support/smtp";
import { makeOrganisation, makeUser } from "@/tests/support/fixtures";
import { cancelMeeting, rescheduleMeeting, scheduleMeeting } from "@/lib/meetings/data";
import { agency } from "./actions-support";

// The outbox and its delivery, against a real SMTP server process the test starts, stops and
// restarts, and the real job queue (pg-boss in this test's database).

const smtp = new TestSmtpServer();

beforeAll(async () => {
  await smtp.start();
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = "https://safer.example";
  resetMailTransport();
});

afterAll(async () => {
  await stopWorker();
  await smtp.stop();
});

async function officer() {
  const org = await makeOrganisation();
  return makeUser({ organisationId: org.id });
}

const notice = (userId: string, reference = "CASE-2026-000123") => ({
  kind: "ACTION_ASSIGNED_TO_ME" as const,
  userIds: [userId],
  reference,
  link: "/cases/00000000-0000-7000-8000-000000000000",
});

async function pendingJobs(): Promise<number> {
  return (await jobQueue()).getQueueSize(DELIVER_EMAIL);
}

describe("the outbox", () => {
  it("an event that rolls back notifies nobody: no notification, no job", async () => {
    const user = await officer();
    const before = await pendingJobs();
    await db
      .$transaction(async (tx) => {
        await notify(tx, notice(user.id));
        throw new Error("the event failed");
      })
      .catch(() => undefined);
    expect(await db.notification.count({ where: { userId: user.id } })).toBe(0);
    expect(await pendingJobs()).toBe(before);
  });

  it("an event that commits is never forgotten: the notification and its delivery job are there", async () => {
    const user = await officer();
    const before = await pendingJobs();
    await db.$transaction((tx) => notify(tx, notice(user.id)));
    expect(await db.notification.findMany({ where: { userId: user.id }, select: { emailState: true, readAt: true } })).toEqual([
      { emailState: "PENDING", readAt: null },
    ]);
    expect(await pendingJobs()).toBe(before + 1);
  });

  it("follows each person's choice: off stays in the service, the daily digest waits for the morning", async () => {
    const quiet = await officer();
    const digest = await officer();
    await db.notificationPreference.create({ data: { userId: quiet.id, kind: "ACTION_ASSIGNED_TO_ME", delivery: "OFF" } });
    await db.notificationPreference.create({ data: { userId: digest.id, kind: "ACTION_ASSIGNED_TO_ME", delivery: "DAILY_DIGEST" } });
    await db.$transaction((tx) => notify(tx, { ...notice(quiet.id), userIds: [quiet.id, digest.id] }));
    const states = await db.notification.findMany({
      where: { userId: { in: [quiet.id, digest.id] } },
      select: { userId: true, emailState: true },
    });
    expect(Object.fromEntries(states.map((s) => [s.userId, s.emailState]))).toEqual({
      [quiet.id]: "NOT_EMAILED",
      [digest.id]: "IN_DIGEST",
    });
  });

  it("security messages cannot be turned off", async () => {
    const user = await officer();
    await db.notificationPreference.create({ data: { userId: user.id, kind: "PASSWORD_CHANGED", delivery: "OFF" } });
    await db.$transaction((tx) => notify(tx, { kind: "PASSWORD_CHANGED", userIds: [user.id], link: "/account" }));
    expect((await db.notification.findFirstOrThrow({ where: { userId: user.id } })).emailState).toBe("PENDING");
  });
});

describe("delivery", () => {
  it("sends each e-mail once, in the Notify pattern: the event, the reference, a link that needs signing in, the marking", async () => {
    const user = await officer();
    await db.$transaction((tx) => notify(tx, notice(user.id, "CASE-2026-000777")));
    const n = await db.notification.findFirstOrThrow({ where: { userId: user.id } });
    // Two workers handed the same notification at once (a retry and a sweep) send it once.
    const results = await Promise.all([deliverNotification(n.id), deliverNotification(n.id)]);
    expect(results.sort()).toEqual(["sent", "skipped"]);
    expect(await deliverNotification(n.id)).toBe("skipped");
    const mails = smtp.to(user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.messageId).toBe(`<${n.id}@safer-partnerships.invalid>`);
    expect(mails[0]!.text).toContain("An action on CASE-2026-000777 has been assigned to you.");
    expect(mails[0]!.text).toContain(`https://safer.example/notifications/${n.id}`);
    expect(mails[0]!.text).toContain(PROTECTIVE_MARKING);
    expect(await db.notification.findUniqueOrThrow({ where: { id: n.id } })).toMatchObject({
      emailState: "SENT",
      emailAttempts: 1,
      emailLastError: null,
    });
  });

  it("a 5xx refusal is final and kept with the server's answer", async () => {
    const user = await officer();
    await db.$transaction((tx) => notify(tx, notice(user.id)));
    const n = await db.notification.findFirstOrThrow({ where: { userId: user.id } });
    smtp.rejectWith = "No such mailbox here";
    try {
      expect(await deliverNotification(n.id)).toBe("failed");
    } finally {
      smtp.rejectWith = null;
    }
    const failed = await db.notification.findUniqueOrThrow({ where: { id: n.id } });
    expect(failed.emailState).toBe("FAILED");
    expect(failed.emailLastError).toContain("No such mailbox here");
  });

  it("while the SMTP server is down messages wait; when it is back the worker sends them, once; a restarted worker carries on", async () => {
    const port = smtp.port;
    await smtp.stop();
    const users = [await officer(), await officer()];
    await startWorker({ schedules: false });
    await db.$transaction((tx) => notify(tx, notice(users[0]!.id, "CASE-2026-000901")));
    // The first attempt fails against the closed port, and is kept for a retry with its reason.
    await expect
      .poll(async () => (await db.notification.findFirstOrThrow({ where: { userId: users[0]!.id } })).emailAttempts, {
        timeout: 20_000,
        interval: 250,
      })
      .toBeGreaterThan(0);
    const waiting = await db.notification.findFirstOrThrow({ where: { userId: users[0]!.id } });
    expect(waiting.emailState).toBe("PENDING");
    expect(waiting.emailLastError).toMatch(/ECONNREFUSED/);

    // The worker stops (a deploy) and starts again; meanwhile another event happens.
    await stopWorker();
    await db.$transaction((tx) => notify(tx, notice(users[1]!.id, "CASE-2026-000902")));
    await smtp.start(port);
    await startWorker({ schedules: false });

    await smtp.waitFor(smtp.messages.length + 2, 45_000).catch(() => undefined);
    await expect
      .poll(async () => smtp.to(users[0]!.email).length + smtp.to(users[1]!.email).length, { timeout: 45_000, interval: 250 })
      .toBe(2);
    expect(smtp.to(users[0]!.email)).toHaveLength(1);
    expect(smtp.to(users[1]!.email)).toHaveLength(1);
    expect((await db.notification.findMany({ where: { userId: { in: users.map((u) => u.id) } } })).map((n) => n.emailState)).toEqual([
      "SENT",
      "SENT",
    ]);
    await stopWorker();
  }, 120_000);

  it("the sweep queues a notification whose job was lost, and the daily e-mail gathers the digest into one message", async () => {
    const user = await officer();
    await db.notificationPreference.create({ data: { userId: user.id, kind: "ACTION_COMPLETED", delivery: "DAILY_DIGEST" } });
    const lost = await db.notification.create({
      data: {
        userId: user.id,
        kind: "ACTION_ASSIGNED_TO_ME",
        reference: "CASE-2026-000555",
        link: "/cases/x",
        emailState: "PENDING",
        createdAt: new Date(Date.now() - 120_000),
      },
    });
    expect(await sweepOutbox()).toBeGreaterThanOrEqual(1);
    expect(await deliverNotification(lost.id)).toBe("sent");

    await db.$transaction((tx) =>
      notify(tx, { kind: "ACTION_COMPLETED", userIds: [user.id], reference: "CASE-2026-000556", link: "/cases/y" }),
    );
    await db.$transaction((tx) =>
      notify(tx, { kind: "ACTION_COMPLETED", userIds: [user.id], reference: "CASE-2026-000557", link: "/cases/z" }),
    );
    const before = smtp.to(user.email).length;
    await sendDigests();
    const digest = smtp.to(user.email).slice(before);
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe("Safer Partnerships: your daily summary (2 notifications)");
    expect(digest[0]!.text).toContain("CASE-2026-000556");
    expect(digest[0]!.text).toContain("CASE-2026-000557");
  });
});

describe("meetings' calendar files", () => {
  const field = (ics: string, name: string) => new RegExp(`^${name}[:;](.*)$`, "m").exec(ics)?.[1];
  const utc = (d: Date) =>
    d
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
  async function calendarIn(notificationId: string): Promise<string> {
    expect(await deliverNotification(notificationId)).toBe("sent");
    const mail = smtp.messages.find((m) => m.messageId === `<${notificationId}@safer-partnerships.invalid>`);
    const ics = mail?.attachments.find((a) => a.filename === "meeting.ics");
    expect(ics).toBeDefined();
    return ics!.content.toString("utf8");
  }
  async function ccm() {
    const chair = await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["CCM"] });
    const housing = await agency({ kind: "HOUSING_PROVIDER", panels: ["CCM"] });
    const inAWeek = new Date(Date.now() + 7 * 86_400_000);
    inAWeek.setUTCHours(10, 0, 0, 0);
    const { id } = await scheduleMeeting(
      chair.actor,
      { panel: "CCM", startsAt: inAWeek, venue: "Civic Centre", chairId: chair.user.id, organisationIds: [housing.organisation.id] },
      randomUUID(),
    );
    const latest = async () =>
      (await db.notification.findFirstOrThrow({ where: { userId: housing.user.id }, orderBy: { createdAt: "desc" } })).id;
    return { chair, housing, id, inAWeek, latest };
  }

  it("scheduled, moved and cancelled: each e-mail carries the same event, moved by a higher sequence, then cancelled", async () => {
    const { chair, id, inAWeek, latest } = await ccm();
    const calendars = [await calendarIn(await latest())];
    const movedTo = new Date(inAWeek.getTime() + 2 * 86_400_000 + 3 * 3_600_000);
    await rescheduleMeeting(chair.actor, id, 1, { startsAt: movedTo, venue: "Town Hall, Room 2" });
    calendars.push(await calendarIn(await latest()));
    await cancelMeeting(chair.actor, id, 2, { reason: "No cases to hear", agenda: null, moveToMeetingId: null });
    calendars.push(await calendarIn(await latest()));

    expect(new Set(calendars.map((c) => field(c, "UID"))).size).toBe(1);
    const sequences = calendars.map((c) => Number(field(c, "SEQUENCE")));
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    expect(new Set(sequences).size).toBe(3);
    expect(calendars.map((c) => field(c, "METHOD"))).toEqual(["REQUEST", "REQUEST", "CANCEL"]);
    expect(field(calendars[0]!, "DTSTART")).toContain(utc(inAWeek));
    expect(field(calendars[1]!, "DTSTART")).toContain(utc(movedTo));
    expect(calendars[1]).toContain("Town Hall");
  });

  it("an invitation that waited until after the meeting was cancelled carries the cancellation, never the event again", async () => {
    const { chair, housing, id } = await ccm();
    await cancelMeeting(chair.actor, id, 1, { reason: "No cases to hear", agenda: null, moveToMeetingId: null });
    const scheduled = await db.notification.findFirstOrThrow({ where: { userId: housing.user.id, kind: "MEETING_SCHEDULED" } });
    expect(field(await calendarIn(scheduled.id), "METHOD")).toBe("CANCEL");
  });
});
