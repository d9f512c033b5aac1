import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { TimelineKind } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";

// The case timeline: one chronological, append-only record of what every agency did. Entries are
// only ever added, inside the transaction of the change they describe (the database refuses
// UPDATE and DELETE on the table). Corrections are new entries of kind CORRECTION.

export type TimelineEvent = {
  caseId: string;
  kind: TimelineKind;
  summary: string;
  detail?: Record<string, unknown>;
  subjectType?: string;
  subjectId?: string;
  correctsEntryId?: bigint;
};

export async function appendTimeline(tx: Tx, actor: Pick<Actor, "userId" | "organisationId">, event: TimelineEvent): Promise<void> {
  await tx.timelineEntry.create({
    data: {
      caseId: event.caseId,
      kind: event.kind,
      summary: event.summary,
      detail: event.detail ? (event.detail as Prisma.InputJsonValue) : Prisma.DbNull,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      correctsEntryId: event.correctsEntryId ?? null,
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
    },
  });
}
