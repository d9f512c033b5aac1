import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { can, isPanelMember } from "@/lib/auth/permissions";

// Who may see a referral, as a `where` clause built from the actor. The referrals list, the
// triage queue, a referral's page, the dashboard's counts and the case page's referrals section
// all read through this one rule, so none of them can show or count a referral another hides.
//
// - A MARAC referral: MARAC panel members only, plus the user who made it (to follow its status).
// - A CCM referral: CCM panel members, users of the organisations on the case (its lead
//   organisation and those it is shared with now), plus the user who made it.
// - Reading needs case:read (an administrator's panel membership alone grants nothing).
// Anyone else gets "not found", audited by the caller.

const NOTHING: Prisma.ReferralWhereInput = { id: { in: [] } };

export function visibleReferralsWhere(actor: Actor): Prisma.ReferralWhereInput {
  if (!can(actor, "case:read")) return NOTHING;
  const or: Prisma.ReferralWhereInput[] = [{ referringUserId: actor.userId }];
  if (isPanelMember(actor, "MARAC")) or.push({ panel: "MARAC" });
  if (isPanelMember(actor, "CCM")) or.push({ panel: "CCM" });
  else {
    or.push({
      panel: "CCM",
      case: {
        restricted: false,
        OR: [
          { leadOrganisationId: actor.organisationId },
          { shares: { some: { organisationId: actor.organisationId, withdrawnAt: null } } },
        ],
      },
    });
  }
  return { OR: or };
}

/**
 * Who may withdraw a referral they can see (the caller has already applied visibleReferralsWhere):
 * the user who made it, or a manager of the organisation that made it (the officer may be away, or
 * have left). Withdrawing never widens who sees a referral: a manager who is not on the MARAC
 * panel does not see their officers' MARAC referrals, so cannot withdraw them either (404).
 */
export function mayWithdrawReferral(actor: Actor, referral: { referringUserId: string; referringOrganisationId: string }): boolean {
  if (!can(actor, "referral:create")) return false;
  return (
    referral.referringUserId === actor.userId ||
    (can(actor, "referral:withdraw-organisation") && actor.organisationId === referral.referringOrganisationId)
  );
}

/**
 * Who may record a MARAC case's transfer out to another area (lib/referrals/data/transfers): a
 * MARAC panel member who may change cases. The case must be a MARAC (restricted) case they can see;
 * the data layer checks that. Nobody else learns whether the case exists.
 */
export function mayRecordTransferOut(actor: Actor): boolean {
  return can(actor, "case:write") && can(actor, "case:read") && isPanelMember(actor, "MARAC");
}
