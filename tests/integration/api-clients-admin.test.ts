import { createHash } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import {
  authenticateApiCall,
  checkRevokeApiClient,
  createApiClient,
  getApiClient,
  listApiClients,
  revokeApiClient,
  setClientMaracAccess,
} from "@/lib/api/clients/data";
import { createApiClientAction, revokeApiClientAction } from "@/lib/api/clients/actions";
import type { NewApiClientFormState, RevokeApiClientFormState } from "@/lib/api/clients/form-state";
import type { ApiScope } from "@/lib/api/clients/scopes";
import { getManagedUser, listUsers } from "@/lib/users/data";
import { leadChoices } from "@/lib/cases/data";
import { assigneeChoices } from "@/lib/case-actions/data";
import { issueChoices } from "@/lib/powers/data";
import { panelOverview } from "@/lib/panels/data";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { agency, colleague, makeCase } from "@/tests/support/people-fixtures";
import { callServerAction, signInForCalls } from "@/tests/support/server-action-calls";

// API client administration from the attacker's side: a manager reaching into another
// organisation's clients, an administrator trying to make one (it would read case content), an
// officer or viewer trying anything, a manager granting their own client the MARAC, a stale or
// repeated revoke, a crafted form. And the secret: answered once, never stored, never shown again.

vi.mock("next/headers", () => import("@/tests/support/server-action-calls").then((m) => m.noRequestHeaders));
vi.mock("next/cache", () => import("@/tests/support/server-action-calls").then((m) => m.noCache));
vi.mock("@/lib/auth/session", async (real) => (await import("@/tests/support/server-action-calls")).sessionSignedInAs(await real()));

const DAY = 86_400_000;

async function partnership() {
  const council = await agency({ kind: "LOCAL_AUTHORITY", role: "MANAGER", panels: ["CCM"] });
  const housing = await agency({ kind: "HOUSING_PROVIDER", role: "MANAGER" });
  const police = await agency({ kind: "POLICE", role: "CHAIR", panels: ["MARAC"] });
  return {
    council: council.organisation,
    housing: housing.organisation,
    manager: council.actor, // MANAGER, council
    otherManager: housing.actor, // MANAGER, housing
    admin: (await colleague(council.organisation.id, { role: "ADMIN" })).actor,
    officer: (await colleague(council.organisation.id, { role: "OFFICER" })).actor,
    viewer: (await colleague(council.organisation.id, { role: "VIEWER" })).actor,
    maracChair: police.actor, // CHAIR, police, MARAC
    ccmChair: (await colleague(council.organisation.id, { role: "CHAIR", panels: ["CCM"] })).actor,
    maracMember: (await colleague(council.organisation.id, { role: "OFFICER", panels: ["MARAC"] })).actor,
  };
}

function newClient(actor: Actor, scopes: ApiScope[] = ["incidents:read", "incidents:write"]) {
  return createApiClient(actor, {
    name: `Police records link ${Math.random().toString(36).slice(2, 8)}`,
    scopes,
    allowedRange: "203.0.113.0/24",
    rateLimitPerMinute: 60,
    expiresAt: new Date(Date.now() + 180 * DAY),
  });
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  return data;
}

/** Runs a server action as `actor`, as Next would answer it. */
async function as<T>(actor: Actor, run: () => Promise<T>) {
  signInForCalls(actor);
  try {
    return await callServerAction(run);
  } finally {
    signInForCalls(null);
  }
}

const refusalsBy = (actor: Actor) => db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: actor.userId } });
const query = { page: 1, pageSize: 25, sort: "name" as const, dir: "asc" as const, skip: 0 };

