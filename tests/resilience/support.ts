import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { startEmbeddedServer, type EmbeddedServer } from "../../prisma/tooling/embedded-server";
import { createDatabaseIfMissing } from "../../prisma/tooling/postgres-admin";
import { repoRoot } from "../../prisma/tooling/engine";
export { query } from "../support/pg-query";

// The resilience tests run the production build against a PostgreSQL of their own, which they
// stop, kill and start again: never the machine's server or the e2e run's. Each test has its own
// cluster (in .data/resilience-<name>) and its own app port.

export const DEMO_PASSWORD = "Partnership-demo-2026";
export const APP_DATABASE = "safer_partnerships";

export type Database = {
  server: EmbeddedServer;
  url: string;
  restart: () => Promise<void>;
  kill: () => Promise<void>;
  stop: () => Promise<void>;
};

/** A fresh cluster for one test; `durable` keeps fsync on, for the crash test. */
export async function startDatabase(name: string, port: number, durable: boolean): Promise<Database> {
  const dataDir = path.join(repoRoot, ".data", `resilience-${name}`);
  await rm(dataDir, { recursive: true, force: true });
  const start = () => startEmbeddedServer({ dataDir, port, durable, log: (m) => console.log(`[${name} db] ${m}`) });
  const db: Database = {
    server: await start(),
    url: "",
    restart: async () => {
      db.server = await start();
    },
    /** SIGKILL to the postmaster: no shutdown, no checkpoint (a crash). */
    kill: async () => {
      const pid = Number((await import("node:fs")).readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      process.kill(pid, "SIGKILL");
      await db.server.exited;
    },
    stop: () => db.server.stop(),
  };
  await createDatabaseIfMissing(db.server.url(), APP_DATABASE);
  db.url = db.server.url(APP_DATABASE);
  return db;
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`the app exited (${child.exitCode}) before listening`));
      if (Date.now() > deadline) return reject(new Error(`the app did not listen on ${port} within ${timeoutMs} ms`));
      const socket = net.connect({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        setTimeout(attempt, 300);
      });
    };
    attempt();
  });
}

/** The production build served on `port` against `databaseUrl`, migrated and seeded with the demo. */
export async function serveApp(port: number, databaseUrl: string): Promise<{ base: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "prisma/tooling/with-database.ts", "--seed"], {
    cwd: repoRoot,
    stdio: ["ignore", "inherit", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_OWNER_URL: "",
      PORT: String(port),
      NEXTAUTH_URL: `http://localhost:${port}`,
      NEXTAUTH_SECRET: "resilience-secret-not-for-production",
      AUDIT_CHAIN_KEY: "resilience-audit-chain-key-not-for-production-0123456789",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  await waitForPort(port, child, 240_000);
  return {
    base: `http://localhost:${port}`,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}
