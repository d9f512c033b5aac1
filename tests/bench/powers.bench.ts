import { randomUUID } from "node:crypto";
import { listenerPid, memoryOf, percentile } from "./measure";
import { cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { signInByForm } from "../support/sign-in-by-form";

// Scale benchmark of the tools and powers register: `npm run bench:powers`
// (node --import ./tests/bench/powers-loader.mjs --import tsx tests/bench/powers.bench.ts). Not part of `npm test`.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sp_large npm run db:seed:large -- --register-rows 1000000
//   npm run build && DATABASE_URL=... PORT=3300 npm run serve                        # another terminal
//   DATABASE_URL=... BENCH_URL=http://localhost:3300 npm run bench:powers
//
// (a) return: computeToolsAndPowersReturn (lib/returns/data), called directly in this process
//     against DATABASE_URL, BENCH_RUNS times (default 20, after 2 unmeasured) for the financial
//     year holding the seed's 100,000 powers, as a manager (whole partnership): p50/p95/max.
//     Target: under 1 second.
// (b) export: GET /api/returns/register?period=…&format=csv over HTTP from the running production
//     server, as a council manager, for the year of the 1,000,000-row register load: reads the
//     stream to the end, counting rows, and prints the rate per 100,000 rows (steady?), the total
//     time, and the server's memory — VmHWM (peak since start) and RSS sampled every 100 ms from
//     /proc/<pid>/status of the process listening on BENCH_URL's port (or BENCH_APP_PID).
//     Target: peak under 256 MB.
//
//   BENCH_URL            the app (default http://localhost:3000)
//   BENCH_RUNS           runs of (a) (default 20)
//   BENCH_RETURN_PERIOD  (a)'s period key, e.g. 2025-26 (default: the year the "largeSeedPowers"
//                        setting lists as the return load, i.e. not council-only)
//   BENCH_EXPORT_PERIOD  (b)'s period key (default: the council-only register load's year)
//   BENCH_ACCOUNT        the manager (default sandra.okafor@kingsmere.gov.example, KCSAT)
//   BENCH_APP_PID        the app's process id for (b)'s memory figures
//   --part return|export run one part only

const PASSWORD = process.env.BENCH_PASSWORD ?? "Partnership-demo-2026";
const ACCOUNT = process.env.BENCH_ACCOUNT ?? "sandra.okafor@kingsmere.gov.example";
const n = (v: number) => Math.round(v).toLocaleString("en-GB");
const yearKey = (y: number) => `${y}-${String((y + 1) % 100).padStart(2, "0")}`;

async function loadedYears(client: pg.Client): Promise<Record<string, { count: number; councilOnly: boolean }>> {
  const { rows } = await client.query<{ value: Record<string, { count: number; councilOnly: boolean }> }>(
    `SELECT value FROM "Setting" WHERE key = 'largeSeedPowers'`,
  );
  return rows[0]?.value ?? {};
}

// ───────────────────────────── (a) the return ─────────────────────────────

async function benchReturn(client: pg.Client, periodKey: string, runs: number): Promise<boolean> {
  // Imported here so that (b) alone needs no server-side modules.
  const { computeToolsAndPowersReturn } = await import("../../lib/returns/data");
  const { parsePeriodKey } = await import("../../lib/returns/period");
  const period = parsePeriodKey(periodKey);
  if (!period) throw new Error(`BENCH_RETURN_PERIOD ${periodKey} is not a period key (e.g. 2025-26)`);
  const { rows } = await client.query<{
    id: string;
    organisationId: string;
    name: string;
    email: string;
    role: string;
    org_name: string;
    short_name: string;
    kind: string;
    panels: string[];
  }>(
    `SELECT u.id, u."organisationId", u.name, u.email, u.role, o.name AS org_name, o."shortName" AS short_name, o.kind,
            coalesce(array_agg(p.panel) FILTER (WHERE p.panel IS NOT NULL), '{}')::text[] AS panels
     FROM "User" u JOIN "Organisation" o ON o.id = u."organisationId" LEFT JOIN "PanelMembership" p ON p."userId" = u.id
     WHERE u.email = $1 GROUP BY u.id, o.id`,
    [ACCOUNT],
  );
  const u = rows[0];
  if (!u) throw new Error(`no user ${ACCOUNT}`);
  const actor = {
    userId: u.id,
    sessionId: randomUUID(),
    name: u.name,
    email: u.email,
    role: u.role,
    panels: u.panels,
    organisationId: u.organisationId,
    organisationName: u.org_name,
    organisationShortName: u.short_name,
    organisationKind: u.kind,
  } as unknown as Parameters<typeof computeToolsAndPowersReturn>[0];
  const counted = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "PowerUse" WHERE "issuedAt" >= $1 AND "issuedAt" < $2`,
    [period.start, period.end],
  );
  console.log(
    `(a) tools and powers return, ${period.label}: ${n(counted.rows[0]!.n)} powers issued in the period; ${runs} runs as ${ACCOUNT} (${u.role}, whole partnership), after 2 unmeasured`,
  );
  const times: number[] = [];
  let summary = "";
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    const result = await computeToolsAndPowersReturn(actor, period);
    const ms = performance.now() - started;
    if (i >= 2) times.push(ms);
    summary = `${result.byOrganisation.length} kind × organisation rows; ${n(result.total.issued)} issued in all`;
  }
  times.sort((a, b) => a - b);
  const p95 = percentile(times, 0.95);
  console.log(
    `    p50 ${percentile(times, 0.5).toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${times[times.length - 1]!.toFixed(0)} ms (${summary}); target under 1,000 ms: ${p95 < 1000 ? "met" : "NOT MET"}`,
  );
  return p95 < 1000;
}

// ───────────────────────────── (b) the export ─────────────────────────────

function signIn(base: string, email: string): Promise<string> {
  return signInByForm(base, email, PASSWORD);
}

async function benchExport(base: string, periodKey: string): Promise<boolean> {
  const pid = process.env.BENCH_APP_PID ? Number(process.env.BENCH_APP_PID) : listenerPid(Number(new URL(base).port || 80));
  const before = memoryOf(pid);
  const cookie = await signIn(base, ACCOUNT);
  console.log(
    `(b) register CSV export, ${periodKey}, over HTTP from ${base} as ${ACCOUNT}; server pid ${pid ?? "unknown"}${before ? ` (RSS ${before.rssMb.toFixed(0)} MB, VmHWM ${before.hwmMb.toFixed(0)} MB before)` : ""}`,
  );
  const signedIn = memoryOf(pid);
  if (signedIn) console.log(`    after signing in: RSS ${signedIn.rssMb.toFixed(0)} MB, VmHWM ${signedIn.hwmMb.toFixed(0)} MB`);
  let sampledPeak = before?.rssMb ?? 0;
  let steadyPeak = 0;
  const sampler = setInterval(() => {
    const m = memoryOf(pid);
    if (m) sampledPeak = Math.max(sampledPeak, m.rssMb);
  }, 100);
  const started = performance.now();
  const response = await fetch(`${base}/api/returns/register?period=${encodeURIComponent(periodKey)}&format=csv`, { headers: { cookie } });
  const firstByte = performance.now() - started;
  if (!response.ok || !response.body) {
    clearInterval(sampler);
    throw new Error(`export answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  }
  const total = Number(response.headers.get("X-Total-Rows"));
  console.log(`    headers after ${firstByte.toFixed(0)} ms (count and audit): X-Total-Rows ${n(total)}`);
  const reader = response.body.getReader();
  let lines = 0;
  let bytes = 0;
  let quoted = false;
  let mark = performance.now();
  let nextMark = 100_000;
  const rates: number[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    for (let i = 0; i < value.length; i++) {
      const b = value[i];
      if (b === 0x22) quoted = !quoted;
      else if (b === 0x0a && !quoted) {
        lines++;
        if (lines - 1 === nextMark) {
          const now = performance.now();
          const rate = 100_000 / ((now - mark) / 1000);
          rates.push(rate);
          const m = memoryOf(pid);
          if (m) steadyPeak = Math.max(steadyPeak, m.rssMb);
          console.log(
            `    ${n(nextMark).padStart(9)} rows  ${((now - started) / 1000).toFixed(1).padStart(6)} s  ${n(rate).padStart(7)} rows/s over the last 100,000${m ? `  server RSS ${m.rssMb.toFixed(0)} MB` : ""}`,
          );
          mark = now;
          nextMark += 100_000;
        }
      }
    }
  }
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const rows = lines - 1;
  const after = memoryOf(pid);
  const steady = rates.length > 1 ? Math.min(...rates) / Math.max(...rates) : 1;
  console.log(
    `    ${n(rows)} rows (${(bytes / 1_048_576).toFixed(0)} MB) in ${seconds.toFixed(1)} s: ${n(rows / seconds)} rows/s on average; per-100,000 rates ${n(Math.min(...rates))}–${n(Math.max(...rates))} rows/s (slowest/fastest ${(steady * 100).toFixed(0)}%)`,
  );
  if (after)
    console.log(
      `    server memory: VmHWM (peak since start) ${after.hwmMb.toFixed(0)} MB, highest RSS sampled ${sampledPeak.toFixed(0)} MB, highest RSS at the 100,000-row marks ${steadyPeak.toFixed(0)} MB, now ${after.rssMb.toFixed(0)} MB; target under 256 MB: ${after.hwmMb < 256 ? "met" : "NOT MET"}`,
    );
  // The machine is shared: say how busy it was by the end, beside the load average printed at the start.
  console.log(
    `    load average at the end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  if (rows !== total) console.log(`    WARNING: ${n(rows)} rows read but X-Total-Rows said ${n(total)}`);
  return rows === total && (after ? after.hwmMb < 256 : true);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { part: { type: "string" } } });
  const base = (process.env.BENCH_URL ?? "http://localhost:3000").replace(/\/$/, "");
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    console.error("Set DATABASE_URL to the large database (the return is computed in this process; the periods are read from it).");
    return 1;
  }
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const years = await loadedYears(client);
    const returnYear = Object.entries(years).find(([, v]) => !v.councilOnly)?.[0];
    const exportYear = Object.entries(years).find(([, v]) => v.councilOnly)?.[0];
    console.log(
      `Machine: ${cpus().length} vCPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GB, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          " ",
        )}. Powers in the database: ${n((await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "PowerUse"`)).rows[0]!.n)}.`,
    );
    let ok = true;
    if (values.part !== "export") {
      const key = process.env.BENCH_RETURN_PERIOD ?? (returnYear ? yearKey(Number(returnYear)) : null);
      if (!key) throw new Error("no return load in this database: run npm run db:seed:large first");
      ok = (await benchReturn(client, key, Number(process.env.BENCH_RUNS ?? 20))) && ok;
    }
    if (values.part !== "return") {
      const key = process.env.BENCH_EXPORT_PERIOD ?? (exportYear ? yearKey(Number(exportYear)) : null);
      if (!key) throw new Error("no register load in this database: run npm run db:seed:large -- --register-rows 1000000");
      ok = (await benchExport(base, key)) && ok;
    }
    return ok ? 0 : 1;
  } finally {
    await client.end();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`Benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  return 1;
});
if (process.exitCode === 0) process.exit(0);