describe("making an API client", () => {
  it("a manager makes one for their own organisation: the token is answered once, and only a SHA-256 hash of its secret is kept", async () => {
    const p = await partnership();
    const expires = new Date(Date.now() + 30 * DAY);
    const called = await as(p.manager, () =>
      createApiClientAction(
        { status: "idle" },
        form({
          name: "Police records link",
          scopes: ["incidents:read", "people:read"],
          allowedRange: "203.0.113.0/24",
          rateLimitPerMinute: "30",
          "expires-day": String(expires.getUTCDate()),
          "expires-month": String(expires.getUTCMonth() + 1),
          "expires-year": String(expires.getUTCFullYear()),
        }),
      ),
    );
    expect(called.kind).toBe("returned");
    const state = (called as { value: NewApiClientFormState }).value;
    expect(state.status).toBe("saved");
    const token = state.token!;
    expect(token).toMatch(/^spk\.[0-9a-f]{16}\.[A-Za-z0-9_-]{43}$/);
    // The token is in the answer's own field only: not among the values sent back with the form.
    expect(JSON.stringify(state.values)).not.toContain(token.split(".")[2]);

    const row = await db.apiClient.findUniqueOrThrow({ where: { id: state.clientId! }, include: { user: true } });
    const secret = token.split(".")[2]!;
    expect(row.secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(row.secretHash).not.toBe(token);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row).toMatchObject({ organisationId: p.council.id, scopes: ["incidents:read", "people:read"], rateLimitPerMinute: 30 });
    // The service account reads only (no write scope), never signs in, and is marked as a client's.
    expect(row.user).toMatchObject({ isApiClient: true, role: "VIEWER", passwordHash: null, organisationId: p.council.id });
    // Nothing else holds the secret: not the audit trail, not the client as a manager reads it again.
    const audits = await db.auditEvent.findMany({ where: { entityId: row.id } });
    expect(audits.map((a) => a.action)).toEqual(["CREATE"]);
    expect(JSON.stringify(audits.map((a) => a.detail))).not.toContain(secret);
    expect(JSON.stringify(await getApiClient(p.manager, row.id))).not.toContain(secret);
    expect(JSON.stringify(await listApiClients(p.manager))).not.toContain(secret);
  });

  it("an administrator cannot make one (it would read case content), nor an officer or a viewer; nothing is written", async () => {
    const p = await partnership();
    const before = await db.apiClient.count();
    for (const actor of [p.admin, p.officer, p.viewer, p.maracChair]) {
      await expect(newClient(actor)).rejects.toBeInstanceOf(ForbiddenError);
      const refusals = await refusalsBy(actor);
      const called = await as(actor, () =>
        createApiClientAction({ status: "idle" }, form({ name: "Sneaky", scopes: "cases:read", ...expiryIn(10) })),
      );
      expect(called).toMatchObject({ kind: "returned", value: { status: "error" } });
      expect(await refusalsBy(actor)).toBeGreaterThan(refusals);
    }
    expect(await db.apiClient.count()).toBe(before);
  });

  it("a form with no scopes, a bad address range, a past expiry and a limit of 0 is sent back with every problem and what was typed; nothing is written", async () => {
    const p = await partnership();
    const clients = () => db.apiClient.count({ where: { organisationId: p.council.id } });
    const accounts = () => db.user.count({ where: { organisationId: p.council.id, isApiClient: true } });
    const [clientsBefore, accountsBefore] = [await clients(), await accounts()];
    const called = await as(p.manager, () =>
      createApiClientAction(
        { status: "idle" },
        form({ name: "Housing link", allowedRange: "10.0.0.0/99", rateLimitPerMinute: "0", ...expiryIn(-2) }),
      ),
    );
    expect(called.kind).toBe("returned");
    const state = (called as { value: NewApiClientFormState }).value;
    expect(state.status).toBe("invalid");
    expect(state.token).toBeUndefined();
    expect(state.fieldErrors).toEqual({
      scopes: ["Choose at least one thing the client may do"],
      allowedRange: ["Enter an address or range like 203.0.113.0/24 or 2001:db8::/32"],
      rateLimitPerMinute: ["The limit must be a whole number from 1 to 1000"],
      expires: ["The expiry date must be in the future"],
    });
    expect(state.values).toMatchObject({ name: "Housing link", allowedRange: "10.0.0.0/99", rateLimitPerMinute: "0" });
    expect([await clients(), await accounts()]).toEqual([clientsBefore, accountsBefore]);
  });

  it("an expiry more than two years ahead, a blank name and an unknown scope are refused too", async () => {
    const p = await partnership();
    const called = await as(p.manager, () =>
      createApiClientAction({ status: "idle" }, form({ name: "  ", scopes: "cases:delete", ...expiryIn(3 * 366) })),
    );
    expect((called as { value: NewApiClientFormState }).value.fieldErrors).toMatchObject({
      name: [expect.stringMatching(/^Enter a name/)],
      scopes: ["Choose at least one thing the client may do"],
      expires: ["The expiry date must be within 2 years"],
    });
  });
});

