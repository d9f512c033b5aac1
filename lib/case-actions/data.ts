import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ActionStatus, CaseStatus, TimelineKind } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { can, roleHas } from "@/lib/auth/permissions";
import { caseReadersWhere, caseRightsOf, visibleActionsWhere, visibleCasesWhere, type CaseRights } from "@/lib/cases/access";
import { changeCase, type CaseForChange } from "@/lib/cases/data";
import { appendTimeline } from "@/lib/timeline/data";
import { auditChange, auditListExport, auditRefusal } from "@/lib/audit/data";
import { createOnce } from "@/lib/submissions";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate, londonToday } from "@/lib/format/dates";
import { happenedAt } from "@/lib/history/happened";
import { notify } from "@/lib/notifications/data/outbox";
import { caseRecipients, optedInOfficers } from "@/lib/notifications/data/recipients";
import { COUNT_CAP, pageOf, readPage, type ListQuery, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { ACTION_STATUS_LABELS, isActionOverdue, isOpenAction, OPEN_ACTION_STATUSES } from "./labels";
import type { ActionFilters, ActionScope, ActionSort } from "./filters";
import { pagedReader } from "@/lib/export/paged-reader";
import type { RowReader } from "@/lib/export/snapshot";
import type { CellValue } from "@/lib/export/cells";
import type { ActionInput, ActionStatusInput } from "./schema";

// Actions: tasks on a case, each assigned to an organisation (and optionally a named officer in
// it), with a due date; open → in progress → done (with its outcome) or cancelled (with a reason).
//
// WHO SEES AN ACTION: whoever may see its case (lib/cases/access visibleActionsWhere). An action
// on a case the actor may not see answers NotFoundError, like a missing one, and is audited.
//
// WHO CHANGES WHAT (always with case:write, on a case the actor can see; caseRightsOf):
// - Any organisation that may add to the case (the lead organisation and those it is shared with)
//   adds actions, for the lead organisation or any organisation the case is shared with, and
//   optionally a named officer there who can open the case and work on it. A closed case takes no
//   new actions (reopen it first); its open actions can still be completed or cancelled.
// - The organisation an action is assigned to moves it on (in progress, done, cancelled) and
//   changes it (what, details, officer within the organisation, due date).
// - The lead organisation (which manages the case) does all of that for any action on the case,
//   and is the only one that can give an action to another organisation.
// - Done and cancelled actions are final: if more is needed, add a new action.
//
// Every change writes the action, its timeline entry and its audit entry in one transaction, and
// marks the case as changed (its "last changed", which orders the case list and the dashboard's
// recent activity). Changes carry the version the officer saw (optimistic locking).

const ENTITY = "CaseAction";

/** Someone else changed the action first; `currentVersion` is what they saved. */
export class ActionChangedError extends ConflictError {
  constructor(public readonly currentVersion: number) {
    super("Someone else changed this action while you were working on it");
    this.name = "ActionChangedError";
  }
}

/** May the actor move on or change an action assigned to `assignedOrganisationId`, given their rights on its case? */
function mayUpdate(actor: Pick<Actor, "organisationId">, rights: CaseRights, assignedOrganisationId: string): boolean {
  return rights.manage || (rights.contribute && assignedOrganisationId === actor.organisationId);
}

const assigneeLabel = (organisationShortName: string, officerName: string | null | undefined) =>
  officerName ? `${organisationShortName} (${officerName})` : organisationShortName;

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

// ───────────────────────────── Checking what the form chose ─────────────────────────────

export type Assignee = { organisation: { id: string; name: string; shortName: string }; officer: { id: string; name: string } | null };

/** Who may see the case, for caseReadersWhere: the case as loaded for a change, plus who opened it. */
async function readerFactsOf(tx: Tx, c: Pick<CaseForChange, "id" | "restricted" | "leadOrganisationId" | "shares">) {
  const { createdById } = await tx.case.findUniqueOrThrow({ where: { id: c.id }, select: { createdById: true } });
  return {
    id: c.id,
    restricted: c.restricted,
    createdById,
    leadOrganisationId: c.leadOrganisationId,
    sharedWithOrganisationIds: c.shares.map((s) => s.organisationId),
  };
}

/**
 * The named officer must be a user of the organisation who can open the case and work on it (as
 * on the case's own action form, and for an action agreed at a meeting). `field` names the form
 * field the message belongs beside.
 */
export async function checkOfficer(
  tx: Tx,
  c: Pick<CaseForChange, "id" | "restricted" | "leadOrganisationId" | "shares">,
  organisation: { id: string; name: string },
  userId: string,
  field = "assignedUserId",
): Promise<{ id: string; name: string }> {
  const officer = await tx.user.findFirst({
    where: { AND: [{ id: userId, organisationId: organisation.id }, caseReadersWhere(await readerFactsOf(tx, c))] },
    select: { id: true, name: true, role: true },
  });
  if (!officer || !roleHas(officer.role, "case:write"))
    throw new ValidationError({ [field]: [`Select an officer in ${organisation.name} from the list`] });
  return { id: officer.id, name: officer.name };
}

/**
 * The organisation must be the case's lead or one it is shared with; the officer an active user of
 * that organisation who can open the case and work on it. What the action already has stays
 * acceptable (a share withdrawn since, an officer since moved on), so an unrelated change is never blocked.
 */
async function checkAssignee(
  tx: Tx,
  c: CaseForChange,
  organisationId: string,
  userId: string | null,
  keep?: { organisationId: string; userId: string | null },
): Promise<Assignee> {
  const onCase = organisationId === c.leadOrganisationId || c.shares.some((s) => s.organisationId === organisationId);
  const organisation =
    onCase || keep?.organisationId === organisationId
      ? await tx.organisation.findUnique({ where: { id: organisationId }, select: { id: true, name: true, shortName: true } })
      : null;
  if (!organisation)
    throw new ValidationError({
      assignedOrganisationId: ["Select an organisation from the list: the lead organisation or one the case is shared with"],
    });
  if (!userId) return { organisation, officer: null };
  if (keep?.userId === userId && keep.organisationId === organisationId) {
    const kept = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, name: true } });
    return { organisation, officer: kept };
  }
  return { organisation, officer: await checkOfficer(tx, c, organisation, userId) };
}

