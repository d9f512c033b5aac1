import "server-only";
import { db } from "@/lib/db";
import type { ActionStatus, RiskAssessmentKind, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { rolesWith } from "@/lib/auth/permissions";
import { audit } from "@/lib/audit/data";
import { isActionOverdue, OPEN_ACTION_STATUSES } from "@/lib/case-actions/labels";
import { MEETING_SELECT, viewOfMeeting, withCancellation, type AgendaItemView, type MeetingRow, type MeetingView } from "./agenda";
import { loadMeeting, loadMeetingToRun } from "./shared";

// The pre-meeting pack: the agenda with what the panel needs on each case, for panel members, and
// the same for the chair in meeting mode.

export type PackAction = {
  id: string;
  title: string;
  status: ActionStatus;
  dueDate: Date;
  overdue: boolean;
  organisation: { id: string; name: string; shortName: string };
  agreedHere: boolean;
};

export type PackItem = AgendaItemView & {
  case: AgendaItemView["case"] & { summary: string | null; leadOrganisation: { name: string; shortName: string } };
  latestRisk: { kind: RiskAssessmentKind; score: number; level: RiskLevel; assessedAt: Date } | null;
  openActions: PackAction[];
  /** Actions agreed for this case at this meeting (any status). */
  agreedActions: PackAction[];
  referralDetail: {
    reference: string;
    reason: string;
    grounds: string[];
    isRepeat: boolean;
    referringOrganisation: string;
    referredAt: Date;
  } | null;
};

export type MeetingPack = Omit<MeetingView, "items"> & { items: PackItem[] };

async function packItems(meeting: MeetingRow, now: Date): Promise<PackItem[]> {
  const caseIds = meeting.agendaItems.map((i) => i.case.id);
  const [cases, risks, actions, referrals] = await Promise.all([
    db.case.findMany({
      where: { id: { in: caseIds } },
      select: { id: true, summary: true, leadOrganisation: { select: { name: true, shortName: true } } },
    }),
    db.riskAssessment.findMany({
      where: { caseId: { in: caseIds } },
      orderBy: [{ assessedAt: "desc" }],
      distinct: ["caseId"],
      select: { caseId: true, kind: true, score: true, level: true, assessedAt: true },
    }),
    db.caseAction.findMany({
      where: { caseId: { in: caseIds }, OR: [{ status: { in: [...OPEN_ACTION_STATUSES] } }, { meetingId: meeting.id }] },
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
      select: {
        id: true,
        caseId: true,
        title: true,
        status: true,
        dueDate: true,
        meetingId: true,
        assignedOrganisation: { select: { id: true, name: true, shortName: true } },
      },
    }),
    db.referral.findMany({
      where: { id: { in: meeting.agendaItems.flatMap((i) => (i.referral ? [i.referral.id] : [])) } },
      select: {
        id: true,
        reference: true,
        reason: true,
        grounds: true,
        isRepeat: true,
        referredAt: true,
        referringOrganisation: { select: { name: true } },
      },
    }),
  ]);
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const riskByCase = new Map(risks.map((r) => [r.caseId, r]));
  const referralById = new Map(referrals.map((r) => [r.id, r]));
  return meeting.agendaItems.map((item) => {
    const c = caseById.get(item.case.id)!;
    const onCase = actions
      .filter((a) => a.caseId === item.case.id)
      .map((a) => ({
        id: a.id,
        title: a.title,
        status: a.status,
        dueDate: a.dueDate,
        overdue: isActionOverdue(a, now),
        organisation: a.assignedOrganisation,
        agreedHere: a.meetingId === meeting.id,
      }));
    const risk = riskByCase.get(item.case.id);
    const referral = item.referral ? referralById.get(item.referral.id) : undefined;
    return {
      ...item,
      case: { ...item.case, summary: c.summary, leadOrganisation: c.leadOrganisation },
      latestRisk: risk ? { kind: risk.kind, score: risk.score, level: risk.level, assessedAt: risk.assessedAt } : null,
      openActions: onCase.filter((a) => (OPEN_ACTION_STATUSES as readonly string[]).includes(a.status) && !a.agreedHere),
      agreedActions: onCase.filter((a) => a.agreedHere),
      referralDetail: referral
        ? {
            reference: referral.reference,
            reason: referral.reason,
            grounds: referral.grounds,
            isRepeat: referral.isRepeat,
            referringOrganisation: referral.referringOrganisation.name,
            referredAt: referral.referredAt,
          }
        : null,
    };
  });
}

/** The pre-meeting pack: the agenda with each case's summary, latest risk and open actions. Panel members only; audited. */
export async function getMeetingPack(actor: Actor, meetingId: string, now = new Date()): Promise<MeetingPack> {
  const m = await loadMeeting(db, actor, meetingId, MEETING_SELECT);
  await audit({ action: "VIEW", userId: actor.userId, organisationId: actor.organisationId, entityType: "MeetingPack", entityId: m.id });
  return { ...(await withCancellation(viewOfMeeting(actor, m))), items: await packItems(m, now) };
}

/** An officer an action agreed at the meeting can be given to; `marac` officers can open restricted cases. */
export type MeetingOfficer = { id: string; name: string; organisationId: string; marac: boolean };

/** Meeting mode: the pack for the chair, with what is recorded so far. A panel member who does not chair gets NotFoundError. */
export async function getMeetingForRun(
  actor: Actor,
  meetingId: string,
  now = new Date(),
): Promise<MeetingPack & { officers: MeetingOfficer[] }> {
  const m = await loadMeetingToRun(db, actor, meetingId, MEETING_SELECT);
  await audit({
    action: "VIEW",
    userId: actor.userId,
    organisationId: actor.organisationId,
    entityType: "MeetingPack",
    entityId: m.id,
    detail: { meetingMode: true },
  });
  const officers = await db.user.findMany({
    where: {
      active: true,
      isApiClient: false,
      role: { in: rolesWith("case:write") },
      organisationId: { in: m.attendees.map((a) => a.organisation.id) },
    },
    orderBy: { name: "asc" },
    select: { id: true, name: true, organisationId: true, panels: { where: { panel: "MARAC" }, select: { panel: true } } },
  });
  return {
    ...viewOfMeeting(actor, m),
    items: await packItems(m, now),
    officers: officers.map((o) => ({ id: o.id, name: o.name, organisationId: o.organisationId, marac: o.panels.length > 0 })),
  };
}
