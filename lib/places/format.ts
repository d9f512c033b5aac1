import type { LocationKind } from "@/lib/generated/prisma/enums";
import { PLACE_KIND_LABELS } from "@/lib/places/schema";

// How a place reads on screen and in the picker. Pure: used by pages, components and the API.

export type PlaceAddress = {
  addressLine1: string;
  addressLine2: string | null;
  town: string;
};

/** "12 Harker House, Bellfield Road, Kingsmere": the address on one line, without the postcode. */
export function placeLabel(place: PlaceAddress): string {
  return [place.addressLine1, place.addressLine2, place.town]
    .map((part) => part?.trim())
    .filter((part): part is string => Boolean(part))
    .join(", ");
}

export function placeKindLabel(kind: LocationKind): string {
  return PLACE_KIND_LABELS[kind] ?? kind;
}
