import "server-only";
import type { Actor } from "@/lib/auth/actor-type";
import { appendTimeline } from "@/lib/timeline/data";
import { createOnce } from "@/lib/submissions";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { changeCase, recordCaseChange } from "./change-case";

// Notes and corrections on the case's timeline.

/**
 * A note on the timeline, from anyone whose organisation may add to the case. Made once per
 * rendered form (its submission key), however often the form is posted.
 */
export async function addCaseNote(actor: Actor, caseId: string, text: string, submissionKey: string): Promise<void> {
  await createOnce(
    submissionKey,
    actor.userId,
    "CaseNote",
    async (tx) => {
      const entryId = await appendTimeline(tx, actor, { caseId, kind: "NOTE", summary: text });
      await recordCaseChange(tx, actor, caseId, { added: "NOTE" });
      return String(entryId);
    },
    { transaction: (work) => changeCase(actor, caseId, "contribute", (tx) => work(tx)) },
  );
}

/**
 * Corrects a timeline entry with a new CORRECTION entry pointing at it; the original is never
 * changed. Its author's organisation, or whoever manages the case, may correct it.
 */
export async function correctTimelineEntry(actor: Actor, caseId: string, entryId: bigint, text: string): Promise<void> {
  await changeCase(actor, caseId, "contribute", async (tx, c) => {
    const original = await tx.timelineEntry.findFirst({
      where: { id: entryId, caseId },
      select: { id: true, kind: true, occurredAt: true, actorOrganisationId: true },
    });
    if (!original) throw new NotFoundError("timeline entry");
    if (original.kind === "CORRECTION")
      throw new ValidationError({ text: ["This entry is a correction. Correct the original entry instead."] });
    if (!c.rights.manage && original.actorOrganisationId !== actor.organisationId) {
      throw new ForbiddenError(`Only the organisation that made this entry, or ${c.leadOrganisation.name}, can correct it`);
    }
    await appendTimeline(tx, actor, {
      caseId,
      kind: "CORRECTION",
      summary: text,
      correctsEntryId: original.id,
      detail: { corrects: original.kind, originalOccurredAt: original.occurredAt.toISOString() },
    });
    await recordCaseChange(tx, actor, caseId, { added: "CORRECTION", corrects: original.id.toString() });
  });
}
