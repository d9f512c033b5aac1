import "server-only";
import pg from "pg";
import QueryStream from "pg-query-stream";
import type { Prisma } from "@/lib/generated/prisma/client";
import { BusyError } from "@/lib/errors";

// The exports' reads (the tools and powers register, the incident, case and action lists): a read-only REPEATABLE READ transaction on a plain `pg` connection
// of its own, in which the export counts its rows and then reads them through a server-side cursor
// (pg-query-stream), so that the count in X-Total-Rows and the rows sent are one snapshot, and
// memory holds one cursor fetch whatever the period. Rows come as arrays (rowMode "array"), not
// objects: at a million rows the export lives or dies by how little each row leaves behind.
//
// Not the Prisma client: its raw queries hand over a whole result at once, an object per row and
// a Date per timestamp, and a cursor cannot be kept open across them. The connections are
// configured like lib/db.ts's pool (same DATABASE_URL and session settings) but are a separate,
// small pool, so that a few long downloads can never take the connections the pages need.

/** How many exports may read at once (each holds a connection until its download ends). */
export const EXPORT_CONNECTIONS = 4;

/** Every export connection is in use: the caller is told to try again shortly, not made to wait. */
export class ExportsBusyError extends BusyError {
  constructor() {
    super("Several downloads are in progress at the moment. Try again in a minute.", 60);
    this.name = "ExportsBusyError";
  }
}

/**
 * A download whose client stops reading leaves its transaction idle. PostgreSQL ends it after this
 * long, so a stalled browser cannot hold a connection and an old snapshot (which keeps VACUUM from
 * cleaning up) for ever; the download then fails.
 */
const STALLED_AFTER = "10min";
/** Rows fetched from the cursor per round trip. */
const FETCH_ROWS = 500;
const CLOSE_TIMEOUT_MS = 5_000;

const globalForExports = globalThis as unknown as { registerExportPool?: pg.Pool; registerExportsOpen?: number };

function exportPool(): pg.Pool {
  if (globalForExports.registerExportPool) return globalForExports.registerExportPool;
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set. Start the app with `npm run serve` (embedded PostgreSQL) or set it.");
  const pool = new pg.Pool({
    connectionString,
    max: EXPORT_CONNECTIONS,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
    // As lib/db.ts: no JIT, no parallel workers (see there).
    options: "-c jit=off -c max_parallel_workers_per_gather=0",
    application_name: "export",
  });
  // An idle connection dropped by the server (a restart): the pool discards it; nothing to do.
  pool.on("error", () => {});
  globalForExports.registerExportPool = pool;
  return pool;
}

/** Reads rows in batches; [] once they are all read. The snapshot ends by itself then, or on an error. */
export type RowReader<Row> = {
  read(max: number): Promise<Row[]>;
  /** Ends the read early (the client went away). Safe to call at any time, and more than once. */
  close(): Promise<void>;
};

export type Snapshot = {
  /** A query in the snapshot, rows as objects (for small answers such as a count). */
  query<T>(sql: Prisma.Sql): Promise<T[]>;
  /** Streams `sql` in the snapshot through a cursor; the snapshot belongs to the reader from then on. */
  cursor(sql: Prisma.Sql): RowReader<unknown[]>;
  /** Ends the snapshot without reading (something failed before the cursor was opened). */
  abandon(): void;
};

/**
 * An export connection with the snapshot's transaction begun. A connection that died while idle
 * in the pool (PostgreSQL restarted, or ended it) can be handed out before the pool has heard, and
 * fails its first query; nothing has been done on it, so it is dropped and another tried. The pool
 * holds at most EXPORT_CONNECTIONS, so that many tries always reach a fresh one.
 */
async function beginOnLiveConnection(): Promise<pg.PoolClient> {
  // While beginning, a dropped connection's error event is the failed query's to report.
  const meanwhile = () => {};
  for (let attempt = 1; ; attempt++) {
    const client = await exportPool().connect();
    client.on("error", meanwhile);
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      await client.query(`SET LOCAL idle_in_transaction_session_timeout = '${STALLED_AFTER}'`);
      client.removeListener("error", meanwhile);
      return client;
    } catch (error) {
      client.removeListener("error", meanwhile);
      client.release(error instanceof Error ? error : true);
      if (attempt > EXPORT_CONNECTIONS) throw error;
    }
  }
}

