import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { shareInTransaction } from "@/lib/cases/data";
import { checkDueDate, checkOfficer, writeActionStatus, writeNewAction } from "@/lib/case-actions/data";
import { happenedAt } from "@/lib/history/happened";
import { appendTimeline } from "@/lib/timeline/data";
import { auditChange } from "@/lib/audit/data";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate } from "@/lib/format/dates";
import { isUuid } from "@/lib/not-found";
import type { AgendaItemRecord } from "@/lib/meetings/schema";
import { ENTITY, MeetingChangedError, meetingForChange } from "./shared";
import { PANEL_NAMES } from "@/lib/panels/labels";

// Running the meeting: the chair starts it, then saves each case's record in meeting mode. Actions
// agreed are written by the case actions domain, shares by the cases domain.

/** Starts the meeting (scheduled → in progress). */
export async function startMeeting(actor: Actor, meetingId: string, version: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const m = await meetingForChange(tx, actor, meetingId);
    if (m.status !== "SCHEDULED") throw new MeetingChangedError(`Meeting ${m.reference} has already started.`, m.version);
    if (m.version !== version) throw new MeetingChangedError(undefined, m.version);
    await tx.meeting.update({ where: { id: m.id }, data: { status: "IN_PROGRESS", version: { increment: 1 } } });
    await auditChange(tx, actor, "UPDATE", ENTITY, m.id, { status: { from: "SCHEDULED", to: "IN_PROGRESS" } });
  });
}

/** Someone else saved this case's record first. */
export class AgendaItemChangedError extends ConflictError {
  constructor(public readonly currentVersion: number) {
    super(
      "This case's record was saved by someone else while you were working on it. Reload the page to see what they saved; your text is kept on this device.",
    );
    this.name = "AgendaItemChangedError";
  }
}

/**
 * Saves one case's record in meeting mode, in one transaction: the item at `version`, its timeline
 * entry, each agreed action (with its timeline entry, and a share of an unrestricted case with an
 * organisation given work on it) and the audit entries. Returns the item's new version.
 */