/**
 * A new or changed due date is today or later (London). `field` names the form field. An action
 * agreed at a meeting recorded after it was held is due on or after that meeting (`from`).
 */
export function checkDueDate(dueDate: Date, now: Date, field = "dueDate", from?: { at: Date; what: string }) {
  if (from && dueDate < londonToday(from.at)) {
    throw new ValidationError({ [field]: [`The date the action is due must be on or after ${formatDate(from.at)}, ${from.what}`] });
  }
  if (!from && dueDate < londonToday(now))
    throw new ValidationError({ [field]: ["The date the action is due must be today or in the future"] });
}

/** Marks the case as changed (the case list's "last changed") and records the change in the audit trail. Last in each transaction. */
async function recordActionChange(
  tx: Tx,
  actor: Actor,
  action: { id: string; caseId: string },
  auditAction: "CREATE" | "UPDATE",
  detail: Record<string, unknown>,
) {
  await tx.case.update({ where: { id: action.caseId }, data: { updatedAt: new Date() }, select: { id: true } });
  await auditChange(tx, actor, auditAction, ENTITY, action.id, { caseId: action.caseId, ...detail });
}

/**
 * Writes a new action, its timeline entry and its audit entry, and marks the case as changed: the
 * one way an action is added, from the case's form or agreed at a meeting (`meetingId`). The
 * caller has checked the case, the assignee and the due date.
 */
export async function writeNewAction(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: { title: string; detail?: string | null; dueDate: Date; meetingId?: string; agreedAt?: Date },
  assignee: Assignee,
  lead: string,
): Promise<string> {
  const { id } = await tx.caseAction.create({
    data: {
      caseId,
      title: input.title,
      detail: input.detail ?? null,
      assignedOrganisationId: assignee.organisation.id,
      assignedUserId: assignee.officer?.id ?? null,
      dueDate: input.dueDate,
      meetingId: input.meetingId ?? null,
      createdById: actor.userId,
    },
    select: { id: true },
  });
  const meeting = input.meetingId ? { meetingId: input.meetingId } : {};
  await appendTimeline(tx, actor, {
    caseId,
    kind: "ACTION_CREATED",
    summary: `${lead}: ${input.title}. Due ${formatDate(input.dueDate)}.`,
    subjectType: ENTITY,
    subjectId: id,
    detail: { dueDate: isoDay(input.dueDate), assignedOrganisation: assignee.organisation.shortName, ...meeting },
    occurredAt: input.agreedAt,
  });
  await recordActionChange(tx, actor, { id, caseId }, "CREATE", {
    assignedOrganisationId: assignee.organisation.id,
    assignedUserId: assignee.officer?.id ?? null,
    dueDate: isoDay(input.dueDate),
    ...meeting,
  });
  await notifyAssignment(tx, actor, { id, caseId }, assignee);
  return id;
}

