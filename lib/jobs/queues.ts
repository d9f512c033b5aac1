// The background jobs (pg-boss, in PostgreSQL's "pgboss" schema: no second broker). Pure: the
// database tooling creates the queues as the owner role when it migrates (prisma/tooling/job-queue.ts),
// and the worker (lib/jobs/worker.ts) and the outbox (lib/notifications/outbox.ts) use them.

export const JOB_SCHEMA = "pgboss";

/** Sends one notification's e-mail. Retried with back-off while the SMTP server is away. */
export const DELIVER_EMAIL = "deliver-email";
/** Every minute: queues the e-mail of any notification still waiting (after an outage, a restart). */
export const SWEEP_OUTBOX = "sweep-outbox";
/** Every morning: the daily digests, actions due tomorrow and overdue, powers about to expire. */
export const DAILY_NOTIFICATIONS = "daily-notifications";

export type QueueSettings = {
  name: string;
  policy?: "standard" | "short" | "singleton" | "stately";
  retryLimit?: number;
  retryDelay?: number;
  retryBackoff?: boolean;
  expireInSeconds?: number;
  retentionMinutes?: number;
};

export const QUEUES: QueueSettings[] = [
  // One job per notification at a time (singletonKey = its id); 10 tries over about 1.5 hours, then
  // the sweep queues it again while it is still waiting, so an outage of any length loses nothing.
  { name: DELIVER_EMAIL, policy: "stately", retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  { name: SWEEP_OUTBOX, policy: "singleton", retryLimit: 0, expireInSeconds: 300 },
  { name: DAILY_NOTIFICATIONS, policy: "singleton", retryLimit: 3, retryDelay: 300, expireInSeconds: 1800 },
];
