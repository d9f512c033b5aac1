import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { Gender } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/data";
import { searchText } from "@/lib/search-text";

export type NewPersonInput = {
  firstName: string;
  lastName: string;
  dateOfBirth?: Date | null;
  gender?: Gender | null;
};

/**
 * Creates a person profile inside the caller's transaction (used by the person form and by the
 * incident form's "add a new person"). The caller has already checked person:write and offered
 * the likely existing matches.
 */
export async function createPersonInTransaction(tx: Tx, actor: Actor, input: NewPersonInput): Promise<string> {
  const person = await tx.person.create({
    data: {
      firstName: input.firstName,
      lastName: input.lastName,
      searchText: searchText(input.firstName, input.lastName),
      dateOfBirth: input.dateOfBirth ?? null,
      gender: input.gender ?? null,
      createdByOrgId: actor.organisationId,
    },
    select: { id: true },
  });
  await recordAudit(tx, { action: "CREATE", userId: actor.userId, organisationId: actor.organisationId, entityType: "Person", entityId: person.id });
  return person.id;
}