/**
 * Tells the officer named on a new action, and the officers of its organisation who chose to
 * hear of their organisation's actions, in the same transaction (lib/notifications). Only people
 * who may open the case; never the actor.
 */
async function notifyAssignment(tx: Tx, actor: Actor, action: { id: string; caseId: string }, assignee: Assignee) {
  const link = `/cases/${action.caseId}/actions/${action.id}`;
  const subject = { subjectType: ENTITY, subjectId: action.id, link };
  if (assignee.officer) {
    const named = await caseRecipients(tx, action.caseId, { id: assignee.officer.id }, actor.userId);
    await notify(tx, { kind: "ACTION_ASSIGNED_TO_ME", userIds: named.userIds, reference: named.reference, ...subject });
  }
  const others = await caseRecipients(tx, action.caseId, optedInOfficers(assignee.organisation.id), actor.userId);
  const userIds = others.userIds.filter((id) => id !== assignee.officer?.id);
  await notify(tx, {
    kind: "ACTION_ASSIGNED_TO_ORGANISATION",
    userIds,
    reference: others.reference,
    organisation: assignee.organisation.name,
    ...subject,
  });
}

// ───────────────────────────── Adding an action ─────────────────────────────

/** Adds an action to the case once per `submissionKey` (posting the same form twice adds one). */
export async function createAction(
  actor: Actor,
  caseId: string,
  input: ActionInput,
  submissionKey: string,
  now = new Date(),
): Promise<{ id: string; duplicate: boolean }> {
  let theCase: CaseForChange | undefined;
  return createOnce(
    submissionKey,
    actor.userId,
    ENTITY,
    async (tx) => {
      const c = theCase!;
      if (c.status === "CLOSED") throw new ConflictError(`Case ${c.reference} is closed. Reopen it before adding actions to it.`);
      checkDueDate(input.dueDate, now);
      const assignee = await checkAssignee(tx, c, input.assignedOrganisationId, input.assignedUserId);
      return writeNewAction(
        tx,
        actor,
        c.id,
        input,
        assignee,
        `Action for ${assigneeLabel(assignee.organisation.shortName, assignee.officer?.name)}`,
      );
    },
    {
      // The case is loaded and checked (visible, and the actor's organisation may add to it) in
      // the same transaction that claims the form's key and adds the action.
      transaction: (work) =>
        changeCase(actor, caseId, "contribute", (tx, c) => {
          theCase = c;
          return work(tx);
        }),
    },
  );
}

// ───────────────────────────── Changing an action ─────────────────────────────

/** The action's own fields: read to change it and to show it. */
const ACTION_CORE_SELECT = {
  id: true,
  caseId: true,
  title: true,
  detail: true,
  status: true,
  dueDate: true,
  version: true,
} satisfies Prisma.CaseActionSelect;

const CHANGE_SELECT = {
  ...ACTION_CORE_SELECT,
  assignedOrganisationId: true,
  assignedUserId: true,
  assignedOrganisation: { select: { name: true, shortName: true } },
  assignedUser: { select: { name: true } },
  createdAt: true,
  meeting: { select: { startsAt: true } },
} satisfies Prisma.CaseActionSelect;

type ActionForChange = Prisma.CaseActionGetPayload<{ select: typeof CHANGE_SELECT }>;

/** The action is not on this case (a tampered form or address). */
class ActionNotOnCase extends Error {}

/**
 * Runs one change to an action in one transaction: the case as the actor may see it (changeCase),
 * the action on that case, and the actor's right to change it; then `work` writes the change.
 * An action the actor may not see is audited as a refusal and answered as NotFoundError.
 */
