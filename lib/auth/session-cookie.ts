import "server-only";
import { cookies } from "next/headers";
import { decode, encode } from "next-auth/jwt";
import { sessionCookieName, usesSecureCookies } from "@/lib/auth/cookies";
import { SESSION_ABSOLUTE_LIFETIME_MS } from "@/lib/auth/policy";

// The session cookie: next-auth's encrypted JWT, naming only a server-side session (sid) and the
// user's session version (sv). Whether the session is alive is decided against the database on
// every request (lib/auth/data.ts resolveSession); the cookie itself grants nothing.

export type SessionClaim = { sid: string; sv: number };

function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error("NEXTAUTH_SECRET is not set");
  return value;
}

export async function setSessionCookie(userId: string, claim: SessionClaim): Promise<void> {
  const maxAge = SESSION_ABSOLUTE_LIFETIME_MS / 1000;
  const token = await encode({ token: { sub: userId, sid: claim.sid, sv: claim.sv }, secret: secret(), maxAge });
  const jar = await cookies();
  jar.set(sessionCookieName(), token, { httpOnly: true, sameSite: "lax", path: "/", secure: usesSecureCookies(), maxAge });
}

/** The claim in the request's session cookie, or null when there is none or it does not decrypt. */
export async function readSessionCookie(): Promise<SessionClaim | null> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: secret() });
    if (typeof token?.sid !== "string" || typeof token.sv !== "number") return null;
    return { sid: token.sid, sv: token.sv };
  } catch {
    return null;
  }
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(sessionCookieName());
}
