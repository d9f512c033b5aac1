import "server-only";
import PgBoss from "pg-boss";
import type { Tx } from "@/lib/db";
import { JOB_SCHEMA } from "./queues";

// The job queue as the app's processes use it: to send jobs inside a Prisma transaction (so a job
// exists exactly when the change that asked for it commits), and, in the worker, to work them.

let started: Promise<PgBoss> | null = null;

/** A started pg-boss on DATABASE_URL (the queues are installed by db:migrate, as the owner). */
export function jobQueue(options: { worker?: boolean } = {}): Promise<PgBoss> {
  if (!started) {
    const boss = new PgBoss({
      connectionString: process.env.DATABASE_URL,
      schema: JOB_SCHEMA,
      migrate: false,
      // Only the worker tidies the queues and runs the schedules; the web process only sends.
      supervise: Boolean(options.worker),
      schedule: Boolean(options.worker),
      max: options.worker ? 4 : 2,
      application_name: options.worker ? "safer-partnerships-worker" : "safer-partnerships-web",
    });
    boss.on("error", (error) => console.error(`job queue: ${error instanceof Error ? error.message : String(error)}`));
    started = boss.start().catch((error: unknown) => {
      started = null;
      throw error;
    });
  }
  return started;
}

/** Stops the queue (tests, and the worker's shutdown). */
export async function stopJobQueue(): Promise<void> {
  const current = started;
  started = null;
  if (current) await (await current).stop({ graceful: true, wait: true, timeout: 10_000 });
}

/** pg-boss's view of a Prisma transaction: its job rows commit or roll back with the change. */
export function inTransaction(tx: Tx): PgBoss.Db {
  return { executeSql: async (text: string, values: unknown[]) => ({ rows: (await tx.$queryRawUnsafe(text, ...values)) as unknown[] }) };
}
