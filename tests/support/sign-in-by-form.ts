// Signing in over HTTP as a browser without JavaScript does it: fetch the sign-in page, post its
// form (the server action's hidden fields included) as multipart, and keep the cookies. For the
// end-to-end access matrix and the benchmarks, which need many signed-in clients without pages.

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  absorb(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq <= 0) continue;
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      // An expired or emptied cookie is a deletion.
      if (value === "" || /max-age=0/i.test(line) || /expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** The app's session cookie: `sp.session`, or `__Secure-sp.session` over HTTPS. */
  hasSession(): boolean {
    return [...this.cookies.keys()].some((name) => /^(__Secure-)?sp\.session$/.test(name));
  }
}

const decodeEntities = (value: string) =>
  value.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** The hidden inputs of the first form on a page that has a field called `fieldName`. */
export function hiddenFieldsOfForm(html: string, fieldName: string): [string, string][] {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(`name="${fieldName}"`));
  if (!form) throw new Error(`no form with a "${fieldName}" field on the page`);
  return [...form.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)].map((m) => {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1] ?? "";
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? "";
    return [decodeEntities(name), decodeEntities(value)];
  });
}

/** Signs in with a password (no two-factor) and returns the cookie header; throws when it fails. */
export async function signInByForm(base: string, email: string, password: string, jar = new CookieJar()): Promise<string> {
  const page = await fetch(`${base}/sign-in`, { signal: AbortSignal.timeout(30_000) });
  jar.absorb(page);
  const body = new FormData();
  for (const [name, value] of hiddenFieldsOfForm(await page.text(), "email")) body.append(name, value);
  body.append("email", email);
  body.append("password", password);
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    body,
    headers: { cookie: jar.header(), origin: base },
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  jar.absorb(response);
  await response.text();
  if (!jar.hasSession()) {
    throw new Error(
      `sign-in as ${email} failed (${response.status}): no session cookie. Stopped at the first failure, so as not to slow the account down.`,
    );
  }
  return jar.header();
}
