import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { refusePage, requestPath } from "@/lib/auth/refuse";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { resolveSession, type SessionActor } from "@/lib/auth/data";
import { readSessionCookie } from "@/lib/auth/session-cookie";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor-type";

/**
 * The signed-in actor for this request, or null. Resolved once per request (React cache) from the
 * session cookie and checked against the database every time: a signed-out, disabled or changed
 * user stops here on their very next request.
 */
const getSessionActor = cache(async (): Promise<SessionActor | null> => {
  const claim = await readSessionCookie();
  return claim ? resolveSession(claim.sid, claim.sv) : null;
});

async function signInAgainPath(): Promise<string> {
  const back = safeCallbackPath(await requestPath());
  const expired = (await readSessionCookie()) !== null;
  const query = [back !== "/" ? `callbackUrl=${encodeURIComponent(back)}` : null, expired ? "expired=1" : null].filter(Boolean);
  return query.length > 0 ? `/sign-in?${query.join("&")}` : "/sign-in";
}

/** Where a user who must set up two-factor sign-in is sent until they have done so. */
export const TWO_FACTOR_SET_UP_PATH = "/two-factor/set-up";

/**
 * The signed-in actor for this request, or null (also for a user who must still set up two-factor
 * sign-in: they may reach nothing but the set-up page).
 */
export async function getActor(): Promise<Actor | null> {
  const actor = await getSessionActor();
  return actor && !actor.twoFactorPending ? actor : null;
}

/** The actor including one who still has to set up two-factor sign-in: for the set-up page and sign-out only. */
export async function getActorPendingTwoFactor(): Promise<SessionActor | null> {
  return getSessionActor();
}

/**
 * For pages and server actions: the actor, or a redirect to sign-in that comes back here afterwards
 * (a form that met an ended session then offers back what was typed: components/forms/drafts).
 * `expired=1` when a session cookie came with the request: the sign-in page says why they are there.
 */
export async function requireActor(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect(await signInAgainPath());
  if (actor.twoFactorPending) redirect(TWO_FACTOR_SET_UP_PATH);
  return actor;
}

/** The actor if they hold the permission; otherwise the refusal is audited and the page answers like a missing one (404). */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) await refusePage(actor, permission);
  return actor;
}
