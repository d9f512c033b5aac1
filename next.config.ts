import type { NextConfig } from "next";

// Headers that hold for every response, build assets included. The Content-Security-Policy (with a
// per-request nonce), Cache-Control: no-store and HSTS-over-HTTPS are set per request in proxy.ts.
const securityHeaders = [
  // Framing is never needed (clickjacking): CSP frame-ancestors 'none' in proxy.ts, and this for
  // older browsers.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  ...((process.env.NEXTAUTH_URL ?? "").startsWith("https://")
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Native and database packages stay out of the bundler, and so do the export writers: pdfkit
  // reads its font metrics from its own folder at run time.
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-query-stream", "@prisma/adapter-pg", "exceljs", "pdfkit"],
  experimental: {
    // Server actions refuse bodies over 1 MB by default; case documents may be up to 10 MB
    // (lib/documents/files), plus the multipart overhead and the form's other fields.
    serverActions: { bodySizeLimit: "11mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