async function changeAction<T>(
  actor: Actor,
  caseId: string,
  actionId: string,
  version: number,
  work: (tx: Tx, c: CaseForChange, a: ActionForChange) => Promise<T>,
): Promise<T> {
  if (!isUuid(actionId)) throw new NotFoundError("action");
  try {
    return await changeCase(actor, caseId, "contribute", async (tx, c) => {
      const action = await tx.caseAction.findFirst({ where: { id: actionId, caseId: c.id }, select: CHANGE_SELECT });
      if (!action) throw new ActionNotOnCase();
      if (!mayUpdate(actor, c.rights, action.assignedOrganisationId)) {
        throw new ForbiddenError(
          `Only ${action.assignedOrganisation.name}, which the action is assigned to, or ${c.leadOrganisation.name}, which leads the case, can change this action`,
        );
      }
      if (action.version !== version) throw new ActionChangedError(action.version);
      if (!isOpenAction(action.status)) {
        throw new ConflictError(
          `This action is already ${ACTION_STATUS_LABELS[action.status].toLowerCase()}, so it cannot be changed. Add a new action if more needs doing.`,
        );
      }
      return work(tx, c, action);
    });
  } catch (error) {
    if (error instanceof ActionNotOnCase) {
      await auditIfHidden(actor, actionId);
      throw new NotFoundError("action");
    }
    throw error;
  }
}

