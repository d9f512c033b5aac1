// `npm run worker`: the job worker as a process of its own (lib/jobs/worker.ts). Needs DATABASE_URL
// and SMTP_URL (and APP_URL for the links in e-mails). Stops on SIGINT/SIGTERM after the job in hand.
import { startWorker, stopWorker } from "./worker";

await startWorker();
console.log("[worker] Working the job queue (e-mail, the outbox sweep, the morning's notifications, imports).");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopWorker()
      .catch((error: unknown) => console.error(`[worker] ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => process.exit(0));
  });
}
