import { route } from "@/lib/http/route";
import { BadRequestError } from "@/lib/errors";
import { searchPlaces } from "@/lib/places/data";
import { placeLabel } from "@/lib/places/format";
import { ZPlacePickerQuery } from "@/lib/places/schema";

// The incident form's place picker: the same search as /places, first page only.
//
// POST with a JSON body { q, limit? }, never a query string: a victim's address or postcode in a
// URL lands in server and proxy access logs. Only POST is exported, so Next answers any
// GET with 405 before this code runs.

export const dynamic = "force-dynamic";

export const POST = route(
  { signedOut: "401", permission: "place:read", body: { json: true, maxBytes: 4 * 1024 } },
  async ({ actor, body }) => {
    const parsed = ZPlacePickerQuery.safeParse(body);
    if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message ?? "Check the search");
    const found = await searchPlaces(actor, { q: parsed.data.q, page: 1, pageSize: parsed.data.limit });
    return Response.json({
      results: found.rows.map((place) => ({
        id: place.id,
        label: placeLabel(place),
        postcode: place.postcode,
        kind: place.kind,
      })),
    });
  },
);
