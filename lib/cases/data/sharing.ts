import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { appendTimeline } from "@/lib/timeline/data";
import { ConflictError, ValidationError } from "@/lib/errors";
import { isUuid } from "@/lib/not-found";
import { happenedAt, recordedLater } from "@/lib/history/happened";
import type { CalendarDay } from "@/lib/incidents/date-fields";
import { changeCase, recordCaseChange } from "./change-case";
import { notify } from "@/lib/notifications/data/outbox";
import { caseRecipients, organisationManagers } from "@/lib/notifications/data/recipients";

// Sharing: the lead organisation shares the case with another organisation, or withdraws a share.
// shareInTransaction, the one writer of a share, is here too: opening a case for another
// organisation, handing over the lead and meeting mode share through it.

/** Shares the case with an organisation and says so on its timeline: the one way a case is shared (from the case page, on opening, or given an action at a meeting). */
export async function shareInTransaction(
  tx: Tx,
  actor: Actor,
  caseId: string,
  organisation: { id: string; name: string },
  summary = `Shared with ${organisation.name}`,
  detail?: Record<string, unknown>,
  /** When it was shared: now, or earlier when recorded afterwards (lib/history). */
  at: Date = new Date(),
) {
  const key = { caseId_organisationId: { caseId, organisationId: organisation.id } };
  // Sharing again after a withdrawal reuses the row; the timeline keeps every share and withdrawal.
  await tx.caseShare.upsert({
    where: key,
    create: { caseId, organisationId: organisation.id, sharedById: actor.userId, sharedAt: at },
    update: { sharedAt: at, sharedById: actor.userId, withdrawnAt: null },
  });
  await appendTimeline(tx, actor, {
    caseId,
    kind: "SHARED",
    summary,
    subjectType: "Organisation",
    subjectId: organisation.id,
    detail,
    occurredAt: at,
  });
  // The organisation's managers hear their organisation has a new case to work (not when it shares with itself).
  if (organisation.id !== actor.organisationId) {
    const managers = await caseRecipients(tx, caseId, organisationManagers(organisation.id), actor.userId);
    await notify(tx, {
      kind: "CASE_SHARED",
      userIds: managers.userIds,
      reference: managers.reference,
      organisation: organisation.name,
      link: `/cases/${caseId}`,
      subjectType: "Case",
      subjectId: caseId,
    });
  }
}

/**
 * The lead organisation shares the case with another active organisation: now, or on the day
 * given when it is recorded afterwards (lib/history), never before the case was opened (nor
 * before an earlier share with them was withdrawn).
 */
export async function shareCase(
  actor: Actor,
  caseId: string,
  organisationId: string,
  happenedOn: CalendarDay | null = null,
  now = new Date(),
): Promise<{ organisationName: string }> {
  return changeCase(actor, caseId, "manage", async (tx, c) => {
    const organisation = isUuid(organisationId)
      ? await tx.organisation.findFirst({ where: { id: organisationId, active: true }, select: { id: true, name: true } })
      : null;
    if (!organisation) throw new ValidationError({ organisationId: ["Select an organisation from the list"] });
    if (organisation.id === c.leadOrganisationId)
      throw new ValidationError({ organisationId: [`${organisation.name} leads this case already`] });
    if (c.shares.some((s) => s.organisationId === organisation.id))
      throw new ValidationError({ organisationId: [`The case is already shared with ${organisation.name}`] });
    const earlier = await tx.caseShare.findUnique({
      where: { caseId_organisationId: { caseId, organisationId: organisation.id } },
      select: { withdrawnAt: true },
    });
    const notBefore =
      earlier?.withdrawnAt && earlier.withdrawnAt > c.openedAt
        ? { at: earlier.withdrawnAt, what: `sharing with ${organisation.name} was withdrawn` }
        : { at: c.openedAt, what: "the case was opened" };
    const at = happenedAt(happenedOn, { now, notBefore });
    await shareInTransaction(tx, actor, caseId, organisation, undefined, undefined, at);
    await recordCaseChange(tx, actor, caseId, {
      sharedWith: organisation.id,
      ...(recordedLater(at, now) ? { happenedAt: at.toISOString() } : {}),
    });
    return { organisationName: organisation.name };
  });
}

/**
 * The lead organisation withdraws a share: that organisation stops seeing the case at once. It is
 * withdrawn now, or from the day given when it is recorded afterwards, never before it was shared.
 */
export async function withdrawShare(
  actor: Actor,
  caseId: string,
  organisationId: string,
  happenedOn: CalendarDay | null = null,
  now = new Date(),
): Promise<{ organisationName: string }> {
  return changeCase(actor, caseId, "manage", async (tx) => {
    const share = isUuid(organisationId)
      ? await tx.caseShare.findUnique({
          where: { caseId_organisationId: { caseId, organisationId } },
          select: { sharedAt: true, withdrawnAt: true, organisation: { select: { name: true } } },
        })
      : null;
    if (!share || share.withdrawnAt) throw new ConflictError("The case is not shared with that organisation any more");
    const at = happenedAt(happenedOn, {
      now,
      notBefore: { at: share.sharedAt, what: `the case was shared with ${share.organisation.name}` },
    });
    // The row stays, with the time of withdrawal, so "who could see this case, and when" is answerable.
    await tx.caseShare.update({ where: { caseId_organisationId: { caseId, organisationId } }, data: { withdrawnAt: at } });
    await appendTimeline(tx, actor, {
      caseId,
      kind: "SHARE_WITHDRAWN",
      summary: `Sharing with ${share.organisation.name} withdrawn`,
      subjectType: "Organisation",
      subjectId: organisationId,
      occurredAt: at,
    });
    await recordCaseChange(tx, actor, caseId, {
      shareWithdrawn: organisationId,
      ...(recordedLater(at, now) ? { happenedAt: at.toISOString() } : {}),
    });
    return { organisationName: share.organisation.name };
  });
}
