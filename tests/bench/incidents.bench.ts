import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import pg from "pg";

// Load benchmark of the running app (issue 3, item 6): `npm run bench` (node --import tsx
// tests/bench/incidents.bench.ts). Not part of `npm test`. Start the app first, on the large data
// for meaningful figures:
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sp_large npm run db:seed:large
//   DATABASE_URL=... npm run build && DATABASE_URL=... npm run serve        # another terminal
//   DATABASE_URL=... npm run bench [-- --scenario list|search|create]
//
// N users (each signed in as a demo officer through next-auth's credentials endpoint) run a
// closed loop per scenario: one request, wait for the whole answer, the next request. Prints
// p50/p95/p99 latency, throughput and errors per scenario beside the targets, and the data size
// when DATABASE_URL is set. Exits non-zero if any request failed (a wrong status counts).
//
//   BENCH_URL             the app (default http://localhost:3000; this machine only unless
//                         BENCH_ALLOW_REMOTE=1)
//   BENCH_USERS           concurrent users (default 8)
//   BENCH_SECONDS         measured seconds per scenario (default 20)
//   BENCH_WARMUP_SECONDS  unmeasured seconds first (default 3)
//   BENCH_ACCOUNTS        comma-separated demo e-mails to sign in as (default: officers of
//                         five organisations); BENCH_PASSWORD (default the demo password)
//
// Note: the "create" scenario logs real incidents (described as benchmark records).

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

/** Common surnames as people mistype them: fuzzy search has to find Smith for "smyth". */
const MISSPELT_NAMES = [
  "smyth", "johnsen", "wiliams", "tayler", "brwon", "davis", "willson", "thomsen", "robinsen", "wrigth",
  "walkar", "jacksen", "edwardes", "hughs", "grene", "clerke", "lewes", "morriss", "okafur", "mensa",
  "patell", "kahn", "hussein", "nowack", "yilmas", "kowalsky", "murfy", "campell", "jon smyth", "sara wiliams",
  "mohamed ali", "o'brian", "macdonald", "foster", "evens",
];

type ScenarioKey = "list" | "search" | "create";

type Scenario = {
  key: ScenarioKey;
  label: string;
  targetP95Ms: number;
  expected: number;
  request: (user: User, n: number) => Promise<Response>;
};

type User = { email: string; cookie: string; base: string };

type Outcome = { latencies: number[]; errors: number; errorSamples: string[]; requests: number; seconds: number };

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

