// npm run serve | npm run dev | npm run demo — the app with a database, in one command.
//
//   node --import tsx prisma/tooling/with-database.ts [--seed] [--dev] [--command "<cmd>"]
//
// 1. Database: DATABASE_URL (the app's role) and DATABASE_OWNER_URL (the owner role, optional) if
//    set; otherwise an embedded PostgreSQL whose data is kept in .data/postgres between runs (port
//    EMBEDDED_PG_PORT, default 54329), with the roles sp_owner and sp_app (passwords in
//    .data/postgres.<role>.password) and the application database safer_partnerships, owned by
//    sp_owner, created if missing.
// 2. Migrations: the same script as `npm run db:migrate`, as the owner role; it then gives the
//    app's role its privileges (read and append only on the audit trail and case timelines).
//    Embedded only: an audit trail written before the chain was keyed is re-sealed once.
// 3. --seed: prisma/seed.ts (idempotent), if it exists, as the owner role.
// 4. The app: lib/http/server.ts (Next.js in production mode, or development with --dev) on PORT
//    (default 3000), as the app's role: it is never given the owner's URL. --command runs
//    something else in its place with the same environment (e.g. --command "sleep 1000" to try
//    the database part alone).
// AUDIT_CHAIN_KEY and NEXTAUTH_SECRET, when unset, are generated once into .data/.
// Ctrl-C or SIGTERM stops the app first, then the embedded database (fast shutdown). If the app
// exits on its own, the database is stopped too and the app's exit code is ours.

import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { auditChainKey } from "../../lib/audit/chain";
import { resealUnkeyedTrail } from "./audit-trail";
import { ensureLoginRole, handDatabaseToOwner } from "./database-roles";
import { repoRoot } from "./engine";
import { EmbeddedPostgresUnavailable, startEmbeddedServer, type EmbeddedServer } from "./embedded-server";
import { startMailCatcher, type MailCatcher } from "./mail-catcher";
import { createDatabaseIfMissing, databaseUrl as onDatabase, redactUrl, roleUrl, withClient } from "./postgres-admin";

const APP_DATABASE = "safer_partnerships";
const OWNER_ROLE = "sp_owner";
const APP_ROLE = "sp_app";
const dataRoot = path.join(repoRoot, ".data");

const args = process.argv.slice(2);
const seed = args.includes("--seed");
const dev = args.includes("--dev");
const commandIndex = args.indexOf("--command");
const standInCommand = commandIndex === -1 ? undefined : args[commandIndex + 1];
if (commandIndex !== -1 && !standInCommand) fatal('--command needs a command line, e.g. --command "sleep 1000"');

const port = Number(process.env.PORT ?? 3000);
// If our output goes to a pipe whose reader has gone (npm killed, `| tee` stopped), a failed
// write must not crash us before the database is stopped.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});
const say = (message: string) => console.log(`[with-database] ${message}`);

// ───────────────────────────── Shutdown ─────────────────────────────

let server: EmbeddedServer | undefined;
let current: ChildProcess | undefined; // the child running now: migrate, seed or the app
let app: ChildProcess | undefined; // the app runs in its own process group (see main)
let stopRequested: NodeJS.Signals | undefined;
let killTimer: NodeJS.Timeout | undefined;
let stoppingDatabase = false;
let databaseDied = false;
let worker: ChildProcess | undefined; // the job worker beside the app (lib/jobs/main.ts)
let mailCatcher: MailCatcher | undefined;

function onSignal(signal: NodeJS.Signals): void {
  if (stopRequested) {
    // A second Ctrl-C: stop waiting for the app.
    say(`${signal} again: killing the app.`);
    if (current) signalChild(current, "SIGKILL");
    return;
  }
  say(`${signal} received: stopping${current ? " the app" : ""}...`);
  requestStop(signal);
}

/** Stops the running child with `signal`; the step awaiting it then shuts everything down. */
function requestStop(signal: NodeJS.Signals): void {
  stopRequested = signal;
  if (current && current.exitCode === null && current.signalCode === null) {
    signalChild(current, signal);
    killTimer = setTimeout(() => {
      say("The app did not stop within 20 s: killing it.");
      if (current) signalChild(current, "SIGKILL");
    }, 20_000);
  }
}

/** The app gets the signal in its whole process group (next start/dev run a next-server child). */
function signalChild(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child === app && child.pid) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, onSignal);

