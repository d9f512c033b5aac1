import { createHash, createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

// The ticket that carries a sign-in from the password to the two-factor code.
//
// The code step must not need the password again: without JavaScript the form could only carry it
// in the page. Instead the password step hands back this ticket: the account, its session version
// and a fingerprint of its password hash, valid for five minutes, signed with a key derived from
// NEXTAUTH_SECRET. It proves only that the password was right a moment ago; it is worth nothing
// without a fresh code, codes are spent once, and failed codes are throttled like passwords. A
// password change, a sign-out everywhere or a disable (session version) voids it.

export const SECOND_STEP_LIFETIME_MS = 5 * 60 * 1000;

type TicketClaim = { userId: string; sessionVersion: number; passwordFingerprint: string; expiresAt: number };

function signingKey(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set");
  return Buffer.from(hkdfSync("sha256", secret, "safer-partnerships", "sign-in second step", 32));
}

function sign(body: string): string {
  return createHmac("sha256", signingKey()).update(body).digest("base64url");
}

function passwordFingerprint(passwordHash: string | null): string {
  return createHash("sha256")
    .update(passwordHash ?? "")
    .digest("base64url")
    .slice(0, 22);
}

export function issueSecondStepTicket(user: { id: string; sessionVersion: number; passwordHash: string | null }, now = new Date()): string {
  const body = [user.id, user.sessionVersion, passwordFingerprint(user.passwordHash), now.getTime() + SECOND_STEP_LIFETIME_MS].join(".");
  return `${body}.${sign(body)}`;
}

/** The ticket's claim if its signature holds and it has not expired; null otherwise. */
export function readSecondStepTicket(ticket: string, now = new Date()): TicketClaim | null {
  const parts = ticket.split(".");
  if (parts.length !== 5 || ticket.length > 300) return null;
  const [userId, version, fingerprint, expires, signature] = parts as [string, string, string, string, string];
  const expected = Buffer.from(sign(parts.slice(0, 4).join(".")));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const expiresAt = Number(expires);
  if (!Number.isFinite(expiresAt) || expiresAt <= now.getTime()) return null;
  return { userId, sessionVersion: Number(version), passwordFingerprint: fingerprint, expiresAt };
}

/** Whether the account is as it was when the ticket was issued (same password, same sessions). */
export function ticketStillHolds(claim: TicketClaim, user: { sessionVersion: number; passwordHash: string | null }): boolean {
  return claim.sessionVersion === user.sessionVersion && claim.passwordFingerprint === passwordFingerprint(user.passwordHash);
}
