import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import path from "node:path";
import { cloneDatabase, createTemplateDatabase, ensureTestServer, type TestDatabase } from "../../prisma/tooling/test-database";
import { repoRoot } from "../../prisma/tooling/engine";
import { TestSmtpServer } from "../support/smtp";
import { CookieJar } from "../support/sign-in-by-form";
export { query } from "../support/pg-query";

// Two production instances of the one build (lib/http/server.ts, as `npm run serve` runs it) on
// one PostgreSQL, two job workers (lib/jobs/main.ts, as `npm run worker` runs it) and a real SMTP
// server, behind HAProxy: round-robin, no sticky sessions, X-Forwarded-For, health checks. Ports:
// SCALE_PORT (default 3170) is the balancer, +1 and +2 the instances, +3 HAProxy's statistics.
// Every process's output goes to test-results/scale/logs/.

export const DEMO_PASSWORD = "Partnership-demo-2026";

const BASE_PORT = Number(process.env.SCALE_PORT ?? 3170);
/** Installed by ensure-haproxy.ts (the npm script runs it first). */
const HAPROXY = process.env.HAPROXY_PATH ?? "/usr/sbin/haproxy";
const LOG_DIR = path.join(repoRoot, "test-results", "scale", "logs");

export type InstanceName = "a" | "b";

export type Instance = {
  name: InstanceName;
  base: string;
  /** SIGKILL to the instance: no shutdown, connections dropped (a crashed host). Resolves once it is dead. */
  kill: () => Promise<void>;
};

export type Cluster = {
  /** The balancer's address: what users and browsers use. */
  balancer: string;
  instances: Record<InstanceName, Instance>;
  database: TestDatabase;
  smtp: TestSmtpServer;
  /** The environment every instance and worker shares (the secrets and keys among it). */
  shared: NodeJS.ProcessEnv;
  /** What HAProxy says of each instance now ("UP", "DOWN", ...). */
  balancerStatus: () => Promise<Record<InstanceName, string>>;
  stop: () => Promise<void>;
};

/** Children we started, each in its own process group, killed whole if the test process dies. */
const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) signalGroup(child, "SIGKILL");
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  mkdirSync(LOG_DIR, { recursive: true });
  const log = openSync(path.join(LOG_DIR, `${name}.log`), "w");
  const child = spawn(command, args, { cwd: repoRoot, env, stdio: ["ignore", log, log], detached: true });
  closeSync(log);
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

async function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  signalGroup(child, "SIGKILL");
  await exited;
}

export function exitOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
}

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`${what}: the process exited (see ${LOG_DIR})`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s (see ${LOG_DIR})`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const healthy = (base: string) => async () => (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) })).status === 200;

function haproxyConfig(balancerPort: number, statsPort: number, a: number, b: number): string {
  return `global
  maxconn 512

defaults
  mode http
  timeout connect 2s
  timeout client 120s
  timeout server 120s
  # Generous: on a busy two-core machine a health check can be slow without the instance being down.
  timeout check 5s
  # The client's address for the app (lib/auth/client-address.ts, TRUST_PROXY=1): appended, so
  # whatever the client sent stays to its left and is not believed.
  option forwardfor
  # A request that cannot reach an instance, or that an instance dropped unanswered, is tried on
  # the other, as a user's retry would be.
  retries 2
  option redispatch 1
  retry-on conn-failure empty-response

frontend service
  bind 127.0.0.1:${balancerPort}
  default_backend instances

backend instances
  balance roundrobin
  option httpchk
  http-check send meth GET uri /api/health ver HTTP/1.1 hdr Host localhost
  http-check expect status 200
  default-server inter 1s fall 3 rise 2
  # Which instance answered: how the tests see round-robin at work.
  http-response set-header X-Served-By %[srv_name]
  server a 127.0.0.1:${a} check
  server b 127.0.0.1:${b} check

listen stats
  bind 127.0.0.1:${statsPort}
  stats enable
  stats uri /stats