// `npm run serve` starts us through `sh -c`; a SIGTERM sent to npm (docker stop, a process
// manager) ends npm and that shell but never reaches us. When the npm script that started us is
// gone, shut down as if it had passed the signal on.
if (process.env.npm_lifecycle_event) {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && !stopRequested) {
      say("The npm process that started this has gone: stopping.");
      requestStop("SIGTERM");
    }
  }, 500).unref();
}

async function stopDatabaseAndExit(code: number): Promise<never> {
  clearTimeout(killTimer);
  await stopWorker();
  await mailCatcher?.stop().catch(() => undefined);
  stoppingDatabase = true;
  if (server) {
    say("Stopping the embedded PostgreSQL...");
    await server.stop();
    say("Embedded PostgreSQL stopped.");
  }
  process.exit(code);
}

function fatal(message: string): never {
  console.error(`[with-database] ${message}`);
  process.exit(1);
}

/** Runs a child to completion; its exit code, or 128 + signal number if it was killed. */
function runChild(command: string, commandArgs: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: repoRoot, env, stdio: "inherit" });
    current = child;
    child.once("error", (error) => {
      console.error(`[with-database] Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.once("exit", (code, signal) => {
      if (current === child) current = undefined;
      resolve(code ?? 128 + (signal ? (osSignalNumber(signal) ?? 1) : 1));
    });
  });
}

function osSignalNumber(signal: NodeJS.Signals): number | undefined {
  return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 }[signal as string];
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * After the app's main process has exited, its children (next-server) may still be shutting
 * down; give them 10 s, then kill what is left, so that nothing uses the database we stop next.
 */
async function reapGroup(child: ChildProcess): Promise<void> {
  if (!child.pid) return;
  const deadline = Date.now() + 10_000;
  if (groupAlive(child.pid) && !stopRequested) signalChild(child, "SIGTERM");
  while (groupAlive(child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(child.pid)) signalChild(child, "SIGKILL");
}

/** Stop here if a signal arrived while a step was running. */
async function checkStop(): Promise<void> {
  if (stopRequested) await stopDatabaseAndExit(databaseDied ? 1 : 0);
}

// ───────────────────────────── Steps ─────────────────────────────

/** A secret kept in .data/<file>: read if there, else generated (random, base64url) and saved. */
async function dataSecret(file: string, bytes: number, onCreate?: () => void): Promise<string> {
  const filePath = path.join(dataRoot, file);
  if (existsSync(filePath)) {
    const saved = (await readFile(filePath, "utf8")).trim();
    if (saved) return saved;
  }
  await mkdir(dataRoot, { recursive: true });
  const secret = randomBytes(bytes).toString("base64url");
  await writeFile(filePath, `${secret}\n`, { mode: 0o600 });
  onCreate?.();
  return secret;
}

async function nextAuthSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  return dataSecret("nextauth-secret", 32, () =>
    say(
      "NEXTAUTH_SECRET is not set: generated one in .data/nextauth-secret (kept so sessions survive restarts). " +
        "Production must set NEXTAUTH_SECRET itself.",
    ),
  );
}

async function auditKey(): Promise<string> {
  if (process.env.AUDIT_CHAIN_KEY) return process.env.AUDIT_CHAIN_KEY;
  // Throws, saying what to set: a key generated into a server's .data could be lost with it, and
  // the trail could then no longer be checked.
  if (process.env.NODE_ENV === "production") auditChainKey(process.env);
  return dataSecret("audit-chain-key", 32, () =>
    say(
      "AUDIT_CHAIN_KEY is not set: generated one in .data/audit-chain-key (keep it: the audit trail can only be checked with it). " +
        "Production must set AUDIT_CHAIN_KEY itself, outside the database.",
    ),
  );
}

type Connections = { appUrl: string; ownerUrl?: string };

/** Without the embedded PostgreSQL (another platform, or left out of the install): what to do instead. */
function withoutEmbeddedDatabase(reason: string): string {
  const command = dev ? "npm run dev" : seed ? "npm run serve -- --seed" : "npm run serve";
  return (
    `DATABASE_URL is not set, so this would start the embedded PostgreSQL, but ${reason}\n` +
    "Use a PostgreSQL server of your own instead (15 or later): create an empty database and point DATABASE_URL at it,\n" +
    "which is migrated on start, e.g.\n" +
    "    createdb safer_partnerships\n" +
    `    DATABASE_URL=postgresql://localhost:5432/safer_partnerships ${command}\n` +
    "(README.md, Configuration: DATABASE_OWNER_URL, to keep the audit trail out of the app's reach.)"
  );
}

/**
 * The embedded database and its two roles. A database made before the roles existed (its tables
 * owned by the superuser) is handed to the owner role first.
 */
async function embeddedDatabase(superuserUrl: string): Promise<Connections> {
  const ownerPassword = await dataSecret(`postgres.${OWNER_ROLE}.password`, 18);
  const appPassword = await dataSecret(`postgres.${APP_ROLE}.password`, 18);
  await withClient(superuserUrl, async (admin) => {
    await ensureLoginRole(admin, OWNER_ROLE, ownerPassword);
    await ensureLoginRole(admin, APP_ROLE, appPassword);
  });
  if (await createDatabaseIfMissing(superuserUrl, APP_DATABASE, OWNER_ROLE)) say(`Created database ${APP_DATABASE}.`);
  const handed = await handDatabaseToOwner(onDatabase(superuserUrl, APP_DATABASE), OWNER_ROLE);
  if (handed > 0) say(`Handed ${handed} objects of ${APP_DATABASE} made before the roles existed to ${OWNER_ROLE}.`);
  const url = onDatabase(superuserUrl, APP_DATABASE);
  return { appUrl: roleUrl(url, APP_ROLE, appPassword), ownerUrl: roleUrl(url, OWNER_ROLE, ownerPassword) };
}

function portIsFree(target: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(target, () => probe.close(() => resolve(true)));
  });
}