export async function saveAgendaItem(
  actor: Actor,
  meetingId: string,
  itemId: string,
  version: number,
  record: AgendaItemRecord,
  now = new Date(),
): Promise<{ version: number; actionIds: string[] }> {
  return db.$transaction(async (tx) => {
    const m = await meetingForChange(tx, actor, meetingId);
    if (m.status !== "IN_PROGRESS") throw new ConflictError("Start the meeting before recording decisions.");
    const item = isUuid(itemId)
      ? await tx.agendaItem.findFirst({
          where: { id: itemId, meetingId: m.id },
          select: {
            id: true,
            version: true,
            discussionSummary: true,
            decision: true,
            reviewedAt: true,
            case: {
              select: {
                id: true,
                reference: true,
                status: true,
                restricted: true,
                createdById: true,
                leadOrganisationId: true,
                shares: { select: { organisationId: true, withdrawnAt: true } },
              },
            },
          },
        })
      : null;
    if (!item) throw new NotFoundError("agenda item");
    if (item.version !== version) throw new AgendaItemChangedError(item.version);
    const c = item.case;
    const when = `${PANEL_NAMES[m.panel]} meeting ${m.reference} (${formatDate(m.startsAt)})`;
    // A meeting recorded after it was held: what it decided happened on its date (lib/history).
    const held = m.recordedAfterwards;
    const at = held ? m.startsAt : now;

    const reviewedAt = record.reviewed ? (item.reviewedAt ?? at) : null;
    const changed =
      (record.discussionSummary ?? null) !== (item.discussionSummary ?? null) ||
      (record.decision ?? null) !== (item.decision ?? null) ||
      Boolean(reviewedAt) !== Boolean(item.reviewedAt);
    const updated = await tx.agendaItem.updateMany({
      where: { id: item.id, version },
      data: { discussionSummary: record.discussionSummary, decision: record.decision, reviewedAt, version: { increment: 1 } },
    });
    if (updated.count === 0)
      throw new AgendaItemChangedError(
        (await tx.agendaItem.findUniqueOrThrow({ where: { id: item.id }, select: { version: true } })).version,
      );

    if (changed) {
      const parts = [`Discussed at the ${when}.`];
      if (record.decision) parts.push(`Decision: ${record.decision}`);
      if (reviewedAt && !item.reviewedAt) parts.push("Marked as reviewed.");
      await appendTimeline(tx, actor, {
        caseId: c.id,
        kind: "DISCUSSED_AT_MEETING",
        summary: parts.join(" "),
        subjectType: ENTITY,
        subjectId: m.id,
        detail: {
          meetingId: m.id,
          meetingReference: m.reference,
          agendaItemId: item.id,
          discussionSummary: record.discussionSummary,
          decision: record.decision,
          reviewed: Boolean(reviewedAt),
        },
        occurredAt: at,
      });
    }

    if (record.actions.length > 0 && c.status === "CLOSED")
      throw new ConflictError(`Case ${c.reference} is closed. Reopen it before agreeing actions on it.`);
    const attending = new Map(
      (
        await tx.meetingAttendee.findMany({
          where: { meetingId: m.id },
          select: { organisation: { select: { id: true, name: true, shortName: true, active: true } } },
        })
      ).map((a) => [a.organisation.id, a.organisation]),
    );
    const sharedNow = new Set(c.shares.filter((s) => !s.withdrawnAt).map((s) => s.organisationId));
    const actionIds: string[] = [];
    // Each action is checked as it is written: a bad one rolls back everything saved before it.
    for (const [index, action] of record.actions.entries()) {
      const organisation = attending.get(action.organisationId);
      if (!organisation || !organisation.active)
        throw new ValidationError({ [`actions.${index}.organisationId`]: ["Select an organisation attending this meeting"] });
      checkDueDate(action.dueDate, now, `actions.${index}.dueDate`, held ? { at: m.startsAt, what: "the date of the meeting" } : undefined);
      if (action.completedOn && !held)
        throw new ValidationError({
          [`actions.${index}.completedOn`]: ["An action agreed today is not done yet: record that it is done on the action itself"],
        });
      if (!c.restricted && organisation.id !== c.leadOrganisationId && !sharedNow.has(organisation.id)) {
        await shareInTransaction(
          tx,
          actor,
          c.id,
          organisation,
          `Shared with ${organisation.name}, given an action at the ${when}.`,
          { meetingId: m.id },
          at,
        );
        sharedNow.add(organisation.id);
      }
      const shares = [...sharedNow].map((organisationId) => ({ organisationId }));
      const officer = action.assignedUserId
        ? await checkOfficer(tx, { ...c, shares }, organisation, action.assignedUserId, `actions.${index}.assignedUserId`)
        : null;
      const lead = `Action agreed at the ${when} for ${officer ? `${organisation.shortName} (${officer.name})` : organisation.shortName}`;
      const actionId = await writeNewAction(
        tx,
        actor,
        c.id,
        { title: action.title, dueDate: action.dueDate, meetingId: m.id, agreedAt: at },
        { organisation, officer },
        lead,
      );
      actionIds.push(actionId);
      if (action.completedOn) {
        const doneAt = happenedAt(action.completedOn, {
          now,
          notBefore: { at: m.startsAt, what: "the meeting was held" },
          field: `actions.${index}.completedOn`,
        });
        const outcome = action.outcome ?? "Done (recorded after the meeting)";
        await writeActionStatus(
          tx,
          actor,
          { id: actionId, caseId: c.id, title: action.title, status: "OPEN" },
          1,
          { status: "DONE", outcome, cancelReason: null },
          doneAt,
        );
      }
    }

    await tx.case.update({ where: { id: c.id }, data: { updatedAt: now }, select: { id: true } });
    await auditChange(tx, actor, "UPDATE", "AgendaItem", item.id, {
      meetingId: m.id,
      caseId: c.id,
      reviewed: Boolean(reviewedAt),
      actionsAgreed: actionIds.length,
    });
    return { version: version + 1, actionIds };
  });
}
