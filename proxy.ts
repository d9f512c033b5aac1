import { NextResponse, type NextRequest } from "next/server";
import { CLIENT_PROTOCOL_HEADER } from "@/lib/auth/client-address";
import { MAX_REQUEST_BODY_BYTES } from "@/lib/documents/files";
import { IMPORT_UPLOAD_PATH, MAX_IMPORT_REQUEST_BYTES } from "@/lib/imports/limits";
import { PATH_HEADER } from "@/lib/http/headers";

// Security headers that depend on the request (Next 16 "proxy", formerly middleware):
// - a Content-Security-Policy with a fresh nonce per request. Next reads the nonce from the
//   request's CSP header and puts it on its own scripts; 'strict-dynamic' lets those load the
//   page's chunks, and nothing else runs: no inline script an attacker could inject, no eval.
// - Cache-Control: no-store on everything it handles. Every page and API answer may hold case
//   data or personal data, and must not stay in a shared computer's browser cache or a proxy.
//   Build assets (/_next/static, hashed and free of data) are not matched and stay cacheable.
// - HSTS when the service's public URL is https:// or the request arrived over HTTPS (a browser
//   ignores it over plain HTTP anyway, and a plain-HTTP demo should not claim it).
// Static headers that hold for every response (nosniff, Referrer-Policy, framing) are in
// next.config.ts, so they reach the build assets too.

function contentSecurityPolicy(nonce: string): string {
  const development = process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // React needs eval only in development (server error stacks); never in production.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Tailwind's stylesheet is a file ('self'); Next may add nonced <style> elements. Style
    // attributes (a bar chart's width) cannot run script, so they are allowed.
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
  ].join("; ");
}

/**
 * HSTS, decided per request at run time (never frozen into the build): when the public URL is
 * https://, or this request reached us over HTTPS, as lib/http/server.ts worked it out from the
 * socket and, through a trusted proxy only, X-Forwarded-Proto.
 */
export function sendsHsts(request: Pick<NextRequest, "headers" | "nextUrl">, publicUrl = process.env.NEXTAUTH_URL ?? ""): boolean {
  return (
    publicUrl.startsWith("https://") || request.nextUrl.protocol === "https:" || request.headers.get(CLIENT_PROTOCOL_HEADER) === "https"
  );
}

/**
 * An Origin header that is not a URL. Next.js parses it to refuse server actions posted from
 * another site, and a malformed one makes that check throw (a 500); it is a bad request.
 */
export function hasMalformedOrigin(request: Pick<NextRequest, "headers">): boolean {
  const origin = request.headers.get("origin");
  return origin !== null && origin !== "null" && !URL.canParse(origin);
}

/**
 * A post larger than the service reads (lib/documents/files; an import file, lib/imports/limits). Next.js would fail it with a server
 * error; instead a script's post is told 413, and a form posted without script goes back to its
 * page with ?problem=too-large, where the form shows its own message by the field.
 */
function refuseOversizedPost(request: NextRequest): NextResponse | null {
  if (request.method !== "POST") return null;
  const length = Number(request.headers.get("content-length") ?? 0);
  const limit = request.nextUrl.pathname === IMPORT_UPLOAD_PATH ? MAX_IMPORT_REQUEST_BYTES : MAX_REQUEST_BODY_BYTES;
  if (!(length > limit)) return null;
  if (request.headers.has("next-action") || request.nextUrl.pathname.startsWith("/api/")) {
    return new NextResponse("The request is too large.", { status: 413, headers: PLAIN });
  }
  const back = request.nextUrl.clone();
  back.search = "?problem=too-large";
  return NextResponse.redirect(back, 303);
}

const PLAIN = { "Cache-Control": "no-store", "Content-Type": "text/plain; charset=utf-8" };

export function proxy(request: NextRequest) {
  if (hasMalformedOrigin(request)) return new NextResponse("Bad request", { status: 400, headers: PLAIN });
  const oversized = refuseOversizedPost(request);
  if (oversized) return oversized;
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set(PATH_HEADER, request.nextUrl.pathname);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", "no-store");
  if (sendsHsts(request)) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [
    // Everything except the build's hashed assets and the icon: pages, server actions, RSC
    // requests and API routes (exports, downloads, searches) all get the headers above.
    "/((?!_next/static|_next/image|favicon.ico).*)",
  ],
};
