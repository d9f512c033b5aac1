import { z } from "zod";
import { LocationKind } from "@/lib/generated/prisma/enums";
import { normalisePostcode } from "@/lib/places/postcode";
import { ZOptionalText, ZVersion } from "@/lib/forms";

// The place form's input, shared by the form (field names, labels, order) and the server actions.

export const PLACE_KIND_LABELS: Record<LocationKind, string> = {
  RESIDENTIAL: "Home or residential building",
  BUSINESS: "Business",
  PUBLIC_SPACE: "Public space",
  ESTATE: "Housing estate",
  TRANSPORT: "Transport",
  OTHER: "Other",
};

export const PLACE_KIND_HINTS: Partial<Record<LocationKind, string>> = {
  RESIDENTIAL: "A house, flat or block of flats",
  BUSINESS: "A shop, pub, office or other premises",
  PUBLIC_SPACE: "A park, street, square, towpath or underpass",
  ESTATE: "A whole estate rather than one building on it",
  TRANSPORT: "A station, bus stop or interchange",
};

export const PLACE_KINDS = Object.keys(PLACE_KIND_LABELS) as LocationKind[];

/** The fields in the order they appear on the page (the error summary lists them in this order). */
export const PLACE_FIELDS = ["addressLine1", "addressLine2", "town", "postcode", "kind", "uprn"] as const;
export type PlaceField = (typeof PLACE_FIELDS)[number];

export const POSTCODE_MESSAGE = "Enter a real postcode, like SE15 4QF";

export const ZPlace = z.object({
  addressLine1: z
    .string({ error: "Enter the first line of the address" })
    .trim()
    .min(1, { error: "Enter the first line of the address" })
    .max(200, { error: "The first line of the address must be 200 characters or fewer" }),
  addressLine2: ZOptionalText("The second line of the address", 200),
  town: z
    .string({ error: "Enter the town or city" })
    .trim()
    .min(1, { error: "Enter the town or city" })
    .max(100, { error: "The town or city must be 100 characters or fewer" }),
  // Optional (a park or a towpath may have none); when given it must be a real UK postcode, and it
  // is stored normalised ("se154qf" → "SE15 4QF") so that searches and duplicate checks match.
  postcode: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value || value.trim() === "") return null;
      const postcode = normalisePostcode(value);
      if (!postcode) {
        ctx.addIssue({ code: "custom", message: POSTCODE_MESSAGE });
        return z.NEVER;
      }
      return postcode;
    }),
  kind: z.enum(LocationKind, { error: "Select what kind of place this is" }),
  uprn: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const uprn = (value ?? "").replace(/\s+/g, "");
      if (uprn === "") return null;
      if (!/^[0-9]{1,12}$/.test(uprn)) {
        ctx.addIssue({ code: "custom", message: "The UPRN must be a number of up to 12 digits" });
        return z.NEVER;
      }
      // UPRNs are numbers: "00123" and "123" are the same property.
      return uprn.replace(/^0+(?=.)/, "");
    }),
});

export type TPlace = z.output<typeof ZPlace>;

/** Creating: the key generated when the form was rendered, so a second submission creates nothing. */
export const ZNewPlace = ZPlace.extend({
  submissionKey: z.uuid({ error: "This form has expired. Start again." }),
  // Set by "None of these – create a new place" after the likely matches were offered.
  confirmNew: z
    .string()
    .optional()
    .transform((value) => value === "yes"),
});

export type TNewPlace = z.output<typeof ZNewPlace>;

/** Editing: the version the user started from (optimistic locking). */
export const ZPlaceEdit = ZPlace.extend({
  version: ZVersion,
});

export type TPlaceEdit = z.output<typeof ZPlaceEdit>;

export const PLACE_SEARCH_MAX_LENGTH = 100;

/** The search box: address words or a (full or outward) postcode. */
export const ZPlaceSearchText = z
  .string()
  .trim()
  .transform((q) => q.slice(0, PLACE_SEARCH_MAX_LENGTH))
  .catch("");

/** The picker's JSON body { q, limit? } (POST /api/places/search). */
export const ZPlacePickerQuery = z.object({
  q: ZPlaceSearchText,
  limit: z.coerce.number().int().min(1).max(20).catch(10),
});
