// The app's HTTP server: Next.js behind a thin layer of our own, started by `npm run serve`,
// `demo` and `dev` (prisma/tooling/with-database.ts), and by the end-to-end tests.
//
//   node --import tsx lib/http/server.ts [--dev]      (PORT, default 3000; HOSTNAME optional)
//
// Why not plain `next start`: Next.js keeps an X-Forwarded-For the client sent and offers the app
// no other way to learn the socket's address. Sign-in throttling per client address and the
// audit trail need an address the client cannot choose, so this layer works it out once
// (lib/auth/client-address.ts: the socket, and X-Forwarded-For only through TRUST_PROXY's
// proxies), hands it to the app in a header it first strips from the request, and rewrites the
// forwarded headers so Next.js itself sees only what a trusted proxy said.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import next from "next";
import { CLIENT_ADDRESS_HEADER, CLIENT_PROTOCOL_HEADER, resolveClient, trustSetting } from "../auth/client-address";
import { databaseUnavailableSince, markDatabaseAvailable } from "../database-status";
import { PROBLEM_CONTENT_TYPE, problem, UNAVAILABLE_DETAIL } from "./problem";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;
const trust = trustSetting();

const app = next({ dev, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();

function prepareHeaders(request: IncomingMessage): void {
  const client = resolveClient(request, trust);
  const headers = request.headers;
  delete headers[CLIENT_ADDRESS_HEADER];
  delete headers[CLIENT_PROTOCOL_HEADER];
  headers[CLIENT_ADDRESS_HEADER] = client.address;
  headers[CLIENT_PROTOCOL_HEADER] = client.https ? "https" : "http";
  headers["x-forwarded-for"] = client.address;
  headers["x-forwarded-proto"] = client.https ? "https" : "http";
  // A forwarded host is a proxy's to say; from anyone else it is dropped.
  if (!client.throughTrustedProxy) delete headers["x-forwarded-host"];
}

// ───────────────────────────── The database away ─────────────────────────────
// Once a connection has found PostgreSQL away (lib/database-status), a page is answered here with
// a plain "temporarily unavailable" (503, Retry-After) while a quick probe still finds it away,
// rather than each page failing into the error page after waiting on the database. Forms are not
// stopped here: their actions answer with a message and keep what was typed (lib/form-action).

const RETRY_AFTER_SECONDS = 30;
let probe: { at: number; up: Promise<boolean> } | undefined;

function databaseAnswers(): Promise<boolean> {
  if (probe && Date.now() - probe.at < 1_000) return probe.up;
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 1_000 });
  const up = client
    .connect()
    .then(() => client.query("SELECT 1"))
    .then(
      () => true,
      () => false,
    )
    .finally(() => client.end().catch(() => undefined));
  probe = { at: Date.now(), up };
  return up;
}

const UNAVAILABLE_PAGE = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sorry, the service is unavailable – Safer Partnerships</title>
<style>body{font-family:arial,sans-serif;margin:0;color:#0b0c0c}header{background:#0b0c0c;color:#fff;padding:10px 15px;font-weight:700;font-size:1.2rem}main{max-width:40rem;padding:15px;font-size:1.2rem;line-height:1.5}h1{font-size:2rem;line-height:1.1}</style>
</head><body><header>Safer Partnerships</header><main id="main-content">
<h1>Sorry, the service is unavailable</h1>
<p>You will be able to use the service again in a few minutes.</p>
<p>If you were filling in a form, go back to it: what you typed is still there. Send it again once the service is back.</p>
</main></body></html>`;

/** Answers a page request with 503 when the database is away; false when the app should answer. */
async function answeredUnavailable(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (databaseUnavailableSince() === null) return false;
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = (request.url ?? "/").split("?")[0]!;
  if (path.startsWith("/_next/static/") || path === "/favicon.ico" || path === "/api/health") return false;
  if (await databaseAnswers()) {
    markDatabaseAvailable();
    return false;
  }
  const api = path.startsWith("/api/");
  response.writeHead(503, {
    "Content-Type": api ? PROBLEM_CONTENT_TYPE : "text/html; charset=utf-8",
    "Retry-After": String(RETRY_AFTER_SECONDS),
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(request.method === "HEAD" ? undefined : api ? JSON.stringify(problem(503, UNAVAILABLE_DETAIL)) : UNAVAILABLE_PAGE);
  return true;
}

// ───────────────────────────── No request left spinning ─────────────────────────────
// A page or form that has not answered in this long is ended with an error (no statement runs
// longer than lib/db's statement timeout; this bounds everything else). Downloads that stream a
// large export may take longer, and are left to finish.
const DEADLINE_MS = 90_000;
const LONG_DOWNLOADS = [/^\/api\/returns\/register\b/, /^\/api\/audit\/export\b/];

function enforceDeadline(request: IncomingMessage, response: ServerResponse): void {
  const path = (request.url ?? "/").split("?")[0]!;
  if (LONG_DOWNLOADS.some((pattern) => pattern.test(path))) return;
  const timer = setTimeout(() => {
    if (response.writableEnded) return;
    console.error(`[server] ${request.method} ${path} did not answer within ${DEADLINE_MS / 1000} s: ended`);
    if (!response.headersSent) {
      response.writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "30", "Cache-Control": "no-store" });
      response.end("Sorry, the service took too long to answer. Try again in a few minutes.");
    } else {
      response.destroy();
    }
  }, DEADLINE_MS);
  timer.unref();
  response.once("close", () => clearTimeout(timer));
}

await app.prepare();
const server = createServer((request, response) => {
  prepareHeaders(request);
  enforceDeadline(request, response);
  void answeredUnavailable(request, response).then((answered) => (answered ? undefined : handle(request, response)));
});
server.listen(port, hostname, () => {
  console.log(
    `[server] Listening on http://${hostname ?? "localhost"}:${port} (${dev ? "development" : "production"}${trust === 0 ? ", no trusted proxy" : `, trusted proxies: ${String(trust)}`})`,
  );
});

// SIGTERM or Ctrl-C: stop taking connections, let requests in flight finish (10 s at most).
let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`[server] ${signal}: closing.`);
  setTimeout(() => process.exit(0), 10_000).unref();
  server.close(() => {
    void app.close().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
}
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => stop(signal));