/** Writes the action if it is still at `version`; else ActionChangedError. */
async function updateAtVersion(tx: Tx, action: { id: string }, version: number, data: Prisma.CaseActionUncheckedUpdateManyInput) {
  const updated = await tx.caseAction.updateMany({ where: { id: action.id, version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count === 0) {
    const now = await tx.caseAction.findUniqueOrThrow({ where: { id: action.id }, select: { version: true } });
    throw new ActionChangedError(now.version);
  }
}

/**
 * Changes what the action is, who does it and by when. The organisation it is assigned to (or the
 * lead organisation) may do this; only the lead organisation gives it to another organisation.
 */
export async function updateAction(
  actor: Actor,
  caseId: string,
  actionId: string,
  version: number,
  input: ActionInput,
  now = new Date(),
): Promise<{ changed: string[] }> {
  return changeAction(actor, caseId, actionId, version, async (tx, c, a) => {
    const newOrganisation = input.assignedOrganisationId !== a.assignedOrganisationId;
    if (newOrganisation && !c.rights.manage) {
      throw new ValidationError({
        assignedOrganisationId: [`Only ${c.leadOrganisation.name}, which leads the case, can give the action to another organisation`],
      });
    }
    const assignee = await checkAssignee(tx, c, input.assignedOrganisationId, input.assignedUserId, {
      organisationId: a.assignedOrganisationId,
      userId: a.assignedUserId,
    });
    const dueChanged = input.dueDate.getTime() !== a.dueDate.getTime();
    if (dueChanged) checkDueDate(input.dueDate, now);

    const changed: string[] = [];
    const sentences: string[] = [];
    if (input.title !== a.title) {
      changed.push("title");
      sentences.push(`Now reads “${input.title}”.`);
    }
    if ((input.detail ?? null) !== (a.detail ?? null)) {
      changed.push("detail");
      sentences.push("Details changed.");
    }
    if (newOrganisation || (assignee.officer?.id ?? null) !== a.assignedUserId) {
      changed.push("assignee");
      sentences.push(
        `Now assigned to ${assigneeLabel(assignee.organisation.shortName, assignee.officer?.name)} (was ${assigneeLabel(a.assignedOrganisation.shortName, a.assignedUser?.name)}).`,
      );
    }
    if (dueChanged) {
      changed.push("dueDate");
      sentences.push(`Due date changed from ${formatDate(a.dueDate)} to ${formatDate(input.dueDate)}.`);
    }
    if (changed.length === 0) return { changed };

    await updateAtVersion(tx, a, version, {
      title: input.title,
      detail: input.detail,
      assignedOrganisationId: assignee.organisation.id,
      assignedUserId: assignee.officer?.id ?? null,
      dueDate: input.dueDate,
    });
    await appendTimeline(tx, actor, {
      caseId: c.id,
      kind: "ACTION_UPDATED",
      summary: `Action changed: ${a.title}. ${sentences.join(" ")}`,
      subjectType: ENTITY,
      subjectId: a.id,
      detail: { fields: changed },
    });
    await recordActionChange(tx, actor, a, "UPDATE", { changed });
    return { changed };
  });
}

const STATUS_TIMELINE: Record<ActionStatus, TimelineKind> = {
  OPEN: "ACTION_UPDATED",
  IN_PROGRESS: "ACTION_UPDATED",
  DONE: "ACTION_COMPLETED",
  CANCELLED: "ACTION_CANCELLED",
};

function statusSummary(title: string, input: ActionStatusInput): string {
  switch (input.status) {
    case "OPEN":
      return `Action moved back to open: ${title}`;
    case "IN_PROGRESS":
      return `Action in progress: ${title}`;
    case "DONE":
      return `Action completed: ${title}. Outcome: ${input.outcome}`;
    case "CANCELLED":
      return `Action cancelled: ${title}. Reason: ${input.cancelReason}`;
  }
}

/**
 * Writes an action's move to a new status at `at` (when it happened: now, or the day given when
 * recorded afterwards), with its timeline entry and audit entry: the one way an action's status
 * changes, from its own forms or done by the time a meeting held in the past is recorded.
 */
export async function writeActionStatus(
  tx: Tx,
  actor: Actor,
  a: { id: string; caseId: string; title: string; status: ActionStatus },
  version: number,
  input: ActionStatusInput,
  at: Date,
): Promise<void> {
  const outcome = input.status === "DONE" ? input.outcome!.trim() : null;
  const cancelReason = input.status === "CANCELLED" ? input.cancelReason!.trim() : null;
  await updateAtVersion(tx, a, version, { status: input.status, outcome, cancelReason, completedAt: input.status === "DONE" ? at : null });
  const recordedAfterwards = londonToday(at) < londonToday(new Date());
  await appendTimeline(tx, actor, {
    caseId: a.caseId,
    kind: STATUS_TIMELINE[input.status],
    summary: statusSummary(a.title, { status: input.status, outcome, cancelReason }),
    subjectType: ENTITY,
    subjectId: a.id,
    detail: { from: a.status, to: input.status },
    occurredAt: at,
  });
  await recordActionChange(tx, actor, a, "UPDATE", {
    status: { from: a.status, to: input.status },
    ...(recordedAfterwards ? { happenedAt: at.toISOString() } : {}),
  });
  // Whoever set the action hears that it is done or cancelled (unless they did it, or can no longer open the case).
  if (input.status === "DONE" || input.status === "CANCELLED") {
    const { createdById } = await tx.caseAction.findUniqueOrThrow({ where: { id: a.id }, select: { createdById: true } });
    const setter = await caseRecipients(tx, a.caseId, { id: createdById }, actor.userId);
    await notify(tx, {
      kind: input.status === "DONE" ? "ACTION_COMPLETED" : "ACTION_CANCELLED",
      userIds: setter.userIds,
      reference: setter.reference,
      link: `/cases/${a.caseId}/actions/${a.id}`,
      subjectType: ENTITY,
      subjectId: a.id,
    });
  }
}

/** Moves the action on: in progress, back to open, done (with its outcome) or cancelled (with a reason), now or on the day given. */
export async function changeActionStatus(
  actor: Actor,
  caseId: string,
  actionId: string,
  version: number,
  input: ActionStatusInput,
  now = new Date(),
): Promise<void> {
  if (input.status === "DONE" && !input.outcome?.trim()) throw new ValidationError({ outcome: ["Enter the outcome: what was done"] });
  if (input.status === "CANCELLED" && !input.cancelReason?.trim())
    throw new ValidationError({ cancelReason: ["Enter why the action is being cancelled"] });
  await changeAction(actor, caseId, actionId, version, async (tx, _c, a) => {
    if (input.status === a.status) {
      throw new ValidationError({
        status: [`The action is already ${ACTION_STATUS_LABELS[a.status].toLowerCase()}. Select a different status.`],
      });
    }
    const agreed = { at: a.meeting?.startsAt ?? a.createdAt, what: "the action was agreed" };
    await writeActionStatus(tx, actor, a, version, input, happenedAt(input.happenedOn ?? null, { now, notBefore: agreed }));
  });
}

// ───────────────────────────── Reading actions ─────────────────────────────

export type ActionView = {
  id: string;
  caseId: string;
  title: string;
  detail: string | null;
  status: ActionStatus;
  dueDate: Date;
  /** Open or in progress, and due before today in London. */
  overdue: boolean;
  outcome: string | null;
  cancelReason: string | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  assignedOrganisation: { id: string; name: string; shortName: string };
  assignedUser: { id: string; name: string } | null;
  createdBy: { name: string; organisationShortName: string };
  /** The actor may move it on and change it (their organisation has it, or leads the case). */
  mayUpdate: boolean;
  /** The actor may give it to another organisation (their organisation leads the case). */
  mayReassign: boolean;
};

const VIEW_SELECT = {
  ...ACTION_CORE_SELECT,
  outcome: true,
  cancelReason: true,
  completedAt: true,
  createdAt: true,
  updatedAt: true,
  assignedOrganisation: { select: { id: true, name: true, shortName: true } },
  assignedUser: { select: { id: true, name: true } },
  createdBy: { select: { name: true, organisation: { select: { shortName: true } } } },
} satisfies Prisma.CaseActionSelect;

type ViewRow = Prisma.CaseActionGetPayload<{ select: typeof VIEW_SELECT }>;

function viewOf(actor: Actor, rights: CaseRights, row: ViewRow, now: Date): ActionView {
  const open = isOpenAction(row.status);
  return {
    ...row,
    overdue: isActionOverdue(row, now),
    createdBy: { name: row.createdBy.name, organisationShortName: row.createdBy.organisation.shortName },
    mayUpdate: open && mayUpdate(actor, rights, row.assignedOrganisation.id),
    mayReassign: open && rights.manage,
  };
}

/** The case as the actor may see it, with their rights on it; NotFoundError (audited) otherwise. */
async function visibleCaseRights(actor: Actor, caseId: string): Promise<{ rights: CaseRights; status: CaseStatus }> {
  if (!isUuid(caseId)) throw new NotFoundError("case");
  const c = await db.case.findFirst({
    where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] },
    select: {
      status: true,
      leadOrganisationId: true,
      restricted: true,
      shares: { where: { withdrawnAt: null }, select: { organisationId: true } },
    },
  });
  if (!c) {
    await auditRefusal(actor, "Case", caseId);
    throw new NotFoundError("case");
  }
  const rights = caseRightsOf(actor, {
    leadOrganisationId: c.leadOrganisationId,
    restricted: c.restricted,
    sharedWithOrganisationIds: c.shares.map((s) => s.organisationId),
  });
  return { rights, status: c.status };
}

