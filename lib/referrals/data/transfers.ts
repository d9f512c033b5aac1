import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleCasesWhere } from "@/lib/cases/access";
import { appendTimeline } from "@/lib/timeline/data";
import { auditChange, auditRefusal } from "@/lib/audit/data";
import { createOnce } from "@/lib/submissions";
import { NotFoundError } from "@/lib/errors";
import { formatDate, londonToday } from "@/lib/format/dates";
import { happenedAt } from "@/lib/history/happened";
import { isUuid } from "@/lib/not-found";
import { mayRecordTransferOut } from "@/lib/referrals/access";
import { TRANSFERRED_ON, type TransferOutInput } from "@/lib/referrals/schema";

// A MARAC case transferred out to another area's MARAC (the victim has moved): recorded on the
// case (the area, the date, the reason), never referred through our own chair's triage queue.
//
// WHO: a MARAC panel member with case:write (mayRecordTransferOut), on a MARAC (restricted) case
// they can see. Anyone else gets the NotFoundError of a missing case, audited by the id asked for
// without looking the case up, so a hidden case's id costs what a random one does.
// WHEN: on the day given, never in the future nor before the case was opened (lib/history); the
// TRANSFERRED_OUT timeline entry happens then, and the MARAC data return counts it in the period
// that day falls in. The transfer, its timeline entry and its audit entry share one transaction.

const ENTITY = "CaseTransfer";

const MARAC_CASE_SELECT = { id: true, reference: true, title: true, status: true, openedAt: true } satisfies Prisma.CaseSelect;

export type TransferOutRow = {
  id: string;
  area: string;
  reason: string;
  transferredAt: Date;
  recordedBy: string;
  organisation: string;
  recordedAt: Date;
};

export type TransferOutPage = {
  case: Prisma.CaseGetPayload<{ select: typeof MARAC_CASE_SELECT }>;
  /** Earlier transfers out of the case, latest first. */
  transfers: TransferOutRow[];
};

const TRANSFER_ROW_SELECT = {
  id: true,
  area: true,
  reason: true,
  transferredAt: true,
  recordedAt: true,
  recordedBy: { select: { name: true } },
  organisation: { select: { shortName: true } },
} satisfies Prisma.CaseTransferSelect;

function rowOf(t: Prisma.CaseTransferGetPayload<{ select: typeof TRANSFER_ROW_SELECT }>): TransferOutRow {
  return {
    id: t.id,
    area: t.area,
    reason: t.reason,
    transferredAt: t.transferredAt,
    recordedAt: t.recordedAt,
    recordedBy: t.recordedBy.name,
    organisation: t.organisation.shortName,
  };
}

/** The MARAC case, if the actor may record its transfer out; null otherwise (the caller refuses). */
async function maracCaseFor(client: Tx | typeof db, actor: Actor, caseId: string) {
  if (!mayRecordTransferOut(actor) || !isUuid(caseId)) return null;
  return client.case.findFirst({ where: { AND: [{ id: caseId, restricted: true }, visibleCasesWhere(actor)] }, select: MARAC_CASE_SELECT });
}

async function refuse(actor: Actor, caseId: string): Promise<never> {
  if (isUuid(caseId)) await auditRefusal(actor, "Case", caseId);
  throw new NotFoundError("case");
}

/** The transfer-out page of a MARAC case; NotFoundError (audited) for anyone who may not record one. */
export async function transferOutFormFor(actor: Actor, caseId: string): Promise<TransferOutPage> {
  // Refused on the role and panel before any lookup: the same statements for any id.
  if (!mayRecordTransferOut(actor)) return refuse(actor, caseId);
  const c = await maracCaseFor(db, actor, caseId);
  if (!c) return refuse(actor, caseId);
  const transfers = await db.caseTransfer.findMany({
    where: { caseId: c.id },
    orderBy: [{ transferredAt: "desc" }, { id: "desc" }],
    select: TRANSFER_ROW_SELECT,
  });
  return { case: c, transfers: transfers.map(rowOf) };
}

/**
 * Records a MARAC case's transfer out, once per `submissionKey`: the CaseTransfer, its
 * TRANSFERRED_OUT timeline entry (happening on the day of the transfer) and its audit entry, in one
 * transaction. The date is refused beside its field when in the future or before the case was opened.
 */
export async function recordTransferOut(
  actor: Actor,
  caseId: string,
  input: TransferOutInput,
  submissionKey: string,
  now = new Date(),
): Promise<{ id: string; duplicate: boolean }> {
  if (!mayRecordTransferOut(actor)) return refuse(actor, caseId);
  let hidden = false;
  try {
    return await createOnce(submissionKey, actor.userId, ENTITY, async (tx) => {
      if (isUuid(caseId)) await tx.$queryRaw`SELECT id FROM "Case" WHERE id = ${caseId}::uuid FOR UPDATE`;
      const c = await maracCaseFor(tx, actor, caseId);
      if (!c) {
        hidden = true;
        throw new NotFoundError("case");
      }
      const transferredAt = happenedAt(input.transferredOn, {
        now,
        notBefore: { at: c.openedAt, what: "the case was opened" },
        field: TRANSFERRED_ON,
      });
      const transfer = await tx.caseTransfer.create({
        data: {
          caseId: c.id,
          area: input.area,
          reason: input.reason,
          transferredAt,
          recordedById: actor.userId,
          organisationId: actor.organisationId,
        },
        select: { id: true },
      });
      await appendTimeline(tx, actor, {
        caseId: c.id,
        kind: "TRANSFERRED_OUT",
        summary: `Transferred out to ${input.area} on ${formatDate(transferredAt)} by ${actor.name}, ${actor.organisationShortName}. Reason: ${input.reason}`,
        subjectType: ENTITY,
        subjectId: transfer.id,
        detail: { area: input.area },
        occurredAt: transferredAt,
      });
      await tx.case.update({ where: { id: c.id }, data: { updatedAt: now }, select: { id: true } });
      // The reason is case content: it stays on the timeline, not in the audit trail.
      await auditChange(tx, actor, "CREATE", ENTITY, transfer.id, {
        caseId: c.id,
        area: input.area,
        transferredAt: transferredAt.toISOString(),
        ...(londonToday(transferredAt) < londonToday(now) ? { recordedAfterwards: true } : {}),
      });
      return transfer.id;
    });
  } catch (error) {
    if (hidden) await auditRefusal(actor, "Case", caseId);
    throw error;
  }
}

/** A case's transfers out, latest first, for whoever may see the case; none otherwise. */
export async function transfersOutOfCase(actor: Actor, caseId: string): Promise<TransferOutRow[]> {
  if (!isUuid(caseId)) return [];
  const rows = await db.caseTransfer.findMany({
    where: { caseId, case: visibleCasesWhere(actor) },
    orderBy: [{ transferredAt: "desc" }, { id: "desc" }],
    take: 20,
    select: TRANSFER_ROW_SELECT,
  });
  return rows.map(rowOf);
}
