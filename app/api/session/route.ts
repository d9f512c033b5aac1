import { route } from "@/lib/http/route";
import { SESSION_IDLE_TIMEOUT_MS } from "@/lib/auth/policy";

// "Stay signed in" (components/layout/session-timeout.tsx): a signed-in request, which is what
// keeps a session alive (lib/auth/data.ts resolveSession). Answers how long the session now has.
// A session that has already ended answers 401, and the page says so.

export const dynamic = "force-dynamic";

export const POST = route({ signedOut: "401", body: { json: true, maxBytes: 64 } }, async () =>
  Response.json({ idleTimeoutSeconds: SESSION_IDLE_TIMEOUT_MS / 1000 }),
);
