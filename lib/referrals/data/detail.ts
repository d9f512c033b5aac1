import "server-only";
import { db } from "@/lib/db";
import type { MaracGround, Panel, ReferralStatus, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel, isPanelMember } from "@/lib/auth/permissions";
import { visibleCasesWhere } from "@/lib/cases/access";
import { auditRefusal, auditView } from "@/lib/audit/data";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { mayWithdrawReferral, visibleReferralsWhere } from "@/lib/referrals/access";
import { UNDECIDED_STATUSES, type HistoryStep } from "@/lib/referrals/labels";
import {
  ENTITY,
  HEADLINE_SELECT,
  headlineOf,
  isWithdrawable,
  latestDash,
  personName,
  startOfLondonDay,
  type LatestDash,
  type ReferralHeadline,
} from "./shared";

// One referral: its page, with its history and, for panel members, the facts to triage it.

export type MeetingChoice = { id: string; reference: string; startsAt: Date; venue: string | null; agendaItems: number };

/** What the chair needs to decide (panel members only). */
export type TriageFacts = {
  caseRisk: RiskLevel;
  latestDash: LatestDash;
  previousReferrals: { id: string; reference: string; panel: Panel; status: ReferralStatus; referredAt: Date }[];
  openActions: { id: string; title: string; organisation: string; dueDate: Date }[];
  agencies: string[];
};

export type ReferralDetail = ReferralHeadline & {
  reason: string;
  grounds: MaracGround[];
  isRepeat: boolean;
  victim: string | null;
  perpetrator: string | null;
  childrenInHousehold: number | null;
  transferDirection: "NONE" | "TRANSFER_IN" | "TRANSFER_OUT";
  transferArea: string | null;
  referredAt: Date;
  /** When it was typed in: a later day than referredAt for a referral recorded afterwards (lib/history). */
  recordedAt: Date;
  referrer: { id: string; name: string; organisation: string };
  /** The case, linked only when the actor may open it. */
  case: { id: string; reference: string; title: string | null; visible: boolean };
  triageNote: string | null;
  /** Oldest first. `step` says what happened: a chair's decision, the referrer's answer, a return to the queue (its meeting was cancelled) or a withdrawal. */
  history: {
    id: string;
    outcome: ReferralStatus;
    step: HistoryStep;
    note: string | null;
    decidedBy: string;
    decidedByOrganisation: string;
    decidedAt: Date;
    byReferrer: boolean;
  }[];
  agenda: { meetingId: string; meetingReference: string; startsAt: Date; cancelled: boolean }[];
  facts: TriageFacts | null;
  mayTriage: boolean;
  mayAddInformation: boolean;
  /** The referrer (or a manager of their organisation) may withdraw it now. */
  mayWithdraw: boolean;
  meetings: MeetingChoice[];
};

/**
 * The meetings a referral can be accepted onto: the panel's scheduled meetings to come, and those
 * being recorded after they were held (lib/history), for a decision made before them.
 */
async function meetingChoices(panel: Panel, now: Date): Promise<MeetingChoice[]> {
  const rows = await db.meeting.findMany({
    where: {
      panel,
      OR: [
        { status: "SCHEDULED", startsAt: { gte: startOfLondonDay(now) } },
        { status: "IN_PROGRESS", recordedAfterwards: true },
      ],
    },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 20,
    select: { id: true, reference: true, startsAt: true, venue: true, _count: { select: { agendaItems: true } } },
  });
  return rows.map(({ _count, ...m }) => ({ ...m, agendaItems: _count.agendaItems }));
}

/**
 * What a history row was. A row back to PENDING is the referrer's answer when the chair had asked
 * for more information, and otherwise a return to the queue from an accepted referral whose
 * meeting was cancelled (lib/meetings cancelMeeting): the state it left says which, so no second
 * kind of row is needed.
 */
function historyStep(outcome: ReferralStatus, previous: ReferralStatus | undefined): HistoryStep {
  if (outcome === "WITHDRAWN") return "withdrawn";
  if (outcome === "PENDING") return previous === "MORE_INFO_REQUESTED" ? "information" : "returned";
  return "decision";
}

