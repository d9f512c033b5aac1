import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { connectionPortsOf, cpuMsOf, environmentOf, listenerPid, machineBusyMs, memoryOf, percentile } from "./measure";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { signInByForm } from "../support/sign-in-by-form";

// Load benchmark of the running app: `npm run bench` (node
// --import tsx tests/bench/incidents.bench.ts). Not part of `npm test`. Start the app first, on
// the large data for meaningful figures (tests/bench/README.md):
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sp_large npm run db:seed:large
//   DATABASE_URL=... npm run build && DATABASE_URL=... npm run serve        # another terminal
//   DATABASE_URL=... BENCH_USERS=1,2,4 npm run bench [-- --scenario list,search,case ...]
//
// Scenarios: (a) list: the incident list's first page with a filter; (b) search: a fuzzy person
// search; (c) create: logging an incident; (d) case: the page of a case with ~2,000 timeline
// entries (first page of its timeline, its actions and people), as a user whose organisation can
// see it; (e) dashboard: the dashboard of a council (KCSAT) officer, the organisation with ~5,000
// open actions. N users (each signed in as a demo user through next-auth's credentials endpoint)
// run a closed loop per scenario: one request, wait for the whole answer, the next request.
// Prints p50/p95/p99 latency, throughput and errors per scenario beside the targets; what each
// request cost: Node CPU ms (the app process's utime + stime from /proc/<pid>/stat), PostgreSQL
// CPU ms (the same, summed over the backends serving the app's connections, found through
// pg_stat_activity's client ports; needs DATABASE_URL as a role that may read them), statements
// (the app's own count, see DATABASE_STATEMENT_COUNT_FILE in lib/db.ts) and response bytes; the
// app process's resident memory (sampled, and its peak VmHWM), the machine's load average, and
// how many cores other work kept busy during each run (from /proc/stat: the machine's busy time
// less the app's, its backends' and the benchmark's own), with a warning when that was enough for
// the latencies to mean little (the CPU figures move far less with it); and the data size when
// DATABASE_URL is set; then a summary table. Exits non-zero if any request failed
// (a wrong status, or a page without what it must show, counts).
//
//   BENCH_URL             the app (default http://localhost:3000; this machine only unless
//                         BENCH_ALLOW_REMOTE=1)
//   BENCH_USERS           concurrent users, or a list run in turn: 8, or 1,2,4,8 (default 8;
//                         also --users)
//   BENCH_SECONDS         measured seconds per scenario and concurrency (default 20)
//   BENCH_WARMUP_SECONDS  unmeasured seconds first (default 3)
//   BENCH_ACCOUNTS        comma-separated demo e-mails for (a)-(d) (default: officers of five
//                         organisations); BENCH_PASSWORD (default the demo password)
//   BENCH_DASHBOARD_ACCOUNTS  e-mails for (e) (default: four KCSAT officers)
//   BENCH_CASE_IDS        case ids for (d) (default: the big cases the large seed records in the
//                         "largeSeedBigCases" setting, read through DATABASE_URL); each user gets
//                         the first one their organisation can see
//   BENCH_APP_PID         the app's process id for the memory and CPU figures (default: the
//                         process listening on BENCH_URL's port, found through /proc)
//   BENCH_STATEMENT_COUNT_FILE  the app's DATABASE_STATEMENT_COUNT_FILE (default: read from the
//                         app process's environment); without it, no statements column
//   --json FILE           also write the results as JSON
//
// Note: the "create" scenario logs real incidents (described as benchmark records); the run
// reports how many.

const PASSWORD = process.env.BENCH_PASSWORD ?? "Partnership-demo-2026";

/** Officers of different organisations (README's demo sign-ins), so each sees a different slice. */
const DEFAULT_ACCOUNTS = [
  "kwame.mensah@kingsmere.gov.example", // council ASB officer (KCSAT)
  "daniel.hughes@met.kingsmere.example", // police ward officer (MPS)
  "owen.price@kingsmerehomes.example", // housing officer (KH)
  "sean.gallagher@lfb.kingsmere.example", // fire brigade (LFB)
  "grace.adeyemi@probation.kingsmere.example", // probation (PS)
  "laura.bennett@kingsmere.gov.example", // council ASB caseworker (KCSAT)
  "aisha.begum@met.kingsmere.example", // PCSO (MPS)
  "fatima.hussain@kingsmerehomes.example", // housing officer (KH)
  "nadia.ali@khc.nhs.example", // health (KHC)
  "tom.fletcher@met.kingsmere.example", // police officer on no panel (MPS)
];

