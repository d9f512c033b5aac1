import type { NextConfig } from "next";
import { MAX_IMPORT_REQUEST_BYTES } from "./lib/imports/limits";

// Headers that hold for every response, build assets included. The Content-Security-Policy (with a
// per-request nonce), Cache-Control: no-store and HSTS are set per request in proxy.ts: this file
// is read at build time, and HSTS depends on how the service is reached when it runs.
const securityHeaders = [
  // Framing is never needed (clickjacking): CSP frame-ancestors 'none' in proxy.ts, and this for
  // older browsers.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and database packages stay out of the bundler, and so do the export writers: pdfkit
  // reads its font metrics from its own folder at run time.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-query-stream", "@prisma/adapter-pg", "exceljs", "pdfkit", "pg-boss"],
  experimental: {
    // Server actions refuse bodies over 1 MB by default, and the proxy (proxy.ts) passes on only
    // the first 10 MB of a body. Both read up to the largest form the service takes, an import
    // file (lib/imports/limits); proxy.ts refuses anything over each page's own limit first (a
    // document: lib/documents/files) with the form's own message.
    serverActions: { bodySizeLimit: MAX_IMPORT_REQUEST_BYTES },
    proxyClientMaxBodySize: MAX_IMPORT_REQUEST_BYTES,
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
