import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Panel, ReferralStatus, TransferDirection } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can } from "@/lib/auth/permissions";
import { COUNT_CAP, pageOf, type ListQuery, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { visibleReferralsWhere } from "@/lib/referrals/access";
import { UNDECIDED_STATUSES } from "@/lib/referrals/labels";
import type { ReferralFilters } from "@/lib/referrals/filters";
import { chairedPanels, personName } from "./shared";

// Lists of referrals: the officer's own, the chair's triage queue, the dashboard's counts and the
// case page's list, all through the one visibility rule.

export const REFERRAL_SORTS = ["referred", "reference"] as const;
export type ReferralSort = (typeof REFERRAL_SORTS)[number];

export type ReferralScope = "mine" | "triage";

export type ReferralListRow = {
  id: string;
  reference: string;
  panel: Panel;
  status: ReferralStatus;
  isRepeat: boolean;
  referredAt: Date;
  transferDirection: TransferDirection;
  transferArea: string | null;
  caseReference: string;
  referrer: string;
  referringOrganisation: string;
  victim: string | null;
};

const LIST_SELECT = {
  id: true,
  reference: true,
  panel: true,
  status: true,
  isRepeat: true,
  referredAt: true,
  transferDirection: true,
  transferArea: true,
  case: { select: { reference: true } },
  referringUser: { select: { name: true } },
  referringOrganisation: { select: { shortName: true } },
  victim: { select: { firstName: true, lastName: true } },
} satisfies Prisma.ReferralSelect;

function listRowOf(r: Prisma.ReferralGetPayload<{ select: typeof LIST_SELECT }>): ReferralListRow {
  return {
    id: r.id,
    reference: r.reference,
    panel: r.panel,
    status: r.status,
    isRepeat: r.isRepeat,
    referredAt: r.referredAt,
    transferDirection: r.transferDirection,
    transferArea: r.transferArea,
    caseReference: r.case.reference,
    referrer: r.referringUser.name,
    referringOrganisation: r.referringOrganisation.shortName,
    victim: r.victim ? personName(r.victim) : null,
  };
}

function scopeWhere(actor: Actor, scope: ReferralScope, filters: ReferralFilters): Prisma.ReferralWhereInput {
  const where: Prisma.ReferralWhereInput[] = [visibleReferralsWhere(actor)];
  if (scope === "mine") where.push({ referringUserId: actor.userId });
  else {
    where.push({ panel: { in: chairedPanels(actor) } });
    if (!filters.status) where.push({ status: { in: [...UNDECIDED_STATUSES] } });
  }
  if (filters.panel) where.push({ panel: filters.panel });
  if (filters.status) where.push({ status: filters.status });
  if (filters.transfer === "in") where.push({ transferDirection: "TRANSFER_IN" });
  if (filters.transfer === "none") where.push({ transferDirection: "NONE" });
  return { AND: where };
}

/**
 * One page of referrals: "mine" (the actor's own) or "triage" (the panels the actor chairs;
 * undecided ones unless a status is chosen), filtered and sorted on the server.
 */
export async function listReferrals(
  actor: Actor,
  scope: ReferralScope,
  filters: ReferralFilters,
  query: ListQuery<ReferralSort>,
): Promise<Page<ReferralListRow>> {
  const where = scopeWhere(actor, scope, filters);
  const orderBy: Prisma.ReferralOrderByWithRelationInput[] =
    query.sort === "reference" ? [{ reference: query.dir }] : [{ referredAt: query.dir }, { id: query.dir }];
  const [rows, counted] = await Promise.all([
    db.referral.findMany({ where, orderBy, skip: query.skip, take: query.pageSize, select: LIST_SELECT }),
    db.referral.count({ where, take: COUNT_CAP + 1 }),
  ]);
  return pageOf(rows.map(listRowOf), counted, query);
}

/** For the dashboard: referrals awaiting triage in each panel the actor chairs, counted through the same rule as the queue. */
export async function countAwaitingTriage(actor: Actor): Promise<{ panel: Panel; pending: number }[]> {
  return Promise.all(
    chairedPanels(actor).map(async (panel) => ({
      panel,
      pending: await db.referral.count({ where: { AND: [visibleReferralsWhere(actor), { panel, status: "PENDING" }] } }),
    })),
  );
}

/** For the referrer's dashboard: their referrals where the chair asked for more information. */
export async function referralsNeedingInformation(
  actor: Actor,
  take = 10,
): Promise<{ id: string; reference: string; panel: Panel; caseReference: string; requestedAt: Date | null }[]> {
  if (!can(actor, "referral:create")) return [];
  const rows = await db.referral.findMany({
    where: { AND: [visibleReferralsWhere(actor), { referringUserId: actor.userId, status: "MORE_INFO_REQUESTED" }] },
    orderBy: [{ triagedAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, reference: true, panel: true, triagedAt: true, case: { select: { reference: true } } },
  });
  return rows.map((r) => ({ id: r.id, reference: r.reference, panel: r.panel, caseReference: r.case.reference, requestedAt: r.triagedAt }));
}

/** For the case page: the referrals of one case the actor may see, newest first. */
export async function referralsOfCase(actor: Actor, caseId: string): Promise<ReferralListRow[]> {
  if (!isUuid(caseId)) return [];
  const rows = await db.referral.findMany({
    where: { AND: [visibleReferralsWhere(actor), { caseId }] },
    orderBy: [{ referredAt: "desc" }, { id: "desc" }],
    take: 50,
    select: LIST_SELECT,
  });
  return rows.map(listRowOf);
}
