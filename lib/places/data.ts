import "server-only";
import type { Tx } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { LocationKind } from "@/lib/generated/prisma/enums";
import { recordAudit } from "@/lib/audit/data";
import { searchText } from "@/lib/search-text";

export type NewPlaceInput = {
  addressLine1: string;
  addressLine2?: string | null;
  town: string;
  /** Already normalised (lib/places/postcode.ts). */
  postcode?: string | null;
  kind: LocationKind;
};

/** Creates a place inside the caller's transaction (place form, incident form's "new place"). */
export async function createPlaceInTransaction(tx: Tx, actor: Actor, input: NewPlaceInput): Promise<string> {
  const place = await tx.location.create({
    data: {
      addressLine1: input.addressLine1,
      addressLine2: input.addressLine2 ?? null,
      town: input.town,
      postcode: input.postcode ?? null,
      kind: input.kind,
      searchText: searchText(input.addressLine1, input.addressLine2, input.town, input.postcode),
      createdByOrgId: actor.organisationId,
    },
    select: { id: true },
  });
  await recordAudit(tx, { action: "CREATE", userId: actor.userId, organisationId: actor.organisationId, entityType: "Location", entityId: place.id });
  return place.id;
}
