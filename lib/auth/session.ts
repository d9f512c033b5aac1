import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { resolveSession } from "@/lib/auth/data";
import { sessionCookieName } from "@/lib/auth/cookies";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor-type";

/**
 * The signed-in actor for this request, or null. Resolved once per request (React cache) from the
 * session cookie and checked against the database every time: a signed-out, disabled or changed
 * user stops here on their very next request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
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

/** For pages and server actions: the actor, or a redirect to sign-in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  return actor;
}

/** The actor if they hold the permission; otherwise the page answers like a missing one (404). */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) notFound();
  return actor;
}
