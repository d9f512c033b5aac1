import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import proxyaddr from "proxy-addr";
import { db } from "@/lib/db";
import { audit, auditChange, auditRefusal } from "@/lib/audit/data";
import { actorFrom, type Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel } from "@/lib/auth/permissions";
import { requireCan } from "@/lib/auth/refuse";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import type { Prisma } from "@/lib/generated/prisma/client";
import { serviceRoleFor, sortScopes, type ApiScope } from "./scopes";
import type { NewApiClientInput } from "./schema";

// API clients: a partner system's credentials for /api/v1 (see lib/api/README.md).
//
// - A manager makes one for their own organisation (they can already see what it can). An
//   administrator sees every organisation's clients and can revoke one, but cannot make one:
//   being an administrator grants no case content, and a client's secret would.
// - The client acts through its own service account (User.isApiClient): records it writes and
//   audit entries name it. The account's role follows the scopes (OFFICER when any scope writes,
//   else VIEWER), and it never signs in, is never offered as an officer and is not managed as a user.
// - MARAC content reaches a client only while a chair of the MARAC has granted it (separation of
//   duties, as for people: the manager who made the client cannot grant it).

const KEY_PREFIX = "spk";
const TOKEN_FORMAT = /^spk\.([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

export type ApiClientRow = {
  id: string;
  name: string;
  organisationName: string;
  scopes: ApiScope[];
  allowedRange: string | null;
  rateLimitPerMinute: number;
  createdAt: Date;
  createdBy: string;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  lastUsedAt: Date | null;
  lastUsedFrom: string | null;
  maracGrantedAt: Date | null;
  maracGrantedBy: string | null;
  version: number;
};

const ROW_SELECT = {
  id: true,
  name: true,
  scopes: true,
  allowedRange: true,
  rateLimitPerMinute: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  lastUsedAt: true,
  lastUsedFrom: true,
  maracGrantedAt: true,
  version: true,
  organisation: { select: { name: true } },
  createdBy: { select: { name: true } },
  revokedBy: { select: { name: true } },
  maracGrantedBy: { select: { name: true } },
} satisfies Prisma.ApiClientSelect;

function rowOf(c: Prisma.ApiClientGetPayload<{ select: typeof ROW_SELECT }>): ApiClientRow {
  return {
    id: c.id,
    name: c.name,
    organisationName: c.organisation.name,
    scopes: sortScopes(c.scopes),
    allowedRange: c.allowedRange,
    rateLimitPerMinute: c.rateLimitPerMinute,
    createdAt: c.createdAt,
    createdBy: c.createdBy.name,
    expiresAt: c.expiresAt,
    revokedAt: c.revokedAt,
    revokedBy: c.revokedBy?.name ?? null,
    lastUsedAt: c.lastUsedAt,
    lastUsedFrom: c.lastUsedFrom,
    maracGrantedAt: c.maracGrantedAt,
    maracGrantedBy: c.maracGrantedBy?.name ?? null,
    version: c.version,
  };
}

/** The clients the actor may see in administration, or null when none. */
function managedClientsWhere(actor: Actor): Prisma.ApiClientWhereInput | null {
  if (can(actor, "api-client:oversee")) return {};
  if (can(actor, "api-client:manage")) return { organisationId: actor.organisationId };
  return null;
}

export async function listApiClients(actor: Actor): Promise<ApiClientRow[]> {
  const where = managedClientsWhere(actor);
  if (where === null) {
    await requireCan(actor, "api-client:manage", () => new NotFoundError());
    return [];
  }
  const clients = await db.apiClient.findMany({
    where,
    select: ROW_SELECT,
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  });
  return clients.map(rowOf);
}

export async function getApiClient(actor: Actor, id: string): Promise<ApiClientRow> {
  const where = managedClientsWhere(actor);
  const client =
    where !== null && isUuid(id) ? await db.apiClient.findFirst({ where: { AND: [{ id }, where] }, select: ROW_SELECT }) : null;
  if (!client) {
    if (isUuid(id)) await auditRefusal(actor, "ApiClient", id);
    throw new NotFoundError("API client");
  }
  return rowOf(client);
}

function newSecret(): { keyId: string; secret: string; token: string } {
  const keyId = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { keyId, secret, token: `${KEY_PREFIX}.${keyId}.${secret}` };
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

function inRange(address: string | null, range: string): boolean {
  if (!address) return false;
  try {
    return proxyaddr.compile([range])(address, 0);
  } catch {
    return false;
  }
}

/**
 * Makes a client for the manager's own organisation. Answers the token once: only its hash is kept,
 * so nobody (the manager included) can read it again; a lost token means a new client.
 */
export async function createApiClient(actor: Actor, input: NewApiClientInput, now = new Date()): Promise<{ id: string; token: string }> {
  await requireCan(actor, "api-client:manage", () => new ForbiddenError("You cannot make API clients"));
  const { keyId, secret, token } = newSecret();
  const scopes = sortScopes(input.scopes);
  const id = await db.$transaction(async (tx) => {
    const account = await tx.user.create({
      data: {
        email: `api-client.${keyId}@api-clients.invalid`,
        name: input.name,
        jobTitle: "API client",
        organisationId: actor.organisationId,
        role: serviceRoleFor(scopes),
        isApiClient: true,
      },
      select: { id: true },
    });
    const client = await tx.apiClient.create({
      data: {
        organisationId: actor.organisationId,
        userId: account.id,
        name: input.name,
        scopes,
        allowedRange: input.allowedRange,
        rateLimitPerMinute: input.rateLimitPerMinute,
        keyId,
        secretHash: hashSecret(secret),
        expiresAt: input.expiresAt,
        createdById: actor.userId,
        createdAt: now,
      },
      select: { id: true },
    });
    await auditChange(tx, actor, "CREATE", "ApiClient", client.id, {
      scopes,
      allowedRange: input.allowedRange,
      rateLimitPerMinute: input.rateLimitPerMinute,
      expiresAt: input.expiresAt.toISOString(),
    });
    return client.id;
  });
  return { id, token };
}

/**
 * The client as the revoke's check step shows it: one the actor manages, not yet revoked, and
 * unchanged since their page was drawn (`version`).
 */
export async function checkRevokeApiClient(actor: Actor, id: string, version: number): Promise<ApiClientRow> {
  const client = await getApiClient(actor, id);
  if (client.revokedAt) throw new ConflictError("This API client is already revoked");
  if (client.version !== version) throw new ConflictError("This API client was changed by someone else. Check it and try again.");
  return client;
}

/** Revokes a client at once (its next call is refused). Managers: their organisation's; administrators: any. */
export async function revokeApiClient(actor: Actor, id: string, version: number, now = new Date()): Promise<{ name: string }> {
  const client = await checkRevokeApiClient(actor, id, version);
  return db.$transaction(async (tx) => {
    const changed = await tx.apiClient.updateMany({
      where: { id, version, revokedAt: null },
      data: { revokedAt: now, revokedById: actor.userId, version: { increment: 1 } },
    });
    if (changed.count === 0) throw new ConflictError("This API client was changed by someone else. Check it and try again.");
    await auditChange(tx, actor, "UPDATE", "ApiClient", id, { change: "revoked" });
    return { name: client.name };
  });
}

// ───────────────────────────── The MARAC grant ─────────────────────────────

/**
 * Every live client (neither revoked nor expired), for the MARAC's chairs to grant or withdraw the
 * panel (the panel's page, through lib/panels panelOverview).
 */
export async function clientsForMaracReview(actor: Actor, now = new Date()): Promise<ApiClientRow[]> {
  if (!chairsPanel(actor, "MARAC")) throw new NotFoundError();
  const clients = await db.apiClient.findMany({
    where: { revokedAt: null, expiresAt: { gt: now } },
    select: ROW_SELECT,
    orderBy: [{ maracGrantedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
  });
  return clients.map(rowOf);
}

/**
 * A chair of the MARAC grants (or withdraws) the panel to a client. Only a chair, never the manager
 * who made the client (a chair who made it cannot grant it either), and only for a live client.
 * A grant that already stands (or a withdrawal of none) is a conflict, so a second chair's stale
 * page never re-stamps who granted it and when.
 */
export async function setClientMaracAccess(actor: Actor, id: string, grant: boolean, now = new Date()): Promise<{ name: string }> {
  if (!chairsPanel(actor, "MARAC")) {
    if (isUuid(id)) await auditRefusal(actor, "ApiClient", id);
    throw new NotFoundError();
  }
  const client = isUuid(id)
    ? await db.apiClient.findUnique({
        where: { id },
        select: { id: true, name: true, createdById: true, revokedAt: true, expiresAt: true, maracGrantedAt: true },
      })
    : null;
  if (!client || client.revokedAt || client.expiresAt <= now) throw new NotFoundError("API client");
  if (grant && client.createdById === actor.userId)
    throw new ForbiddenError("You made this API client, so another chair of the MARAC must decide whether it gets MARAC content");
  return db.$transaction(async (tx) => {
    const changed = await tx.apiClient.updateMany({
      where: { id, revokedAt: null, maracGrantedAt: grant ? null : { not: null } },
      data: grant
        ? { maracGrantedAt: now, maracGrantedById: actor.userId, version: { increment: 1 } }
        : { maracGrantedAt: null, maracGrantedById: null, version: { increment: 1 } },
    });
    if (changed.count === 0)
      throw new ConflictError(grant ? "This API client already has MARAC access" : "This API client has no MARAC access to withdraw");
    await auditChange(tx, actor, "UPDATE", "ApiClient", id, { change: grant ? "MARAC granted" : "MARAC withdrawn" });
    return { name: client.name };
  });
}

// ───────────────────────────── A call ─────────────────────────────

export type ApiCaller = { clientId: string; clientName: string; scopes: ApiScope[]; rateLimitPerMinute: number; actor: Actor };

export type Authenticated = { ok: true; caller: ApiCaller } | { ok: false };

/** Touching `lastUsedAt` at most this often keeps a busy client from writing on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The client behind an `Authorization: Bearer spk.…` header, or not: an unknown, revoked or expired
 * key, a key from outside its allowed addresses, a deactivated organisation all answer the same
 * (the caller learns nothing), and the reason goes to the audit trail.
 */
export async function authenticateApiCall(authorization: string | null, address: string | null, now = new Date()): Promise<Authenticated> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const token = match ? TOKEN_FORMAT.exec(match[1]!) : null;
  if (!token) return { ok: false };
  const [, keyId, secret] = token as unknown as [string, string, string];
  const client = await db.apiClient.findUnique({
    where: { keyId },
    include: { organisation: true, user: { select: { id: true, email: true, role: true, active: true } } },
  });
  const refuse = async (reason: string): Promise<Authenticated> => {
    await audit({
      action: "SIGN_IN_FAILURE",
      userId: client?.userId ?? null,
      organisationId: client?.organisationId ?? null,
      entityType: "ApiClient",
      entityId: client?.id ?? null,
      detail: { reason },
      ip: address,
    });
    return { ok: false };
  };
  if (!client) return refuse("unknown API key");
  const given = Buffer.from(hashSecret(secret), "hex");
  const stored = Buffer.from(client.secretHash, "hex");
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) return refuse("wrong API secret");
  if (client.revokedAt) return refuse("API client revoked");
  if (client.expiresAt <= now) return refuse("API client expired");
  if (!client.organisation.active || !client.user.active) return refuse("organisation deactivated");
  if (client.allowedRange && !inRange(address, client.allowedRange)) return refuse("address outside the client's allowed range");

  if (!client.lastUsedAt || now.getTime() - client.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS || client.lastUsedFrom !== address) {
    await db.apiClient.update({ where: { id: client.id }, data: { lastUsedAt: now, lastUsedFrom: address } });
  }
  return {
    ok: true,
    caller: {
      clientId: client.id,
      clientName: client.name,
      scopes: sortScopes(client.scopes),
      rateLimitPerMinute: client.rateLimitPerMinute,
      // The client acts as its service user under its own name; MARAC only once that was approved.
      actor: actorFrom(
        { ...client.user, name: client.name, organisationId: client.organisationId, organisation: client.organisation },
        `api-client:${client.id}`,
        client.maracGrantedAt ? ["MARAC"] : [],
      ),
    },
  };
}

const RATE_WINDOW_MS = 60_000;

/**
 * Counts a call in the client's current minute. Null when it is within the limit; otherwise the
 * seconds until the next minute starts (the Retry-After). Old windows are dropped as a new one opens.
 */
export async function countApiCall(caller: Pick<ApiCaller, "clientId" | "rateLimitPerMinute">, now = new Date()): Promise<number | null> {
  const windowStart = new Date(Math.floor(now.getTime() / RATE_WINDOW_MS) * RATE_WINDOW_MS);
  const rows = await db.$queryRaw<{ calls: number }[]>`
    INSERT INTO "ApiRateWindow" ("clientId", "windowStart", calls) VALUES (${caller.clientId}::uuid, ${windowStart}, 1)
    ON CONFLICT ("clientId", "windowStart") DO UPDATE SET calls = "ApiRateWindow".calls + 1
    RETURNING calls`;
  const calls = rows[0]?.calls ?? 1;
  if (calls === 1) await db.apiRateWindow.deleteMany({ where: { clientId: caller.clientId, windowStart: { lt: windowStart } } });
  if (calls <= caller.rateLimitPerMinute) return null;
  return Math.max(1, Math.ceil((windowStart.getTime() + RATE_WINDOW_MS - now.getTime()) / 1000));
}

/** Every call, under the client's name: the method, the route's pattern (ids only) and the answer. */
export function auditApiCall(caller: ApiCaller, call: { method: string; path: string; status: number }, address: string | null) {
  return audit({
    action: "API_CALL",
    userId: caller.actor.userId,
    organisationId: caller.actor.organisationId,
    entityType: "ApiClient",
    entityId: caller.clientId,
    detail: { client: caller.clientName, method: call.method, path: call.path, status: call.status },
    ip: address,
  });
}

/**
 * Claims an Idempotency-Key for a request. "new": first use; "same": a retry of the same request
 * (the create it made is found again by lib/submissions); "different": the key was used for
 * another request, which is refused.
 */
export async function claimIdempotencyKey(clientId: string, key: string, requestHash: string): Promise<"new" | "same" | "different"> {
  const inserted = await db.$executeRaw`
    INSERT INTO "ApiIdempotencyKey" ("clientId", key, "requestHash") VALUES (${clientId}::uuid, ${key}, ${requestHash})
    ON CONFLICT DO NOTHING`;
  if (inserted === 1) return "new";
  const earlier = await db.apiIdempotencyKey.findUnique({ where: { clientId_key: { clientId, key } }, select: { requestHash: true } });
  return earlier?.requestHash === requestHash ? "same" : "different";
}
