import { verifyAuditChain } from "@/lib/audit/data";
import { sealAuditTrail, unsealedCount } from "@/lib/audit/data/seal";

/**
 * Seals until nothing is waiting, as the worker does every second. A transaction open anywhere on
 * the server (another test file's) holds sealing back until it ends, so this waits for that.
 */
export async function sealEverything(timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await sealAuditTrail();
    const waiting = await unsealedCount();
    if (waiting === 0) return;
    if (Date.now() > until) throw new Error(`${waiting} audit entries still unsealed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Seals what has committed and walks the whole chain. */
export async function sealAndVerifyAuditChain() {
  await sealEverything();
  return verifyAuditChain();
}
