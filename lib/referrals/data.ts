import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { MaracGround, Panel, ReferralStatus, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, chairsPanel, isPanelMember } from "@/lib/auth/permissions";
import { visibleCasesWhere } from "@/lib/cases/access";
import { appendTimeline } from "@/lib/timeline/data";
import { auditRefusal, auditView, recordAudit } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { createOnce } from "@/lib/submissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate, formatDateTime, fromLondonLocal, londonDateParts } from "@/lib/format/dates";
import { COUNT_CAP, pageOf, type ListQuery, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { DASH_HIGH_RISK_THRESHOLD } from "@/lib/risk/dash";
import { mayWithdrawReferral, visibleReferralsWhere } from "./access";
import { checkRepeat } from "./repeat";
import { MARAC_GROUND_LABELS, PANEL_LABELS, REFERRAL_STATUS_LABELS, TRIAGE_OUTCOME_LABELS, UNDECIDED_STATUSES, WITHDRAWABLE_STATUSES, type HistoryStep, type TriageOutcome } from "./labels";
import type { ReferralFilters } from "./filters";
import type { ReferralInput, TriageInput } from "./schema";
import { requireCan } from "@/lib/auth/refuse";

export type { ReferralFilters };

// Referrals of a case to the CCM or the MARAC, and the panel chair's triage.
//
// WHO SEES A REFERRAL: lib/referrals/access visibleReferralsWhere, for every read here (lists,
// the triage queue, one referral, the dashboard's counts, the case page). Anything else answers
// NotFoundError, like a missing referral, and the refusal is audited.
// WHO REFERS: anyone with referral:create, on a case they can see (visibleCasesWhere). A
// restricted (MARAC) case goes to the MARAC only and any other case to the CCM only, so a MARAC
// referral, its timeline entries and its case are always seen by the same people.
// WHO TRIAGES: the chair of that panel only (chairsPanel + referral:triage).
// WHO WITHDRAWS: the referrer, or a manager of the referring organisation (./access
// mayWithdrawReferral), while the chair has not decided (PENDING or MORE_INFO_REQUESTED).
// Every write puts the referral, its triage history, its case timeline entry, the agenda item (on
// accepting) and its audit entry in one transaction; decisions check the referral's version so
// two chairs cannot both decide.

const ENTITY = "Referral";

const personName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

function startOfLondonDay(now: Date): Date {
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

type LatestDash = { score: number; level: RiskLevel; assessedAt: Date } | null;

async function latestDash(client: Tx | typeof db, caseId: string): Promise<LatestDash> {
  return client.riskAssessment.findFirst({
    where: { caseId, kind: "DASH" },
    orderBy: [{ assessedAt: "desc" }, { id: "desc" }],
    select: { score: true, level: true, assessedAt: true },
  });
}

// ───────────────────────────── Referring a case ─────────────────────────────

export type ReferralFormChoices = {
  case: { id: string; reference: string; title: string; restricted: boolean; closed: boolean };
  panel: Panel;
  victims: { id: string; name: string; repeat: boolean }[];
  perpetrators: { id: string; name: string }[];
  latestDash: LatestDash;
  /** An undecided referral of this case to the panel: a second one is refused. */
  awaiting: { id: string; reference: string } | null;
};

const CASE_FOR_REFERRAL = {
  id: true,
  reference: true,
  title: true,
  status: true,
  restricted: true,
  people: { where: { removedAt: null, role: { in: ["VICTIM", "PERPETRATOR"] } }, orderBy: { addedAt: "asc" }, select: { role: true, person: { select: { id: true, firstName: true, lastName: true } } } },
} satisfies Prisma.CaseSelect;

async function caseForReferral(client: Tx | typeof db, actor: Actor, caseId: string) {
  if (!isUuid(caseId)) return null;
  return client.case.findFirst({ where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] }, select: CASE_FOR_REFERRAL });
}

