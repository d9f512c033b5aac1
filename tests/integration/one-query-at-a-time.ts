import { afterAll, afterEach } from "vitest";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

// Inside an interactive transaction (`db.$transaction(async (tx) => …)`) every query goes to the
// transaction's one pg connection, so nothing there runs in parallel. Two things are checked, and
// any test whose code broke either fails, saying what overlapped:
//
// 1. The code starts one operation on `tx` at a time. A Promise.all over `tx` queries (or over
//    helpers given `tx`) only queues them, in an order nobody chose, and hides from the reader
//    that they share one connection. Written out one after another, the order is the code's.
//
// 2. No pg connection is asked for a query while it is still running one. pg@8 queues such a
//    query and warns "Calling client.query() when the client is already executing a query is
//    deprecated"; pg@9 will refuse it. Prisma itself does this inside a transaction when one
//    read selects two or more relations; lib/db.ts makes each connection wait for its previous
//    query, and this check fails if anything gets past that. (pg's own warning comes only from
//    the third query at once, and only once per process, so it is listened for as well but not
//    relied on.)

const OVERLAP_WARNING = "already executing a query";
const STATE = Symbol.for("safer-partnerships.one-query-at-a-time");

const found: string[] = [];

/** What was found since the last call, for the guard's own tests (tests/integration/one-query-at-a-time.test.ts). */
export function takeOverlaps(): string[] {
  return found.splice(0);
}

// ── 1. One operation at a time on a transaction ──

type Running = { operations: string[] };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * Prisma's operations are lazy: one starts when something awaits it (calls `then`). The proxy
 * notes when that happens and when it settles.
 */
function watchOperation(operation: PromiseLike<unknown>, name: string, running: Running): PromiseLike<unknown> {
  let started: Promise<unknown> | undefined;
  const start = () => {
    if (!started) {
      if (running.operations.length > 0) {
        found.push(`Transaction: ${name} was started while the same transaction was still running ${running.operations.join(", ")}`);
      }
      running.operations.push(name);
      const end = () => void running.operations.splice(running.operations.indexOf(name), 1);
      started = Promise.resolve(
        operation.then(
          (value) => (end(), value),
          (error: unknown) => {
            end();
            throw error;
          },
        ),
      );
    }
    return started;
  };
  return new Proxy(operation, {
    get(target, property) {
      if (property === "then")
        return (onValue?: (v: unknown) => unknown, onError?: (e: unknown) => unknown) => start().then(onValue, onError);
      if (property === "catch") return (onError?: (e: unknown) => unknown) => start().catch(onError);
      if (property === "finally") return (onFinally?: () => void) => start().finally(onFinally);
      return Reflect.get(target, property, target);
    },
  });
}

function watchCalls<T extends object>(target: T, prefix: string, running: Running, models: boolean): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof property === "symbol") return value;
      const name = `${prefix}.${property}`;
      if (typeof value === "function") {
        return (...args: unknown[]) => {
          const result: unknown = Reflect.apply(value, object, args);
          return isThenable(result) ? watchOperation(result, `${name}()`, running) : result;
        };
      }
      // tx.<model> is an object of operations (findMany, create, …).
      if (models && value !== null && typeof value === "object" && !property.startsWith("$") && !property.startsWith("_")) {
        return watchCalls(value, name, running, false);
      }
      return value;
    },
  });
}

function installTransactionWatch(): void {
  const prototype = PrismaClient.prototype as unknown as { $transaction: (...args: unknown[]) => unknown; [STATE]?: true };
  if (prototype[STATE]) return;
  prototype[STATE] = true;
  const transaction = prototype.$transaction;
  prototype.$transaction = function (this: unknown, input: unknown, ...rest: unknown[]) {
    if (typeof input !== "function") return Reflect.apply(transaction, this, [input, ...rest]);
    const work = (tx: object) => input(watchCalls(tx, "tx", { operations: [] }, true));
    return Reflect.apply(transaction, this, [work, ...rest]);
  };
}

// ── 2. One query at a time on a pg connection ──

const sqlOf = (args: unknown[]): string => {
  const first = args[0];
  const text = typeof first === "string" ? first : ((first as { text?: unknown } | undefined)?.text ?? "");
  return String(text).replace(/\s+/g, " ").slice(0, 160);
};

// ── 3. What was sent, for tests that compare two paths' statements ──

let recording: string[] | null = null;

/** The SQL statements (text, not values) sent to PostgreSQL while `work` ran, in order. */
export async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  recording = sent;
  try {
    await work().catch(() => undefined);
  } finally {
    recording = null;
  }
  return sent;
}

function installConnectionWatch(report: (message: string) => void): void {
  const running = new Map<object, string[]>();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const sql = sqlOf(args);
    recording?.push(sql);
    const busy = running.get(this) ?? [];
    if (busy.length > 0) {
      report(
        `pg connection: "${sql}"\n  was sent while the same connection was still running\n  "${busy.join('"\n  "')}"\n  (does lib/db.ts still give the pool OneQueryAtATime connections?)`,
      );
    }
    const result: unknown = Reflect.apply(query, this, args);
    if (result instanceof Promise) {
      running.set(this, [...busy, sql]);
      const done = () => {
        const left = [...(running.get(this) ?? [])];
        left.splice(left.indexOf(sql), 1);
        if (left.length > 0) running.set(this, left);
        else running.delete(this);
      };
      result.then(done, done);
    }
    return result;
  } as typeof query;
  process.on("warning", (warning) => {
    if (warning.message.includes(OVERLAP_WARNING)) report(`pg warned: ${warning.message}`);
  });
}

// A worker may run several test files in one process, each with its own copy of this module and
// of the Prisma client, but with one pg: pg is patched once, and reports to the current file.
const shared = globalThis as { [STATE]?: { report: (message: string) => void } };
if (shared[STATE]) shared[STATE].report = (message) => found.push(message);
else {
  const state = { report: (message: string) => void found.push(message) };
  shared[STATE] = state;
  installConnectionWatch((message) => state.report(message));
}
installTransactionWatch();

function failOnOverlaps() {
  if (found.length === 0) return;
  const reports = found.splice(0);
  throw new Error(
    "Queries overlapped on one database connection. Inside a transaction, await each query before " +
      "starting the next (no Promise.all over tx queries, or over helpers given tx).\n\n" +
      reports.join("\n\n"),
  );
}

// After each test, and after the file's own beforeAll/afterAll work.
afterEach(failOnOverlaps);
afterAll(failOnOverlaps);
