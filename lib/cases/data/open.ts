import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { appendTimeline } from "@/lib/timeline/data";
import { auditChange } from "@/lib/audit/data";
import { nextReference } from "@/lib/references";
import { createOnce } from "@/lib/submissions";
import { ForbiddenError } from "@/lib/errors";
import { requireCan } from "@/lib/auth/refuse";
import { happenedAt, recordedLater } from "@/lib/history/happened";
import type { NewCaseInput } from "@/lib/cases/schema";
import { ENTITY } from "./change-case";
import {
  addPersonInTransaction,
  addPlaceInTransaction,
  checkLead,
  checkPeople,
  checkPlaces,
  incidentsToLink,
  linkIncidentsInTransaction,
} from "./form-checks";
import { shareInTransaction } from "./sharing";

// Opening a case.

export type OpenedCase = { id: string; reference: string; duplicate: boolean };

/**
 * Opens a case once per `submissionKey` (a second submission of the same form returns the case
 * the first one made), with its incidents, people and places. A MARAC case is restricted.
 * Opened now, or on the day given when it is recorded afterwards (lib/history): its reference
 * carries that year, and everything written as it is opened happens then.
 */
export async function openCase(actor: Actor, input: NewCaseInput, submissionKey: string, now = new Date()): Promise<OpenedCase> {
  await requireCan(actor, "case:write", () => new ForbiddenError("You do not have permission to open cases"));
  const openedAt = happenedAt(input.happenedOn ?? null, { now });
  const created = await createOnce(submissionKey, actor.userId, ENTITY, async (tx) => {
    const lead = await checkLead(tx, input.leadOrganisationId, input.leadOfficerId);
    const incidents = await incidentsToLink(
      tx,
      actor,
      null,
      { ids: input.incidentIds, references: input.incidentReferences },
      { ids: "incidentIds", references: "incidentReferences" },
    );
    const people = await checkPeople(tx, actor, input.people, "people");
    const places = await checkPlaces(tx, actor, input.placeIds, "placeIds");

    // The counter's row lock is taken before the audit chain's lock (auditChange, last): every
    // writer takes them in that order, so concurrent openings queue rather than deadlock. A
    // rollback anywhere below gives the number back: references have no gaps.
    const reference = await nextReference(tx, "CASE", openedAt);
    const { id: caseId } = await tx.case.create({
      data: {
        reference,
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        riskLevel: input.riskLevel,
        leadOrganisationId: lead.organisation.id,
        leadOfficerId: lead.officer?.id ?? null,
        restricted: input.kind === "MARAC",
        createdById: actor.userId,
        openedAt,
      },
      select: { id: true },
    });
    await appendTimeline(tx, actor, {
      caseId,
      kind: "CASE_OPENED",
      summary: `Case opened: ${input.title}`,
      subjectType: ENTITY,
      subjectId: caseId,
      detail: { reference, kind: input.kind, riskLevel: input.riskLevel, leadOrganisation: lead.organisation.shortName },
      occurredAt: openedAt,
    });
    if (lead.organisation.id !== actor.organisationId) {
      await shareInTransaction(
        tx,
        actor,
        caseId,
        { id: actor.organisationId, name: actor.organisationName },
        `Shared with ${actor.organisationName}, which opened the case for ${lead.organisation.name}`,
        undefined,
        openedAt,
      );
    }
    await linkIncidentsInTransaction(tx, actor, caseId, incidents, "incidentReferences", openedAt);
    for (const person of people) await addPersonInTransaction(tx, actor, caseId, person, "people", openedAt);
    for (const place of places) await addPlaceInTransaction(tx, actor, caseId, place, "placeIds", openedAt);
    // The audit trail keeps the moment it was typed (its own clock); the day it was opened is in its detail.
    await auditChange(tx, actor, "CREATE", ENTITY, caseId, {
      reference,
      kind: input.kind,
      incidents: incidents.map((i) => i.reference),
      ...(recordedLater(openedAt, now) ? { openedAt: openedAt.toISOString() } : {}),
    });
    return caseId;
  });
  const { reference } = await db.case.findUniqueOrThrow({ where: { id: created.id }, select: { reference: true } });
  return { ...created, reference };
}
