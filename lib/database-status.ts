// Whether PostgreSQL is reachable, as this process last found it. Set by the database connections
// (lib/db.ts) the moment one fails for a reason that is the database being away, and read by the
// HTTP layer (lib/http/server.ts), which then answers pages with a plain "temporarily unavailable"
// (503, Retry-After) instead of an error page, and by the form runner, which keeps what was typed.
//
// Kept on globalThis: the HTTP layer and the app's bundled code are separate module instances in
// one process.

const KEY = Symbol.for("safer-partnerships.database-status");

type Status = { unavailableSince: number | null };

function status(): Status {
  const holder = globalThis as unknown as Record<symbol, Status | undefined>;
  return (holder[KEY] ??= { unavailableSince: null });
}

export function databaseUnavailableSince(): number | null {
  return status().unavailableSince;
}

export function markDatabaseUnavailable(): void {
  status().unavailableSince ??= Date.now();
}

export function markDatabaseAvailable(): void {
  status().unavailableSince = null;
}

// Prisma's codes for a database it cannot reach, lost, timed out on or had no connection for.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENOTFOUND", "EPIPE", "EHOSTUNREACH"]);
// SQLSTATE: connection exceptions (08…), administrator/crash shutdown, cannot connect now, too many connections.
const SQLSTATE = /^(08\d{3}|57P0[1-3]|53300)$/;
const MESSAGES =
  /Connection terminated|Can't reach database server|terminating connection|the database system is (starting up|shutting down|in recovery mode)|Connection refused|timeout exceeded when trying to connect/i;

/** Whether an error (or anything in its cause chain) is the database being away, not a fault of ours. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    const e = current as { code?: unknown; errorCode?: unknown; message?: unknown; cause?: unknown; kind?: unknown };
    const code = typeof e.code === "string" ? e.code : typeof e.errorCode === "string" ? e.errorCode : "";
    if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATE.test(code)) return true;
    if (e.kind === "DatabaseNotReachable" || e.kind === "ConnectionClosed" || e.kind === "SocketTimeout") return true;
    if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}

/** The words a form shows when its post met the database away: nothing was saved, nothing is lost. */
export const UNAVAILABLE_MESSAGE =
  "Sorry, the service is unavailable at the moment, so nothing was saved. What you entered is still here: try again in a few minutes.";