/** What the new-referral form needs for one case; NotFoundError when the actor cannot see it (audited). */
export async function referralFormFor(actor: Actor, caseId: string, now = new Date()): Promise<ReferralFormChoices> {
  await requireCan(actor, "referral:create", () => new NotFoundError("case"));
  const c = await caseForReferral(db, actor, caseId);
  if (!c) {
    if (isUuid(caseId)) await auditRefusal(actor, "Case", caseId);
    throw new NotFoundError("case");
  }
  const panel = panelFor(c);
  const victims = c.people.filter((p) => p.role === "VICTIM").map((p) => p.person);
  const [dash, awaiting, repeats] = await Promise.all([
    latestDash(db, c.id),
    db.referral.findFirst({ where: { caseId: c.id, panel, status: { in: [...UNDECIDED_STATUSES] } }, select: { id: true, reference: true } }),
    panel === "MARAC" ? Promise.all(victims.map((v) => checkRepeat(db, v.id, now))) : Promise.resolve([]),
  ]);
  return {
    case: { id: c.id, reference: c.reference, title: c.title, restricted: c.restricted, closed: c.status === "CLOSED" },
    panel,
    victims: victims.map((v, i) => ({ id: v.id, name: personName(v), repeat: repeats[i]?.isRepeat ?? false })),
    perpetrators: c.people.filter((p) => p.role === "PERPETRATOR").map((p) => ({ id: p.person.id, name: personName(p.person) })),
    latestDash: dash,
    awaiting,
  };
}

/**
 * Refers a case, once per `submissionKey`: reference REF-<year>-<6 digits>, the computed repeat
 * flag, the REFERRED entry on the case's timeline and the audit entry, in one transaction.
 * The referring organisation and user are the actor's, never the form's.
 */