/** Council community safety team (KCSAT) officers: the organisation with ~5,000 open actions. */
const DASHBOARD_ACCOUNTS = [
  "kwame.mensah@kingsmere.gov.example",
  "laura.bennett@kingsmere.gov.example",
  "joseph.kowalski@kingsmere.gov.example",
  "yasmin.patel@kingsmere.gov.example",
];

/** Common surnames as people mistype them: fuzzy search has to find Smith for "smyth". */
const MISSPELT_NAMES = [
  "smyth",
  "johnsen",
  "wiliams",
  "tayler",
  "brwon",
  "davis",
  "willson",
  "thomsen",
  "robinsen",
  "wrigth",
  "walkar",
  "jacksen",
  "edwardes",
  "hughs",
  "grene",
  "clerke",
  "lewes",
  "morriss",
  "okafur",
  "mensa",
  "patell",
  "kahn",
  "hussein",
  "nowack",
  "yilmas",
  "kowalsky",
  "murfy",
  "campell",
  "jon smyth",
  "sara wiliams",
  "mohamed ali",
  "o'brian",
  "macdonald",
  "foster",
  "evens",
];

type ScenarioKey = "list" | "search" | "create" | "case" | "dashboard";

type Scenario = {
  key: ScenarioKey;
  label: string;
  targetP95Ms: number;
  expected: number;
  /** Which signed-in users run it. */
  pool: "general" | "dashboard";
  request: (user: User, n: number) => Promise<Response>;
  /** What the answer must contain (null: fine), beyond the status. */
  check?: (body: string, user: User) => string | null;
};

type User = { email: string; cookie: string; base: string; caseId?: string; caseReference?: string };

type Outcome = {
  latencies: number[];
  /** Response body bytes (as decoded: HTML with its inline RSC payload, or JSON), all requests. */
  bytes: number;
  costs: Costs;
  errors: number;
  errorSamples: string[];
  requests: number;
  seconds: number;
  /** Highest resident memory of the app seen while measuring (MB), and load averages. */
  rssPeakMb: number | null;
  loadStart: number;
  loadEnd: number;
  loadMax: number;
};

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}".`);
  return value;
}

/** YYYY-MM-DD of the London day `days` days ago (the incident list's date filter format). */
function londonDateDaysAgo(days: number): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(Date.now() - days * 86_400_000),
  );
  return parts; // en-CA formats as YYYY-MM-DD
}

// ───────────────────────────── Signing in ─────────────────────────────

/** Signs in as a browser without JavaScript would (tests/support/sign-in-by-form.ts). */
async function signIn(base: string, email: string): Promise<User> {
  return { email, cookie: await signInByForm(base, email, PASSWORD), base };
}

// ───────────────────────────── Scenarios ─────────────────────────────

function scenarios(base: string): Scenario[] {
  const from = londonDateDaysAgo(90);
  return [
    {
      key: "list",
      label: "(a) incident list, NUISANCE, last 90 days",
      targetP95Ms: 100,
      expected: 200,
      pool: "general",
      request: (user) =>
        fetch(`${base}/incidents?category=NUISANCE&from=${from}`, {
          headers: { cookie: user.cookie, accept: "text/html" },
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        }),
    },
    {
      key: "search",
      label: "(b) fuzzy person search, misspelt surname",
      targetP95Ms: 100,
      expected: 200,
      pool: "general",
      request: (user, n) =>
        fetch(`${base}/api/people/search`, {
          method: "POST",
          headers: { cookie: user.cookie, "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ q: MISSPELT_NAMES[n % MISSPELT_NAMES.length]! }),
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        }),
    },
    {
      key: "create",
      label: "(c) log an incident (POST /api/incidents)",
      targetP95Ms: 150,
      expected: 201,
      pool: "general",
      request: (user, n) => {
        const now = Date.now();
        const occurredAt = new Date(now - (30 + (n % 600)) * 60_000);
        return fetch(`${base}/api/incidents`, {
          method: "POST",
          headers: { cookie: user.cookie, "content-type": "application/json", accept: "application/json", origin: base },
          body: JSON.stringify({
            occurredAt: occurredAt.toISOString(),
            reportedAt: new Date(now).toISOString(),
            reportMethod: "PHONE",
            category: "NUISANCE",
            type: "NOISE",
            description: `Benchmark record: caller reports loud music from a neighbouring flat until late (request ${n}).`,
            riskLevel: "STANDARD",
            submissionKey: randomUUID(),
          }),
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        });
      },
    },
    {
      key: "case",
      label: "(d) case page, ~2,000 timeline entries",
      targetP95Ms: 150,
      expected: 200,
      pool: "general",
      request: (user) =>
        fetch(`${base}/cases/${user.caseId}`, {
          headers: { cookie: user.cookie, accept: "text/html" },
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        }),
      check: (body, user) =>
        user.caseReference && !body.includes(user.caseReference) ? `the page does not show ${user.caseReference}` : null,
    },
    {
      key: "dashboard",
      label: "(e) dashboard, KCSAT (~5,000 open actions)",
      targetP95Ms: 150,
      expected: 200,
      pool: "dashboard",
      request: (user) =>
        fetch(`${base}/`, {
          headers: { cookie: user.cookie, accept: "text/html" },
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        }),
      check: (body) => (body.includes("Dashboard") ? null : "the page does not say Dashboard"),
    },
  ];
}

const MAX_REQUESTS_PER_SCENARIO = 200_000;

// ───────────────────────────── The app process ─────────────────────────────

function processName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").slice(0, 80);
  } catch {
    return "?";
  }
}

