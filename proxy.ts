import { NextResponse, type NextRequest } from "next/server";

// Security headers that depend on the request (Next 16 "proxy", formerly middleware):
// - a Content-Security-Policy with a fresh nonce per request. Next reads the nonce from the
//   request's CSP header and puts it on its own scripts; 'strict-dynamic' lets those load the
//   page's chunks, and nothing else runs: no inline script an attacker could inject, no eval.
// - Cache-Control: no-store on everything it handles. Every page and API answer may hold case
//   data or personal data, and must not stay in a shared computer's browser cache or a proxy.
//   Build assets (/_next/static, hashed and free of data) are not matched and stay cacheable.
// - HSTS only when the request arrived over HTTPS (a browser ignores it over HTTP anyway, and
//   sending it from a plain-HTTP demo would be misleading).
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

function servedOverHttps(request: NextRequest): boolean {
  if (request.nextUrl.protocol === "https:") return true;
  // Behind a load balancer that terminates TLS, trust its header only when told to (README).
  return process.env.TRUST_PROXY === "true" && request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce);

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Cache-Control", "no-store");
  if (servedOverHttps(request)) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  matcher: [
    // Everything except the build's hashed assets and the icon: pages, server actions, RSC
    // requests and API routes (exports, downloads, searches) all get the headers above.
    "/((?!_next/static|_next/image|favicon.ico).*)",
  ],
};
