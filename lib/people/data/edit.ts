import "server-only";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { auditChange } from "@/lib/audit/data";
import { aliasText, type TPersonEdit } from "@/lib/people/schema";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { requireCan } from "@/lib/auth/refuse";
import { PERSON_DETAIL_SELECT, type PersonDetail } from "./profile";
import { aliasRows, comparable, ENTITY, personSearchText, pick, requireVisiblePerson } from "./shared";

// Editing a person's details and aliases, version-checked.

/** The person as the edit form starts from them (current values and version). */
export async function getPersonForEdit(actor: Actor, id: string): Promise<PersonDetail> {
  await requireCan(actor, "person:write", () => new ForbiddenError("You do not have permission to change people’s details"));
  await requireVisiblePerson(actor, id);
  return db.person.findUniqueOrThrow({ where: { id }, select: PERSON_DETAIL_SELECT });
}

const EDITABLE_FIELDS = ["firstName", "lastName", "dateOfBirth", "gender", "phone"] as const;

/**
 * Saves the person's details if nobody else has saved since `version` was read; otherwise
 * ConflictError and nothing changes. The aliases are replaced by those given. Returns the new version.
 */
export async function updatePerson(actor: Actor, id: string, input: TPersonEdit): Promise<number> {
  await requireCan(actor, "person:write", () => new ForbiddenError("You do not have permission to change people’s details"));
  await requireVisiblePerson(actor, id);
  return db.$transaction(async (tx) => {
    const before = await tx.person.findUniqueOrThrow({
      where: { id },
      select: { ...pick(EDITABLE_FIELDS), aliases: { select: { firstName: true, lastName: true } } },
    });
    const updated = await tx.person.updateMany({
      where: { id, version: input.version, mergedIntoId: null },
      data: {
        firstName: input.firstName,
        lastName: input.lastName,
        dateOfBirth: input.dateOfBirth,
        gender: input.gender,
        phone: input.phone,
        searchText: personSearchText(input.firstName, input.lastName, input.aliases),
        version: { increment: 1 },
      },
    });
    if (updated.count === 0)
      throw new ConflictError("Someone else changed this profile while you were editing it. Your changes have not been saved.");
    await tx.personAlias.deleteMany({ where: { personId: id } });
    await tx.personAlias.createMany({ data: aliasRows(input.aliases).map((alias) => ({ ...alias, personId: id })) });
    // Which details changed, by name only: the audit trail says who changed what, not the values.
    const changed: string[] = EDITABLE_FIELDS.filter((field) => comparable(before[field]) !== comparable(input[field]));
    if (before.aliases.map(aliasText).sort().join(",") !== input.aliases.map(aliasText).sort().join(",")) changed.push("aliases");
    await auditChange(tx, actor, "UPDATE", ENTITY, id, { changed });
    return input.version + 1;
  });
}
