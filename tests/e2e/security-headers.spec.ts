import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInAndWait, showFilters } from "./support";

// Security headers and caching as a browser gets them from the production build: a nonce-based
// Content-Security-Policy that Next's own scripts satisfy (nothing on the way is refused: pages
// hydrate, client components and server actions work), no caching of anything holding data,
// and the usual hardening headers.

/** Records every CSP violation the page reports, from the first script on. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} on ${location.pathname}`,
      );
    });
  });
  return violations;
}

test("a signed-in page has a nonce CSP that Next's scripts carry, no-store, and the hardening headers", async ({ page }) => {
  await signInAndWait(page, DEMO.officer);
  const first = await page.request.get("/cases");
  const second = await page.request.get("/cases");
  const headers = first.headers();
  const csp = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  for (const directive of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"])
    expect(csp).toContain(directive);
  expect(csp).not.toContain("unsafe-eval");
  // A fresh nonce per response, and every script in the page carries it.
  expect(/'nonce-([^']+)'/.exec(second.headers()["content-security-policy"] ?? "")?.[1]).not.toBe(nonce);
  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  expect(headers["cache-control"]).toContain("no-store");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Served over plain HTTP here: no HSTS (it is sent when the request came over HTTPS).
  expect(headers["strict-transport-security"]).toBeUndefined();
});

test("the sign-in page, API answers and exports are not cached; the build's hashed assets are", async ({ page }) => {
  const signIn = await page.request.get("/sign-in");
  expect(signIn.headers()["cache-control"]).toContain("no-store");
  expect(signIn.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await signInAndWait(page, DEMO.officer);
  const search = await page.request.post("/api/people/search", { data: { q: "ellison" } });
  expect(search.headers()["cache-control"]).toContain("no-store");
  const asset = /\/_next\/static\/[^"']+\.js/.exec(await (await page.request.get("/")).text())?.[0];
  expect(asset).toBeTruthy();
  const assetResponse = await page.request.get(asset!);
  expect(assetResponse.status()).toBe(200);
  expect(assetResponse.headers()["cache-control"] ?? "").not.toContain("no-store");
});

test("nothing is refused by the policy while an officer uses client components and server actions", async ({ page }) => {
  const violations = await watchCsp(page);
  await signInAndWait(page, DEMO.officer);
  // A client component (the filter form) navigates without a full reload…
  await page.goto("/incidents");
  await showFilters(page);
  await page
    .getByRole("main")
    .getByRole("button", { name: /apply filters|search/i })
    .first()
    .click();
  await expect(page).toHaveURL(/\/incidents/);
  // …a person picker fetches as you type, and a case page renders.
  await page.goto("/cases");
  await page
    .getByRole("link", { name: /^CASE-/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // A server action: signing out.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(violations).toEqual([]);
});

test("the app cannot be framed by another site", async ({ page }) => {
  const response = await page.request.get("/sign-in");
  expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("the page for an unknown address is rendered per request, so its scripts carry the nonce too", async ({ page }) => {
  const response = await page.request.get("/no-such-page-here");
  expect(response.status()).toBe(404);
  const nonce = /'nonce-([^']+)'/.exec(response.headers()["content-security-policy"] ?? "")?.[1];
  expect(nonce).toBeTruthy();
  const scripts = [...(await response.text()).matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test("odd input at the door answers 4xx or the page, never a server error", async ({ request }) => {
  // A server action posted with an Origin that is not a URL: Next's own origin check would throw.
  const page = await request.get("/sign-in");
  const actionId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(await page.text())?.[1] ?? /"id":"([0-9a-f]{40,})"/.exec(await page.text())?.[1];
  for (const origin of ["http://[::1", "not a url at all", "http://"]) {
    const response = await request.post("/sign-in", {
      headers: { origin, "next-action": actionId ?? "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });
    expect(response.status(), `Origin ${origin}`).toBe(400);
  }
  // Callback addresses that are not paths on this site, or not valid at all.
  for (const callbackUrl of ["%", "%E0%A4%A", "//evil.example", "javascript:alert(1)", "\\\\evil", "%00", "x".repeat(5000)]) {
    const response = await request.get(`/sign-in?callbackUrl=${callbackUrl}`, { maxRedirects: 0 });
    expect(response.status(), `callbackUrl=${callbackUrl.slice(0, 20)}`).toBeLessThan(500);
  }
});
