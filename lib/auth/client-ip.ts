// The client address used for sign-in throttling and the audit trail. X-Forwarded-For is only
// believed when TRUST_PROXY=true (the app sits behind a load balancer that sets it); otherwise a
// client could send a fresh value with each guess and dodge the per-address limit, so without a
// trusted proxy there is no address and only the per-account limit applies.

export function clientIp(header: (name: string) => string | null | undefined): string | null {
  if (process.env.TRUST_PROXY !== "true") return null;
  const first = header("x-forwarded-for")?.split(",")[0]?.trim();
  return first ? first.slice(0, 64) : null;
}
