// Where to go after signing in. Only a path on this site is accepted, so a crafted link cannot
// send a user who has just signed in to another site (an open redirect).

const BASE = "https://safer-partnerships.invalid";

export function safeCallbackPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // Control characters and whitespace are stripped or reinterpreted by browsers: refuse them.
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return "/";
  }
  if (url.origin !== BASE) return "/";
  // Never send the user back to the sign-in page itself.
  if (url.pathname === "/sign-in" || url.pathname.startsWith("/sign-in/")) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
