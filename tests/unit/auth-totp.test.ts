import { describe, expect, it } from "vitest";
import { Secret, TOTP } from "otpauth";
import {
  checkTotp,
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  newRecoveryCodes,
  newTotpSecret,
  totpStepAt,
  totpUri,
} from "@/lib/auth/totp";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret";

const secret = newTotpSecret();
const app = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" });
const NOW = new Date("2026-12-04T10:00:10Z");
const codeAt = (offsetSeconds: number) => app.generate({ timestamp: NOW.getTime() + offsetSeconds * 1000 });

describe("TOTP verification", () => {
  it("accepts the current code and says which time step it was", () => {
    expect(checkTotp(secret, codeAt(0), NOW, null)).toEqual({ ok: true, step: totpStepAt(NOW) });
  });

  it("accepts a code one step early or late (a phone clock half a minute out), but not two", () => {
    expect(checkTotp(secret, codeAt(-30), NOW, null)).toEqual({ ok: true, step: totpStepAt(NOW) - 1 });
    expect(checkTotp(secret, codeAt(30), NOW, null)).toEqual({ ok: true, step: totpStepAt(NOW) + 1 });
    expect(checkTotp(secret, codeAt(-60), NOW, null)).toEqual({ ok: false, reason: "wrong code" });
    expect(checkTotp(secret, codeAt(60), NOW, null)).toEqual({ ok: false, reason: "wrong code" });
  });

  it("refuses a code for a step already used, or an earlier one", () => {
    const step = totpStepAt(NOW);
    expect(checkTotp(secret, codeAt(0), NOW, step)).toEqual({ ok: false, reason: "reused code" });
    expect(checkTotp(secret, codeAt(-30), NOW, step)).toEqual({ ok: false, reason: "reused code" });
    expect(checkTotp(secret, codeAt(30), NOW, step).ok).toBe(true);
  });

  it("refuses wrong and malformed codes, and tolerates spaces typed in the middle", () => {
    const right = codeAt(0);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
    expect(checkTotp(secret, wrong, NOW, null).ok).toBe(false);
    expect(checkTotp(secret, "12345", NOW, null).ok).toBe(false);
    expect(checkTotp(secret, "abcdef", NOW, null).ok).toBe(false);
    expect(checkTotp(secret, `${right.slice(0, 3)} ${right.slice(3)}`, NOW, null).ok).toBe(true);
  });

  it("a code made for another secret does not work", () => {
    const other = new TOTP({ secret: Secret.fromBase32(newTotpSecret()) }).generate({ timestamp: NOW.getTime() });
    expect(checkTotp(secret, other, NOW, null).ok).toBe(false);
  });

  it("the QR address names the service and the account", () => {
    const uri = totpUri(secret, "officer@test.example");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Safer%20Partnerships:officer%40test\.example\?/);
    expect(uri).toContain(`secret=${secret}`);
  });
});

describe("secrets at rest", () => {
  it("are encrypted (not readable, different each time) and decrypt back", () => {
    const a = encryptSecret(secret);
    const b = encryptSecret(secret);
    expect(a).not.toContain(secret);
    expect(a).not.toBe(b);
    expect(decryptSecret(a)).toBe(secret);
  });

  it("a tampered ciphertext is refused, not silently decrypted", () => {
    const stored = encryptSecret(secret);
    const raw = Buffer.from(stored.slice(3), "base64");
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(() => decryptSecret(`v1:${raw.toString("base64")}`)).toThrow();
  });
});

describe("recovery codes", () => {
  it("ten different codes, matched however they are typed", () => {
    const codes = newRecoveryCodes() as [string, string, ...string[]];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(hashRecoveryCode(codes[0].toUpperCase().replace(/-/g, " "))).toBe(hashRecoveryCode(codes[0]));
    expect(hashRecoveryCode(codes[0])).not.toBe(hashRecoveryCode(codes[1]));
  });
});
