import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { Secret, TOTP } from "otpauth";

// TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps) and recovery codes. The shared secret is kept
// encrypted at rest with AES-256-GCM, so a copy of the database alone does not give anyone codes.

export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
const ISSUER = "Safer Partnerships";
/** Steps either side of now that are accepted: ±1 covers a phone clock half a minute out. */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

function encryptionKey(): Buffer {
  const configured = process.env.AUTH_ENCRYPTION_KEY;
  if (configured) {
    const decoded = Buffer.from(configured, "base64");
    // 32 bytes of base64 is used as it is; any other text is stretched to a key by SHA-256.
    return decoded.length === 32 ? decoded : createHash("sha256").update(configured).digest();
  }
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error("Set AUTH_ENCRYPTION_KEY (or NEXTAUTH_SECRET) to protect two-factor secrets");
  return Buffer.from(hkdfSync("sha256", secret, "safer-partnerships", "totp-secret-encryption", 32));
}

/** "v1:" + base64(iv | tag | ciphertext). */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", encryptionKey(), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function decryptSecret(stored: string): string {
  if (!stored.startsWith("v1:")) throw new Error("Unknown two-factor secret format");
  const raw = Buffer.from(stored.slice(3), "base64");
  const decipher = createDecipheriv("aes-256-gcm", encryptionKey(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** A new random 160-bit secret, base32 as authenticator apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpFor(secretBase32: string, label = "") {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The otpauth:// address an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, accountLabel: string): string {
  return totpFor(secretBase32, accountLabel).toString();
}

export function totpStepAt(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong code" | "reused code" };

/**
 * Checks a 6-digit code against the secret within ±1 step of now. A code for a step at or before
 * the last one accepted is refused as reused (a code seen over someone's shoulder is spent).
 */
export function checkTotp(secretBase32: string, code: string, now: Date, lastStep: number | null): TotpCheck {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: "wrong code" };
  const delta = totpFor(secretBase32).validate({ token, timestamp: now.getTime(), window: TOTP_WINDOW });
  if (delta === null) return { ok: false, reason: "wrong code" };
  const step = totpStepAt(now) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: "reused code" };
  return { ok: true, step };
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.replace(/\s+/g, ""));
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** Ten codes like "k7pm-3xqa-9drt" (about 70 bits each), shown once; only their hashes are kept. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join("");
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** High-entropy random codes need no slow hash: SHA-256 of the normalised code. */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("hex");
}

/** A one-time link token (256 bits) and the SHA-256 that is stored instead of it. */
export function newLinkToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
