import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { resolveSession, type SessionActor } from "@/lib/auth/data";
import { sessionCookieName } from "@/lib/auth/cookies";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor-type";

/**
 * The signed-in actor for this request, or null. Resolved once per request (React cache) from the
 * session cookie and checked against the database every time: a signed-out, disabled or changed
 * user stops here on their very next request.
 */
const getSessionActor = cache(async (): Promise<SessionActor | null> => {
  const jar = await cookies();
  const raw = jar.get(sessionCookieName())?.value;
  if (!raw) return null;
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  let token;
  try {
    token = await decode({ token: raw, secret });
  } catch {
    return null;
  }
  if (!token?.sid || typeof token.sv !== "number") return null;
  return resolveSession(token.sid, token.sv);
});

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

/** For pages and server actions: the actor, or a redirect to sign-in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getSessionActor();
  if (!actor) redirect("/sign-in");
  if (actor.twoFactorPending) redirect(TWO_FACTOR_SET_UP_PATH);
  return actor;
}

/** The actor if they hold the permission; otherwise the page answers like a missing one (404). */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) notFound();
  return actor;
}