/** Opens a read-only, repeatable-read snapshot on an export connection; ExportsBusyError when none is free. */
export async function openSnapshot(): Promise<Snapshot> {
  // Counted here rather than left to the pool's queue: a download can last minutes, so one more
  // would wait that long with nothing to show.
  const open = globalForExports.registerExportsOpen ?? 0;
  if (open >= EXPORT_CONNECTIONS) throw new ExportsBusyError();
  globalForExports.registerExportsOpen = open + 1;
  // A checked-out client has no error listener of the pool's; without one, a dropped connection
  // (the stalled-download timeout, a restart) would be an uncaught error. A waiting read is woken
  // and fails with it.
  let lost: Error | undefined;
  let onLost: (() => void) | undefined;
  const onError = (error: Error) => {
    lost ??= error;
    onLost?.();
  };
  let client: pg.PoolClient;
  try {
    client = await beginOnLiveConnection();
  } catch (error) {
    globalForExports.registerExportsOpen = (globalForExports.registerExportsOpen ?? 1) - 1;
    throw error;
  }
  // Synchronously after the begin's own listener came off: no error event can fall between.
  client.on("error", onError);
  let released = false;
  const release = (error?: unknown) => {
    if (released) return;
    released = true;
    globalForExports.registerExportsOpen = (globalForExports.registerExportsOpen ?? 1) - 1;
    client.removeListener("error", onError);
    // Destroyed rather than returned to the pool when anything went wrong: its state is unknown.
    client.release(error === undefined ? undefined : error instanceof Error ? error : true);
  };

  /** Ends the snapshot: on success the cursor is closed and the transaction committed; on any failure the connection is dropped. */
  async function end(stream: QueryStream, error?: unknown): Promise<void> {
    const failure = error ?? stream.errored ?? lost;
    if (failure) return release(failure);
    try {
      // Close the portal before COMMIT: the connection runs one thing at a time. pg-cursor waits
      // for the server's answer, which a connection that has just died never gives: not for ever.
      if (!stream.closed) {
        const closed = new Promise<void>((resolve) => stream.once("close", () => resolve()).destroy());
        const stuck = new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error("the cursor did not close")), CLOSE_TIMEOUT_MS).unref(),
        );
        await Promise.race([closed, stuck]);
      }
      if (stream.errored) throw stream.errored;
      await client.query("COMMIT");
      release();
    } catch (closeError) {
      release(closeError);
    }
  }

  /** The cursor's rows in batches; [] at the end, when the snapshot ends by itself. */
  function readerOf(stream: QueryStream): RowReader<unknown[]> {
    let ended = false;
    let wake: (() => void) | undefined;
    const signal = () => {
      const resolve = wake;
      wake = undefined;
      resolve?.();
    };
    onLost = signal;
    stream.on("end", () => {
      ended = true;
      signal();
    });
    // Errors are read from stream.errored (set at once; the event comes only once the cursor has
    // closed, which on a dead connection is never). The listener keeps the event from being uncaught.
    stream.on("error", signal);
    stream.on("close", signal);
    let finished: Promise<void> | undefined;
    const finish = (error?: unknown) => (finished ??= end(stream, error));

    return {
      async read(max) {
        if (finished) return [];
        // Listening for "readable" starts the fetching: not before the first read.
        if (stream.listenerCount("readable") === 0) stream.on("readable", signal);
        const rows: unknown[][] = [];
        try {
          for (;;) {
            const failure = stream.errored ?? lost;
            if (failure) throw failure;
            // stream.read() hands over what the cursor has fetched and asks for the next fetch
            // when its buffer runs low; nothing more is fetched until someone reads.
            while (rows.length < max) {
              const row = stream.read() as unknown[] | null;
              if (row === null) break;
              rows.push(row);
            }
            // Destroyed without an error: close() was called while this read waited.
            if (rows.length > 0 || ended || stream.destroyed) break;
            await new Promise<void>((resolve) => (wake = resolve));
          }
        } catch (error) {
          await finish(error);
          throw error;
        }
        if (rows.length === 0) await finish();
        return rows;
      },
      close: () => finish(),
    };
  }

  return {
    async query<T>(sql: Prisma.Sql) {
      return (await client.query(sql.text, sql.values)).rows as T[];
    },
    cursor(sql) {
      return readerOf(client.query(new QueryStream(sql.text, sql.values, { rowMode: "array", batchSize: FETCH_ROWS })));
    },
    abandon: () => release(new Error("export abandoned before reading")),
  };
}
