// Installs the job queue (pg-boss) in the database: its schema and tables, and our queues. Run as
// the owner role when migrating (the app's role is then granted what it needs: database-roles.ts),
// so the app never needs to create anything.

import PgBoss from "pg-boss";
import { JOB_SCHEMA, QUEUES } from "../../lib/jobs/queues";

export async function installJobQueue(ownerUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false, max: 2 });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    for (const { name, ...options } of QUEUES) {
      if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...options });
      else await boss.createQueue(name, { name, ...options });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