/** One referral with its history and, for panel members, the facts to triage it; NotFoundError (audited) otherwise. The view is audited. */
export async function getReferral(actor: Actor, id: string, now = new Date()): Promise<ReferralDetail> {
  if (!isUuid(id)) throw new NotFoundError("referral");
  const r = await db.referral.findFirst({
    where: { AND: [{ id }, visibleReferralsWhere(actor)] },
    select: {
      ...HEADLINE_SELECT,
      reason: true,
      grounds: true,
      isRepeat: true,
      childrenInHousehold: true,
      transferDirection: true,
      transferArea: true,
      referredAt: true,
      triageNote: true,
      caseId: true,
      victimPersonId: true,
      case: {
        select: {
          id: true,
          reference: true,
          title: true,
          riskLevel: true,
          leadOrganisation: { select: { shortName: true } },
          shares: { where: { withdrawnAt: null }, select: { organisation: { select: { shortName: true } } } },
        },
      },
      victim: { select: { firstName: true, lastName: true } },
      perpetrator: { select: { firstName: true, lastName: true } },
      referringUser: { select: { id: true, name: true } },
      referringOrganisationId: true,
      referringOrganisation: { select: { shortName: true } },
      triageHistory: {
        orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          outcome: true,
          note: true,
          decidedAt: true,
          decidedById: true,
          decidedBy: { select: { name: true, organisation: { select: { shortName: true } } } },
        },
      },
      agendaItems: {
        orderBy: { meeting: { startsAt: "asc" } },
        select: { meeting: { select: { id: true, reference: true, startsAt: true, status: true } } },
      },
    },
  });
  if (!r) {
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("referral");
  }
  const [caseVisible, entry] = await Promise.all([
    db.case.count({ where: { AND: [{ id: r.caseId }, visibleCasesWhere(actor)] } }).then((n) => n > 0),
    // The referral's own timeline entry says when it was typed in.
    db.timelineEntry.findFirst({
      where: { caseId: r.caseId, kind: "REFERRED", subjectType: ENTITY, subjectId: r.id },
      orderBy: { id: "asc" },
      select: { recordedAt: true },
    }),
  ]);
  const member = isPanelMember(actor, r.panel);
  const undecided = (UNDECIDED_STATUSES as readonly ReferralStatus[]).includes(r.status);
  const mayTriage = undecided && can(actor, "referral:triage") && chairsPanel(actor, r.panel);

  let facts: TriageFacts | null = null;
  if (member) {
    const [dash, previous, actions, actionOrgs] = await Promise.all([
      latestDash(db, r.caseId),
      r.victimPersonId
        ? db.referral.findMany({
            where: {
              AND: [
                visibleReferralsWhere(actor),
                { victimPersonId: r.victimPersonId, id: { not: r.id }, referredAt: { lte: r.referredAt } },
              ],
            },
            orderBy: [{ referredAt: "desc" }, { id: "desc" }],
            take: 20,
            select: { id: true, reference: true, panel: true, status: true, referredAt: true },
          })
        : Promise.resolve([]),
      db.caseAction.findMany({
        where: { caseId: r.caseId, status: { in: ["OPEN", "IN_PROGRESS"] } },
        orderBy: [{ dueDate: "asc" }, { id: "asc" }],
        take: 50,
        select: { id: true, title: true, dueDate: true, assignedOrganisation: { select: { shortName: true } } },
      }),
      db.organisation.findMany({ where: { actionsAssigned: { some: { caseId: r.caseId } } }, select: { shortName: true } }),
    ]);
    const agencies = new Set([
      r.case.leadOrganisation.shortName,
      ...r.case.shares.map((s) => s.organisation.shortName),
      ...actionOrgs.map((o) => o.shortName),
    ]);
    facts = {
      caseRisk: r.case.riskLevel,
      latestDash: dash,
      previousReferrals: previous,
      openActions: actions.map((a) => ({ id: a.id, title: a.title, organisation: a.assignedOrganisation.shortName, dueDate: a.dueDate })),
      agencies: [...agencies].sort(),
    };
  }
  await auditView(actor, ENTITY, r.id);
  return {
    ...headlineOf(r),
    reason: r.reason,
    grounds: r.grounds,
    isRepeat: r.isRepeat,
    victim: r.victim ? personName(r.victim) : null,
    perpetrator: r.perpetrator ? personName(r.perpetrator) : null,
    childrenInHousehold: r.childrenInHousehold,
    transferDirection: r.transferDirection,
    transferArea: r.transferArea,
    referredAt: r.referredAt,
    recordedAt: entry?.recordedAt ?? r.referredAt,
    referrer: { id: r.referringUser.id, name: r.referringUser.name, organisation: r.referringOrganisation.shortName },
    case: { id: r.case.id, reference: r.case.reference, title: caseVisible ? r.case.title : null, visible: caseVisible },
    triageNote: r.triageNote,
    history: r.triageHistory.map((h, i) => {
      const step = historyStep(h.outcome, r.triageHistory[i - 1]?.outcome);
      return {
        id: h.id,
        outcome: h.outcome,
        step,
        note: h.note,
        decidedAt: h.decidedAt,
        decidedBy: h.decidedBy.name,
        decidedByOrganisation: h.decidedBy.organisation.shortName,
        byReferrer: step === "information",
      };
    }),
    agenda: member
      ? r.agendaItems.map((a) => ({
          meetingId: a.meeting.id,
          meetingReference: a.meeting.reference,
          startsAt: a.meeting.startsAt,
          cancelled: a.meeting.status === "CANCELLED",
        }))
      : [],
    facts,
    mayTriage,
    mayAddInformation: r.referringUser.id === actor.userId && r.status === "MORE_INFO_REQUESTED" && can(actor, "referral:create"),
    mayWithdraw:
      isWithdrawable(r.status) &&
      mayWithdrawReferral(actor, { referringUserId: r.referringUser.id, referringOrganisationId: r.referringOrganisationId }),
    meetings: mayTriage ? await meetingChoices(r.panel, now) : [],
  };
}
