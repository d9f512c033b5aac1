import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { createApiClient, revokeApiClient, setClientMaracAccess } from "@/lib/api/clients/data";
import type { ApiScope } from "@/lib/api/clients/scopes";
import { signInWithPassword } from "@/lib/auth/data";
import { CLIENT_ADDRESS_HEADER } from "@/lib/auth/client-address";
import { ENDPOINTS } from "@/lib/api/v1/endpoints";
import { agency, colleague, makeCase, makeIncident, makePerson } from "@/tests/support/people-fixtures";
import { addAction } from "@/tests/integration/actions-support";

// The partner API (/api/v1) from the attacker's side: another organisation's key, a revoked or
// expired key, a key from the wrong address, a call outside its scopes, a replayed create, a
// stale If-Match, a MARAC record asked for by id, and a client calling too fast. Handlers are
// called as Next calls them, with a real key made by lib/api/clients.

vi.mock("@/lib/auth/session", () => ({ getActor: async () => null }));

const incidents = await import("@/app/api/v1/incidents/route");
const incident = await import("@/app/api/v1/incidents/[id]/route");
const people = await import("@/app/api/v1/people/route");
const peopleSearch = await import("@/app/api/v1/people/search/route");
const person = await import("@/app/api/v1/people/[id]/route");
const places = await import("@/app/api/v1/places/route");
const cases = await import("@/app/api/v1/cases/route");
const oneCase = await import("@/app/api/v1/cases/[id]/route");
const notes = await import("@/app/api/v1/cases/[id]/notes/route");
const caseActions = await import("@/app/api/v1/cases/[id]/actions/route");
const caseAction = await import("@/app/api/v1/cases/[id]/actions/[actionId]/route");
const powers = await import("@/app/api/v1/powers/route");
const power = await import("@/app/api/v1/powers/[id]/route");
const breaches = await import("@/app/api/v1/powers/[id]/breaches/route");
const openapi = await import("@/app/api/v1/openapi.json/route");

type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

type Call = {
  token?: string | null;
  body?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
  address?: string;
  query?: string;
};