describe("a manager's reach", () => {
  it("a manager of another organisation cannot see or revoke the client: it is not found, the refusal is audited, and nothing changes", async () => {
    const p = await partnership();
    const { id } = await newClient(p.manager);
    expect((await listApiClients(p.otherManager)).map((c) => c.id)).not.toContain(id);
    const refusals = await refusalsBy(p.otherManager);
    await expect(getApiClient(p.otherManager, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiClient(p.otherManager, id, 1)).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusalsBy(p.otherManager)).toBe(refusals + 2);
    const called = await as(p.otherManager, () =>
      revokeApiClientAction({ status: "idle" }, form({ clientId: id, version: "1", confirmed: "yes" })),
    );
    expect(called).toMatchObject({ kind: "returned", value: { status: "error", message: expect.stringMatching(/cannot be found/) } });
    expect((await db.apiClient.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
  });

  it("a manager sees only their organisation's clients; an administrator sees every organisation's", async () => {
    const p = await partnership();
    const ours = await newClient(p.manager);
    const theirs = await newClient(p.otherManager);
    const mine = (await listApiClients(p.manager)).map((c) => c.id);
    expect(mine).toContain(ours.id);
    expect(mine).not.toContain(theirs.id);
    const all = (await listApiClients(p.admin)).map((c) => c.id);
    expect(all).toEqual(expect.arrayContaining([ours.id, theirs.id]));
    expect((await getApiClient(p.admin, theirs.id)).organisationName).toBe(p.housing.name);
  });

  it("an officer or a viewer can neither list, open, revoke nor grant a client: each is 'not found', audited", async () => {
    const p = await partnership();
    const { id } = await newClient(p.manager);
    for (const actor of [p.officer, p.viewer]) {
      const refusals = await refusalsBy(actor);
      await expect(listApiClients(actor)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getApiClient(actor, id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(revokeApiClient(actor, id, 1)).rejects.toBeInstanceOf(NotFoundError);
      await expect(setClientMaracAccess(actor, id, true)).rejects.toBeInstanceOf(NotFoundError);
      expect(await refusalsBy(actor)).toBe(refusals + 4);
    }
    expect(await db.apiClient.findUniqueOrThrow({ where: { id } })).toMatchObject({ revokedAt: null, maracGrantedAt: null });
  });
});

describe("revoking", () => {
  it("an administrator revokes any organisation's client, checked first; its next call is refused", async () => {
    const p = await partnership();
    const { id, token } = await newClient(p.otherManager);
    expect((await authenticateApiCall(`Bearer ${token}`, "203.0.113.9")).ok).toBe(true);

    // The first post answers what will happen, and revokes nothing.
    const checked = await as(p.admin, () => revokeApiClientAction({ status: "idle" }, form({ clientId: id, version: "1" })));
    const review = (checked as { value: RevokeApiClientFormState }).value.review;
    expect(review?.heading).toMatch(/^You are about to revoke Police records link/);
    expect(review?.rows.map((r) => r.key)).toEqual(["Organisation", "What it may do", "MARAC access", "Last used"]);
    expect((await db.apiClient.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();

    const confirmed = await as(p.admin, () =>
      revokeApiClientAction({ status: "idle" }, form({ clientId: id, version: "1", confirmed: "yes" })),
    );
    expect(confirmed).toEqual({ kind: "redirect", to: `/admin/api-clients/${id}?notice=revoked` });
    expect(await db.apiClient.findUniqueOrThrow({ where: { id } })).toMatchObject({ revokedById: p.admin.userId, version: 2 });
    expect((await authenticateApiCall(`Bearer ${token}`, "203.0.113.9")).ok).toBe(false);
  });

  it("revoking twice is a conflict, and so is a stale page (someone changed the client since)", async () => {
    const p = await partnership();
    const first = await newClient(p.manager);
    await revokeApiClient(p.manager, first.id, 1);
    await expect(revokeApiClient(p.manager, first.id, 2)).rejects.toThrow(/already revoked/);
    await expect(checkRevokeApiClient(p.manager, first.id, 2)).rejects.toBeInstanceOf(ConflictError);

    const second = await newClient(p.manager);
    await setClientMaracAccess(p.maracChair, second.id, true); // version 1 → 2
    await expect(revokeApiClient(p.manager, second.id, 1)).rejects.toThrow(/changed by someone else/);
    const called = await as(p.manager, () =>
      revokeApiClientAction({ status: "idle" }, form({ clientId: second.id, version: "1", confirmed: "yes" })),
    );
    expect(called).toMatchObject({
      kind: "returned",
      value: { status: "error", message: expect.stringMatching(/changed by someone else/) },
    });
    expect((await db.apiClient.findUniqueOrThrow({ where: { id: second.id } })).revokedAt).toBeNull();
  });
});

describe("the service account", () => {
  it("is never listed or opened as a user, and never offered as an officer", async () => {
    const p = await partnership();
    const { id } = await newClient(p.manager, ["cases:read", "cases:write", "powers:write"]);
    const client = await db.apiClient.findUniqueOrThrow({ where: { id }, include: { user: true } });
    expect(client.user.role).toBe("OFFICER");

    for (const actor of [p.admin, p.manager]) {
      const listed = await listUsers(actor, { text: client.name }, query);
      expect(listed.rows).toEqual([]);
      expect((await listUsers(actor, { organisationId: p.council.id }, { ...query, pageSize: 100 })).rows.map((u) => u.id)).not.toContain(
        client.userId,
      );
      await expect(getManagedUser(actor, client.userId)).rejects.toBeInstanceOf(NotFoundError);
    }

    const c = await makeCase({ leadOrganisationId: p.council.id, createdById: p.officer.userId });
    const assignees = (await assigneeChoices(p.manager, c.id)).flatMap((o) => o.officers.map((u) => u.id));
    expect(assignees).toContain(p.officer.userId);
    expect(assignees).not.toContain(client.userId);
    const leads = (await leadChoices(p.manager)).flatMap((o) => o.officers.map((u) => u.id));
    expect(leads).toContain(p.officer.userId);
    expect(leads).not.toContain(client.userId);
    const issuers = (await issueChoices(p.manager)).officers.map((u) => u.id);
    expect(issuers).toContain(p.officer.userId);
    expect(issuers).not.toContain(client.userId);
  });
});

describe("MARAC access", () => {
  it("a MARAC chair grants it, and the client's calls then carry the MARAC; withdrawn, they do not", async () => {
    const p = await partnership();
    const { id, token } = await newClient(p.manager);
    const panelsOfCall = async () => {
      const call = await authenticateApiCall(`Bearer ${token}`, "203.0.113.9");
      return call.ok ? call.caller.actor.panels : null;
    };
    expect(await panelsOfCall()).toEqual([]);
    const review = await panelOverview(p.maracChair, "MARAC");
    expect(review.apiClients.find((c) => c.id === id)).toMatchObject({ maracGrantedAt: null, organisationName: p.council.name });

    await setClientMaracAccess(p.maracChair, id, true);
    expect(await db.apiClient.findUniqueOrThrow({ where: { id } })).toMatchObject({ maracGrantedById: p.maracChair.userId });
    expect(await panelsOfCall()).toEqual(["MARAC"]);
    expect((await getApiClient(p.manager, id)).maracGrantedBy).toBe(p.maracChair.name);

    await setClientMaracAccess(p.maracChair, id, false);
    expect(await db.apiClient.findUniqueOrThrow({ where: { id } })).toMatchObject({ maracGrantedAt: null, maracGrantedById: null });
    expect(await panelsOfCall()).toEqual([]);
  });

  it("a CCM chair, a MARAC member who does not chair, the manager who made it and an administrator cannot grant it: 'not found', audited", async () => {
    const p = await partnership();
    const { id } = await newClient(p.manager);
    for (const actor of [p.ccmChair, p.maracMember, p.manager, p.admin, p.otherManager]) {
      const refusals = await refusalsBy(actor);
      await expect(setClientMaracAccess(actor, id, true)).rejects.toBeInstanceOf(NotFoundError);
      expect(await refusalsBy(actor)).toBe(refusals + 1);
      await expect(panelOverview(actor, "MARAC")).rejects.toBeInstanceOf(NotFoundError);
    }
    expect((await db.apiClient.findUniqueOrThrow({ where: { id } })).maracGrantedAt).toBeNull();
  });

  it("a grant that already stands is a conflict (a second chair's stale page does not re-stamp it), as is withdrawing none", async () => {
    const p = await partnership();
    const other = (await agency({ kind: "HEALTH", role: "CHAIR", panels: ["MARAC"] })).actor;
    const { id } = await newClient(p.manager);
    await expect(setClientMaracAccess(p.maracChair, id, false)).rejects.toBeInstanceOf(ConflictError);
    await setClientMaracAccess(p.maracChair, id, true);
    await expect(setClientMaracAccess(other, id, true)).rejects.toBeInstanceOf(ConflictError);
    expect((await db.apiClient.findUniqueOrThrow({ where: { id } })).maracGrantedById).toBe(p.maracChair.userId);
  });

  it("a revoked or expired client is not offered to the chairs and cannot be granted", async () => {
    const p = await partnership();
    const revoked = await newClient(p.manager);
    await revokeApiClient(p.manager, revoked.id, 1);
    const expired = await newClient(p.manager);
    await db.apiClient.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - DAY) } });
    const offered = (await panelOverview(p.maracChair, "MARAC")).apiClients.map((c) => c.id);
    for (const { id } of [revoked, expired]) {
      expect(offered).not.toContain(id);
      await expect(setClientMaracAccess(p.maracChair, id, true)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect((await panelOverview(p.ccmChair, "CCM")).apiClients).toEqual([]);
  });
});

/** The expiry date's three inputs, `days` from today (UTC parts: tests run well away from midnight's edge). */
function expiryIn(days: number) {
  const d = new Date(Date.now() + days * DAY);
  return {
    "expires-day": String(d.getUTCDate()),
    "expires-month": String(d.getUTCMonth() + 1),
    "expires-year": String(d.getUTCFullYear()),
  };
}
