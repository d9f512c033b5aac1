import "server-only";
import { db } from "@/lib/db";
import type { Panel, ReferralStatus } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { appendTimeline } from "@/lib/timeline/data";
import { auditRefusal } from "@/lib/audit/data";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { mayWithdrawReferral, visibleReferralsWhere } from "@/lib/referrals/access";
import { REFERRAL_STATUS_LABELS } from "@/lib/referrals/labels";
import { PANEL_NAMES } from "@/lib/panels/labels";
import {
  CHANGE_SELECT,
  changeReferral,
  ENTITY,
  headlineOf,
  isWithdrawable,
  ReferralChangedError,
  notifyReferral,
  recordReferralChange,
  referralToCheck,
  type ReferralForChange,
  type ReferralHeadline,
  type TriageReview,
} from "./shared";

// Withdrawing a referral the chair has not decided on: by the referrer, or a manager of the
// referring organisation.

/** Why a referral cannot be withdrawn any more, in words for the referrer. */
function notWithdrawableBecause(r: { status: ReferralStatus; panel: Panel }): string {
  switch (r.status) {
    case "ACCEPTED":
      return `It has been accepted onto a ${PANEL_NAMES[r.panel]} meeting's agenda. If the panel should no longer hear the case, ask the chair of the ${PANEL_NAMES[r.panel]}.`;
    case "DECLINED":
      return "The chair has declined it: it is not waiting for a decision any more.";
    case "WITHDRAWN":
      return "It has already been withdrawn.";
    default:
      return "It is not waiting for the chair's decision.";
  }
}

function assertMayWithdraw(actor: Actor, r: ReferralForChange, version: number) {
  if (!mayWithdrawReferral(actor, r))
    throw new ForbiddenError("Only the officer who made this referral, or a manager of their organisation, can withdraw it.");
  if (r.version !== version) throw new ReferralChangedError();
  if (!isWithdrawable(r.status))
    throw new ReferralChangedError(`Referral ${r.reference} can no longer be withdrawn. ${notWithdrawableBecause(r)}`);
}

export type WithdrawalPage = ReferralHeadline & {
  caseReference: string;
  referredAt: Date;
  referrer: string;
  /** Null when the actor may withdraw it now; otherwise why not, in words. */
  refusal: string | null;
};

/** The withdraw page: the referral (NotFoundError, audited, for those who cannot see it) and whether the actor may withdraw it now. */
export async function withdrawalFor(actor: Actor, referralId: string): Promise<WithdrawalPage> {
  if (!isUuid(referralId)) throw new NotFoundError("referral");
  const r = await db.referral.findFirst({
    where: { AND: [{ id: referralId }, visibleReferralsWhere(actor)] },
    select: {
      ...CHANGE_SELECT,
      referredAt: true,
      referringUser: { select: { name: true } },
      referringOrganisation: { select: { shortName: true } },
    },
  });
  if (!r) {
    await auditRefusal(actor, ENTITY, referralId);
    throw new NotFoundError("referral");
  }
  const refusal = !mayWithdrawReferral(actor, r)
    ? "Only the officer who made a referral, or a manager of their organisation, can withdraw it."
    : isWithdrawable(r.status)
      ? null
      : notWithdrawableBecause(r);
  return {
    ...headlineOf(r),
    caseReference: r.case.reference,
    referredAt: r.referredAt,
    referrer: `${r.referringUser.name} (${r.referringOrganisation.shortName})`,
    refusal,
  };
}

/** For the check step: what withdrawing will do, or the error the form shows. */
export async function checkWithdrawal(actor: Actor, referralId: string, version: number, reason: string): Promise<TriageReview> {
  const r = await referralToCheck(actor, referralId);
  assertMayWithdraw(actor, r, version);
  return {
    heading: `You are about to withdraw referral ${r.reference} of case ${r.case.reference} to the ${PANEL_NAMES[r.panel]}`,
    rows: [
      { key: "Status now", value: REFERRAL_STATUS_LABELS[r.status] },
      { key: "Reason for withdrawing", value: reason },
      {
        key: "What happens",
        value: `It leaves the ${PANEL_NAMES[r.panel]} chair's triage queue and cannot be decided on. This cannot be undone: to refer the case again, make a new referral.`,
      },
    ],
  };
}

/**
 * Withdraws a referral the chair has not decided on, with the reason: the referral (version-checked
 * and locked), its history row (who, when, why), the case timeline entry and the audit entry, in
 * one transaction. It leaves the triage queue, and a withdrawn MARAC referral is never "the last
 * MARAC referral" for the repeat rule (./repeat).
 */
export async function withdrawReferral(actor: Actor, referralId: string, version: number, reason: string, now = new Date()): Promise<void> {
  if (!reason.trim()) throw new ValidationError({ reason: ["Enter why you are withdrawing the referral"] });
  await changeReferral(actor, referralId, version, async (tx, r) => {
    assertMayWithdraw(actor, r, version);
    const updated = await tx.referral.updateMany({
      where: { id: r.id, version },
      data: { status: "WITHDRAWN", version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ReferralChangedError();
    await tx.referralTriage.create({
      data: { referralId: r.id, outcome: "WITHDRAWN", note: reason, decidedById: actor.userId, decidedAt: now },
    });
    await appendTimeline(tx, actor, {
      caseId: r.caseId,
      kind: "REFERRED",
      summary: `${PANEL_NAMES[r.panel]} referral ${r.reference} withdrawn by ${actor.name}, ${actor.organisationShortName}: ${reason}`,
      subjectType: ENTITY,
      subjectId: r.id,
      detail: { reference: r.reference, withdrawn: true, from: r.status },
    });
    // The reason is case content: it is in the referral's history and on the timeline, not in the audit entry.
    await recordReferralChange(tx, actor, r, "UPDATE", now, {
      status: { from: r.status, to: "WITHDRAWN" },
      byReferrer: r.referringUserId === actor.userId,
    });
    await notifyReferral(tx, actor, r, "REFERRAL_WITHDRAWN", "chairs");
  });
}
