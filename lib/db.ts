import "server-only";
import { writeFile } from "node:fs/promises";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { isDatabaseUnavailable, markDatabaseAvailable, markDatabaseUnavailable } from "@/lib/database-status";

// The one Prisma client of the app. Only the data layer, lib/*/data.ts or lib/*/data/ (and the
// database tooling), imports it: that is where the access rules live, next to the queries.

/**
 * A database connection that sends its queries one at a time. Inside an interactive transaction
 * every query goes to the transaction's one connection, and Prisma itself starts several at once
 * there: a read that selects two or more relations (a case with its lead organisation, lead
 * officer and shares) loads each relation with its own query, in parallel (prisma/orm#29407).
 * pg@8 queues them and warns "Calling client.query() when the client is already executing a
 * query is deprecated"; pg@9 will refuse them. Waiting for the previous query here keeps pg's
 * order without relying on its queue. Different requests still run in parallel, each on its own
 * pooled connection. Drop this once @prisma/adapter-pg serialises transaction queries itself.
 */
class OneQueryAtATime extends pg.Client {
  #previous: Promise<unknown> = Promise.resolve();

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const send = this.query.bind(this) as (...args: unknown[]) => unknown;
    this.query = ((...args: unknown[]) => {
      statements.sent++;
      // Callback calls (the pool's own pool.query) and cursors hold a pooled connection alone.
      const submittable = typeof (args[0] as { submit?: unknown } | undefined)?.submit === "function";
      if (submittable || args.some((arg) => typeof arg === "function")) return send(...args);
      const result = this.#previous.then(() => send(...args));
      this.#previous = result.catch(() => undefined);
      result.catch(noteIfUnavailable);
      return result;
    }) as pg.Client["query"];
    // An idle connection ended by the server (PostgreSQL stopped or restarted) says so here, often
    // before any request notices: the HTTP layer can then answer "temporarily unavailable" at once.
    this.on("error", noteIfUnavailable);
  }

  // The pool connects with a callback; a refused or timed-out connection is the database away.
  override connect(...args: unknown[]): never {
    const callback = args.at(-1);
    if (typeof callback === "function") {
      args[args.length - 1] = (error: unknown, ...rest: unknown[]) => {
        if (error) noteIfUnavailable(error);
        else markDatabaseAvailable();
        return (callback as (...a: unknown[]) => unknown)(error, ...rest);
      };
    }
    const connecting = (super.connect as (...a: unknown[]) => unknown).apply(this, args);
    if (connecting instanceof Promise) connecting.then(markDatabaseAvailable, noteIfUnavailable);
    return connecting as never;
  }
}

/**
 * Statements this process has sent, for the benchmark's "statements per request" (tests/bench):
 * with DATABASE_STATEMENT_COUNT_FILE set, the count is written to that path plus "." and the
 * process id (the web server and the job worker apart) every 100 ms while it moves. A number and
 * nothing else: no statement text, no parameters.
 */
const statements = ((globalThis as { __statementsSent?: { sent: number } }).__statementsSent ??= { sent: 0 });

function writeStatementCountWhileSet(): void {
  const file = process.env.DATABASE_STATEMENT_COUNT_FILE && `${process.env.DATABASE_STATEMENT_COUNT_FILE}.${process.pid}`;
  if (!file) return;
  let written = -1;
  setInterval(() => {
    if (statements.sent === written) return;
    written = statements.sent;
    writeFile(file, `${written}\n`).catch(() => undefined);
  }, 100).unref();
}

function noteIfUnavailable(error: unknown): void {
  if (isDatabaseUnavailable(error)) markDatabaseUnavailable();
}

/** No single statement of the app runs longer than this: a query that would is ended with an error, not left running. */
const STATEMENT_TIMEOUT_MS = 60_000;

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) {
    throw new Error("DATABASE_URL is not set. Start the app with `npm run serve` (embedded PostgreSQL) or set it.");
  }
  const adapter = new PrismaPg({
    connectionString,
    Client: OneQueryAtATime,
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    // JIT compilation costs more than it saves on our short, index-driven queries: measured at a
    // million incidents, it took 725 ms of a 949 ms visibility query. Parallel workers likewise
    // cost more to start than they save on page-sized queries, and they compete for the same cores
    // as concurrent requests.
    options: `-c jit=off -c max_parallel_workers_per_gather=0 -c statement_timeout=${STATEMENT_TIMEOUT_MS}`,
    // A database that does not answer a connection within this is treated as away (no request
    // waits on a TCP timeout for minutes).
    connectionTimeoutMillis: 5_000,
  });
  writeStatementCountWhileSet();
  return new PrismaClient({ adapter });
}

// Kept on globalThis so that development hot reloads reuse one pool.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function client(): PrismaClient {
  globalForPrisma.prisma ??= createClient();
  return globalForPrisma.prisma;
}

// Connects on first use rather than at import, so `next build` (which imports route modules)
// and tests (which choose DATABASE_URL before the first query) need no database at import time.
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
