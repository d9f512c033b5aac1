import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { appendTimeline } from "@/lib/timeline/data";
import { auditChange } from "@/lib/audit/data";
import { ConflictError, ValidationError } from "@/lib/errors";
import { RISK_LEVEL_LABELS } from "@/lib/incidents/labels";
import { CASE_STATUS_LABELS, CLOSURE_REASON_LABELS } from "@/lib/cases/labels";
import type { CaseDetailsInput, StatusChangeInput } from "@/lib/cases/schema";
import { happenedAt, recordedLater } from "@/lib/history/happened";
import { changeCase, ENTITY, type CaseForChange } from "./change-case";
import { checkLead } from "./form-checks";
import { shareInTransaction } from "./sharing";

// Changing its details and status: the lead organisation's edits, each at the version the user
// saw (optimistic locking).

/** Someone else saved the case first; `currentVersion` is what they saved. */
export class CaseChangedError extends ConflictError {
  constructor(public readonly currentVersion: number) {
    super("Someone else changed this case while you were editing it");
    this.name = "CaseChangedError";
  }
}

/** Writes the case's own fields if it is still at `version` (optimistic locking); else CaseChangedError. */
export async function updateAtVersion(
  tx: Tx,
  caseId: string,
  version: number,
  data: Prisma.CaseUpdateManyMutationInput & { leadOrganisationId?: string; leadOfficerId?: string | null },
) {
  // The version in the WHERE is what makes this safe: a save that committed first has moved the
  // version on, and this update then matches no row.
  const updated = await tx.case.updateMany({ where: { id: caseId, version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count === 0) {
    const now = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { version: true } });
    throw new CaseChangedError(now.version);
  }
}

export type SavedCase = { changed: string[] };

/** The lead organisation changes the title, summary, risk level, lead organisation and lead officer. */
export async function updateCaseDetails(actor: Actor, caseId: string, version: number, input: CaseDetailsInput): Promise<SavedCase> {
  return changeCase(actor, caseId, "manage", async (tx, c) => {
    if (c.version !== version) throw new CaseChangedError(c.version);
    const lead = await checkLead(tx, input.leadOrganisationId, input.leadOfficerId, {
      organisationId: c.leadOrganisationId,
      officerId: c.leadOfficerId,
    });

    const sentences: string[] = [];
    const changed: string[] = [];
    if (input.title !== c.title) {
      changed.push("title");
      sentences.push(`Title changed to “${input.title}”.`);
    }
    if ((input.summary ?? null) !== (c.summary ?? null)) {
      changed.push("summary");
      sentences.push("Summary changed.");
    }
    if (input.riskLevel !== c.riskLevel) {
      changed.push("riskLevel");
      sentences.push(
        `Risk level changed from ${RISK_LEVEL_LABELS[c.riskLevel].toLowerCase()} to ${RISK_LEVEL_LABELS[input.riskLevel].toLowerCase()}.`,
      );
    }
    const newLead = lead.organisation.id !== c.leadOrganisationId;
    if (newLead) {
      changed.push("leadOrganisation");
      sentences.push(`Lead organisation changed from ${c.leadOrganisation.name} to ${lead.organisation.name}.`);
    }
    if ((lead.officer?.id ?? null) !== c.leadOfficerId) {
      changed.push("leadOfficer");
      sentences.push(
        lead.officer
          ? `Lead officer changed${c.leadOfficer ? ` from ${c.leadOfficer.name}` : ""} to ${lead.officer.name}.`
          : "Lead officer removed.",
      );
    }
    if (changed.length === 0) return { changed };

    await updateAtVersion(tx, caseId, version, {
      title: input.title,
      summary: input.summary,
      riskLevel: input.riskLevel,
      leadOrganisationId: lead.organisation.id,
      leadOfficerId: lead.officer?.id ?? null,
    });
    await appendTimeline(tx, actor, {
      caseId,
      kind: "CASE_UPDATED",
      summary: sentences.join(" "),
      subjectType: ENTITY,
      subjectId: caseId,
      detail: { fields: changed },
    });
    if (newLead && !c.shares.some((s) => s.organisationId === c.leadOrganisationId)) {
      // The organisation handing the lead over keeps the case: it is shared with them.
      await shareInTransaction(
        tx,
        actor,
        caseId,
        { id: c.leadOrganisationId, name: c.leadOrganisation.name },
        `Shared with ${c.leadOrganisation.name}, the previous lead organisation`,
      );
    }
    await auditChange(tx, actor, "UPDATE", ENTITY, caseId, { changed });
    return { changed };
  });
}

/**
 * What a status change cannot precede: the case's opening, and the status change before it
 * (closing it, when it is reopened), so that the timeline tells them in the order they happened.
 */
export async function statusNotBefore(
  client: Tx | Db,
  c: Pick<CaseForChange, "id" | "openedAt" | "status">,
): Promise<{ at: Date; what: string }> {
  const last = await client.timelineEntry.findFirst({
    where: { caseId: c.id, kind: "STATUS_CHANGED" },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { occurredAt: true },
  });
  if (!last || last.occurredAt <= c.openedAt) return { at: c.openedAt, what: "the case was opened" };
  return { at: last.occurredAt, what: c.status === "CLOSED" ? "the case was closed" : "its status last changed" };
}

/**
 * The lead organisation moves the case between open, under review, monitoring and closed: now, or
 * on the day given when it is recorded afterwards (lib/history), never before the case was opened
 * or its status last changed. A case closed on an earlier day is closed from that day; reopening
 * it clears the closing date.
 */
export async function changeCaseStatus(
  actor: Actor,
  caseId: string,
  version: number,
  input: StatusChangeInput,
  now = new Date(),
): Promise<void> {
  if (input.status === "CLOSED" && !input.closureReason)
    throw new ValidationError({ closureReason: ["Select why the case is being closed"] });
  await changeCase(actor, caseId, "manage", async (tx, c) => {
    if (c.version !== version) throw new CaseChangedError(c.version);
    if (input.status === c.status)
      throw new ValidationError({
        status: [`The case is already ${CASE_STATUS_LABELS[c.status].toLowerCase()}. Select a different status.`],
      });
    const at = happenedAt(input.happenedOn ?? null, { now, notBefore: await statusNotBefore(tx, c) });
    const closing = input.status === "CLOSED";
    await updateAtVersion(tx, caseId, version, {
      status: input.status,
      closureReason: closing ? input.closureReason : null,
      closureNote: closing ? input.note : null,
      closedAt: closing ? at : null,
    });
    const reason = closing && input.closureReason ? ` (${CLOSURE_REASON_LABELS[input.closureReason].toLowerCase()})` : "";
    const note = input.note ? ` ${input.note}` : "";
    await appendTimeline(tx, actor, {
      caseId,
      kind: "STATUS_CHANGED",
      summary: `Status changed from ${CASE_STATUS_LABELS[c.status].toLowerCase()} to ${CASE_STATUS_LABELS[input.status].toLowerCase()}${reason}.${note}`,
      subjectType: ENTITY,
      subjectId: caseId,
      detail: { from: c.status, to: input.status, closureReason: input.closureReason },
      occurredAt: at,
    });
    await auditChange(tx, actor, "UPDATE", ENTITY, caseId, {
      status: { from: c.status, to: input.status },
      closureReason: input.closureReason,
      ...(recordedLater(at, now) ? { happenedAt: at.toISOString() } : {}),
    });
  });
}
