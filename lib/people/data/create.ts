import "server-only";
import type { Tx } from "@/lib/db";
import type { Gender } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { auditChange } from "@/lib/audit/data";
import { matchCheckKey, type AliasName, type TPerson } from "@/lib/people/schema";
import { ForbiddenError } from "@/lib/errors";
import { createOnce, isSubmissionUsed } from "@/lib/submissions";
import { requireCan } from "@/lib/auth/refuse";
import { findLikelyMatches } from "./likely-duplicates";
import type { PersonSearchResult } from "./search";
import { aliasRows, ENTITY, personSearchText } from "./shared";

// Creating a person: the person form, and the incident form's "add a new person".

export type NewPersonInput = {
  firstName: string;
  lastName: string;
  dateOfBirth?: Date | null;
  gender?: Gender | null;
  /** Other names the person is known by ("also known as"). */
  aliases?: AliasName[];
  phone?: string | null;
};

/**
 * Creates a person profile inside the caller's transaction (used by the person form and by the
 * incident form's "add a new person"). The caller has already checked person:write and offered
 * the likely existing matches.
 */
export async function createPersonInTransaction(tx: Tx, actor: Actor, input: NewPersonInput): Promise<string> {
  const person = await tx.person.create({
    data: { ...personCreateData(actor, input), aliases: { create: aliasRows(input.aliases ?? []) } },
    select: { id: true },
  });
  await auditChange(tx, actor, "CREATE", ENTITY, person.id);
  return person.id;
}

/** A new profile's own columns (its aliases are rows of their own: aliasRows), for one or many. */
export function personCreateData(actor: Pick<Actor, "organisationId" | "userId">, input: NewPersonInput) {
  return {
    firstName: input.firstName,
    lastName: input.lastName,
    searchText: personSearchText(input.firstName, input.lastName, input.aliases ?? []),
    dateOfBirth: input.dateOfBirth ?? null,
    gender: input.gender ?? null,
    phone: input.phone ?? null,
    createdByOrgId: actor.organisationId,
    createdById: actor.userId,
  };
}

export type CreatePersonOutcome =
  | { kind: "created"; id: string; duplicate: boolean }
  /** Nothing was created: these people the actor can see are probably the same person. */
  | { kind: "matches"; matches: PersonSearchResult[]; checkedFor: string };

/**
 * Creates a person from the person form. Likely existing matches are offered first and nothing is
 * created, unless the user has said "none of these" for this same name and date of birth. The
 * submission key makes a second submission of the same form (double click, refresh) return the
 * profile the first one made.
 */
export async function createPerson(
  actor: Actor,
  input: TPerson,
  submissionKey: string,
  confirmation: { confirmedNew: boolean; checkedFor?: string },
): Promise<CreatePersonOutcome> {
  await requireCan(actor, "person:write", () => new ForbiddenError("You do not have permission to add people"));
  const checkedFor = matchCheckKey(input);
  const confirmed = confirmation.confirmedNew && confirmation.checkedFor === checkedFor;
  // A resubmission of a form that already made its profile goes straight to it, rather than
  // offering the new profile as a match for itself.
  if (!confirmed && !(await isSubmissionUsed(submissionKey))) {
    const matches = await findLikelyMatches(actor, input);
    if (matches.length > 0) return { kind: "matches", matches, checkedFor };
  }
  const created = await createOnce(submissionKey, actor.userId, ENTITY, (tx) => createPersonInTransaction(tx, actor, input));
  return { kind: "created", ...created };
}