/** An action id the actor may not see (hidden or missing alike): audited as a refusal. */
async function auditIfHidden(actor: Actor, actionId: string) {
  const visible = await db.caseAction.findFirst({ where: { AND: [{ id: actionId }, visibleActionsWhere(actor)] }, select: { id: true } });
  if (!visible) await auditRefusal(actor, ENTITY, actionId);
}

/** Done and cancelled actions per page on the case page (`?actionsPage=`). */
export const FINISHED_ACTIONS_PAGE_SIZE = 50;

export type CaseActions = {
  /** Open and in progress, soonest due first: all of them, the case's work in hand. */
  open: ActionView[];
  /** Done and cancelled, most recently finished first, one page of them. */
  closed: Page<ActionView>;
  /** The actor may add actions to the case (their organisation may add to it, and it is not closed). */
  mayAdd: boolean;
};

/**
 * The case's actions for the case page: every open one, and one page of the finished ones (a page
 * past the end is the first page). The case is checked first: on a case the actor may not see,
 * whatever the page asked for, NotFoundError (audited).
 */
export async function listCaseActions(
  actor: Actor,
  caseId: string,
  options: { finishedPage?: number } = {},
  now = new Date(),
): Promise<CaseActions> {
  const { rights, status } = await visibleCaseRights(actor, caseId);
  const finishedWhere = { caseId, status: { notIn: [...OPEN_ACTION_STATUSES] } };
  const [open, finished] = await Promise.all([
    db.caseAction.findMany({
      where: { caseId, status: { in: [...OPEN_ACTION_STATUSES] } },
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: VIEW_SELECT,
    }),
    // Finished actions never change again, so offset paging over (updatedAt, id) is stable.
    readPage(
      options.finishedPage ?? 1,
      FINISHED_ACTIONS_PAGE_SIZE,
      (skip, take) =>
        db.caseAction.findMany({ where: finishedWhere, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], skip, take, select: VIEW_SELECT }),
      () => db.caseAction.count({ where: finishedWhere, take: COUNT_CAP + 1 }),
    ),
  ]);
  return {
    open: open.map((row) => viewOf(actor, rights, row, now)),
    closed: { ...finished, rows: finished.rows.map((row) => viewOf(actor, rights, row, now)) },
    mayAdd: rights.contribute && status !== "CLOSED",
  };
}

