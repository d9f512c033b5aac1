import "server-only";
import { db } from "@/lib/db";

/** How long a client's Idempotency-Key is remembered with its request (a retry comes within minutes). */
export const IDEMPOTENCY_KEY_DAYS = 7;

/**
 * Forgets Idempotency-Keys older than a week (the daily job). A retry after that still makes no
 * second record (lib/submissions keeps the key's record); only "the same key with another body"
 * is no longer told apart.
 */
export async function forgetOldIdempotencyKeys(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - IDEMPOTENCY_KEY_DAYS * 86_400_000);
  const { count } = await db.apiIdempotencyKey.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
