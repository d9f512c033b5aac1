// Session cookie settings shared by next-auth and our own reads of the cookie.

export function usesSecureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
}

export function sessionCookieName(): string {
  return usesSecureCookies() ? "__Secure-sp.session" : "sp.session";
}