function waitForPort(target: number, child: ChildProcess): Promise<boolean> {
  return new Promise((resolve) => {
    const attempt = () => {
      if (child.exitCode !== null || child.signalCode !== null || stopRequested) return resolve(false);
      const socket = net.connect({ host: "127.0.0.1", port: target });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => {
        socket.destroy();
        setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

/** The job worker as a child process; started again if it dies while the app runs. */
function startWorkerProcess(env: NodeJS.ProcessEnv): void {
  // The heap cap as in `npm run worker` (package.json): an import's garbage is collected before the
  // worker grows past it, so it stays under 300 MB resident (lib/imports/README.md).
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--max-old-space-size=256", "--import", "tsx", path.join("lib", "jobs", "main.ts")],
    {
      cwd: repoRoot,
      env,
      stdio: "inherit",
    },
  );
  worker = child;
  child.once("exit", (code, signal) => {
    if (worker !== child || stopRequested) return;
    say(`The job worker stopped (${signal ?? code}); starting it again in 5 s.`);
    setTimeout(() => {
      if (!stopRequested) startWorkerProcess(env);
    }, 5_000);
  });
}

async function stopWorker(): Promise<void> {
  const child = worker;
  worker = undefined;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<void> {
  let connections: Connections;
  if (process.env.DATABASE_URL) {
    connections = { appUrl: process.env.DATABASE_URL, ownerUrl: process.env.DATABASE_OWNER_URL };
    say(
      `Using DATABASE_URL ${redactUrl(connections.appUrl)}${connections.ownerUrl ? ` (owner: DATABASE_OWNER_URL ${redactUrl(connections.ownerUrl)})` : ""}.`,
    );
  } else {
    const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    try {
      server = await startEmbeddedServer({
        dataDir: path.join(dataRoot, "postgres"),
        port: pgPort,
        log: say,
      });
    } catch (error) {
      if (error instanceof EmbeddedPostgresUnavailable) fatal(withoutEmbeddedDatabase(error.message));
      throw error;
    }
    say(`Embedded PostgreSQL is running on 127.0.0.1:${pgPort} (data in .data/postgres, log in .data/postgres.log).`);
    connections = await embeddedDatabase(server.url());
    // If the database dies under us, stop the app too rather than leave it failing mysteriously.
    void server.exited.then(() => {
      if (stoppingDatabase) return;
      databaseDied = true;
      say("The embedded PostgreSQL exited unexpectedly (see .data/postgres.log); stopping.");
      if (!stopRequested) requestStop("SIGTERM");
    });
  }
  await checkStop();

  const chainKey = await auditKey();
  // The tooling steps (migrate, seed) get the owner's URL; the app never does.
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: connections.appUrl, AUDIT_CHAIN_KEY: chainKey };
  delete baseEnv.DATABASE_OWNER_URL;
  const toolEnv: NodeJS.ProcessEnv = connections.ownerUrl ? { ...baseEnv, DATABASE_OWNER_URL: connections.ownerUrl } : baseEnv;
  say("Applying migrations...");
  const migrated = await runChild(
    process.execPath,
    ["--experimental-wasm-modules", "--import", "tsx", "prisma/tooling/migrate.ts"],
    toolEnv,
  );
  await checkStop();
  if (migrated !== 0) throw new Error("Migrations failed; not starting the app.");

  if (server && connections.ownerUrl) {
    // The demo's own database only: elsewhere a person decides (npm run audit:reseal).
    const resealed = await resealUnkeyedTrail(connections.ownerUrl, auditChainKey({ AUDIT_CHAIN_KEY: chainKey }));
    if (resealed.kind === "resealed") say(`Re-sealed the ${resealed.entries} audit entries written before the chain was keyed.`);
    if (resealed.kind === "refused")
      say(`Warning: the audit trail does not hold at entry ${resealed.brokenAtId} (${resealed.reason}); left as it is.`);
  }

  if (seed) {
    // The demo seed creates accounts that share a published password: never on a live system.
    if (process.env.NODE_ENV === "production" && process.env.ALLOW_DEMO_SEED !== "true") {
      throw new Error("Refusing to load demo data with NODE_ENV=production (set ALLOW_DEMO_SEED=true if this really is a demo).");
    }
    if (existsSync(path.join(repoRoot, "prisma", "seed.ts"))) {
      say("Seeding (prisma/seed.ts)...");
      const seeded = await runChild(process.execPath, ["--import", "tsx", "prisma/seed.ts"], toolEnv);
      await checkStop();
      if (seeded !== 0) throw new Error("Seeding failed; not starting the app.");
    } else {
      say("Warning: --seed given but prisma/seed.ts does not exist yet; skipping the seed.");
    }
  }

  const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const appEnv: NodeJS.ProcessEnv = {
    ...baseEnv,
    PORT: String(port),
    NEXTAUTH_URL: appUrl,
    NEXTAUTH_SECRET: await nextAuthSecret(),
  };

  // E-mail: SMTP_URL if set; otherwise the demo's mail catcher, so nothing is sent anywhere.
  if (!process.env.SMTP_URL) {
    // 1025 and 1080 beside the app on 3000; beside another port, as far from it, so that several
    // instances on one machine (the tests) each have their own.
    mailCatcher = await startMailCatcher({
      dir: process.env.MAIL_CATCHER_DIR || path.join(dataRoot, port === 3000 ? "mail" : `mail-${port}`),
      smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT || port - 1975),
      httpPort: Number(process.env.MAIL_CATCHER_PORT || port - 1920),
    });
    appEnv.SMTP_URL = mailCatcher.smtpUrl;
    say(`SMTP_URL is not set: e-mail goes to the demo mail catcher. Read it at ${mailCatcher.inboxUrl}`);
  }
  appEnv.APP_URL ||= appUrl;
  // The job worker (e-mail, the morning's notifications) beside the app, unless it runs elsewhere.
  if (process.env.RUN_WORKER !== "false") startWorkerProcess(appEnv);

  if (!standInCommand && !(await portIsFree(port))) {
    throw new Error(`Port ${port} is already in use; stop what is using it or set PORT.`);
  }
  await checkStop();
  // Its own process group, signalled as a whole: `next dev` leaves its next-server child behind
  // if only the parent gets a SIGTERM. We pass on Ctrl-C ourselves.
  const appOptions = { cwd: repoRoot, env: appEnv, stdio: "inherit", detached: true } as const;
  if (standInCommand) {
    say(`Running the stand-in command instead of Next.js: ${standInCommand}`);
    app = spawn(standInCommand, { ...appOptions, shell: true });
  } else {
    // lib/http/server.ts: Next.js behind the layer that works out the client's address.
    const serverArgs = ["--import", "tsx", path.join("lib", "http", "server.ts"), ...(dev ? ["--dev"] : [])];
    app = spawn(process.execPath, serverArgs, appOptions);
  }
  current = app;
  const started = app;

  const appExit = new Promise<number>((resolve) => {
    started.once("error", (error) => {
      console.error(`[with-database] Could not start the app: ${error.message}`);
      resolve(127);
    });
    started.once("exit", (code, signal) => resolve(code ?? 128 + (signal ? (osSignalNumber(signal) ?? 1) : 1)));
  });

  void waitForPort(port, started).then((listening) => {
    if (listening) say(`Safer Partnerships is ready at ${appUrl} (Ctrl-C to stop).`);
  });

  const code = await appExit;
  await reapGroup(started);
  current = undefined;
  if (stopRequested) {
    say("The app has stopped.");
    await stopDatabaseAndExit(databaseDied ? 1 : 0);
  }
  say(`The app exited by itself (code ${code}).`);
  await stopDatabaseAndExit(code);
}

main().catch(async (error) => {
  console.error(`[with-database] ${error instanceof Error ? error.message : String(error)}`);
  if (current) signalChild(current, "SIGTERM");
  await stopDatabaseAndExit(1);
});
