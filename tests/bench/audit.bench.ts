import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { percentile } from "./measure";

// The audit trail under concurrent writers: `npm run bench:audit [-- --writers 50 --seconds 10 --pause 100]`.
// Not part of `npm test`. Each writer appends audit entries one after another, each in its own
// transaction as a view or a refusal is audited, through the data layer (lib/audit/data.ts), while
// the sealer runs every second as in the worker. Prints the append latency (p50/p95/p99), appends
// per second, how long entries waited to be sealed, and checks that every entry written was sealed
// exactly once and that the whole chain verifies.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sp_bench npm run db:migrate && npm run db:seed
//   DATABASE_URL=... npm run bench:audit
//
// The same file runs against a version before the sealer (its appends take the chain's advisory
// lock): there it reports no sealing and the chain is checked as that version checks it.

const { values } = parseArgs({
  options: {
    writers: { type: "string", default: "50" },
    seconds: { type: "string", default: "10" },
    // Think time between one writer's appends: 0 is a closed loop (the database saturated); 100
    // gives 50 writers about 500 appends a second between them, a busy service's pace.
    pause: { type: "string", default: "100" },
  },
});
const pause = Number(values.pause);
const writers = Number(values.writers);
const seconds = Number(values.seconds);
// One connection per writer (and the sealer's): the queue measured is the database's, not the pool's.
process.env.DATABASE_POOL_SIZE ??= String(writers + 5);

const { db } = await import("@/lib/db");
const auditData = await import("@/lib/audit/data");
const seal = await import("@/lib/audit/data/seal").catch(() => null);

const run = `bench-${Date.now()}`;
const user = await db.user.findFirstOrThrow({ select: { id: true, organisationId: true } });
const stopSealer = seal?.startSealer(1_000, (error) => console.error(error));

const latencies: number[] = [];
let errors = 0;
const cpuBefore = process.cpuUsage();
const until = performance.now() + seconds * 1000;
await Promise.all(
  Array.from({ length: writers }, async (_, w) => {
    for (let i = 0; performance.now() < until; i++) {
      const started = performance.now();
      try {
        await auditData.audit({
          action: "VIEW",
          userId: user.id,
          organisationId: user.organisationId,
          entityType: "BenchAudit",
          entityId: `${run}/${w}/${i}`,
        });
        latencies.push(performance.now() - started);
      } catch (error) {
        errors += 1;
        if (errors === 1) console.error(error);
      }
      if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause * (0.5 + Math.random())));
    }
  }),
);
const cpu = process.cpuUsage(cpuBefore);
await stopSealer?.();

const written = await db.auditEvent.count({ where: { entityType: "BenchAudit", entityId: { startsWith: `${run}/` } } });
let sealing = "no sealer in this version (appends chained under the advisory lock)";
if (seal) {
  const sealStarted = performance.now();
  for (let waiting = await seal.unsealedCount(); waiting > 0; waiting = await seal.unsealedCount()) await seal.sealAuditTrail();
  const rows = await db.$queryRaw<{ sealed: number; distinct: number; p50: number; p95: number; max: number }[]>`
    SELECT count(*)::int AS sealed, count(DISTINCT s."entryId")::int AS "distinct",
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s."sealedAt" - e."at") * 1000)::float AS p50,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM s."sealedAt" - e."at") * 1000)::float AS p95,
           max(extract(epoch FROM s."sealedAt" - e."at") * 1000)::float AS max
      FROM "AuditSeal" s JOIN "AuditEvent" e ON e.id = s."entryId"
     WHERE e."entityType" = 'BenchAudit' AND e."entityId" LIKE ${`${run}/%`}`;
  const r = rows[0]!;
  sealing =
    `${r.sealed} sealed (${r.distinct} distinct entries) of ${written} written; written to sealed p50 ${r.p50.toFixed(0)} ms, ` +
    `p95 ${r.p95.toFixed(0)} ms, max ${r.max.toFixed(0)} ms; the rest sealed after the run in ${(performance.now() - sealStarted).toFixed(0)} ms`;
  if (r.sealed !== written || r.distinct !== written) {
    console.error(`FAIL: ${written} entries written but ${r.sealed} links (${r.distinct} distinct)`);
    process.exitCode = 1;
  }
}
const verifyStarted = performance.now();
const report = await auditData.verifyAuditChain();
const verifyMs = performance.now() - verifyStarted;

latencies.sort((a, b) => a - b);
const load = loadavg()[0]!;
console.log(
  `Audit append, ${writers} concurrent writers for ${seconds} s, ${pause ? `about ${pause} ms between a writer's appends` : "closed loop"} (DATABASE_POOL_SIZE ${process.env.DATABASE_POOL_SIZE})`,
);
console.log(
  `  appends ${latencies.length} (${(latencies.length / seconds).toFixed(0)}/s), errors ${errors}, ` +
    `p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`,
);
console.log(`  node CPU per append ${((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length)).toFixed(2)} ms`);
console.log(`  entries in the trail from this run: ${written} (successful appends: ${latencies.length})`);
console.log(`  sealing: ${sealing}`);
console.log(
  `  verify: ${report.ok ? `OK, ${report.checked} entries checked` : `BROKEN at ${report.brokenAtId}: ${report.reason}`} in ${verifyMs.toFixed(0)} ms`,
);
console.log(`  load average ${load.toFixed(2)}${load > 1.5 ? " (high for 2 cores: latency figures mean little)" : ""}`);
if (written !== latencies.length || !report.ok || errors > 0) process.exitCode = 1;
await db.$disconnect();
