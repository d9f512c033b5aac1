"use client";

import { z } from "zod";

// zod 4 speeds up object parsing by compiling it with `new Function`, and probes for that once.
// Under our Content-Security-Policy (no 'unsafe-eval', proxy.ts) the probe is refused and the
// browser reports a CSP violation, although zod catches it and falls back. Telling zod not to
// compile keeps the browser's console and CSP reports clean; forms parse a handful of fields.
z.config({ jitless: true });

export function ZodWithoutEval() {
  return null;
}
