import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { ImportKind } from "@/lib/generated/prisma/enums";

// Where a record came from, for its own page (whoever may see the record sees this): the source
// system's reference, the row, who imported it and when. The file's name is shown only within the
// organisation that uploaded it (a file name can name a person, and is that organisation's).

export type ImportedFrom = { sourceReference: string; row: number; importedAt: Date; by: string; fileName: string | null };

export async function importedFrom(actor: Pick<Actor, "organisationId">, kind: ImportKind, recordId: string): Promise<ImportedFrom | null> {
  const found = await db.importedRecord.findFirst({
    where: { kind, recordId },
    orderBy: { createdAt: "asc" },
    select: {
      sourceReference: true,
      row: true,
      createdAt: true,
      organisationId: true,
      import: { select: { fileName: true, createdBy: { select: { name: true } }, organisation: { select: { shortName: true } } } },
    },
  });
  if (!found) return null;
  return {
    sourceReference: found.sourceReference,
    row: found.row,
    importedAt: found.createdAt,
    by: `${found.import.createdBy.name}, ${found.import.organisation.shortName}`,
    fileName: found.organisationId === actor.organisationId ? found.import.fileName : null,
  };
}
