import { NextResponse, type NextRequest } from "next/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { searchPlaces } from "@/lib/places/data";
import { placeLabel } from "@/lib/places/format";
import { ZPlacePickerQuery } from "@/lib/places/schema";

// The incident form's place picker: the same search as /places, first page only.
// Signed out → 401; without place:read → 404 (as if the endpoint did not exist).

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(request: NextRequest) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: "Sign in to search places" }, { status: 401, headers: NO_STORE });
  if (!can(actor, "place:read")) return NextResponse.json({ error: "Not found" }, { status: 404, headers: NO_STORE });

  const params = request.nextUrl.searchParams;
  const { q, limit } = ZPlacePickerQuery.parse({ q: params.get("q") ?? "", limit: params.get("limit") ?? undefined });
  const found = await searchPlaces(actor, { q, page: 1, pageSize: limit });
  return NextResponse.json(
    {
      results: found.rows.map((place) => ({
        id: place.id,
        label: placeLabel(place),
        postcode: place.postcode,
        kind: place.kind,
      })),
    },
    { headers: NO_STORE },
  );
}