// ───────────────────────────── Running ─────────────────────────────

// ───────────────────────────── What a request costs ─────────────────────────────

type Costs = {
  nodeCpuMs: number | null;
  pgCpuMs: number | null;
  statements: number | null;
  backends: number;
  /** Cores that work other than the app, its backends and the benchmark kept busy during the run. */
  otherCores: number | null;
};

/**
 * CPU time of the app process and of the PostgreSQL backends serving its connections, and the
 * app's statement count, between start() and stop(). Backends are matched by client port (the
 * app's sockets to the database's port, from /proc) in pg_stat_activity, sampled while the run
 * goes on so that connections opened during it count from zero; one closed during it keeps its
 * last sample.
 */
class CostMeter {
  private backends = new Map<number, { first: number; last: number }>();
  private nodeStart: number | null = null;
  private statementsStart: number | null = null;
  private machineStart: number | null = null;
  private benchStart = process.cpuUsage();
  private wallStart = 0;
  private sampling: Promise<void> | null = null;

  constructor(
    private appPid: number | null,
    private client: pg.Client | null,
    private pgPort: number,
    private statementFile: string | null,
  ) {}

  private statements(): number | null {
    if (!this.statementFile) return null;
    try {
      const n = Number(readFileSync(this.statementFile, "utf8").trim());
      return Number.isFinite(n) ? n : null;
    } catch {
      return null;
    }
  }

  private async backendCpu(atStart: boolean): Promise<void> {
    if (!this.client || this.appPid === null) return;
    const ports = connectionPortsOf(this.appPid, this.pgPort);
    const { rows } = await this.client.query<{ pid: number; client_port: number | null }>(
      "SELECT pid, client_port FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
    );
    for (const { pid, client_port } of rows) {
      if (client_port === null || !ports.has(client_port)) continue;
      const cpu = cpuMsOf(pid);
      if (cpu === null) continue;
      const known = this.backends.get(pid);
      if (known) known.last = cpu;
      else this.backends.set(pid, { first: atStart ? cpu : 0, last: cpu });
    }
  }

  /** While the run goes on (one sample at a time). */
  sample(): void {
    this.sampling ??= this.backendCpu(false)
      .catch(() => undefined)
      .finally(() => {
        this.sampling = null;
      });
  }

  async start(): Promise<void> {
    await settle();
    this.backends.clear();
    this.nodeStart = cpuMsOf(this.appPid);
    this.statementsStart = this.statements();
    await this.backendCpu(true).catch(() => undefined);
    this.machineStart = machineBusyMs();
    this.benchStart = process.cpuUsage();
    this.wallStart = performance.now();
  }

  async stop(): Promise<Costs> {
    await this.sampling;
    await settle();
    const machineEnd = machineBusyMs();
    const bench = process.cpuUsage(this.benchStart);
    const wallMs = performance.now() - this.wallStart;
    const nodeEnd = cpuMsOf(this.appPid);
    const statementsEnd = this.statements();
    const reachable =
      this.client !== null &&
      (await this.backendCpu(false).then(
        () => true,
        () => false,
      ));
    let pgCpu = 0;
    for (const b of this.backends.values()) pgCpu += b.last - b.first;
    const nodeCpuMs = this.nodeStart !== null && nodeEnd !== null ? nodeEnd - this.nodeStart : null;
    const pgCpuMs = reachable && this.backends.size > 0 ? pgCpu : null;
    const otherMs =
      this.machineStart !== null && machineEnd !== null
        ? machineEnd - this.machineStart - (nodeCpuMs ?? 0) - (pgCpuMs ?? 0) - (bench.user + bench.system) / 1000
        : null;
    return {
      nodeCpuMs,
      pgCpuMs,
      otherCores: otherMs === null ? null : Math.max(0, otherMs) / wallMs,
      statements: this.statementsStart !== null && statementsEnd !== null ? statementsEnd - this.statementsStart : null,
      backends: this.backends.size,
    };
  }
}