`;
}

/** Starts everything; resolves once HAProxy sees both instances healthy. */
export async function startCluster(): Promise<Cluster> {
  // The build the end-to-end step made (npm test builds once); both instances serve it.
  if (!existsSync(path.join(repoRoot, ".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");
  const [balancerPort, portA, portB, statsPort] = [BASE_PORT, BASE_PORT + 1, BASE_PORT + 2, BASE_PORT + 3];
  const balancer = `http://localhost:${balancerPort}`;
  const smtp = await new TestSmtpServer().start();

  const adminUrl = await ensureTestServer();
  await createTemplateDatabase(adminUrl);
  const database = await cloneDatabase(adminUrl, `sp_scale_${balancerPort}`);

  // Set the same on every instance and worker (README, "Running several instances").
  const shared: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DATABASE_OWNER_URL: "",
    NEXTAUTH_URL: balancer,
    APP_URL: balancer,
    NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    AUDIT_CHAIN_KEY: randomBytes(32).toString("base64url"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    TRUST_PROXY: "1",
    SMTP_URL: smtp.url,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  // Migrations and the demo seed, once, by the launcher `npm run serve -- --seed` uses (as the owner).
  const seed = start("seed", process.execPath, ["--import", "tsx", "prisma/tooling/with-database.ts", "--seed", "--command", "true"], {
    ...shared,
    DATABASE_OWNER_URL: database.ownerUrl,
    RUN_WORKER: "false",
  });
  const seeded = await exitOf(seed);
  if (seeded !== 0) throw new Error(`migrating and seeding failed (${seeded}); see ${LOG_DIR}/seed.log`);

  const instance = (name: InstanceName, port: number): { instance: Instance; child: ChildProcess } => {
    const child = start(`instance-${name}`, process.execPath, ["--import", "tsx", "lib/http/server.ts"], {
      ...shared,
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
    });
    return { child, instance: { name, base: `http://127.0.0.1:${port}`, kill: () => killNow(child) } };
  };
  const a = instance("a", portA);
  const b = instance("b", portB);
  const workers = [1, 2].map((n) =>
    start(
      `worker-${n}`,
      process.execPath,
      ["--conditions=react-server", "--max-old-space-size=256", "--import", "tsx", "lib/jobs/main.ts"],
      // Each worker signs its e-mails, so the test can tell who sent what.
      { ...shared, MAIL_FROM: `Safer Partnerships worker ${n} <no-reply@safer-partnerships.invalid>` },
    ),
  );
  await Promise.all([
    waitUntil("instance a answering /api/health", healthy(a.instance.base), 180_000, a.child),
    waitUntil("instance b answering /api/health", healthy(b.instance.base), 180_000, b.child),
  ]);

  const configFile = path.join(LOG_DIR, "haproxy.cfg");
  writeFileSync(configFile, haproxyConfig(balancerPort, statsPort, portA, portB));
  const haproxy = start("haproxy", HAPROXY, ["-db", "-f", configFile], process.env);

  const balancerStatus = async (): Promise<Record<InstanceName, string>> => {
    const csv = await (await fetch(`http://127.0.0.1:${statsPort}/stats;csv`, { signal: AbortSignal.timeout(5_000) })).text();
    const status: Record<string, string> = {};
    const header = csv.split("\n")[0]!.replace(/^# /, "").split(",");
    const statusColumn = header.indexOf("status");
    for (const line of csv.split("\n").slice(1)) {
      const cells = line.split(",");
      if (cells[0] === "instances" && (cells[1] === "a" || cells[1] === "b")) status[cells[1]] = cells[statusColumn]!;
    }
    return status as Record<InstanceName, string>;
  };
  await waitUntil(
    "HAProxy seeing both instances up",
    async () => {
      const status = await balancerStatus();
      return status.a === "UP" && status.b === "UP";
    },
    30_000,
    haproxy,
  );

  return {
    balancer,
    instances: { a: a.instance, b: b.instance },
    database,
    smtp,
    shared,
    balancerStatus,
    stop: async () => {
      await stopChild(haproxy);
      await Promise.all([a.child, b.child, ...workers].map(stopChild));
      await smtp.stop();
    },
  };
}

// ───────────────────────────── HTTP as a browser without JavaScript ─────────────────────────────

export type Answer = { status: number; html: string; location: string | null; servedBy: string | null };

async function answer(response: Response): Promise<Answer> {
  return {
    status: response.status,
    html: await response.text(),
    location: response.headers.get("location"),
    servedBy: response.headers.get("x-served-by"),
  };
}

/** A GET with the jar's cookies; redirects are answers, not followed. */
export async function getPage(url: string, jar: CookieJar, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    headers: { cookie: jar.header(), ...headers },
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  });
  jar.absorb(response);
  return answer(response);
}

const decodeEntities = (value: string) =>
  value.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** Picks a form: by the name of one of its fields, or by its button's words ({ button: "Sign out" }). */
export type FormPick = string | { button: string };

function hiddenFields(html: string, pick: FormPick): [string, string][] {
  const matches = (form: string) =>
    typeof pick === "string" ? form.includes(`name="${pick}"`) : new RegExp(`<button\\b[^>]*>\\s*${pick.button}\\s*</button>`).test(form);
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find(matches);
  if (!form) throw new Error(`no form ${JSON.stringify(pick)} on the page`);
  return [...form.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)].map((m) => {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1] ?? "";
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? "";
    return [decodeEntities(name), decodeEntities(value)];
  });
}

/**
 * Sends a form of a page one address rendered to another address, as a browser without
 * JavaScript sends it (multipart, the server action's hidden fields included).
 */
export async function sendForm(
  rendered: Answer,
  pick: FormPick,
  postUrl: string,
  fields: Record<string, string>,
  jar: CookieJar,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const body = new FormData();
  for (const [name, value] of hiddenFields(rendered.html, pick)) if (!(name in fields)) body.append(name, value);
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  const response = await fetch(postUrl, {
    method: "POST",
    body,
    headers: { cookie: jar.header(), origin: new URL(postUrl).origin, ...headers },
    redirect: "manual",
    signal: AbortSignal.timeout(60_000),
  });
  jar.absorb(response);
  return answer(response);
}

export type SignInTry = { jar: CookieJar; page: Answer; sent: Answer };

/** The sign-in form rendered by `renderBase` and sent to `postBase` (the same, or another instance). */
export async function trySignIn(
  renderBase: string,
  postBase: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<SignInTry> {
  const jar = new CookieJar();
  const page = await getPage(`${renderBase}/sign-in`, jar, headers);
  const sent = await sendForm(page, "email", `${postBase}/sign-in`, { email, password }, jar, headers);
  return { jar, page, sent };
}

/** The text a user reads: tags dropped, entities of apostrophes decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&#x27;", "'")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ");
}
