import "server-only";
import type PgBoss from "pg-boss";
import { deliverNotification, sendDigests, sweepOutbox } from "@/lib/notifications/data/delivery";
import { dailyNotifications } from "@/lib/notifications/data/daily";
import { jobQueue, stopJobQueue } from "./client";
import { checkImport } from "@/lib/imports/data/check";
import { runImport } from "@/lib/imports/data/run";
import { forgetOldIdempotencyKeys } from "@/lib/api/v1/data/keys";
import { startSealer } from "@/lib/audit/data/seal";
import { CHECK_IMPORT, DAILY_NOTIFICATIONS, DELIVER_EMAIL, RUN_IMPORT, SWEEP_OUTBOX } from "./queues";

// The worker: works the queues. `npm run worker` runs it as its own process (production can run
// one or several: pg-boss hands each job to one of them); `npm run demo` and `npm run serve` start
// one beside the app. Stopping it lets the job in hand finish; a job cut off by a crash is retried.
// Each worker also runs the audit sealer every second (lib/audit/data/seal.ts; one seals at a time).

/** How often the sweep runs, and when the daily notifications go (London time). */
export const SWEEP_CRON = "* * * * *";
export const DAILY_CRON = "0 7 * * *";

/** How often the worker chains new audit entries: they are sealed within about this long of committing. */
export const SEAL_INTERVAL_MS = 1_000;

let stopSealer: (() => Promise<void>) | undefined;

export async function startWorker(options: { schedules?: boolean } = {}): Promise<PgBoss> {
  const boss = await jobQueue({ worker: true });
  stopSealer ??= startSealer(
    SEAL_INTERVAL_MS,
    (error) =>
      console.error(
        `[worker] Sealing the audit trail failed; trying every second: ${error instanceof Error ? error.message : String(error)}`,
      ),
    () => console.log("[worker] Sealing the audit trail again."),
  );
  await boss.work<{ notificationId: string }>(DELIVER_EMAIL, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (job) await deliverNotification(job.data.notificationId);
  });
  await boss.work<{ importId: string }>(CHECK_IMPORT, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (job) await checkImport(job.data.importId);
  });
  await boss.work<{ importId: string }>(RUN_IMPORT, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (job) await runImport(job.data.importId);
  });
  await boss.work(SWEEP_OUTBOX, async () => {
    await sweepOutbox();
  });
  await boss.work(DAILY_NOTIFICATIONS, async () => {
    await dailyNotifications();
    await sendDigests();
    await forgetOldIdempotencyKeys();
  });
  if (options.schedules !== false) {
    await boss.schedule(SWEEP_OUTBOX, SWEEP_CRON, {}, { tz: "Europe/London" });
    await boss.schedule(DAILY_NOTIFICATIONS, DAILY_CRON, {}, { tz: "Europe/London" });
  }
  return boss;
}

export async function stopWorker(): Promise<void> {
  const stop = stopSealer;
  stopSealer = undefined;
  await stop?.();
  await stopJobQueue();
}