/** One action on the case, for the pages that change it; NotFoundError when it is not on a case the actor may see. */
export async function getAction(actor: Actor, caseId: string, actionId: string, now = new Date()): Promise<ActionView> {
  const { rights } = await visibleCaseRights(actor, caseId);
  const row = isUuid(actionId) ? await db.caseAction.findFirst({ where: { id: actionId, caseId }, select: VIEW_SELECT }) : null;
  if (!row) {
    if (isUuid(actionId)) await auditIfHidden(actor, actionId);
    throw new NotFoundError("action");
  }
  return viewOf(actor, rights, row, now);
}

// ───────────────────────────── Choices for the forms ─────────────────────────────

export type AssigneeChoice = {
  id: string;
  name: string;
  shortName: string;
  lead: boolean;
  officers: { id: string; name: string; jobTitle: string | null }[];
};

/**
 * The organisations an action on the case can be assigned to (the lead organisation first, then
 * those the case is shared with) and, in each, the officers who can open the case and work on it.
 * `keep` is what the action has now, which stays on offer.
 */
export async function assigneeChoices(
  actor: Actor,
  caseId: string,
  keep?: { organisationId: string; userId: string | null },
): Promise<AssigneeChoice[]> {
  if (!can(actor, "case:write") || !isUuid(caseId)) return [];
  const c = await db.case.findFirst({
    where: { AND: [{ id: caseId }, visibleCasesWhere(actor)] },
    select: {
      id: true,
      restricted: true,
      createdById: true,
      leadOrganisationId: true,
      shares: { where: { withdrawnAt: null, organisation: { active: true } }, select: { organisationId: true } },
    },
  });
  if (!c) return [];
  const sharedWithOrganisationIds = c.shares.map((s) => s.organisationId);
  const organisationIds = [...new Set([c.leadOrganisationId, ...sharedWithOrganisationIds, ...(keep ? [keep.organisationId] : [])])];
  const [organisations, officers] = await Promise.all([
    db.organisation.findMany({
      where: { id: { in: organisationIds } },
      orderBy: { name: "asc" },
      select: { id: true, name: true, shortName: true },
    }),
    db.user.findMany({
      where: {
        OR: [
          { AND: [{ organisationId: { in: organisationIds } }, caseReadersWhere({ ...c, sharedWithOrganisationIds })] },
          ...(keep?.userId ? [{ id: keep.userId }] : []),
        ],
      },
      orderBy: { name: "asc" },
      select: { id: true, name: true, jobTitle: true, role: true, organisationId: true },
    }),
  ]);
  return organisations
    .map((o) => ({
      ...o,
      lead: o.id === c.leadOrganisationId,
      officers: officers
        .filter((u) => u.organisationId === o.id && (roleHas(u.role, "case:write") || u.id === keep?.userId))
        .map(({ id, name, jobTitle }) => ({ id, name, jobTitle })),
    }))
    .sort((a, b) => Number(b.lead) - Number(a.lead));
}

// ───────────────────────────── The action lists ─────────────────────────────

export type ActionListRow = ActionView & { case: { id: string; reference: string; title: string; restricted: boolean } };

function listWhere(actor: Actor, scope: ActionScope, filters: ActionFilters, now: Date): Prisma.CaseActionWhereInput {
  const today = londonToday(now);
  const where: Prisma.CaseActionWhereInput[] = [
    visibleActionsWhere(actor),
    scope === "mine" ? { assignedUserId: actor.userId } : { assignedOrganisationId: actor.organisationId },
  ];
  if (filters.status === "open") where.push({ status: { in: [...OPEN_ACTION_STATUSES] } });
  else if (filters.status !== "any") where.push({ status: filters.status });
  if (filters.overdueOnly) where.push({ status: { in: [...OPEN_ACTION_STATUSES] }, dueDate: { lt: today } });
  if (filters.dueFrom) where.push({ dueDate: { gte: filters.dueFrom } });
  if (filters.dueTo) where.push({ dueDate: { lte: filters.dueTo } });
  if (filters.officer) where.push({ assignedUserId: filters.officer === "none" ? null : filters.officer });
  return { AND: where };
}

function listOrderBy(query: ListQuery<ActionSort>): Prisma.CaseActionOrderByWithRelationInput[] {
  const dir = query.dir;
  switch (query.sort) {
    case "due":
      return [{ dueDate: dir }, { id: dir }];
    case "case":
      return [{ case: { reference: dir } }, { dueDate: "asc" }, { id: "asc" }];
    case "updated":
      return [{ updatedAt: dir }, { id: dir }];
  }
}

