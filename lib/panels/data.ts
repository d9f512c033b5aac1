import "server-only";
import { db, type Tx } from "@/lib/db";
import { auditChange, auditRefusal } from "@/lib/audit/data";
import { emailPasswordLink, revokePasswordLinks } from "@/lib/auth/account";
import { chairsPanel, roleHas } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor-type";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { clientsForMaracReview, type ApiClientRow } from "@/lib/api/clients/data";
import type { Panel, PanelRequestKind, PanelRequestStatus, Role } from "@/lib/generated/prisma/enums";

// Who is on a panel, and the changes to a restricted panel that only its chairs make (rules in
// lib/panels/rules.ts). A chair of the panel sees its members and its open requests; anyone else
// gets "not found", audited. Every request, decision, grant and removal is audited in the same
// transaction as the change.

const PANEL_ENTITY = "Panel";
const REQUEST_ENTITY = "PanelRequest";

async function requireChairOf(actor: Actor, panel: Panel): Promise<void> {
  if (chairsPanel(actor, panel)) return;
  await auditRefusal(actor, PANEL_ENTITY, panel);
  throw new NotFoundError("panel");
}

function auditUser(tx: Tx, actor: Actor, userId: string, change: string, detail: Record<string, unknown> = {}) {
  return auditChange(tx, actor, "UPDATE", "User", userId, { change, ...detail });
}

// ───────────────────────────── Asking ─────────────────────────────

/**
 * Asks the panel's chairs for a change to a user's access (inside the caller's transaction). One
 * open request per user, panel and kind: asking again while one waits changes nothing.
 */
