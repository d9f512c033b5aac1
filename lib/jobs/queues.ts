// The background jobs (pg-boss, in PostgreSQL's "pgboss" schema: no second broker). Pure: the
// database tooling creates the queues as the owner role when it migrates (prisma/tooling/job-queue.ts),
// and the worker (lib/jobs/worker.ts) and the outbox (lib/notifications/outbox.ts) use them.

export const JOB_SCHEMA = "pgboss";

/** Sends one notification's e-mail. Retried with back-off while the SMTP server is away. */
export const DELIVER_EMAIL = "deliver-email";
/** Every minute: queues the e-mail of any notification still waiting (after an outage, a restart). */
export const SWEEP_OUTBOX = "sweep-outbox";
/** Every morning: the daily digests, actions due tomorrow and overdue, powers about to expire; old API idempotency keys forgotten. */
export const DAILY_NOTIFICATIONS = "daily-notifications";

/** Reads an uploaded import file and checks every row (lib/imports); nothing is written to the records. */
export const CHECK_IMPORT = "check-import";
/** Imports a checked file in batches; a stopped import resumes after its last committed batch. */
export const RUN_IMPORT = "run-import";

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
  // One job per import at a time (singletonKey = its id). A worker that stops mid-way leaves the
  // import resumable; the job is tried again, and carries on after the last committed batch.
  { name: CHECK_IMPORT, policy: "stately", retryLimit: 2, retryDelay: 10, expireInSeconds: 3600 },
  { name: RUN_IMPORT, policy: "stately", retryLimit: 2, retryDelay: 10, expireInSeconds: 3600 },
  { name: DAILY_NOTIFICATIONS, policy: "singleton", retryLimit: 3, retryDelay: 300, expireInSeconds: 1800 },
];