class CookieJar {
  private readonly cookies = new Map<string, string>();

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq <= 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      // An expired or emptied cookie is a deletion.
      if (value === "" || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** The app's session cookie: `sp.session`, or `__Secure-sp.session` over HTTPS (maybe chunked: .0, .1). */
  hasSession(): boolean {
    return [...this.cookies.keys()].some((name) => /^(__Secure-)?sp\.session(\.\d+)?$/.test(name));
  }
}

/**
 * next-auth v4's credentials flow, as the sign-in page does it: GET /api/auth/csrf (token in the
 * body, its signed twin in a cookie), then POST the form to /api/auth/callback/credentials with
 * json=true, which answers {url} (200 on success with the session cookie; 401 with ?error=...).
 */
async function signIn(base: string, email: string): Promise<User> {
  const jar = new CookieJar();
  const csrfResponse = await fetch(`${base}/api/auth/csrf`, { headers: { accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
  jar.absorb(csrfResponse);
  if (!csrfResponse.ok) throw new Error(`GET /api/auth/csrf answered ${csrfResponse.status}: ${(await csrfResponse.text()).slice(0, 200)}`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error("GET /api/auth/csrf gave no csrfToken");

  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", cookie: jar.header(), origin: base },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, callbackUrl: `${base}/`, json: "true" }),
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  jar.absorb(response);
  const text = await response.text();
  let url = "";
  try {
    url = String((JSON.parse(text) as { url?: unknown }).url ?? "");
  } catch {
    // not JSON: reported below
  }
  const error = /[?&]error=([^&]+)/.exec(url)?.[1];
  if (!response.ok || error || !jar.hasSession()) {
    throw new Error(
      `sign-in as ${email} failed: ${response.status}${error ? ` (${decodeURIComponent(error)})` : ""}${jar.hasSession() ? "" : ", no session cookie"}. ` +
        `Body: ${text.slice(0, 200)}. Stopped at the first failure so as not to lock the account (10 failures in 15 minutes lock it).`,
    );
  }
  // The session is alive on the server (not just a cookie): next-auth's session endpoint says so.
  const check = await fetch(`${base}/api/auth/session`, { headers: { cookie: jar.header(), accept: "application/json" }, signal: AbortSignal.timeout(30_000) });
  jar.absorb(check);
  const session = (await check.json().catch(() => ({}))) as { expires?: string };
  if (!check.ok || !session.expires) throw new Error(`signed in as ${email}, but /api/auth/session says there is no session (${check.status}).`);
  return { email, cookie: jar.header(), base };
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
      request: (user, n) =>
        fetch(`${base}/api/people/search?q=${encodeURIComponent(MISSPELT_NAMES[n % MISSPELT_NAMES.length]!)}`, {
          headers: { cookie: user.cookie, accept: "application/json" },
          redirect: "manual",
          signal: AbortSignal.timeout(30_000),
        }),
    },
    {
      key: "create",
      label: "(c) log an incident (POST /api/incidents)",
      targetP95Ms: 150,
      expected: 201,
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
  ];
}

const MAX_REQUESTS_PER_SCENARIO = 200_000;

async function run(scenario: Scenario, users: User[], warmupSeconds: number, seconds: number): Promise<Outcome> {
  const outcome: Outcome = { latencies: [], errors: 0, errorSamples: [], requests: 0, seconds };
  let counter = 0;
  const loop = async (user: User, until: number, record: boolean) => {
    while (performance.now() < until && counter < MAX_REQUESTS_PER_SCENARIO) {
      const n = counter++;
      const started = performance.now();
      let problem: string | null = null;
      try {
        const response = await scenario.request(user, n);
        const body = await response.text();
        if (response.status !== scenario.expected) {
          const where = response.headers.get("location");
          problem = `${response.status}${where ? ` → ${where}` : ""}: ${body.replace(/\s+/g, " ").slice(0, 300)}`;
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
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(users.map((u) => loop(u, until, true)));
  outcome.seconds = (performance.now() - started) / 1000;
  return outcome;
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const ms = (v: number) => (Number.isNaN(v) ? "-" : `${v < 10 ? v.toFixed(1) : Math.round(v)}ms`);

async function dataSize(): Promise<string | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return null;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    const { rows } = await client.query<{ incidents: string; people: string; places: string }>(
      `SELECT (SELECT count(*) FROM "Incident") AS incidents, (SELECT count(*) FROM "Person") AS people, (SELECT count(*) FROM "Location") AS places`,
    );
    const r = rows[0]!;
    const f = (v: string) => Number(v).toLocaleString("en-GB");
    return `${f(r.incidents)} incidents, ${f(r.people)} people, ${f(r.places)} places`;
  } catch (error) {
    return `(could not count: ${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => {});
  }
}

function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { scenario: { type: "string", multiple: true }, help: { type: "boolean", default: false } } });
  if (values.help) {
    console.log("Usage: npm run bench [-- --scenario list|search|create ...]  (also a|b|c). Settings: BENCH_URL, BENCH_USERS, BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_ACCOUNTS.");
    return 0;
  }
  const base = (process.env.BENCH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const baseUrl = new URL(base);
  if (!isLoopback(baseUrl) && process.env.BENCH_ALLOW_REMOTE !== "1") {
    console.error(`Refusing to load-test ${base}: it is not this machine. Set BENCH_ALLOW_REMOTE=1 if you really mean it.`);
    return 2;
  }
  const userCount = Math.floor(envNumber("BENCH_USERS", 8));
  const seconds = envNumber("BENCH_SECONDS", 20);
  const warmup = process.env.BENCH_WARMUP_SECONDS === "0" ? 0 : envNumber("BENCH_WARMUP_SECONDS", 3);
  const aliases: Record<string, ScenarioKey> = { a: "list", b: "search", c: "create", list: "list", search: "search", create: "create" };
  const wanted = (values.scenario ?? []).flatMap((s) => s.split(",")).map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter((s) => !aliases[s]);
  if (unknown.length) {
    console.error(`Unknown scenario ${unknown.join(", ")}: use list, search or create (or a, b, c).`);
    return 2;
  }
  const all = scenarios(base);
  const chosen = wanted.length ? all.filter((s) => wanted.some((w) => aliases[w] === s.key)) : all;
  const accounts = (process.env.BENCH_ACCOUNTS ?? DEFAULT_ACCOUNTS.join(",")).split(",").map((s) => s.trim()).filter(Boolean);

  console.log(`Benchmark of ${base}: ${userCount} users, ${seconds}s per scenario after ${warmup}s warm-up.`);
  const before = await dataSize();
  if (before) console.log(`Data: ${before}.`);

  // One sign-in per user, one after another, stopping at the first failure (account lock-out).
  const users: User[] = [];
  const signInStarted = performance.now();
  try {
    for (let i = 0; i < userCount; i++) users.push(await signIn(base, accounts[i % accounts.length]!));
  } catch (error) {
    console.error(`Sign-in failed: ${error instanceof Error ? `${error.message}${error.cause ? ` (${String((error.cause as Error).message ?? error.cause)})` : ""}` : String(error)}`);
    return 1;
  }
  const distinct = new Set(users.map((u) => u.email)).size;
  console.log(`Signed in ${users.length} users (${distinct} accounts) in ${((performance.now() - signInStarted) / 1000).toFixed(1)}s.\n`);

  const header = `${"scenario".padEnd(44)} ${"requests".padStart(8)} ${"errors".padStart(6)} ${"req/s".padStart(7)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)} ${"max".padStart(7)}  target`;
  console.log(header);
  console.log("-".repeat(header.length + 12));
  let failed = false;
  const samples: string[] = [];
  for (const scenario of chosen) {
    const outcome = await run(scenario, users, warmup, seconds);
    const sorted = [...outcome.latencies].sort((a, b) => a - b);
    const p95 = percentile(sorted, 0.95);
    const met = outcome.requests > 0 && p95 < scenario.targetP95Ms;
    console.log(
      `${scenario.label.padEnd(44)} ${String(outcome.requests).padStart(8)} ${String(outcome.errors).padStart(6)} ${(outcome.requests / outcome.seconds).toFixed(1).padStart(7)} ` +
        `${ms(percentile(sorted, 0.5)).padStart(7)} ${ms(p95).padStart(7)} ${ms(percentile(sorted, 0.99)).padStart(7)} ${ms(sorted.at(-1) ?? NaN).padStart(7)}  ` +
        `p95 < ${scenario.targetP95Ms}ms ${met ? "met" : "MISSED"}`,
    );
    if (outcome.errors > 0) {
      failed = true;
      samples.push(`${scenario.label}: ${outcome.errors} errors; first ${outcome.errorSamples.length}:`, ...outcome.errorSamples.map((s) => `  ${s}`));
    }
  }
  if (samples.length) console.log(`\nErrors\n${samples.join("\n")}`);
  const after = chosen.some((s) => s.key === "create") ? await dataSize() : null;
  if (after) console.log(`\nData after the run: ${after}.`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