/** Long enough for the app's statement count (written every 100 ms) to catch up. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function run(
  scenario: Scenario,
  users: User[],
  warmupSeconds: number,
  seconds: number,
  appPid: number | null,
  meter: CostMeter,
): Promise<Outcome> {
  const outcome: Outcome = {
    latencies: [],
    bytes: 0,
    costs: { nodeCpuMs: null, pgCpuMs: null, statements: null, backends: 0, otherCores: null },
    errors: 0,
    errorSamples: [],
    requests: 0,
    seconds,
    rssPeakMb: null,
    loadStart: 0,
    loadEnd: 0,
    loadMax: 0,
  };
  let counter = 0;
  const loop = async (user: User, until: number, record: boolean) => {
    while (performance.now() < until && counter < MAX_REQUESTS_PER_SCENARIO) {
      const n = counter++;
      const started = performance.now();
      let problem: string | null = null;
      try {
        const response = await scenario.request(user, n);
        const body = await response.text();
        if (record) outcome.bytes += Buffer.byteLength(body);
        if (response.status !== scenario.expected) {
          const where = response.headers.get("location");
          problem = `${response.status}${where ? ` → ${where}` : ""}: ${body.replace(/\s+/g, " ").slice(0, 300)}`;
        } else if (scenario.check) {
          const wrong = scenario.check(body, user);
          if (wrong) problem = `${response.status} but ${wrong}: ${body.replace(/\s+/g, " ").slice(0, 200)}`;
        }
      } catch (error) {
        problem = `request failed: ${error instanceof Error ? `${error.message}${error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : ""}` : String(error)}`;
      }
      if (!record) continue;
      outcome.requests++;
      outcome.latencies.push(performance.now() - started);
      if (problem) {
        outcome.errors++;
        if (outcome.errorSamples.length < 3) outcome.errorSamples.push(`${user.email}: ${problem}`);
      }
    }
  };
  if (warmupSeconds > 0) {
    const until = performance.now() + warmupSeconds * 1000;
    await Promise.all(users.map((u) => loop(u, until, false)));
  }
  counter = 0;
  await meter.start();
  // Memory, load and the database's backends, sampled while measuring.
  outcome.loadStart = loadavg()[0]!;
  outcome.loadMax = outcome.loadStart;
  const sample = () => {
    const mem = memoryOf(appPid);
    if (mem && !Number.isNaN(mem.rssMb)) outcome.rssPeakMb = Math.max(outcome.rssPeakMb ?? 0, mem.rssMb);
    outcome.loadMax = Math.max(outcome.loadMax, loadavg()[0]!);
    meter.sample();
  };
  sample();
  const sampler = setInterval(sample, 250);
  const started = performance.now();
  const until = started + seconds * 1000;
  try {
    await Promise.all(users.map((u) => loop(u, until, true)));
  } finally {
    clearInterval(sampler);
  }
  outcome.seconds = (performance.now() - started) / 1000;
  sample();
  outcome.costs = await meter.stop();
  outcome.loadEnd = loadavg()[0]!;
  return outcome;
}

const ms = (v: number | null) => (v === null || Number.isNaN(v) ? "-" : `${v < 10 ? v.toFixed(1) : Math.round(v)}ms`);
const fixed = (v: number | null) => (v === null || Number.isNaN(v) ? "-" : v < 10 ? v.toFixed(1) : String(Math.round(v)));

/** What one request cost, on average over a run: CPU ms, statements, and response KB. */
function perRequest(o: Outcome): { nodeCpuMs: number | null; pgCpuMs: number | null; statements: number | null; kb: number | null } {
  const per = (v: number | null) => (v === null || o.requests === 0 ? null : v / o.requests);
  return {
    nodeCpuMs: per(o.costs.nodeCpuMs),
    pgCpuMs: per(o.costs.pgCpuMs),
    statements: per(o.costs.statements),
    kb: per(o.bytes / 1024),
  };
}

// ───────────────────────────── The data ─────────────────────────────