export async function createReferral(actor: Actor, input: ReferralInput, submissionKey: string, now = new Date()): Promise<{ id: string; duplicate: boolean }> {
  await requireCan(actor, "referral:create", () => new ForbiddenError("You do not have permission to make referrals"));
  return createOnce(submissionKey, actor.userId, ENTITY, async (tx) => {
    // One referral of a case to a panel at a time: writers of the same case queue here.
    if (isUuid(input.caseId)) await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${input.caseId}::uuid FOR UPDATE`;
    const c = await caseForReferral(tx, actor, input.caseId);
    if (!c) throw new NotFoundError("case");
    const errors: Record<string, string[]> = {};
    const fail = (field: string, message: string) => (errors[field] ??= []).push(message);

    if (c.status === "CLOSED") throw new ConflictError(`Case ${c.reference} is closed. Reopen it before referring it.`);
    const panel = panelFor(c);
    if (input.panel !== panel) {
      fail("panel", panel === "MARAC" ? "This is a restricted MARAC case: it can only be referred to the MARAC" : "Only a MARAC case can be referred to the MARAC. Open a MARAC case for the victim, complete a DASH, and refer that case.");
    }
    const awaiting = await tx.referral.findFirst({ where: { caseId: c.id, panel: input.panel, status: { in: [...UNDECIDED_STATUSES] } }, select: { reference: true } });
    if (awaiting) throw new ConflictError(`Case ${c.reference} is already referred to the ${PANEL_LABELS[input.panel]} (referral ${awaiting.reference}) and is waiting for the chair's decision.`);

    const onCase = (id: string | null, role: "VICTIM" | "PERPETRATOR") => !id || c.people.some((p) => p.person.id === id && p.role === role);
    if (!onCase(input.victimPersonId, "VICTIM")) fail("victimPersonId", "Select a victim in this case from the list");
    if (!onCase(input.perpetratorPersonId, "PERPETRATOR")) fail("perpetratorPersonId", "Select an alleged perpetrator in this case from the list");

    const grounds: MaracGround[] = [...input.grounds];
    let isRepeat = false;
    if (input.panel === "MARAC") {
      if (grounds.includes("VISIBLE_HIGH_RISK")) {
        const dash = await latestDash(tx, c.id);
        if (!dash) fail("grounds", `Visible high risk needs a DASH risk checklist scoring ${DASH_HIGH_RISK_THRESHOLD} or more. This case has no DASH: complete one, or choose professional judgement or potential escalation.`);
        else if (dash.score < DASH_HIGH_RISK_THRESHOLD) {
          fail("grounds", `Visible high risk needs a DASH score of ${DASH_HIGH_RISK_THRESHOLD} or more. The case's latest DASH (${formatDate(dash.assessedAt)}) scored ${dash.score}: choose professional judgement or potential escalation instead.`);
        }
      }
      if (input.victimPersonId) isRepeat = (await checkRepeat(tx, input.victimPersonId, now)).isRepeat;
      if (isRepeat) grounds.push("REPEAT");
      if (grounds.length === 0) fail("grounds", "Select at least one ground for the MARAC referral");
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const reference = await nextReference(tx, "REF", now);
    const referral = await tx.referral.create({
      data: {
        reference,
        caseId: c.id,
        panel: input.panel,
        referringOrganisationId: actor.organisationId,
        referringUserId: actor.userId,
        reason: input.reason,
        grounds,
        isRepeat,
        victimPersonId: input.victimPersonId,
        perpetratorPersonId: input.perpetratorPersonId,
        childrenInHousehold: input.childrenInHousehold,
        transferDirection: input.transferDirection,
        transferArea: input.transferArea,
        status: "PENDING",
        referredAt: now,
      },
      select: { id: true },
    });
    const how = [
      ...grounds.map((g) => MARAC_GROUND_LABELS[g].replace(/ \(.*\)$/, "").toLowerCase()),
      ...(input.transferDirection === "TRANSFER_IN" ? [`transfer in from ${input.transferArea}`] : input.transferDirection === "TRANSFER_OUT" ? [`transfer out to ${input.transferArea}`] : []),
    ];
    await appendTimeline(tx, actor, {
      caseId: c.id,
      kind: "REFERRED",
      summary: `Referred to the ${PANEL_LABELS[input.panel]} (${reference}) by ${actor.name}, ${actor.organisationShortName}${how.length > 0 ? `: ${how.join(", ")}` : ""}.`,
      subjectType: ENTITY,
      subjectId: referral.id,
      detail: { reference, panel: input.panel, grounds, isRepeat, transferDirection: input.transferDirection },
    });
    await tx.case.update({ where: { id: c.id }, data: { updatedAt: now }, select: { id: true } });
    await recordAudit(tx, {
      action: "CREATE",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: ENTITY,
      entityId: referral.id,
      detail: { reference, caseId: c.id, panel: input.panel, grounds, isRepeat, transferDirection: input.transferDirection },
    });
    return referral.id;
  });
}

// ───────────────────────────── Lists ─────────────────────────────

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
  return { AND: where };
}

/**
 * One page of referrals: "mine" (the actor's own) or "triage" (the panels the actor chairs;
 * undecided ones unless a status is chosen), filtered and sorted on the server.
 */
