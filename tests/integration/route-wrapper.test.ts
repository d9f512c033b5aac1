import { beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { BadRequestError, BusyError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { agency } from "@/tests/support/people-fixtures";

// The one wrapper every route handler runs through (lib/http/route.ts), from the attacker's side:
// signed out, without the permission, with a body that is too big, malformed or of another type,
// with a sign-in link crafted to send the user elsewhere, and with the database away. Routes made
// here with route() show the wrapper alone; the audit export (moved under /api) shows it in place.
//
// The session module is replaced so each test chooses who is asking; the request's path, which
// the proxy hands the app for the audit trail, is stood in for.

const session = vi.hoisted(() => ({ actor: null as Actor | null, failure: null as Error | null, reads: 0 }));
vi.mock("@/lib/auth/session", () => ({
  getActor: async () => {
    session.reads++;
    if (session.failure) throw session.failure;
    return session.actor;
  },
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-sp-path": "/api/test" }) }));

const { route } = await import("@/lib/http/route");
const auditExport = await import("@/app/api/audit/export/route");

const handled = vi.fn();
beforeEach(() => {
  session.actor = null;
  session.failure = null;
  session.reads = 0;
  handled.mockReset();
});

/** The handler records what it was given, then answers 200 (or throws what the test says). */
function handler(fail?: () => Error) {
  return async (context: { actor: unknown; body: unknown; params: unknown }) => {
    handled(context);
    if (fail) throw fail();
    return Response.json({ ok: true });
  };
}

const api = (fail?: () => Error) =>
  route({ signedOut: "401", permission: "incident:write", body: { json: true, maxBytes: 1024 } }, handler(fail));
const download = (fail?: () => Error) => route({ signedOut: "redirect", permission: "return:read", params: ["id"] }, handler(fail));

function post(
  target: ReturnType<typeof route>,
  body: BodyInit | null = "{}",
  headers: Record<string, string> = { "content-type": "application/json" },
) {
  return target(new Request("http://localhost/api/test", { method: "POST", headers, body, duplex: "half" } as RequestInit));
}
function get(
  target: ReturnType<typeof route>,
  url = "http://localhost/api/test/1?period=2026-27",
  params: Record<string, string> = { id: "1" },
) {
  return target(new Request(url), { params: Promise.resolve(params) });
}

const officer = async () => (await agency({ role: "OFFICER" })).actor;
const viewer = async () => (await agency({ role: "VIEWER" })).actor;
const refusals = (actor: Actor, permission: string) =>
  db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: actor.userId, entityType: "Permission", entityId: permission } });

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: { pointer: string; detail: string }[];
};
async function problemOf(response: Response): Promise<Problem> {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  expect(response.headers.get("cache-control")).toBe("no-store");
  const problem = (await response.json()) as Problem;
  expect(problem).toMatchObject({ type: "about:blank", status: response.status, title: expect.any(String), detail: expect.any(String) });
  return problem;
}

describe("a signed-out visitor", () => {
  it("is answered 401 problem details by an API, before anything is read or run", async () => {
    const response = await post(api(), "x".repeat(10_000));
    expect(response.status).toBe(401);
    expect(await problemOf(response)).toMatchObject({ title: "Unauthorized", detail: "Sign in first" });
    expect(handled).not.toHaveBeenCalled();
  });

  it("is sent to sign in by a download, and brought back to the same address on this site", async () => {
    const response = await get(download());
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/sign-in?callbackUrl=${encodeURIComponent("/api/test/1?period=2026-27")}`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(handled).not.toHaveBeenCalled();
  });

  it("cannot be sent to another site by a crafted address or Host: the way back is a path here, or none", async () => {
    for (const url of [
      "http://localhost//evil.example/steal",
      "http://localhost/\\evil.example",
      "http://localhost/%2F%2Fevil.example",
      "http://evil.example/api/test/1",
    ]) {
      const location = (await get(download(), url)).headers.get("location")!;
      // Relative, so it can only lead to the sign-in page of the site the browser is on.
      expect(location, url).toMatch(/^\/sign-in(\?callbackUrl=|$)/);
      const back = new URL(location, "https://service.example").searchParams.get("callbackUrl");
      if (back) expect(new URL(back, "https://service.example").origin, url).toBe("https://service.example");
    }
    expect((await get(download(), "http://localhost//evil.example/steal")).headers.get("location")).toBe("/sign-in");
  });

  it("reaches a public route without the session being read at all (the health check answers with the database away)", async () => {
    session.failure = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const response = await route({ signedOut: "public" }, handler())(new Request("http://localhost/api/health"));
    expect(response.status).toBe(200);
    expect(session.reads).toBe(0);
    expect(handled).toHaveBeenCalledWith(expect.objectContaining({ actor: null }));
  });
});

describe("a signed-in user without the route's permission", () => {
  it("is answered 404 exactly as a missing record is, the refusal is audited, and the body is never read", async () => {
    session.actor = await viewer();
    const before = await refusals(session.actor, "incident:write");
    // A body that would be refused as too large and malformed: the refusal comes first.
    const refused = await post(api(), "{".repeat(5_000));
    expect(refused.status).toBe(404);
    expect(handled).not.toHaveBeenCalled();
    expect(await refusals(session.actor, "incident:write")).toBe(before + 1);
    const where = await db.auditEvent.findFirst({
      where: { action: "ACCESS_REFUSED", userId: session.actor.userId },
      orderBy: { id: "desc" },
      select: { detail: true },
    });
    expect(where?.detail).toEqual({ where: "/api/test" });

    // The same words as a record the data layer says does not exist, for one who may use the route.
    session.actor = await officer();
    const missing = await post(api(() => new NotFoundError("incident")));
    expect(missing.status).toBe(404);
    expect(await refused.text()).toBe(await missing.text());
  });

  it("of a download, gets the same plain-text 404 as a missing file, audited", async () => {
    session.actor = await viewer();
    const refused = await get(download());
    expect(refused.status).toBe(404);
    expect(refused.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await refusals(session.actor, "return:read")).toBe(1);
    session.actor = await officer();
    const missing = await get(download(() => new NotFoundError()));
    expect(await refused.text()).toBe(await missing.text());
  });
});

describe("the JSON body", () => {
  beforeEach(async () => {
    session.actor = await officer();
  });

  it("is refused 415 in any type but application/json (what another site's form can send)", async () => {
    for (const type of [
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonp",
      "application/json-patch+json",
    ]) {
      const response = await post(api(), '{"q":"x"}', { "content-type": type });
      expect(response.status, type).toBe(415);
      expect(await problemOf(response)).toMatchObject({ title: "Unsupported Media Type", detail: "Send the request as application/json" });
    }
    expect(await problemOf(await post(api(), '{"q":"x"}', {}))).toMatchObject({ status: 415 });
    expect(handled).not.toHaveBeenCalled();
  });

  it("is refused 413 past the route's limit, whether the length is declared or the body streams without one", async () => {
    const declared = await post(api(), JSON.stringify({ q: "x".repeat(2_000) }));
    expect(await problemOf(declared)).toMatchObject({ status: 413, title: "Content Too Large", detail: "The request is too large" });
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 50; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"q":"' : "x".repeat(100)));
        controller.close();
      },
    });
    const streamed = await post(api(), chunks);
    expect(await problemOf(streamed)).toMatchObject({ status: 413 });
    expect(handled).not.toHaveBeenCalled();
  });

  it("is refused 400 when it is not JSON, or not an object", async () => {
    for (const [body, detail] of [
      ["{not json", "The body is not valid JSON"],
      ["", "The body is not valid JSON"],
      ["[1,2]", "Send a JSON object"],
      ["null", "Send a JSON object"],
      ['"text"', "Send a JSON object"],
    ] as const) {
      const response = await post(api(), body);
      expect(await problemOf(response), body).toMatchObject({ status: 400, title: "Bad Request", detail });
    }
    expect(handled).not.toHaveBeenCalled();
  });

  it("reaches the handler parsed and cleaned of characters text cannot hold", async () => {
    const response = await post(api(), JSON.stringify({ q: "ab\u0000c\u0007", ["k\u0000ey"]: ["x\u0000"] }));
    expect(response.status).toBe(200);
    expect(handled).toHaveBeenCalledWith(expect.objectContaining({ body: { q: "abc", key: ["x"] }, actor: session.actor }));
  });
});

describe("errors, mapped in one place", () => {
  beforeEach(async () => {
    session.actor = await officer();
  });

  it("the data layer's typed errors become their statuses, as problem details in plain words", async () => {
    const cases: [Error, number, string, string][] = [
      [new NotFoundError("incident"), 404, "Not Found", "There is nothing at this address."],
      [
        new ForbiddenError("Only Kingsmere Police can change this incident"),
        403,
        "Forbidden",
        "Only Kingsmere Police can change this incident",
      ],
      [new ConflictError(), 409, "Conflict", "Someone else changed this record while you were editing it"],
      [new BadRequestError("Choose CSV or XLSX as the format."), 400, "Bad Request", "Choose CSV or XLSX as the format."],
      [
        new BusyError("Several registers are being downloaded at the moment. Try again in a minute.", 60),
        503,
        "Service Unavailable",
        "Several registers are being downloaded at the moment. Try again in a minute.",
      ],
    ];
    for (const [error, status, title, detail] of cases) {
      const response = await post(api(() => error));
      expect(response.status, error.name).toBe(status);
      expect(await problemOf(response), error.name).toEqual({ type: "about:blank", title, status, detail });
    }
    expect((await post(api(() => new BusyError("Busy", 60)))).headers.get("retry-after")).toBe("60");
  });

  it("a validation error is 422 with each field's error pointing into the body (RFC 9457)", async () => {
    const response = await post(
      api(
        () =>
          new ValidationError({
            category: ["Choose a category"],
            "people.0.personId": ["Choose a person from the list"],
            form: ["Check the dates"],
          }),
      ),
    );
    expect(response.status).toBe(422);
    expect(await problemOf(response)).toEqual({
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      detail: "There is a problem with what you entered",
      errors: [
        { pointer: "#/category", detail: "Choose a category" },
        { pointer: "#/people/0/personId", detail: "Choose a person from the list" },
        { pointer: "#", detail: "Check the dates" },
      ],
    });
  });

  it("the database away is 503 with Retry-After, whether it fails the session lookup or the handler", async () => {
    const away = () => Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: "P1001" });
    const fromHandler = await post(api(away));
    expect(fromHandler.status).toBe(503);
    expect(fromHandler.headers.get("retry-after")).toBe("30");
    expect(await problemOf(fromHandler)).toMatchObject({
      title: "Service Unavailable",
      detail: "The service is temporarily unavailable. Try again in a few minutes.",
    });

    session.failure = Object.assign(new Error("Connection terminated unexpectedly"), { cause: { code: "ECONNRESET" } });
    const fromSession = await get(download());
    expect(fromSession.status).toBe(503);
    expect(fromSession.headers.get("retry-after")).toBe("30");
    expect(fromSession.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  it("anything unexpected is logged with a reference and answered 500 with nothing internal in it", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const response = await post(
        api(() => new Error('relation "Secret" does not exist in SELECT * FROM "Case" WHERE victim = \'Jane Doe\'')),
      );
      expect(response.status).toBe(500);
      const text = await response.clone().text();
      expect(text).not.toMatch(/Secret|SELECT|Jane|relation|stack/);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ title: "Internal Server Error", instance: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/) });
      const reference = problem.instance!.slice("urn:uuid:".length);
      expect(problem.detail).toContain(reference);
      expect(log).toHaveBeenCalledWith(expect.stringContaining(reference), expect.any(Error));
      // The query string can hold what was searched for: only the path is logged.
      await get(
        download(() => new Error("boom")),
        "http://localhost/api/test/1?q=Jane%20Doe",
      );
      expect(String(log.mock.calls.at(-1)?.[0])).not.toContain("Jane");
    } finally {
      log.mockRestore();
    }
  });

  it("a download answers the same statuses as plain text, with the field errors listed", async () => {
    const invalid = await get(download(() => new ValidationError({ period: ["Choose a period"] }, "Check the download")));
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await invalid.text()).toBe("Check the download\nChoose a period");
    expect((await get(download(() => new ConflictError()))).status).toBe(409);
  });
});

describe("every answer", () => {
  it("is never cached and never sniffed, whatever the handler said", async () => {
    session.actor = await officer();
    const cached = route(
      { signedOut: "401" },
      async () => new Response("{}", { headers: { "Cache-Control": "public, max-age=3600", "Content-Type": "application/json" } }),
    );
    const response = await cached(new Request("http://localhost/api/test"));
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-type")).toBe("application/json");
  });

  it("gives the handler the route's segments, and answers 404 when one is missing", async () => {
    session.actor = await officer();
    expect((await get(download(), undefined, { id: "abc" })).status).toBe(200);
    expect(handled).toHaveBeenCalledWith(expect.objectContaining({ params: { id: "abc" } }));
    handled.mockReset();
    expect((await get(download(), undefined, {})).status).toBe(404);
    expect(handled).not.toHaveBeenCalled();
  });
});

describe("the audit trail's export, under /api/audit/export", () => {
  const exportAs = (url = "http://localhost/api/audit/export?action=SIGN_IN") => auditExport.GET(new Request(url));

  it("sends a signed-out visitor to sign in and back to the export", async () => {
    const response = await exportAs();
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/sign-in?callbackUrl=${encodeURIComponent("/api/audit/export?action=SIGN_IN")}`);
  });

  it("is a 404 for anyone but an administrator, audited as a refusal of audit:read", async () => {
    session.actor = (await agency({ role: "MANAGER" })).actor;
    const response = await exportAs();
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Page not found");
    expect(await refusals(session.actor, "audit:read")).toBe(1);
  });

  it("streams the search as a CSV attachment to an administrator, not cached", async () => {
    session.actor = (await agency({ role: "ADMIN" })).actor;
    const response = await exportAs();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-trail-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toContain("Event id,When (UTC),Action");
  });
});