type DataSize = {
  incidents: number;
  people: number;
  places: number;
  cases: number;
  timelineEntries: number;
  kcsatOpenActions: number;
  bigCases: BigCase[];
};
type BigCase = { id: string; reference: string; lead: string; entries: number };

async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function dataSize(): Promise<DataSize | string | null> {
  try {
    return await withDatabase(async (client) => {
      const { rows } = await client.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM "Incident") AS incidents, (SELECT count(*) FROM "Person") AS people, (SELECT count(*) FROM "Location") AS places,
                (SELECT count(*) FROM "Case") AS cases, (SELECT count(*) FROM "TimelineEntry") AS "timelineEntries",
                (SELECT count(*) FROM "CaseAction" a JOIN "Organisation" o ON o.id = a."assignedOrganisationId"
                  WHERE o."shortName" = 'KCSAT' AND a.status IN ('OPEN', 'IN_PROGRESS')) AS "kcsatOpenActions"`,
      );
      const r = rows[0]!;
      const big = await client.query<{ id: string; reference: string; lead: string; entries: string }>(
        `SELECT c.id, c.reference, o."shortName" AS lead, (SELECT count(*) FROM "TimelineEntry" t WHERE t."caseId" = c.id) AS entries
         FROM "Setting" s CROSS JOIN jsonb_array_elements(s.value->'cases') AS e JOIN "Case" c ON c.id = (e->>'id')::uuid
         JOIN "Organisation" o ON o.id = c."leadOrganisationId"
         WHERE s.key = 'largeSeedBigCases' ORDER BY c.reference`,
      );
      return {
        incidents: Number(r.incidents),
        people: Number(r.people),
        places: Number(r.places),
        cases: Number(r.cases),
        timelineEntries: Number(r.timelineEntries),
        kcsatOpenActions: Number(r.kcsatOpenActions),
        bigCases: big.rows.map((b) => ({ id: b.id, reference: b.reference, lead: b.lead, entries: Number(b.entries) })),
      };
    });
  } catch (error) {
    return `(could not count: ${error instanceof Error ? error.message : String(error)})`;
  }
}

function describeData(d: DataSize): string {
  const f = (v: number) => v.toLocaleString("en-GB");
  const big = d.bigCases.length
    ? `; big cases ${d.bigCases.map((b) => `${b.reference} (${b.lead}, ${f(b.entries)} entries)`).join(", ")}`
    : "; no big cases (run `npm run db:seed:large`)";
  return `${f(d.incidents)} incidents, ${f(d.people)} people, ${f(d.places)} places, ${f(d.cases)} cases, ${f(d.timelineEntries)} timeline entries, ${f(d.kcsatOpenActions)} open KCSAT actions${big}`;
}

function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function errorText(error: unknown): string {
  return error instanceof Error
    ? `${error.message}${error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : ""}`
    : String(error);
}

/** Gives each user the first big case (from their own starting point) that answers 200 for them. */
async function assignCases(base: string, users: User[], candidates: { id: string; reference?: string }[]): Promise<string[]> {
  const problems: string[] = [];
  for (const [u, user] of users.entries()) {
    const tried: string[] = [];
    for (let k = 0; k < candidates.length && !user.caseId; k++) {
      const c = candidates[(u + k) % candidates.length]!;
      const response = await fetch(`${base}/cases/${c.id}`, {
        headers: { cookie: user.cookie, accept: "text/html" },
        redirect: "manual",
        signal: AbortSignal.timeout(60_000),
      });
      const body = await response.text();
      if (response.status === 200) {
        user.caseId = c.id;
        user.caseReference = c.reference ?? /CASE-\d{4}-\d{6}/.exec(body)?.[0];
      } else {
        tried.push(
          `${c.reference ?? c.id} → ${response.status}${response.status >= 500 ? `: ${body.replace(/\s+/g, " ").slice(0, 300)}` : ""}`,
        );
      }
    }
    if (!user.caseId) problems.push(`${user.email} can open none of the big cases (${tried.join("; ")})`);
  }
  return problems;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scenario: { type: "string", multiple: true },
      users: { type: "string" },
      json: { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(
      "Usage: npm run bench [-- --scenario list|search|create|case|dashboard ... (also a-e)] [--users 1,2,4,8] [--json results.json]\n" +
        "Settings: BENCH_URL, BENCH_USERS, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_ACCOUNTS, BENCH_DASHBOARD_ACCOUNTS, BENCH_CASE_IDS, BENCH_APP_PID, DATABASE_URL.",
    );
    return 0;
  }
  const base = (process.env.BENCH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const baseUrl = new URL(base);
  if (!isLoopback(baseUrl) && process.env.BENCH_ALLOW_REMOTE !== "1") {
    console.error(`Refusing to load-test ${base}: it is not this machine. Set BENCH_ALLOW_REMOTE=1 if you really mean it.`);
    return 2;
  }
  const usersText = values.users ?? process.env.BENCH_USERS ?? "8";
  const levels = usersText
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean)
    .map(Number);
  if (levels.length === 0 || levels.some((n) => !Number.isInteger(n) || n <= 0)) {
    console.error(`BENCH_USERS (or --users) must be a whole number or a list of them (1,2,4,8), not "${usersText}".`);
    return 2;
  }
  const seconds = envNumber("BENCH_SECONDS", 20);
  const warmup = process.env.BENCH_WARMUP_SECONDS === "0" ? 0 : envNumber("BENCH_WARMUP_SECONDS", 3);
  const aliases: Record<string, ScenarioKey> = {
    a: "list",
    b: "search",
    c: "create",
    d: "case",
    e: "dashboard",
    list: "list",
    search: "search",
    create: "create",
    case: "case",
    dashboard: "dashboard",
  };
  const wanted = (values.scenario ?? [])
    .flatMap((s) => s.split(","))
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = wanted.filter((s) => !aliases[s]);
  if (unknown.length) {
    console.error(`Unknown scenario ${unknown.join(", ")}: use list, search, create, case or dashboard (or a to e).`);
    return 2;
  }
  const all = scenarios(base);
  const chosen = wanted.length ? all.filter((s) => wanted.some((w) => aliases[w] === s.key)) : all;
  const emails = (name: string, fallback: string[]) =>
    (process.env[name] ?? fallback.join(","))
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  const accounts = {
    general: emails("BENCH_ACCOUNTS", DEFAULT_ACCOUNTS),
    dashboard: emails("BENCH_DASHBOARD_ACCOUNTS", DASHBOARD_ACCOUNTS),
  };
  const maxUsers = Math.max(...levels);

  const appPid = process.env.BENCH_APP_PID
    ? Number(process.env.BENCH_APP_PID)
    : listenerPid(Number(baseUrl.port || (baseUrl.protocol === "https:" ? 443 : 80)));
  const startedAt = new Date();
  console.log(
    `Benchmark of ${base} at ${startedAt.toISOString()}: ${levels.join(", ")} users, ${seconds}s per scenario after ${warmup}s warm-up.`,
  );
  console.log(
    `Machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}.`,
  );
  console.log(
    appPid
      ? `App process: ${appPid} (${processName(appPid)}), RSS ${memoryOf(appPid)?.rssMb.toFixed(0) ?? "?"} MB.`
      : "App process: not found (memory not reported; set BENCH_APP_PID).",
  );
  const before = await dataSize();
  if (before) console.log(`Data: ${typeof before === "string" ? before : describeData(before)}.`);

  // Sign in once per user, one after another, stopping at the first failure (account lock-out).
  const pools: Record<Scenario["pool"], User[]> = { general: [], dashboard: [] };
  const signInStarted = performance.now();
  try {
    for (const pool of ["general", "dashboard"] as const) {
      if (!chosen.some((s) => s.pool === pool)) continue;
      const list = accounts[pool];
      for (let i = 0; i < maxUsers; i++) pools[pool].push(await signIn(base, list[i % list.length]!));
    }
  } catch (error) {
    console.error(`Sign-in failed: ${errorText(error)}`);
    return 1;
  }
  const signedIn = [...pools.general, ...pools.dashboard];
  console.log(
    `Signed in ${signedIn.length} users (${new Set(signedIn.map((u) => u.email)).size} accounts) in ${((performance.now() - signInStarted) / 1000).toFixed(1)}s.`,
  );

  // The case page needs a big case each user may open.
  let runnable = chosen;
  if (chosen.some((s) => s.key === "case")) {
    const fromEnv = (process.env.BENCH_CASE_IDS ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((id) => ({ id }));
    const candidates = fromEnv.length ? fromEnv : typeof before === "object" && before ? before.bigCases : [];
    const problems = candidates.length
      ? await assignCases(base, pools.general.slice(0, maxUsers), candidates)
      : ["no big case to open: load them with `npm run db:seed:large` (with DATABASE_URL set here), or set BENCH_CASE_IDS"];
    if (problems.length) {
      console.error(`Scenario (d) not run:\n  ${problems.join("\n  ")}`);
      runnable = chosen.filter((s) => s.key !== "case");
    } else {
      const counts = new Map<string, number>();
      for (const u of pools.general) counts.set(u.caseReference ?? u.caseId!, (counts.get(u.caseReference ?? u.caseId!) ?? 0) + 1);
      console.log(`Case page users: ${[...counts].map(([ref, n]) => `${ref} × ${n}`).join(", ")}.`);
    }
  }
  // What each request costs: the app's CPU, its backends' CPU (through our own connection) and statements.
  const pgUrl = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL) : null;
  const costClient = pgUrl ? new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5_000 }) : null;
  if (costClient) {
    costClient.on("error", () => {});
    await costClient.connect();
  }
  const countFile = process.env.BENCH_STATEMENT_COUNT_FILE ?? (appPid ? environmentOf(appPid, "DATABASE_STATEMENT_COUNT_FILE") : null);
  const statementFile = countFile && appPid ? `${countFile}.${appPid}` : null;
  const meter = new CostMeter(appPid, costClient, Number(pgUrl?.port || 5432), statementFile);
  console.log(
    `Per request: Node CPU from /proc/${appPid ?? "?"}/stat; PostgreSQL CPU ${costClient ? "from /proc of the backends serving the app (pg_stat_activity client ports)" : "not measured (set DATABASE_URL)"}; statements ${statementFile ? `from ${statementFile}` : "not counted (start the app with DATABASE_STATEMENT_COUNT_FILE set)"}.`,
  );
  // Busy: during a run, other work (not the app, its backends or this benchmark) keeping more than
  // a quarter of a core busy. (The load average cannot tell: four users on two cores lift it
  // above 2 by themselves, and the last run's load lingers in it.)
  const BUSY_OTHER_CORES = 0.25;
  const busy = (o: Outcome) => (o.costs.otherCores ?? 0) > BUSY_OTHER_CORES;
  const other = (o: Outcome) => (o.costs.otherCores === null ? "-" : `${o.costs.otherCores.toFixed(2)}${busy(o) ? "!" : ""}`);
  console.log("");

  type Row = { scenario: Scenario; users: number; outcome: Outcome; p50: number; p95: number; p99: number; max: number; met: boolean };
  const rows: Row[] = [];
  const header = `${"scenario".padEnd(44)} ${"users".padStart(5)} ${"requests".padStart(8)} ${"errors".padStart(6)} ${"req/s".padStart(7)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)} ${"max".padStart(7)} ${"node/r".padStart(7)} ${"pg/r".padStart(7)} ${"stmt/r".padStart(6)} ${"KB/r".padStart(7)} ${"RSS MB".padStart(7)} ${"load".padStart(5)} ${"other".padStart(6)}  target`;
  console.log(header);
  console.log("-".repeat(header.length + 14));
  let failed = chosen.length !== runnable.length;
  const samples: string[] = [];
  for (const n of levels) {
    for (const scenario of runnable) {
      const outcome = await run(scenario, pools[scenario.pool].slice(0, n), warmup, seconds, appPid, meter);
      const sorted = [...outcome.latencies].sort((a, b) => a - b);
      const row: Row = {
        scenario,
        users: n,
        outcome,
        p50: percentile(sorted, 0.5),
        p95: percentile(sorted, 0.95),
        p99: percentile(sorted, 0.99),
        max: sorted.at(-1) ?? NaN,
        met: outcome.requests > 0 && outcome.errors === 0 && percentile(sorted, 0.95) < scenario.targetP95Ms,
      };
      rows.push(row);
      console.log(line(row));
      if (outcome.errors > 0) {
        failed = true;
        samples.push(
          `${scenario.label}, ${n} users: ${outcome.errors} errors; first ${outcome.errorSamples.length}:`,
          ...outcome.errorSamples.map((s) => `  ${s}`),
        );
      }
    }
  }
  function line(r: Row): string {
    const o = r.outcome;
    return (
      `${r.scenario.label.padEnd(44)} ${String(r.users).padStart(5)} ${String(o.requests).padStart(8)} ${String(o.errors).padStart(6)} ${(o.requests / o.seconds).toFixed(1).padStart(7)} ` +
      `${ms(r.p50).padStart(7)} ${ms(r.p95).padStart(7)} ${ms(r.p99).padStart(7)} ${ms(r.max).padStart(7)} ` +
      `${ms(perRequest(o).nodeCpuMs).padStart(7)} ${ms(perRequest(o).pgCpuMs).padStart(7)} ${fixed(perRequest(o).statements).padStart(6)} ${fixed(perRequest(o).kb).padStart(7)} ` +
      `${(o.rssPeakMb === null ? "-" : o.rssPeakMb.toFixed(0)).padStart(7)} ${o.loadMax.toFixed(1).padStart(5)} ${other(o).padStart(6)}  ` +
      `p95 < ${r.scenario.targetP95Ms}ms ${r.met ? "met" : o.errors > 0 ? "MISSED (errors)" : "MISSED"}`
    );
  }
  if (samples.length) console.log(`\nErrors\n${samples.join("\n")}`);
  await costClient?.end().catch(() => {});

  const after = chosen.some((s) => s.key === "create") ? await dataSize() : null;
  const added = typeof before === "object" && before && typeof after === "object" && after ? after.incidents - before.incidents : null;
  const memory = memoryOf(appPid);

  // The summary: one compact row per scenario and concurrency.
  console.log(`\nSummary (${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC, ${seconds}s each, ${cpus().length} CPUs)`);
  const cols = [
    "scenario",
    "users",
    "requests",
    "p50",
    "p95",
    "p99",
    "req/s",
    "errors",
    "Node CPU/req",
    "PG CPU/req",
    "statements/req",
    "KB/req",
    "load",
    "other work (cores)",
    "target",
  ];
  const table = rows.map((r) => [
    r.scenario.key === "list"
      ? "(a) list"
      : r.scenario.key === "search"
        ? "(b) search"
        : r.scenario.key === "create"
          ? "(c) log incident"
          : r.scenario.key === "case"
            ? "(d) case page"
            : "(e) dashboard",
    String(r.users),
    String(r.outcome.requests),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    (r.outcome.requests / r.outcome.seconds).toFixed(1),
    String(r.outcome.errors),
    ms(perRequest(r.outcome).nodeCpuMs),
    ms(perRequest(r.outcome).pgCpuMs),
    fixed(perRequest(r.outcome).statements),
    fixed(perRequest(r.outcome).kb),
    `${r.outcome.loadStart.toFixed(1)}–${r.outcome.loadMax.toFixed(1)}`,
    other(r.outcome),
    `< ${r.scenario.targetP95Ms}ms ${r.met ? "yes" : "NO"}`,
  ]);
  const widths = cols.map((c, i) => Math.max(c.length, ...table.map((t) => t[i]!.length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  console.log(fmt(cols));
  console.log(`|${widths.map((w, i) => (i === 0 || i === widths.length - 1 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`);
  for (const t of table) console.log(fmt(t));
  if (rows.some((r) => busy(r.outcome)))
    console.log(
      `WARNING: in the runs marked "!", other work on the machine (not the app, its database backends or this benchmark) kept more than ${BUSY_OTHER_CORES} of a core busy on average: it competed for the ${cpus().length} CPUs, so their latencies and req/s mean little; CPU per request moves far less (shared cores and caches still add up to a fifth).`,
    );
  if (memory) {
    const peak = Math.max(...rows.map((r) => r.outcome.rssPeakMb ?? 0));
    console.log(
      `App memory: peak RSS sampled while measuring ${peak.toFixed(0)} MB; VmHWM (peak since the app started) ${memory.hwmMb.toFixed(0)} MB; now ${memory.rssMb.toFixed(0)} MB.`,
    );
  }
  if (typeof before === "object" && before) console.log(`Data: ${describeData(before)}.`);
  if (added !== null) console.log(`Incidents added by (c): ${added.toLocaleString("en-GB")}.`);

  if (values.json) {
    writeFileSync(
      values.json,
      JSON.stringify(
        {
          startedAt: startedAt.toISOString(),
          base,
          seconds,
          warmup,
          cpus: cpus().length,
          data: before,
          incidentsAdded: added,
          appMemoryMb: memory,
          results: rows.map((r) => ({
            scenario: r.scenario.key,
            label: r.scenario.label,
            users: r.users,
            requests: r.outcome.requests,
            errors: r.outcome.errors,
            reqPerSecond: r.outcome.requests / r.outcome.seconds,
            p50: r.p50,
            p95: r.p95,
            p99: r.p99,
            max: r.max,
            targetP95Ms: r.scenario.targetP95Ms,
            met: r.met,
            rssPeakMb: r.outcome.rssPeakMb,
            ...perRequest(r.outcome),
            backends: r.outcome.costs.backends,
            otherCores: r.outcome.costs.otherCores,
            loadStart: r.outcome.loadStart,
            loadEnd: r.outcome.loadEnd,
            loadMax: r.outcome.loadMax,
            errorSamples: r.outcome.errorSamples,
          })),
        },
        null,
        2,
      ),
    );
    console.log(`Results written to ${values.json}.`);
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