export async function listReferrals(actor: Actor, scope: ReferralScope, filters: ReferralFilters, query: ListQuery<ReferralSort>): Promise<Page<ReferralListRow>> {
  const where = scopeWhere(actor, scope, filters);
  const orderBy: Prisma.ReferralOrderByWithRelationInput[] = query.sort === "reference" ? [{ reference: query.dir }] : [{ referredAt: query.dir }, { id: query.dir }];
  const [rows, counted] = await Promise.all([
    db.referral.findMany({ where, orderBy, skip: query.skip, take: query.pageSize, select: LIST_SELECT }),
    db.referral.count({ where, take: COUNT_CAP + 1 }),
  ]);
  return pageOf(
    rows.map(listRowOf),
    counted,
    query,
  );
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
export async function referralsNeedingInformation(actor: Actor, take = 10): Promise<{ id: string; reference: string; panel: Panel; caseReference: string; requestedAt: Date | null }[]> {
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

// ───────────────────────────── One referral ─────────────────────────────

export type MeetingChoice = { id: string; reference: string; startsAt: Date; venue: string | null; agendaItems: number };

/** What the chair needs to decide (panel members only). */
export type TriageFacts = {
  caseRisk: RiskLevel;
  latestDash: LatestDash;
  previousReferrals: { id: string; reference: string; panel: Panel; status: ReferralStatus; referredAt: Date }[];
  openActions: { id: string; title: string; organisation: string; dueDate: Date }[];
  agencies: string[];
};

export type ReferralDetail = {
  id: string;
  reference: string;
  version: number;
  panel: Panel;
  status: ReferralStatus;
  reason: string;
  grounds: MaracGround[];
  isRepeat: boolean;
  victim: string | null;
  perpetrator: string | null;
  childrenInHousehold: number | null;
  transferDirection: "NONE" | "TRANSFER_IN" | "TRANSFER_OUT";
  transferArea: string | null;
  referredAt: Date;
  referrer: { id: string; name: string; organisation: string };
  /** The case, linked only when the actor may open it. */
  case: { id: string; reference: string; title: string | null; visible: boolean };
  triageNote: string | null;
  /** Oldest first. `step` says what happened: a chair's decision, the referrer's answer, a return to the queue (its meeting was cancelled) or a withdrawal. */
  history: { id: string; outcome: ReferralStatus; step: HistoryStep; note: string | null; decidedBy: string; decidedByOrganisation: string; decidedAt: Date; byReferrer: boolean }[];
  agenda: { meetingId: string; meetingReference: string; startsAt: Date; cancelled: boolean }[];
  facts: TriageFacts | null;
  mayTriage: boolean;
  mayAddInformation: boolean;
  /** The referrer (or a manager of their organisation) may withdraw it now. */
  mayWithdraw: boolean;
  meetings: MeetingChoice[];
};

async function upcomingMeetings(panel: Panel, now: Date): Promise<MeetingChoice[]> {
  const rows = await db.meeting.findMany({
    where: { panel, status: "SCHEDULED", startsAt: { gte: startOfLondonDay(now) } },
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

const isWithdrawable = (status: ReferralStatus) => (WITHDRAWABLE_STATUSES as readonly ReferralStatus[]).includes(status);

/** One referral with its history and, for panel members, the facts to triage it; NotFoundError (audited) otherwise. The view is audited. */
export async function getReferral(actor: Actor, id: string, now = new Date()): Promise<ReferralDetail> {
  if (!isUuid(id)) throw new NotFoundError("referral");
  const r = await db.referral.findFirst({
    where: { AND: [{ id }, visibleReferralsWhere(actor)] },
    select: {
      id: true,
      reference: true,
      version: true,
      panel: true,
      status: true,
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
      case: { select: { id: true, reference: true, title: true, riskLevel: true, leadOrganisation: { select: { shortName: true } }, shares: { where: { withdrawnAt: null }, select: { organisation: { select: { shortName: true } } } } } },
      victim: { select: { firstName: true, lastName: true } },
      perpetrator: { select: { firstName: true, lastName: true } },
      referringUser: { select: { id: true, name: true } },
      referringOrganisationId: true,
      referringOrganisation: { select: { shortName: true } },
      triageHistory: { orderBy: [{ decidedAt: "asc" }, { id: "asc" }], select: { id: true, outcome: true, note: true, decidedAt: true, decidedById: true, decidedBy: { select: { name: true, organisation: { select: { shortName: true } } } } } },
      agendaItems: { orderBy: { meeting: { startsAt: "asc" } }, select: { meeting: { select: { id: true, reference: true, startsAt: true, status: true } } } },
    },
  });
  if (!r) {
    await auditRefusal(actor, ENTITY, id);
    throw new NotFoundError("referral");
  }
  const caseVisible = (await db.case.count({ where: { AND: [{ id: r.caseId }, visibleCasesWhere(actor)] } })) > 0;
  const member = isPanelMember(actor, r.panel);
  const undecided = (UNDECIDED_STATUSES as readonly ReferralStatus[]).includes(r.status);
  const mayTriage = undecided && can(actor, "referral:triage") && chairsPanel(actor, r.panel);

  let facts: TriageFacts | null = null;
  if (member) {
    const [dash, previous, actions, actionOrgs] = await Promise.all([
      latestDash(db, r.caseId),
      r.victimPersonId
        ? db.referral.findMany({
            where: { AND: [visibleReferralsWhere(actor), { victimPersonId: r.victimPersonId, id: { not: r.id }, referredAt: { lte: r.referredAt } }] },
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
    const agencies = new Set([r.case.leadOrganisation.shortName, ...r.case.shares.map((s) => s.organisation.shortName), ...actionOrgs.map((o) => o.shortName)]);
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
    id: r.id,
    reference: r.reference,
    version: r.version,
    panel: r.panel,
    status: r.status,
    reason: r.reason,
    grounds: r.grounds,
    isRepeat: r.isRepeat,
    victim: r.victim ? personName(r.victim) : null,
    perpetrator: r.perpetrator ? personName(r.perpetrator) : null,
    childrenInHousehold: r.childrenInHousehold,
    transferDirection: r.transferDirection,
    transferArea: r.transferArea,
    referredAt: r.referredAt,
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
    agenda: member ? r.agendaItems.map((a) => ({ meetingId: a.meeting.id, meetingReference: a.meeting.reference, startsAt: a.meeting.startsAt, cancelled: a.meeting.status === "CANCELLED" })) : [],
    facts,
    mayTriage,
    mayAddInformation: r.referringUser.id === actor.userId && r.status === "MORE_INFO_REQUESTED" && can(actor, "referral:create"),
    mayWithdraw: isWithdrawable(r.status) && mayWithdrawReferral(actor, { referringUserId: r.referringUser.id, referringOrganisationId: r.referringOrganisationId }),
    meetings: mayTriage ? await upcomingMeetings(r.panel, now) : [],
  };
}

// ───────────────────────────── Triage ─────────────────────────────

const CHANGE_SELECT = {
  id: true,
  reference: true,
  version: true,
  panel: true,
  status: true,
  caseId: true,
  referringUserId: true,
  referringOrganisationId: true,
  case: { select: { reference: true } },
} satisfies Prisma.ReferralSelect;
type ReferralForChange = Prisma.ReferralGetPayload<{ select: typeof CHANGE_SELECT }>;

export class ReferralChangedError extends ConflictError {
  constructor(message = "Someone else has dealt with this referral since you opened it. Check its status and history below.") {
    super(message);
    this.name = "ReferralChangedError";
  }
}

/** The referral, locked for this transaction, if the actor may see it (NotFoundError, audited, otherwise). */
async function changeReferral<T>(actor: Actor, referralId: string, version: number, work: (tx: Tx, r: ReferralForChange) => Promise<T>): Promise<T> {
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

function assertChair(actor: Actor, r: ReferralForChange) {
  if (!can(actor, "referral:triage") || !chairsPanel(actor, r.panel)) throw new ForbiddenError(`Only the chair of the ${PANEL_LABELS[r.panel]} can triage this referral`);
}

function assertUndecided(r: ReferralForChange, version: number) {
  if (r.version !== version) throw new ReferralChangedError();
  if (!(UNDECIDED_STATUSES as readonly ReferralStatus[]).includes(r.status)) throw new ReferralChangedError("This referral has already been decided. Check its status and history below.");
}

async function scheduledMeeting(tx: Tx | typeof db, panel: Panel, meetingId: string) {
  return tx.meeting.findFirst({ where: { id: meetingId, panel, status: "SCHEDULED" }, select: { id: true, reference: true, startsAt: true, venue: true } });
}

export type TriageReview = { heading: string; rows: { key: string; value: string }[] };

/** For the check step: the decision in words, or the ValidationError the form shows. */
/** The referral for a check step (not locked: nothing is written), or NotFoundError (audited). */
async function referralToCheck(actor: Actor, referralId: string): Promise<ReferralForChange> {
  if (!isUuid(referralId)) throw new NotFoundError("referral");
  const r = await db.referral.findFirst({ where: { AND: [{ id: referralId }, visibleReferralsWhere(actor)] }, select: CHANGE_SELECT });
  if (!r) {
    await auditRefusal(actor, ENTITY, referralId);
    throw new NotFoundError("referral");
  }
  return r;
}

export async function checkTriage(actor: Actor, referralId: string, version: number, input: TriageInput): Promise<TriageReview> {
  const r = await referralToCheck(actor, referralId);
  assertChair(actor, r);
  assertUndecided(r, version);
  const rows = [{ key: "Decision", value: TRIAGE_OUTCOME_LABELS[input.outcome] }];
  if (input.outcome === "ACCEPTED") {
    const meeting = input.meetingId ? await scheduledMeeting(db, r.panel, input.meetingId) : null;
    if (!meeting) throw new ValidationError({ meetingId: [`Select a scheduled ${PANEL_LABELS[r.panel]} meeting from the list`] });
    rows.push({ key: "Meeting", value: `${meeting.reference}, ${formatDateTime(meeting.startsAt)}${meeting.venue ? `, ${meeting.venue}` : ""}` });
  }
  rows.push({ key: input.outcome === "DECLINED" ? "Reason for declining" : input.outcome === "MORE_INFO_REQUESTED" ? "Information needed" : "Note", value: input.note ?? "None" });
  const heading =
    input.outcome === "ACCEPTED"
      ? `You are about to accept referral ${r.reference} and add case ${r.case.reference} to the meeting's agenda`
      : input.outcome === "DECLINED"
        ? `You are about to decline referral ${r.reference}`
        : `You are about to send referral ${r.reference} back to the referrer for more information`;
  return { heading, rows };
}

/**
 * The chair's decision: accept onto a scheduled meeting of the panel (the case joins its agenda
 * as the last item), decline with a reason, or ask the referrer for more information. Refused
 * (ReferralChangedError) when the referral changed since the chair opened it.
 */
export async function triageReferral(actor: Actor, referralId: string, version: number, input: TriageInput, now = new Date()): Promise<{ outcome: TriageOutcome; meetingId: string | null }> {
  if (input.outcome === "DECLINED" && !input.note) throw new ValidationError({ note: ["Enter the reason for declining the referral"] });
  if (input.outcome === "MORE_INFO_REQUESTED" && !input.note) throw new ValidationError({ note: ["Enter the information you need from the referrer"] });
  return changeReferral(actor, referralId, version, async (tx, r) => {
    assertChair(actor, r);
    assertUndecided(r, version);
    let meetingId: string | null = null;
    let onAgenda = "";
    if (input.outcome === "ACCEPTED") {
      if (!input.meetingId || !isUuid(input.meetingId)) throw new ValidationError({ meetingId: ["Select the meeting to list the case at"] });
      // The meeting row is locked so two acceptances onto one agenda take positions in turn.
      await tx.$queryRaw`SELECT id FROM "Meeting" WHERE id = ${input.meetingId}::uuid FOR UPDATE`;
      const meeting = await scheduledMeeting(tx, r.panel, input.meetingId);
      if (!meeting) throw new ValidationError({ meetingId: [`Select a scheduled ${PANEL_LABELS[r.panel]} meeting from the list`] });
      meetingId = meeting.id;
      const existing = await tx.agendaItem.findUnique({ where: { meetingId_caseId: { meetingId: meeting.id, caseId: r.caseId } }, select: { id: true, referralId: true, position: true } });
      if (existing?.referralId) {
        throw new ValidationError({ meetingId: [`Case ${r.case.reference} is already on the agenda of ${meeting.reference} for another referral. Choose another meeting.`] });
      }
      if (existing) {
        // Already listed for review: the referral is now why it is discussed; its place stays.
        await tx.agendaItem.update({ where: { id: existing.id }, data: { referralId: r.id, reason: "REFERRAL", version: { increment: 1 } }, select: { id: true } });
        onAgenda = ` Already on the agenda of ${meeting.reference} (item ${existing.position}).`;
      } else {
        const last = await tx.agendaItem.aggregate({ where: { meetingId: meeting.id }, _max: { position: true } });
        const position = (last._max.position ?? 0) + 1;
        await tx.agendaItem.create({ data: { meetingId: meeting.id, caseId: r.caseId, referralId: r.id, position, reason: "REFERRAL" }, select: { id: true } });
        onAgenda = ` Listed for ${meeting.reference} on ${formatDate(meeting.startsAt)} (item ${position}).`;
      }
      await tx.meeting.update({ where: { id: meeting.id }, data: { version: { increment: 1 } }, select: { id: true } });
    }
    await tx.referral.update({
      where: { id: r.id },
      data: { status: input.outcome, triageNote: input.note, triagedById: actor.userId, triagedAt: now, version: { increment: 1 } },
      select: { id: true },
    });
    await tx.referralTriage.create({ data: { referralId: r.id, outcome: input.outcome, note: input.note, decidedById: actor.userId, decidedAt: now } });
    const verb = input.outcome === "ACCEPTED" ? "accepted" : input.outcome === "DECLINED" ? "declined" : "returned to the referrer for more information";
    await appendTimeline(tx, actor, {
      caseId: r.caseId,
      kind: "TRIAGED",
      summary: `${PANEL_LABELS[r.panel]} referral ${r.reference} ${verb} by ${actor.name}.${onAgenda}${input.note ? ` ${input.note}` : ""}`,
      subjectType: ENTITY,
      subjectId: r.id,
      detail: { reference: r.reference, outcome: input.outcome, meetingId },
    });
    await tx.case.update({ where: { id: r.caseId }, data: { updatedAt: now }, select: { id: true } });
    await recordAudit(tx, {
      action: "UPDATE",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: ENTITY,
      entityId: r.id,
      detail: { triage: { from: r.status, to: input.outcome, meetingId } },
    });
    return { outcome: input.outcome, meetingId };
  });
}

/** The referrer answers a request for more information: the referral goes back to the chair (PENDING). */
export async function addReferralInformation(actor: Actor, referralId: string, version: number, information: string, now = new Date()): Promise<void> {
  await changeReferral(actor, referralId, version, async (tx, r) => {
    if (!can(actor, "referral:create") || r.referringUserId !== actor.userId) throw new ForbiddenError("Only the officer who made this referral can add information to it");
    if (r.version !== version) throw new ReferralChangedError();
    if (r.status !== "MORE_INFO_REQUESTED") throw new ReferralChangedError("The chair is not waiting for information on this referral. Check its status below.");
    await tx.referral.update({ where: { id: r.id }, data: { status: "PENDING", version: { increment: 1 } }, select: { id: true } });
    // Kept in the triage history as the step that put it back in the queue.
    await tx.referralTriage.create({ data: { referralId: r.id, outcome: "PENDING", note: information, decidedById: actor.userId, decidedAt: now } });
    await appendTimeline(tx, actor, {
      caseId: r.caseId,
      kind: "REFERRED",
      summary: `More information added to ${PANEL_LABELS[r.panel]} referral ${r.reference} by ${actor.name}: ${information}`,
      subjectType: ENTITY,
      subjectId: r.id,
      detail: { reference: r.reference, informationAdded: true },
    });
    await tx.case.update({ where: { id: r.caseId }, data: { updatedAt: now }, select: { id: true } });
    await recordAudit(tx, { action: "UPDATE", userId: actor.userId, organisationId: actor.organisationId, entityType: ENTITY, entityId: r.id, detail: { informationAdded: true, status: { from: r.status, to: "PENDING" } } });
  });
}

// ───────────────────────────── Withdrawing ─────────────────────────────

/** Why a referral cannot be withdrawn any more, in words for the referrer. */
function notWithdrawableBecause(r: { status: ReferralStatus; panel: Panel }): string {
  switch (r.status) {
    case "ACCEPTED":
      return `It has been accepted onto a ${PANEL_LABELS[r.panel]} meeting's agenda. If the panel should no longer hear the case, ask the chair of the ${PANEL_LABELS[r.panel]}.`;
    case "DECLINED":
      return "The chair has declined it: it is not waiting for a decision any more.";
    case "WITHDRAWN":
      return "It has already been withdrawn.";
    default:
      return "It is not waiting for the chair's decision.";
  }
}

function assertMayWithdraw(actor: Actor, r: ReferralForChange, version: number) {
  if (!mayWithdrawReferral(actor, r)) throw new ForbiddenError("Only the officer who made this referral, or a manager of their organisation, can withdraw it.");
  if (r.version !== version) throw new ReferralChangedError();
  if (!isWithdrawable(r.status)) throw new ReferralChangedError(`Referral ${r.reference} can no longer be withdrawn. ${notWithdrawableBecause(r)}`);
}

export type WithdrawalPage = {
  id: string;
  reference: string;
  version: number;
  panel: Panel;
  status: ReferralStatus;
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
    select: { ...CHANGE_SELECT, referredAt: true, referringUser: { select: { name: true } }, referringOrganisation: { select: { shortName: true } } },
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
    id: r.id,
    reference: r.reference,
    version: r.version,
    panel: r.panel,
    status: r.status,
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
    heading: `You are about to withdraw referral ${r.reference} of case ${r.case.reference} to the ${PANEL_LABELS[r.panel]}`,
    rows: [
      { key: "Status now", value: REFERRAL_STATUS_LABELS[r.status] },
      { key: "Reason for withdrawing", value: reason },
      { key: "What happens", value: `It leaves the ${PANEL_LABELS[r.panel]} chair's triage queue and cannot be decided on. This cannot be undone: to refer the case again, make a new referral.` },
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
    const updated = await tx.referral.updateMany({ where: { id: r.id, version }, data: { status: "WITHDRAWN", version: { increment: 1 } } });
    if (updated.count !== 1) throw new ReferralChangedError();
    await tx.referralTriage.create({ data: { referralId: r.id, outcome: "WITHDRAWN", note: reason, decidedById: actor.userId, decidedAt: now } });
    await appendTimeline(tx, actor, {
      caseId: r.caseId,
      kind: "REFERRED",
      summary: `${PANEL_LABELS[r.panel]} referral ${r.reference} withdrawn by ${actor.name}, ${actor.organisationShortName}: ${reason}`,
      subjectType: ENTITY,
      subjectId: r.id,
      detail: { reference: r.reference, withdrawn: true, from: r.status },
    });
    await tx.case.update({ where: { id: r.caseId }, data: { updatedAt: now }, select: { id: true } });
    await recordAudit(tx, {
      action: "UPDATE",
      userId: actor.userId,
      organisationId: actor.organisationId,
      entityType: ENTITY,
      entityId: r.id,
      // The reason is case content: it is in the referral's history and on the timeline, not here.
      detail: { status: { from: r.status, to: "WITHDRAWN" }, byReferrer: r.referringUserId === actor.userId },
    });
  });
}