export async function requestPanelChange(
  tx: Tx,
  actor: Actor,
  input: { userId: string; panel: Panel; kind: PanelRequestKind },
): Promise<void> {
  // ON CONFLICT against the partial unique index, so two racing requests make one.
  const created = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "PanelRequest" (id, panel, kind, "userId", "requestedById")
    VALUES (gen_random_uuid(), ${input.panel}::"Panel", ${input.kind}::"PanelRequestKind", ${input.userId}::uuid, ${actor.userId}::uuid)
    ON CONFLICT ("userId", panel, kind) WHERE status = 'PENDING' DO NOTHING
    RETURNING id::text`;
  const id = created[0]?.id;
  if (!id) return;
  await auditChange(tx, actor, "CREATE", REQUEST_ENTITY, id, {
    change: "panel change requested",
    panel: input.panel,
    kind: input.kind,
    subjectUserId: input.userId,
  });
}

// ───────────────────────────── The panel page ─────────────────────────────

type Person = { id: string; name: string } | null;

export type PanelRequestRow = {
  id: string;
  version: number;
  kind: PanelRequestKind;
  status: PanelRequestStatus;
  requestedAt: Date;
  requestedBy: Person;
  decidedAt: Date | null;
  decidedBy: Person;
  decisionNote: string | null;
  user: { id: string; name: string; email: string; organisationName: string; role: Role; passwordSet: boolean };
  /** Approving a membership also replaces the password: someone else could know it (secureCredentials). */
  replacesPassword: boolean;
  /** The chair may not decide it: they asked for it, or it is about them. */
  ownRequest: boolean;
};

export type PanelMemberRow = {
  userId: string;
  name: string;
  email: string;
  organisationName: string;
  role: Role;
  active: boolean;
  since: Date;
  grantedBy: Person;
  approvedBy: Person;
  lastLoginAt: Date | null;
  twoFactor: boolean;
};

/** `apiClients`: for the MARAC, every live API client, whose MARAC access its chairs grant (lib/api/clients). */
export type PanelOverview = { panel: Panel; requests: PanelRequestRow[]; members: PanelMemberRow[]; apiClients: ApiClientRow[] };

const USER_SUMMARY = {
  id: true,
  name: true,
  email: true,
  role: true,
  passwordSetAt: true,
  passwordLinkSeenById: true,
  organisation: { select: { name: true } },
} as const;

/** The panel's open requests and every member (and, for the MARAC, the live API clients), for its chairs (the access review). */
export async function panelOverview(actor: Actor, panel: Panel): Promise<PanelOverview> {
  await requireChairOf(actor, panel);
  const [requests, memberships, apiClients] = await Promise.all([
    db.panelRequest.findMany({
      where: { panel, status: "PENDING" },
      orderBy: { requestedAt: "asc" },
      include: {
        user: { select: USER_SUMMARY },
        requestedBy: { select: { id: true, name: true } },
        decidedBy: { select: { id: true, name: true } },
      },
    }),
    db.panelMembership.findMany({
      where: { panel },
      include: {
        user: {
          select: {
            id: true,
            name: true,
            email: true,
            role: true,
            active: true,
            lastLoginAt: true,
            totpEnabledAt: true,
            organisation: { select: { name: true } },
          },
        },
      },
    }),
    panel === "MARAC" ? clientsForMaracReview(actor) : Promise.resolve([]),
  ]);
  const granterIds = [...new Set(memberships.flatMap((m) => [m.addedById, m.approvedById]).filter((id): id is string => id !== null))];
  const granters = new Map(
    (await db.user.findMany({ where: { id: { in: granterIds } }, select: { id: true, name: true } })).map((u) => [u.id, u]),
  );
  return {
    panel,
    apiClients,
    requests: requests.map((r) => ({
      id: r.id,
      version: r.version,
      kind: r.kind,
      status: r.status,
      requestedAt: r.requestedAt,
      requestedBy: r.requestedBy,
      decidedAt: r.decidedAt,
      decidedBy: r.decidedBy,
      decisionNote: r.decisionNote,
      user: {
        id: r.user.id,
        name: r.user.name,
        email: r.user.email,
        organisationName: r.user.organisation.name,
        role: r.user.role,
        passwordSet: r.user.passwordSetAt !== null,
      },
      replacesPassword: r.kind === "MEMBERSHIP" && passwordKnownToOthers(r.user, actor.userId),
      ownRequest: r.requestedById === actor.userId || r.userId === actor.userId,
    })),
    members: memberships
      .map((m) => ({
        userId: m.user.id,
        name: m.user.name,
        email: m.user.email,
        organisationName: m.user.organisation.name,
        role: m.user.role,
        active: m.user.active,
        since: m.addedAt,
        grantedBy: m.addedById ? (granters.get(m.addedById) ?? null) : null,
        approvedBy: m.approvedById ? (granters.get(m.approvedById) ?? null) : null,
        lastLoginAt: m.user.lastLoginAt,
        twoFactor: m.user.totpEnabledAt !== null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB")),
  };
}

// ───────────────────────────── Deciding ─────────────────────────────

/** What a decision or grant leaves to show the chair: a one-time link to pass on, if one was made. */
/** `link`: a set-password link e-mailed to the account (its address, masked), when one was needed. */
export type PanelDecisionResult = { userName: string; link?: { sentTo: string; purpose: "INVITE" | "RESET" } };

/**
 * Whether someone other than `chairId` could know the account's password: it has none yet (an
 * invitation link may be waiting), or it was last set from a link shown to another person (before
 * links went by e-mail). Such an account gets a new password from a freshly e-mailed link.
 */
function passwordKnownToOthers(user: { passwordSetAt: Date | null; passwordLinkSeenById: string | null }, chairId: string): boolean {
  return user.passwordSetAt === null || (user.passwordLinkSeenById !== null && user.passwordLinkSeenById !== chairId);
}

/**
 * Before a restricted panel's content reaches an account: every unused link stops working, and a
 * password someone else could know is replaced by a link e-mailed to the account's own address
 * (the sessions end); the chair is told where it went.
 */
async function secureCredentials(tx: Tx, chair: Actor, userId: string, now: Date): Promise<PanelDecisionResult["link"]> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordSetAt: true, passwordLinkSeenById: true } });
  await revokePasswordLinks(tx, userId, now);
  if (!passwordKnownToOthers(user, chair.userId)) return undefined;
  const purpose = user.passwordSetAt === null ? "INVITE" : "RESET";
  if (purpose === "RESET") {
    await tx.user.update({
      where: { id: userId },
      data: { passwordHash: null, sessionVersion: { increment: 1 }, version: { increment: 1 } },
    });
    await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
  }
  const sentTo = await emailPasswordLink(tx, userId, purpose, now);
  await auditUser(tx, chair, userId, "password replaced by a link e-mailed to the account", { purpose });
  return { sentTo, purpose };
}

async function endSessions(tx: Tx, userId: string, now: Date) {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 }, version: { increment: 1 } } });
  await tx.userSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}

/** Carries out an approved request; returns where a set-password link was e-mailed, if one was. */
async function applyRequest(
  tx: Tx,
  chair: Actor,
  request: { id: string; panel: Panel; kind: PanelRequestKind; userId: string; requestedById: string },
  now: Date,
) {
  const { panel, userId } = request;
  const member = (await tx.panelMembership.count({ where: { userId, panel } })) > 0;
  switch (request.kind) {
    case "MEMBERSHIP": {
      if (!member)
        await tx.panelMembership.create({
          data: { userId, panel, addedAt: now, addedById: request.requestedById, approvedById: chair.userId },
        });
      await auditUser(tx, chair, userId, "panel membership granted", {
        panel,
        requestedById: request.requestedById,
        approvedById: chair.userId,
      });
      return secureCredentials(tx, chair, userId, now);
    }
    case "CHAIR": {
      if (!member) throw new ConflictError("They are no longer on the panel, so they cannot chair it. Refuse the request");
      await tx.user.update({ where: { id: userId }, data: { role: "CHAIR", version: { increment: 1 } } });
      await auditUser(tx, chair, userId, "made a chair of the panel", {
        panel,
        requestedById: request.requestedById,
        approvedById: chair.userId,
      });
      return undefined;
    }
    case "PASSWORD_RESET": {
      const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordSetAt: true } });
      await endSessions(tx, userId, now);
      const purpose = user.passwordSetAt === null ? "INVITE" : "RESET";
      const sentTo = await emailPasswordLink(tx, userId, purpose, now);
      await auditUser(tx, chair, userId, "password reset link e-mailed to the account", {
        panel,
        requestedById: request.requestedById,
        approvedById: chair.userId,
      });
      return { sentTo, purpose } as const;
    }
    case "REMOVE_TWO_FACTOR": {
      await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
      await tx.recoveryCode.deleteMany({ where: { userId } });
      await endSessions(tx, userId, now);
      await auditUser(tx, chair, userId, "two-factor sign-in removed", {
        panel,
        requestedById: request.requestedById,
        approvedById: chair.userId,
      });
      return undefined;
    }
  }
}

/**
 * A chair approves or refuses an open request for their panel. Version-checked (two chairs cannot
 * both decide); nobody decides a request they made, or one about their own account.
 */
export async function decidePanelRequest(
  actor: Actor,
  input: { requestId: string; version: number; decision: "approve" | "refuse"; note: string | null },
  now = new Date(),
): Promise<PanelDecisionResult> {
  const chaired = actor.panels.filter((panel) => chairsPanel(actor, panel));
  const request = isUuid(input.requestId)
    ? await db.panelRequest.findFirst({
        where: { id: input.requestId, panel: { in: chaired } },
        include: { user: { select: { name: true } } },
      })
    : null;
  if (!request) {
    if (isUuid(input.requestId)) await auditRefusal(actor, REQUEST_ENTITY, input.requestId);
    throw new NotFoundError("request");
  }
  if (request.requestedById === actor.userId)
    throw new ForbiddenError("You asked for this change, so another chair of the panel must decide it");
  if (request.userId === actor.userId)
    throw new ForbiddenError("This request is about your own account, so another chair of the panel must decide it");
  if (request.status !== "PENDING") throw new ConflictError("This request has already been decided");
  if (input.decision === "refuse" && !input.note) throw new ValidationError({ note: ["Enter why you are refusing the request"] });

  return db.$transaction(async (tx) => {
    const decided = await tx.panelRequest.updateMany({
      where: { id: request.id, version: input.version, status: "PENDING" },
      data: {
        status: input.decision === "approve" ? "APPROVED" : "REFUSED",
        decidedById: actor.userId,
        decidedAt: now,
        decisionNote: input.note,
        version: { increment: 1 },
      },
    });
    if (decided.count !== 1) throw new ConflictError("Another chair decided this request while you were looking at it");
    await auditChange(tx, actor, "UPDATE", REQUEST_ENTITY, request.id, {
      change: input.decision === "approve" ? "panel request approved" : "panel request refused",
      panel: request.panel,
      kind: request.kind,
      subjectUserId: request.userId,
    });
    const link = input.decision === "approve" ? await applyRequest(tx, actor, request, now) : undefined;
    return { userName: request.user.name, link };
  });
}

// ───────────────────────────── A chair's own changes ─────────────────────────────

/** A chair adds someone to their panel directly (by e-mail address, exactly). */
export async function grantPanelMembership(actor: Actor, panel: Panel, email: string, now = new Date()): Promise<PanelDecisionResult> {
  await requireChairOf(actor, panel);
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, name: true, role: true, active: true, isApiClient: true, panels: { select: { panel: true } } },
  });
  // An API client's MARAC access is granted on its own (lib/api/clients), never as a membership.
  if (!user || !user.active || user.isApiClient)
    throw new ValidationError({ email: ["There is no active account with this email address"] });
  if (!roleHas(user.role, "case:read"))
    throw new ValidationError({ email: ["An administrator cannot be on a panel: being an administrator gives no case content"] });
  if (user.panels.some((p) => p.panel === panel)) throw new ValidationError({ email: [`${user.name} is already on the panel`] });
  return db.$transaction(async (tx) => {
    await tx.panelMembership.create({ data: { userId: user.id, panel, addedAt: now, addedById: actor.userId } });
    // A request for the same thing that was waiting is answered by this grant.
    await tx.panelRequest.updateMany({
      where: { userId: user.id, panel, kind: "MEMBERSHIP", status: "PENDING" },
      data: { status: "APPROVED", decidedById: actor.userId, decidedAt: now, version: { increment: 1 } },
    });
    await auditUser(tx, actor, user.id, "panel membership granted", { panel, grantedById: actor.userId });
    const link = await secureCredentials(tx, actor, user.id, now);
    return { userName: user.name, link };
  });
}

/** A chair takes someone off their panel (the access review). Their open requests for it lapse. */
export async function removePanelMember(actor: Actor, panel: Panel, userId: string, now = new Date()): Promise<{ userName: string }> {
  await requireChairOf(actor, panel);
  if (userId === actor.userId) throw new ForbiddenError("You cannot take yourself off the panel. Ask another chair");
  const membership = isUuid(userId)
    ? await db.panelMembership.findUnique({ where: { userId_panel: { userId, panel } }, include: { user: { select: { name: true } } } })
    : null;
  if (!membership) throw new NotFoundError("member");
  await db.$transaction(async (tx) => {
    await tx.panelMembership.delete({ where: { userId_panel: { userId, panel } } });
    await tx.panelRequest.updateMany({
      where: { userId, panel, status: "PENDING" },
      data: { status: "CANCELLED", decidedById: actor.userId, decidedAt: now, version: { increment: 1 } },
    });
    await auditUser(tx, actor, userId, "panel membership removed", { panel });
  });
  return { userName: membership.user.name };
}