/**
 * One page of "my actions" (assigned to the actor by name) or "my organisation's actions"
 * (assigned to their organisation), on cases they may see, filtered and sorted on the server.
 */
export async function listActions(
  actor: Actor,
  scope: ActionScope,
  filters: ActionFilters,
  query: ListQuery<ActionSort>,
  now = new Date(),
): Promise<Page<ActionListRow>> {
  const where = listWhere(actor, scope, filters, now);
  const [rows, counted] = await Promise.all([
    db.caseAction.findMany({
      where,
      orderBy: listOrderBy(query),
      skip: query.skip,
      take: query.pageSize,
      select: {
        ...VIEW_SELECT,
        case: {
          select: {
            id: true,
            reference: true,
            title: true,
            restricted: true,
            leadOrganisationId: true,
            // Only whether the case is shared with the actor's organisation matters for their rights.
            shares: { where: { organisationId: actor.organisationId, withdrawnAt: null }, select: { organisationId: true } },
          },
        },
      },
    }),
    db.caseAction.count({ where, take: COUNT_CAP + 1 }),
  ]);
  return pageOf(
    rows.map(({ case: c, ...row }) => {
      const rights = caseRightsOf(actor, {
        leadOrganisationId: c.leadOrganisationId,
        restricted: c.restricted,
        sharedWithOrganisationIds: c.shares.map((s) => s.organisationId),
      });
      return { ...viewOf(actor, rights, row, now), case: { id: c.id, reference: c.reference, title: c.title, restricted: c.restricted } };
    }),
    counted,
    query,
  );
}

/**
 * The name the "assigned to" filter shows: an officer of the actor's own organisation (the only
 * ones the organisation's list can be narrowed to), "no named officer", or null for anyone else.
 */
export async function actionOfficerFilterLabel(actor: Actor, officer: string | undefined): Promise<string | null> {
  if (!officer) return null;
  if (officer === "none") return "no named officer";
  if (!isUuid(officer)) return null;
  const user = await db.user.findFirst({ where: { id: officer, organisationId: actor.organisationId }, select: { name: true } });
  return user?.name ?? null;
}

/**
 * An actions list as a download (CSV or XLSX: ./export-columns): every action the list would page
 * through for the same scope and filters, in its order, read a page at a time; audited as an export.
 */
export async function beginActionExport(
  actor: Actor,
  scope: ActionScope,
  filters: ActionFilters,
  query: ListQuery<ActionSort>,
  used: { filters: string[]; format: "csv" | "xlsx" },
  now = new Date(),
): Promise<{ total: number; rows: RowReader<CellValue[]> }> {
  if (!can(actor, "case:read")) throw new ForbiddenError("You do not have permission to see actions");
  const where = listWhere(actor, scope, filters, now);
  const total = await db.caseAction.count({ where });
  await auditListExport(actor, "ActionList", { ...used, scope, sort: query.sort, dir: query.dir, rows: total });
  const rows = pagedReader(
    (skip, take) =>
      db.caseAction.findMany({
        where,
        orderBy: listOrderBy(query),
        skip,
        take,
        select: {
          title: true,
          status: true,
          dueDate: true,
          outcome: true,
          cancelReason: true,
          completedAt: true,
          case: { select: { reference: true } },
          assignedOrganisation: { select: { name: true } },
          assignedUser: { select: { name: true } },
          createdBy: { select: { name: true, organisation: { select: { shortName: true } } } },
        },
      }),
    (a) => [
      a.case.reference,
      a.title,
      a.assignedOrganisation.name,
      a.assignedUser?.name ?? null,
      formatDate(a.dueDate),
      `${ACTION_STATUS_LABELS[a.status]}${isActionOverdue(a, now) ? " (overdue)" : ""}`,
      `${a.createdBy.name} (${a.createdBy.organisation.shortName})`,
      a.completedAt ? formatDate(a.completedAt) : null,
      a.outcome ?? a.cancelReason,
    ],
  );
  return { total, rows };
}

/** How many actions a list would hold (the dashboard's figures, each a link to that list). */
export async function countActions(actor: Actor, scope: ActionScope, filters: ActionFilters, now = new Date()): Promise<number> {
  return db.caseAction.count({ where: listWhere(actor, scope, filters, now) });
}
