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

import { createServer, type IncomingMessage } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, CLIENT_PROTOCOL_HEADER, resolveClient, trustSetting } from "../auth/client-address";

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

await app.prepare();
const server = createServer((request, response) => {
  prepareHeaders(request);
  void handle(request, response);
});
server.listen(port, hostname, () => {
  console.log(`[server] Listening on http://${hostname ?? "localhost"}:${port} (${dev ? "development" : "production"}${trust === 0 ? ", no trusted proxy" : `, trusted proxies: ${String(trust)}`})`);
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
