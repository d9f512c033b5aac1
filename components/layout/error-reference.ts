/**
 * The reference to give support for an unexpected error: Next.js's digest, which matches the
 * full error in the server logs. Never the message, which may hold personal data or internals.
 */
export function errorReference(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "digest" in error) {
    const digest = (error as { digest?: unknown }).digest;
    return typeof digest === "string" && digest ? digest : undefined;
  }
  return undefined;
}
