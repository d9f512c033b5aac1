import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { readJsonObject } from "@/lib/json-request";
import { searchPlaces } from "@/lib/places/data";
import { placeLabel } from "@/lib/places/format";
import { ZPlacePickerQuery } from "@/lib/places/schema";
import { refuseWith } from "@/lib/auth/refuse";

// The incident form's place picker: the same search as /places, first page only.
// Signed out → 401; without place:read → 404 (as if the endpoint did not exist).
//
// POST with a JSON body { q, limit? }, never a query string: a victim's address or postcode in a
// URL lands in server and proxy access logs (issue 7). Only POST is exported, so Next answers any
// GET with 405 before this code runs.

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

function json(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

export async function POST(request: Request): Promise<Response> {
  const actor = await getActor();
  if (!actor) return json({ error: "Sign in to search places" }, 401);
  if (!can(actor, "place:read")) return refuseWith(actor, "place:read", json({ error: "Not found" }, 404));

  const read = await readJsonObject(request);
  if (!read.ok) return json({ error: read.message }, read.status);
  const parsed = ZPlacePickerQuery.safeParse(read.body);
  if (!parsed.success) return json({ error: parsed.error.issues[0]?.message ?? "Check the search" }, 400);

  const found = await searchPlaces(actor, { q: parsed.data.q, page: 1, pageSize: parsed.data.limit });
  return json({
    results: found.rows.map((place) => ({
      id: place.id,
      label: placeLabel(place),
      postcode: place.postcode,
      kind: place.kind,
    })),
  });
}
