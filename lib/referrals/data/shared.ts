import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Panel, ReferralStatus, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel } from "@/lib/auth/permissions";
import { auditChange, auditRefusal } from "@/lib/audit/data";
import { notify } from "@/lib/notifications/data/outbox";
import { caseRecipients, panelChairs } from "@/lib/notifications/data/recipients";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { fromLondonLocal, londonDateParts } from "@/lib/format/dates";
import { isUuid } from "@/lib/not-found";
import { visibleReferralsWhere } from "@/lib/referrals/access";
import { WITHDRAWABLE_STATUSES } from "@/lib/referrals/labels";

// What the parts of the referrals data layer share: small helpers, the panels, the case's latest
// DASH, and how a referral is changed (locked and version-checked) by the chair's triage and by a
// withdrawal alike.

export const ENTITY = "Referral";

export const personName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

export function startOfLondonDay(now: Date): Date {
  const { year, month, day } = londonDateParts(now);
  return fromLondonLocal(year, month, day);
}

/** The panels the actor chairs (and may triage for). */
export function chairedPanels(actor: Actor): Panel[] {
  if (!can(actor, "referral:triage")) return [];
  return (["CCM", "MARAC"] as const).filter((panel) => chairsPanel(actor, panel));
}

/** The one panel a case may be referred to: a restricted (MARAC) case to the MARAC, any other to the CCM. */
export function panelFor(c: { restricted: boolean }): Panel {
  return c.restricted ? "MARAC" : "CCM";
}

export type LatestDash = { score: number; level: RiskLevel; assessedAt: Date } | null;

/** The case's latest DASH, or its latest by `asOf` (for a referral made on an earlier day). */
export async function latestDash(client: Tx | typeof db, caseId: string, asOf?: Date): Promise<LatestDash> {
  return client.riskAssessment.findFirst({
    where: { caseId, kind: "DASH", ...(asOf ? { assessedAt: { lte: asOf } } : {}) },
    orderBy: [{ assessedAt: "desc" }, { id: "desc" }],
    select: { score: true, level: true, assessedAt: true },
  });
}

export const isWithdrawable = (status: ReferralStatus) => (WITHDRAWABLE_STATUSES as readonly ReferralStatus[]).includes(status);

/** Which referral, to which panel, where it stands, and the version its forms carry: the head of every page about one. */
export const HEADLINE_SELECT = { id: true, reference: true, version: true, panel: true, status: true } satisfies Prisma.ReferralSelect;
export type ReferralHeadline = Prisma.ReferralGetPayload<{ select: typeof HEADLINE_SELECT }>;

export function headlineOf(r: ReferralHeadline): ReferralHeadline {
  return { id: r.id, reference: r.reference, version: r.version, panel: r.panel, status: r.status };
}

// Changing a referral: the chair's triage and a withdrawal lock it and check its version alike.

export const CHANGE_SELECT = {
  ...HEADLINE_SELECT,
  referredAt: true,
  caseId: true,
  referringUserId: true,
  referringOrganisationId: true,
  case: { select: { reference: true } },
} satisfies Prisma.ReferralSelect;
export type ReferralForChange = Prisma.ReferralGetPayload<{ select: typeof CHANGE_SELECT }>;

export class ReferralChangedError extends ConflictError {
  constructor(message = "Someone else has dealt with this referral since you opened it. Check its status and history below.") {
    super(message);
    this.name = "ReferralChangedError";
  }
}

/** The referral, locked for this transaction, if the actor may see it (NotFoundError, audited, otherwise). */
export async function changeReferral<T>(
  actor: Actor,
  referralId: string,
  version: number,
  work: (tx: Tx, r: ReferralForChange) => Promise<T>,
): Promise<T> {
  if (!isUuid(referralId)) throw new NotFoundError("referral");
  let hidden = false;
  try {
    return await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Referral" WHERE id = ${referralId}::uuid FOR UPDATE`;
      const r = await tx.referral.findFirst({ where: { AND: [{ id: referralId }, visibleReferralsWhere(actor)] }, select: CHANGE_SELECT });
      if (!r) {
        hidden = true;
        throw new NotFoundError("referral");
      }
      return work(tx, r);
    });
  } catch (error) {
    if (hidden) await auditRefusal(actor, ENTITY, referralId);
    throw error;
  }
}

/**
 * Last in each write to a referral: its case shows the referral's change as its latest (the cases
 * list's "last changed" order), and the audit trail records it, in the same transaction.
 */
export async function recordReferralChange(
  tx: Tx,
  actor: Actor,
  referral: { id: string; caseId: string },
  action: "CREATE" | "UPDATE",
  now: Date,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx.case.update({ where: { id: referral.caseId }, data: { updatedAt: now }, select: { id: true } });
  await auditChange(tx, actor, action, ENTITY, referral.id, detail);
}

export type TriageReview = { heading: string; rows: { key: string; value: string }[] };

/** The referral for a check step (not locked: nothing is written), or NotFoundError (audited). */
export async function referralToCheck(actor: Actor, referralId: string): Promise<ReferralForChange> {
  if (!isUuid(referralId)) throw new NotFoundError("referral");
  const r = await db.referral.findFirst({ where: { AND: [{ id: referralId }, visibleReferralsWhere(actor)] }, select: CHANGE_SELECT });
  if (!r) {
    await auditRefusal(actor, ENTITY, referralId);
    throw new NotFoundError("referral");
  }
  return r;
}

/**
 * Tells people of a referral's event, in its transaction (lib/notifications): the panel's chairs
 * ("chairs") or the referrer ("referrer"), only if they may open the case, never the actor.
 */
export async function notifyReferral(
  tx: Tx,
  actor: Actor,
  r: { id: string; reference: string; caseId: string; panel: Panel; referringUserId: string },
  kind: "REFERRAL_AWAITING_TRIAGE" | "REFERRAL_DECIDED" | "REFERRAL_MORE_INFORMATION" | "REFERRAL_WITHDRAWN",
  to: "chairs" | "referrer",
): Promise<void> {
  const who = to === "chairs" ? panelChairs(r.panel) : { id: r.referringUserId };
  const { userIds } = await caseRecipients(tx, r.caseId, who, actor.userId);
  await notify(tx, { kind, userIds, reference: r.reference, link: `/referrals/${r.id}`, subjectType: ENTITY, subjectId: r.id });
}