function call(handler: Handler, method: string, path: string, options: Call = {}) {
  const headers: Record<string, string> = { [CLIENT_ADDRESS_HEADER]: options.address ?? "192.0.2.10", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return handler(
    new Request(`http://localhost/api/v1${path}${options.query ?? ""}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
}

const ALL: ApiScope[] = [
  "incidents:read",
  "incidents:write",
  "people:read",
  "people:write",
  "places:read",
  "places:write",
  "cases:read",
  "cases:write",
  "powers:read",
  "powers:write",
];

const IN_A_YEAR = () => new Date(Date.now() + 365 * 86_400_000);

async function clientFor(
  manager: Actor,
  options: { scopes?: ApiScope[]; allowedRange?: string | null; rateLimitPerMinute?: number; name?: string } = {},
) {
  return createApiClient(manager, {
    name: options.name ?? `Partner system ${randomUUID().slice(0, 6)}`,
    scopes: options.scopes ?? ALL,
    allowedRange: options.allowedRange ?? null,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 1000,
    expiresAt: IN_A_YEAR(),
  });
}

function newIncident(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    reportedAt: new Date(Date.now() - 60_000).toISOString(),
    reportMethod: "PATROL",
    category: "NUISANCE",
    type: "STREET_DRINKING",
    description: "Group drinking by the war memorial",
    ...overrides,
  };
}

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as { status: number; detail: string; errors?: { pointer: string; detail: string }[]; matches?: unknown[] };
}

let police: Awaited<ReturnType<typeof agency>>;
let policeManager: Actor;
let token: string;
let clientId: string;

beforeAll(async () => {
  police = await agency({ kind: "POLICE" });
  policeManager = (await colleague(police.organisation.id, { role: "MANAGER" })).actor;
  ({ token, id: clientId } = await clientFor(policeManager, { name: "Police RMS feed" }));
});

describe("who is calling", () => {
  it("refuses a call without a key, with a malformed key, an unknown key or a wrong secret: 401 problem details, the same words", async () => {
    const [, keyId] = token.split(".");
    const answers = await Promise.all(
      [null, "not-a-key", `spk.0123456789abcdef.${"A".repeat(43)}`, `spk.${keyId}.${"B".repeat(43)}`].map((t) =>
        call(incidents.GET, "GET", "/incidents", { token: t }),
      ),
    );
    const details = new Set<string>();
    for (const response of answers) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      details.add((await problemOf(response)).detail);
    }
    expect(details.size).toBe(1);
    // The wrong secret for a real client is in the audit trail against that client.
    expect(
      await db.auditEvent.count({ where: { action: "SIGN_IN_FAILURE", entityType: "ApiClient", entityId: clientId } }),
    ).toBeGreaterThan(0);
  });

  it("a revoked key stops at once; an expired key is refused", async () => {
    const revoked = await clientFor(policeManager);
    expect((await call(incidents.GET, "GET", "/incidents", { token: revoked.token })).status).toBe(200);
    await revokeApiClient(policeManager, revoked.id, 1);
    expect((await call(incidents.GET, "GET", "/incidents", { token: revoked.token })).status).toBe(401);

    const expired = await clientFor(policeManager);
    await db.apiClient.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(incidents.GET, "GET", "/incidents", { token: expired.token })).status).toBe(401);
  });

  it("a key with an allowed address range is refused from outside it", async () => {
    const ranged = await clientFor(policeManager, { allowedRange: "203.0.113.0/24" });
    expect((await call(incidents.GET, "GET", "/incidents", { token: ranged.token, address: "198.51.100.7" })).status).toBe(401);
    expect((await call(incidents.GET, "GET", "/incidents", { token: ranged.token, address: "203.0.113.9" })).status).toBe(200);
    const row = await db.apiClient.findUniqueOrThrow({ where: { id: ranged.id } });
    expect(row.lastUsedFrom).toBe("203.0.113.9");
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("the secret is stored only as a hash, and the client's account cannot sign in", async () => {
    const row = await db.apiClient.findUniqueOrThrow({ where: { id: clientId }, include: { user: true } });
    const secret = token.split(".")[2]!;
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.user.isApiClient).toBe(true);
    expect(row.user.passwordHash).toBeNull();
    const attempt = await signInWithPassword({ email: row.user.email, password: secret, ip: "192.0.2.1", userAgent: null });
    expect(attempt.ok).toBe(false);
  });

  it("a call outside the client's scopes is 403, and audited", async () => {
    const reader = await clientFor(policeManager, { scopes: ["incidents:read"] });
    const write = await call(incidents.POST, "POST", "/incidents", {
      token: reader.token,
      body: newIncident(),
      headers: { "idempotency-key": "a" },
    });
    expect(write.status).toBe(403);
    expect((await problemOf(write)).detail).toContain("incidents:write");
    expect((await call(peopleSearch.POST, "POST", "/people/search", { token: reader.token, body: { name: "Smith" } })).status).toBe(403);
    expect(await db.incident.count({ where: { reportingOrganisationId: police.organisation.id } })).toBe(0);
    const account = await db.apiClient.findUniqueOrThrow({ where: { id: reader.id }, select: { userId: true } });
    expect(await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: account.userId } })).toBe(2);
  });

  it("past the client's rate limit: 429 with Retry-After, counted across calls", async () => {
    const slow = await clientFor(policeManager, { rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // Seven calls at three a minute: even if a minute turns over between two of them, one is refused.
    for (let i = 0; i < 7; i++) {
      const response = await call(incidents.GET, "GET", "/incidents", { token: slow.token });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });

  it("every call is in the audit trail under the client's name, with the path and status and nothing typed", async () => {
    const before = await db.auditEvent.count({ where: { action: "API_CALL", entityId: clientId } });
    await call(peopleSearch.POST, "POST", "/people/search", { token, body: { name: "Zebedee Quartermaine" } });
    const events = await db.auditEvent.findMany({ where: { action: "API_CALL", entityId: clientId }, orderBy: { id: "desc" } });
    expect(events.length).toBe(before + 1);
    expect(events[0]!.detail).toEqual({ client: "Police RMS feed", method: "POST", path: "/api/v1/people/search", status: 200 });
    expect(JSON.stringify(events.map((e) => ({ ...e, id: String(e.id), xact: String(e.xact) })))).not.toContain("Zebedee");
  });
});

describe("incidents", () => {
  it("a create with the same Idempotency-Key twice makes one incident; the same key with another body is 422; no key is 400", async () => {
    const body = newIncident({ description: "Replayed create" });
    const headers = { "idempotency-key": `retry-${randomUUID()}` };
    const first = await call(incidents.POST, "POST", "/incidents", { token, body, headers });
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(first.headers.get("location")).toBe(`/api/v1/incidents/${created.id}`);
    expect(first.headers.get("etag")).toBe('"1"');
    expect(created.reportingOrganisation.id).toBe(police.organisation.id);

    const again = await call(incidents.POST, "POST", "/incidents", { token, body, headers });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).id).toBe(created.id);
    expect(await db.incident.count({ where: { description: "Replayed create" } })).toBe(1);

    const other = await call(incidents.POST, "POST", "/incidents", { token, body: { ...body, description: "Another" }, headers });
    expect(other.status).toBe(422);
    expect(await db.incident.count({ where: { description: "Another" } })).toBe(0);

    const keyless = await call(incidents.POST, "POST", "/incidents", { token, body });
    expect(keyless.status).toBe(400);
    expect((await problemOf(keyless)).detail).toContain("Idempotency-Key");
  });

  it("keys are forgotten after a week by the daily job, and a retry after that still makes no second record", async () => {
    const { forgetOldIdempotencyKeys } = await import("@/lib/api/v1/data/keys");
    const headers = { "idempotency-key": `late-${randomUUID()}` };
    const body = newIncident({ description: "Retried a week later" });
    const first = await (await call(incidents.POST, "POST", "/incidents", { token, body, headers })).json();
    expect(await forgetOldIdempotencyKeys(new Date())).toBe(0);
    expect(await forgetOldIdempotencyKeys(new Date(Date.now() + 8 * 86_400_000))).toBeGreaterThan(0);
    expect(await db.apiIdempotencyKey.count({ where: { key: headers["idempotency-key"] } })).toBe(0);
    const late = await call(incidents.POST, "POST", "/incidents", { token, body, headers });
    expect((await late.json()).id).toBe(first.id);
    expect(await db.incident.count({ where: { description: "Retried a week later" } })).toBe(1);
  });

  it("another client's key in the same organisation makes its own record with the same key (keys are per client)", async () => {
    const other = await clientFor(policeManager);
    const key = { "idempotency-key": `shared-${randomUUID()}` };
    const a = await (await call(incidents.POST, "POST", "/incidents", { token, body: newIncident(), headers: key })).json();
    const b = await (await call(incidents.POST, "POST", "/incidents", { token: other.token, body: newIncident(), headers: key })).json();
    expect(a.id).not.toBe(b.id);
  });

  it("bad input is 422 with a JSON Pointer to each field, and nothing is written", async () => {
    const before = await db.incident.count();
    const response = await call(incidents.POST, "POST", "/incidents", {
      token,
      body: newIncident({ category: "LOUD", occurredAt: "yesterday", surprise: 1 }),
      headers: { "idempotency-key": randomUUID() },
    });
    expect(response.status).toBe(422);
    const pointers = (await problemOf(response)).errors!.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["#/category", "#/occurredAt"]));
    expect(await db.incident.count()).toBe(before);
  });

  it("changes need If-Match: missing is 428, stale is 412 and nothing changes, current is 200 with the next ETag", async () => {
    const created = await (
      await call(incidents.POST, "POST", "/incidents", { token, body: newIncident(), headers: { "idempotency-key": randomUUID() } })
    ).json();
    const params = { id: created.id };
    expect((await call(incident.PATCH, "PATCH", `/incidents/${created.id}`, { token, params, body: { riskLevel: "HIGH" } })).status).toBe(
      428,
    );

    const ok = await call(incident.PATCH, "PATCH", `/incidents/${created.id}`, {
      token,
      params,
      body: { riskLevel: "HIGH" },
      headers: { "if-match": '"1"' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("etag")).toBe('"2"');
    expect((await ok.json()).riskLevel).toBe("HIGH");

    const stale = await call(incident.PATCH, "PATCH", `/incidents/${created.id}`, {
      token,
      params,
      body: { description: "Overwritten" },
      headers: { "if-match": '"1"' },
    });
    expect(stale.status).toBe(412);
    expect((await db.incident.findUniqueOrThrow({ where: { id: created.id } })).description).toBe("Group drinking by the war memorial");
  });

  it("another organisation's key neither reads, lists nor changes the incident (404, as if it did not exist)", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const councilManager = (await colleague(council.organisation.id, { role: "MANAGER" })).actor;
    const theirs = await clientFor(councilManager);
    const created = await (
      await call(incidents.POST, "POST", "/incidents", {
        token,
        body: newIncident({ description: "Police only" }),
        headers: { "idempotency-key": randomUUID() },
      })
    ).json();
    const params = { id: created.id };
    expect((await call(incident.GET, "GET", `/incidents/${created.id}`, { token: theirs.token, params })).status).toBe(404);
    const patch = await call(incident.PATCH, "PATCH", `/incidents/${created.id}`, {
      token: theirs.token,
      params,
      body: { description: "Council was here" },
      headers: { "if-match": '"1"' },
    });
    expect(patch.status).toBe(404);
    const list = await (await call(incidents.GET, "GET", "/incidents", { token: theirs.token, query: "?limit=100" })).json();
    expect(list.data.map((r: { id: string }) => r.id)).not.toContain(created.id);
  });

  it("lists by cursor: pages of `limit`, newest first, each row once; a forged cursor or an unknown filter is 400", async () => {
    const org = await agency({ kind: "POLICE" });
    const manager = (await colleague(org.organisation.id, { role: "MANAGER" })).actor;
    const own = await clientFor(manager);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await makeIncident({ organisationId: org.organisation.id, officerId: org.user.id })).id);
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page = (await (
        await call(incidents.GET, "GET", "/incidents", { token: own.token, query: `?limit=2${cursor ? `&cursor=${cursor}` : ""}` })
      ).json()) as {
        data: { id: string }[];
        next: string | null;
      };
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((r) => r.id));
      cursor = page.next;
    }
    expect(seen).toEqual([...ids].reverse());
    expect((await call(incidents.GET, "GET", "/incidents", { token: own.token, query: "?cursor=bm90LWFuLWlk" })).status).toBe(400);
    expect((await call(incidents.GET, "GET", "/incidents", { token: own.token, query: "?name=Smith" })).status).toBe(400);
  });
});

describe("MARAC content", () => {
  it("a MARAC case and its incident answer 404 and are in no list, until a chair of the MARAC grants the client the panel", async () => {
    const maracChair = (await colleague(police.organisation.id, { role: "CHAIR", panels: ["MARAC"] })).actor;
    const victim = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Marac", lastName: "Victim" });
    const marac = await makeCase({
      leadOrganisationId: police.organisation.id,
      createdById: maracChair.userId,
      kind: "MARAC",
      people: [[victim.id, "VICTIM"]],
    });
    const inIt = await makeIncident({ organisationId: police.organisation.id, officerId: police.user.id, caseId: marac.id });
    const client = await clientFor(policeManager);

    expect((await call(oneCase.GET, "GET", `/cases/${marac.id}`, { token: client.token, params: { id: marac.id } })).status).toBe(404);
    expect((await call(incident.GET, "GET", `/incidents/${inIt.id}`, { token: client.token, params: { id: inIt.id } })).status).toBe(404);
    const listed = await (await call(cases.GET, "GET", "/cases", { token: client.token, query: "?limit=100" })).json();
    expect(listed.data.map((c: { id: string }) => c.id)).not.toContain(marac.id);
    const noted = await call(notes.POST, "POST", `/cases/${marac.id}/notes`, {
      token: client.token,
      params: { id: marac.id },
      body: { text: "Let me in" },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(noted.status).toBe(404);

    // The manager who made the client cannot grant it; a chair of the MARAC can.
    await expect(setClientMaracAccess(policeManager, client.id, true)).rejects.toThrow();
    await setClientMaracAccess(maracChair, client.id, true);
    const read = await call(oneCase.GET, "GET", `/cases/${marac.id}`, { token: client.token, params: { id: marac.id } });
    expect(read.status).toBe(200);
    expect((await read.json()).restricted).toBe(true);

    await setClientMaracAccess(maracChair, client.id, false);
    expect((await call(oneCase.GET, "GET", `/cases/${marac.id}`, { token: client.token, params: { id: marac.id } })).status).toBe(404);
  });
});

describe("people, places, cases and powers", () => {
  it("a person like one already recorded is 409 with the matches, and made with confirmedNew", async () => {
    await makePerson({ createdByOrgId: police.organisation.id, firstName: "Jordan", lastName: "Ashworth", dateOfBirth: "1990-04-12" });
    const body = { firstName: "Jordon", lastName: "Ashworth", dateOfBirth: "1990-04-12" };
    const offered = await call(people.POST, "POST", "/people", { token, body, headers: { "idempotency-key": randomUUID() } });
    expect(offered.status).toBe(409);
    expect((await problemOf(offered)).matches).toHaveLength(1);
    const made = await call(people.POST, "POST", "/people", {
      token,
      body: { ...body, confirmedNew: true },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(made.status).toBe(201);
    const created = await made.json();
    expect(created).toMatchObject({ firstName: "Jordon", dateOfBirth: "1990-04-12", aliases: [] });
    const read = await call(person.GET, "GET", `/people/${created.id}`, { token, params: { id: created.id } });
    expect(read.status).toBe(200);
    // The person form's own rule, at the field's pointer.
    const bad = await call(people.POST, "POST", "/people", {
      token,
      body: { firstName: "", lastName: "X", dateOfBirth: "2999-01-01" },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(bad.status).toBe(422);
    expect((await problemOf(bad)).errors!.map((e) => e.pointer)).toEqual(expect.arrayContaining(["#/firstName", "#/dateOfBirth"]));
  });

  it("a profile merged into another answers 301 to the one it was merged into", async () => {
    const { mergePeople } = await import("@/lib/people/data");
    const survivor = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Merged", lastName: "Survivor" });
    const duplicate = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Merged", lastName: "Survivr" });
    await mergePeople(policeManager, { survivorId: survivor.id, duplicateId: duplicate.id, survivorVersion: 1, duplicateVersion: 1 });
    const moved = await call(person.GET, "GET", `/people/${duplicate.id}`, { token, params: { id: duplicate.id } });
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe(`/api/v1/people/${survivor.id}`);
  });

  it("a place is made once per Idempotency-Key", async () => {
    const body = { addressLine1: "Flat 3, Harker House", town: "Kingsmere", postcode: "se15 4qf", kind: "RESIDENTIAL", confirmedNew: true };
    const headers = { "idempotency-key": randomUUID() };
    const a = await call(places.POST, "POST", "/places", { token, body, headers });
    const b = await call(places.POST, "POST", "/places", { token, body, headers });
    expect([a.status, b.status]).toEqual([201, 201]);
    const made = await a.json();
    expect(made.postcode).toBe("SE15 4QF");
    expect((await b.json()).id).toBe(made.id);
  });

  it("a note goes on the case's timeline; an action moves on only at its current version", async () => {
    const { open } = await import("@/tests/integration/cases-support");
    const opened = await open(police.actor);
    const action = await addAction(police.actor, opened.id, police.organisation.id);
    const noted = await call(notes.POST, "POST", `/cases/${opened.id}/notes`, {
      token,
      params: { id: opened.id },
      body: { text: "Partner system: victim contacted" },
      headers: { "idempotency-key": randomUUID() },
    });
    expect(noted.status).toBe(201);
    expect(await db.timelineEntry.count({ where: { caseId: opened.id, kind: "NOTE" } })).toBe(1);

    const listed = await (await call(caseActions.GET, "GET", `/cases/${opened.id}/actions`, { token, params: { id: opened.id } })).json();
    expect(listed.data.map((a: { id: string }) => a.id)).toEqual([action.id]);
    const params = { id: opened.id, actionId: action.id };
    const done = { status: "DONE", outcome: "Visited" };
    expect((await call(caseAction.PATCH, "PATCH", "/x", { token, params, body: done, headers: { "if-match": '"9"' } })).status).toBe(412);
    const moved = await call(caseAction.PATCH, "PATCH", "/x", {
      token,
      params,
      body: done,
      headers: { "if-match": `"${action.version}"` },
    });
    expect(moved.status).toBe(200);
    expect((await moved.json()).status).toBe("DONE");
    const noOutcome = await call(caseAction.PATCH, "PATCH", "/x", {
      token,
      params,
      body: { status: "DONE" },
      headers: { "if-match": '"2"' },
    });
    expect(noOutcome.status).toBe(422);
  });

  it("a power is recorded once, read with its history, and a breach needs the power's current version", async () => {
    const subject = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Power", lastName: "Subject" });
    const kind = await db.powerKind.create({
      data: {
        code: `API_${randomUUID().slice(0, 6).toUpperCase()}`,
        name: "Community protection warning",
        legalBasis: "ASB, Crime and Policing Act 2014 s.43",
        statutory: true,
        hasExpiry: false,
        needsCourt: false,
        appealable: false,
      },
    });
    const body = { kindId: kind.id, subjectPersonId: subject.id, issuedOn: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) };
    const headers = { "idempotency-key": randomUUID() };
    const made = await call(powers.POST, "POST", "/powers", { token, body, headers });
    expect(made.status).toBe(201);
    const created = await made.json();
    expect(created).toMatchObject({ status: "ISSUED", subjectPerson: { id: subject.id } });
    expect((await call(powers.POST, "POST", "/powers", { token, body, headers })).headers.get("idempotent-replayed")).toBe("true");
    expect(await db.powerUse.count({ where: { kindId: kind.id } })).toBe(1);

    const params = { id: created.id };
    const breach = { breachedOn: new Date().toISOString().slice(0, 10), actionTaken: "WARNING" };
    expect((await call(breaches.POST, "POST", "/x", { token, params, body: breach })).status).toBe(428);
    const recorded = await call(breaches.POST, "POST", "/x", {
      token,
      params,
      body: breach,
      headers: { "if-match": `"${created.version}"` },
    });
    expect(recorded.status).toBe(201);
    expect((await recorded.json()).breaches).toHaveLength(1);
    // The same breach sent again at the old version is refused, not recorded twice.
    expect(
      (await call(breaches.POST, "POST", "/x", { token, params, body: breach, headers: { "if-match": `"${created.version}"` } })).status,
    ).toBe(412);
    const read = await (await call(power.GET, "GET", `/powers/${created.id}`, { token, params })).json();
    expect(read.breaches).toHaveLength(1);
    const list = await (await call(powers.GET, "GET", "/powers", { token })).json();
    expect(list.data.map((p: { id: string }) => p.id)).toContain(created.id);
  });
});

describe("odd input", () => {
  it("no body, query, header or id, however odd, gets a 5xx or an internal error text", async () => {
    const handlers: [Handler, string, string, Record<string, string>][] = [
      [incidents.GET, "GET", "/incidents", {}],
      [incidents.POST, "POST", "/incidents", {}],
      [incident.GET, "GET", "/incidents/x", { id: "x" }],
      [incident.PATCH, "PATCH", "/incidents/x", { id: randomUUID() }],
      [people.POST, "POST", "/people", {}],
      [peopleSearch.POST, "POST", "/people/search", {}],
      [person.GET, "GET", "/people/x", { id: "../../etc/passwd" }],
      [places.POST, "POST", "/places", {}],
      [cases.GET, "GET", "/cases", {}],
      [oneCase.GET, "GET", "/cases/x", { id: "00000000-0000-0000-0000-000000000000" }],
      [notes.POST, "POST", "/cases/x/notes", { id: "not-a-uuid" }],
      [caseActions.GET, "GET", "/cases/x/actions", { id: randomUUID() }],
      [caseAction.PATCH, "PATCH", "/x", { id: randomUUID(), actionId: "1' OR '1'='1" }],
      [powers.GET, "GET", "/powers", {}],
      [powers.POST, "POST", "/powers", {}],
      [power.GET, "GET", "/powers/x", { id: "\u0000" }],
      [breaches.POST, "POST", "/x", { id: randomUUID() }],
    ];
    const bodies: unknown[] = [
      {},
      { occurredAt: 12, people: "everyone", firstName: ["a"], addressLine1: { a: 1 }, status: null, issuedOn: "31/02/2026", text: 5 },
      {
        description: "x".repeat(6000),
        name: "\u0000\u0000",
        q: "%",
        kindId: "constructor",
        breachedOn: "9999-99-99",
        dateOfBirth: "1850-01-01",
      },
      { __proto__: { admin: true }, constructor: { prototype: 1 }, people: [{ personId: "x", role: "KING" }] },
    ];
    const queries = [
      "?limit=-1",
      "?limit=1e9&limit=2",
      "?cursor=%25%25%25",
      "?occurredFrom=2026-02-31",
      "?status=%00",
      "?kind=ASB&kindId=x",
    ];
    const headerSets: Record<string, string>[] = [
      {},
      { "if-match": '"99999999999999"' },
      { "if-match": 'W/"abc"' },
      { "idempotency-key": "x".repeat(300) },
      { "idempotency-key": "é" },
    ];
    for (const [handler, method, path, params] of handlers) {
      for (const body of method === "GET" ? [undefined] : bodies) {
        for (const query of method === "GET" ? queries : [""]) {
          for (const headers of headerSets) {
            const response = await call(handler, method, path, {
              token,
              params,
              body,
              query,
              headers: { "idempotency-key": randomUUID(), ...headers },
            });
            const text = await response.text();
            expect(
              response.status,
              `${method} ${path}${query} ${JSON.stringify(body)?.slice(0, 80)} ${JSON.stringify(headers)}`,
            ).toBeLessThan(500);
            expect(text).not.toMatch(/prisma|stack|TypeError|at async/i);
          }
        }
      }
    }
  }, 120_000);
});

describe("the OpenAPI document", () => {
  it("is served without a key and names every endpoint with its scope", async () => {
    const response = await openapi.GET(new Request("http://localhost/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    for (const endpoint of Object.values(ENDPOINTS)) {
      expect(document.paths[endpoint.path]?.[endpoint.method.toLowerCase()]?.["x-scope"], `${endpoint.method} ${endpoint.path}`).toBe(
        endpoint.scope,
      );
    }
  });
});
