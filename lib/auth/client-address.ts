import proxyaddr from "proxy-addr";
import type { IncomingMessage } from "node:http";

// The client address, for sign-in throttling and the audit trail.
//
// The HTTP server (lib/http/server.ts) works it out once per request, from the socket and, only
// through proxies we were told to trust, from X-Forwarded-For: walking from the socket leftwards,
// the first address that is not a trusted proxy is the client (as Express and other established
// frameworks do, with the same library). Entries to the left of it were written by the client
// and are never believed. The answer travels to the app in CLIENT_ADDRESS_HEADER, which the server
// first removes from what the client sent.
//
// TRUST_PROXY says who the proxies are:
//   unset, "false", "0"   no proxy: the socket's address is the client
//   "1", "2", ...         that many proxy hops in front of the app (e.g. one load balancer)
//   "true"                the same as "1"
//   "10.0.0.5,10.1.0.0/16,loopback"   the proxies' addresses or ranges (proxy-addr's names
//                         "loopback", "linklocal" and "uniquelocal" work too)

export const CLIENT_ADDRESS_HEADER = "x-sp-client-address";
export const CLIENT_PROTOCOL_HEADER = "x-sp-client-protocol";

export type TrustSetting = number | string[];

/** Reads TRUST_PROXY; throws on a value that is neither a hop count nor a list of addresses. */
export function trustSetting(value = process.env.TRUST_PROXY): TrustSetting {
  const text = (value ?? "").trim();
  if (text === "" || text === "false" || text === "0") return 0;
  if (text === "true") return 1;
  if (/^\d+$/.test(text)) return Number(text);
  const list = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  proxyaddr.compile(list); // throws "invalid IP address" on a typo, at start-up
  return list;
}

export type ResolvedClient = { address: string; https: boolean; throughTrustedProxy: boolean };

/**
 * The client's address and whether it reached us over HTTPS. The forwarded protocol is believed
 * only from a trusted proxy (the right-most X-Forwarded-Proto entry, the one our proxy wrote).
 */
export function resolveClient(request: Pick<IncomingMessage, "headers" | "socket">, trust: TrustSetting): ResolvedClient {
  const trusted = trustFunction(trust);
  const address = normaliseAddress(proxyaddr(request as IncomingMessage, trusted));
  const throughTrustedProxy = trusted(request.socket.remoteAddress ?? "", 0);
  const encrypted = Boolean((request.socket as { encrypted?: boolean }).encrypted);
  const forwardedProto = lastEntry(request.headers["x-forwarded-proto"]);
  return { address, https: encrypted || (throughTrustedProxy && forwardedProto === "https"), throughTrustedProxy };
}

/** proxy-addr's question: is the address at this hop (0 = the socket's peer) a proxy we trust? */
function trustFunction(trust: TrustSetting): (address: string, hop: number) => boolean {
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return proxyaddr.compile(trust);
}

/** "::ffff:127.0.0.1" and "127.0.0.1" are one client; audit entries use the short form. */
function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped ? mapped[1]! : address).slice(0, 64);
}

function lastEntry(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(",") : header;
  return value?.split(",").at(-1)?.trim().toLowerCase() || undefined;
}

/**
 * The client address the HTTP server worked out, from a request's headers; null when the app was
 * started some other way (plain `next start`), where nothing in the headers can be believed.
 */
export function clientIp(header: (name: string) => string | null | undefined): string | null {
  const value = header(CLIENT_ADDRESS_HEADER)?.trim();
  return value ? value.slice(0, 64) : null;
}
