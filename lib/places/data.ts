import "server-only";
import { importedFrom } from "@/lib/imports/data/provenance";
import { db, type Tx } from "@/lib/db";
import { isUniqueViolation } from "@/lib/unique-violation";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor-type";
import type { LocationKind } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/auth/permissions";
import { auditChange, auditRefusal, auditView } from "@/lib/audit/data";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { CASE_ROW_SELECT } from "@/lib/cases/data";
import { INCIDENT_ROW_SELECT } from "@/lib/incidents/rows";
import { listPowersFor } from "@/lib/powers/data";
import { visiblePeopleWhere } from "@/lib/people/access";
import { visiblePlacesWhere } from "@/lib/places/access";
import { parsePlaceQuery, type PlaceQuery } from "@/lib/places/postcode";
import type { TPlace, TPlaceEdit } from "@/lib/places/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { COUNT_CAP, pageOf, type Page } from "@/lib/list";
import { isUuid } from "@/lib/not-found";
import { searchText } from "@/lib/search-text";
import { createOnce, isSubmissionUsed } from "@/lib/submissions";
import { requireCan } from "@/lib/auth/refuse";

// Places: search, duplicate suggestions, create, profile and edit. Every read goes through
// visiblePlacesWhere (lib/places/access.ts): a place that appears only in records the actor may
// not see is not found here, by search, by id, or as a duplicate suggestion.
//
// `searchText` is searchText(line 1, line 2, town, postcode) and is kept up to date by every
// write below; searches rely on it holding the postcode too.

const ENTITY = "Location";

// ───────────────────────────── Create ─────────────────────────────

export type NewPlaceInput = {
  addressLine1: string;
  addressLine2?: string | null;
  town: string;
  /** Already normalised (lib/places/postcode.ts). */
  postcode?: string | null;
  kind: LocationKind;
  /** Digits only, without leading zeros (lib/places/schema.ts). */
  uprn?: string | null;
};

function placeData(input: NewPlaceInput) {
  return {
    addressLine1: input.addressLine1,
    addressLine2: input.addressLine2 ?? null,
    town: input.town,
    postcode: input.postcode ?? null,
    kind: input.kind,
    uprn: input.uprn ?? null,
    searchText: searchText(input.addressLine1, input.addressLine2, input.town, input.postcode),
  };
}

/** A new place's columns, for one or many (a bulk import inserts them together). */
export function placeCreateData(actor: Pick<Actor, "organisationId" | "userId">, input: NewPlaceInput) {
  return { ...placeData(input), createdByOrgId: actor.organisationId, createdById: actor.userId };
}

/** Creates a place inside the caller's transaction (place form, incident form's "new place"). */
export async function createPlaceInTransaction(tx: Tx, actor: Actor, input: NewPlaceInput): Promise<string> {
  const place = await tx.location.create({ data: placeCreateData(actor, input), select: { id: true } });
  await auditChange(tx, actor, "CREATE", ENTITY, place.id);
  return place.id;
}

export const UPRN_TAKEN =
  "A place with this UPRN is already recorded. Search for the place by its address or postcode, or leave the UPRN blank.";

/**
 * The UPRN is already on another place (the column is unique). The answer is the same whether or
 * not the actor may see that place; when they may not, the attempt is audited as a refused look at
 * it, like any other way of reaching a place they may not see. The refusal itself still tells them
 * that the partnership holds a place with that UPRN: see lib/SECURITY.md, "Known gaps".
 */
async function uprnTaken(actor: Actor, uprn: string | null | undefined): Promise<ValidationError> {
  const holder = uprn ? await db.location.findUnique({ where: { uprn }, select: { id: true } }) : null;
  if (holder && (await db.location.count({ where: { AND: [{ id: holder.id }, visiblePlacesWhere(actor)] } })) === 0) {
    await auditRefusal(actor, ENTITY, holder.id);
  }
  return new ValidationError({ uprn: [UPRN_TAKEN] });
}

export type CreatePlaceOutcome =
  | { kind: "created"; id: string; duplicate: boolean }
  /** Nothing was created: these places the actor can see are probably the same one. */
  | { kind: "matches"; matches: PlaceMatch[] };

/**
 * Creates a place from the place form. Unless the user has already said "none of these", likely
 * existing matches are offered first and nothing is created. The submission key makes a second
 * submission of the same form (double click, refresh) return the place the first one made.
 */
export async function createPlace(
  actor: Actor,
  input: TPlace,
  submissionKey: string,
  { offerMatches }: { offerMatches: boolean },
): Promise<CreatePlaceOutcome> {
  await requireCan(actor, "place:write", () => new ForbiddenError());
  // A resubmission of a form that already created its place goes straight to that place, rather
  // than offering the new place as a match for itself.
  if (offerMatches && !(await isSubmissionUsed(submissionKey))) {
    const matches = await findLikelyPlaceMatches(actor, input);
    if (matches.length > 0) return { kind: "matches", matches };
  }
  try {
    const created = await createOnce(submissionKey, actor.userId, ENTITY, (tx) => createPlaceInTransaction(tx, actor, input));
    return { kind: "created", ...created };
  } catch (error) {
    if (isUniqueViolation(error, "uprn")) throw await uprnTaken(actor, input.uprn);
    throw error;
  }
}

// ───────────────────────────── Search ─────────────────────────────

const PLACE_LIST_SELECT = {
  id: true,
  addressLine1: true,
  addressLine2: true,
  town: true,
  postcode: true,
  kind: true,
} satisfies Prisma.LocationSelect;

export type PlaceListItem = Prisma.LocationGetPayload<{ select: typeof PLACE_LIST_SELECT }>;

export type PlaceSearchResult = Page<PlaceListItem> & {
  query: PlaceQuery;
  /** Postcode searches: how many of the results are at the exact postcode (they come first). */
  atPostcode?: number;
  /** Address searches rank the best CANDIDATE_LIMIT matches only: there may be more. */
  limited: boolean;
};

/**
 * How close the words typed must be to part of an address (pg_trgm word similarity, 0 to 1).
 * The default, 0.6, misses "harkr house"; lower lets in too much for the index to be quick.
 */
const SEARCH_WORD_SIMILARITY = 0.5;

/** How many fuzzy address matches are ranked before the visibility rule is applied. */
export const CANDIDATE_LIMIT = 200;

/**
 * The place search behind /places and the incident form's picker (POST /api/places/search).
 * A postcode in any spacing or case matches the normalised postcode: the exact postcode first,
 * then the rest of its district (outward code). An outward code alone ("SE15") lists its district.
 * Anything else is address text, matched fuzzily (pg_trgm) and ranked by similarity.
 */
export async function searchPlaces(
  actor: Actor,
  { q, page, pageSize }: { q: string; page: number; pageSize: number },
): Promise<PlaceSearchResult> {
  const query = parsePlaceQuery(q);
  const listQuery = { page, pageSize, skip: (page - 1) * pageSize };
  if (query.kind === "empty" || !can(actor, "place:read")) return { ...pageOf([], 0, listQuery), query, limited: false };

  const visible = visiblePlacesWhere(actor);
  if (query.kind === "text") return searchByAddress(visible, query, listQuery);

  const byAddress: Prisma.LocationOrderByWithRelationInput[] = [{ addressLine1: "asc" }, { id: "asc" }];
  const segments: Segment[] =
    query.kind === "postcode"
      ? [
          { where: { AND: [visible, { postcode: query.postcode }] }, orderBy: byAddress },
          {
            where: { AND: [visible, inDistrict(query.outward), { NOT: { postcode: query.postcode } }] },
            orderBy: [{ postcode: "asc" }, ...byAddress],
          },
        ]
      : [{ where: { AND: [visible, inDistrict(query.outward)] }, orderBy: [{ postcode: "asc" }, ...byAddress] }];
  const { page: results, counts } = await pageAcrossSegments(segments, listQuery);
  return { ...results, query, limited: false, ...(query.kind === "postcode" ? { atPostcode: counts[0] ?? 0 } : {}) };
}

/**
 * Places whose postcode is in the district ("SE15 …"). The trigram index on searchText (which ends
 * with the postcode) finds the candidates in any database collation; the postcode prefix then
 * decides exactly. (A plain LIKE prefix on the postcode column could only use its b-tree index
 * under the C collation.)
 */
function inDistrict(outward: string): Prisma.LocationWhereInput {
  return { searchText: { contains: `${outward.toLowerCase()} ` }, postcode: { startsWith: `${outward} ` } };
}

type Segment = { where: Prisma.LocationWhereInput; orderBy: Prisma.LocationOrderByWithRelationInput[] };
type ListWindow = { page: number; pageSize: number; skip: number };

/** One page across consecutive result segments (exact postcode first, then its district). */
async function pageAcrossSegments(segments: Segment[], window: ListWindow): Promise<{ page: Page<PlaceListItem>; counts: number[] }> {
  const counts = await Promise.all(segments.map((segment) => db.location.count({ where: segment.where, take: COUNT_CAP + 1 })));
  const rows: PlaceListItem[] = [];
  let skip = window.skip;
  let take = window.pageSize;
  for (const [index, segment] of segments.entries()) {
    const count = counts[index] ?? 0;
    if (take <= 0) break;
    if (skip >= count) {
      skip -= count;
      continue;
    }
    const part = await db.location.findMany({ where: segment.where, orderBy: segment.orderBy, skip, take, select: PLACE_LIST_SELECT });
    rows.push(...part);
    take -= part.length;
    skip = 0;
  }
  return {
    page: pageOf(
      rows,
      counts.reduce((sum, count) => sum + count, 0),
      window,
    ),
    counts,
  };
}

/**
 * Fuzzy address search. The trigram index ranks candidate ids (word similarity: "harker house"
 * matches "flat 7 harker house bellfield road…"); the visibility rule then filters them in one
 * Prisma query, so there is still only one rule. Ranking stops at CANDIDATE_LIMIT.
 */
async function searchByAddress(
  visible: Prisma.LocationWhereInput,
  query: Extract<PlaceQuery, { kind: "text" }>,
  window: ListWindow,
): Promise<PlaceSearchResult> {
  const text = searchText(query.text);
  if (text === "") return { ...pageOf([], 0, window), query, limited: false };
  const candidates = await withTrigramIndex(
    SEARCH_WORD_SIMILARITY,
    (tx) =>
      tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "Location"
      WHERE ${text} <% "searchText"
      ORDER BY word_similarity(${text}, "searchText") DESC, length("searchText"), "id"
      LIMIT ${CANDIDATE_LIMIT}`,
  );
  const ranked = await visibleInOrder(
    visible,
    candidates.map((c) => c.id),
  );
  const pageIds = ranked.slice(window.skip, window.skip + window.pageSize);
  const rows = await db.location.findMany({ where: { AND: [visible, { id: { in: pageIds } }] }, select: PLACE_LIST_SELECT });
  return {
    ...pageOf(inOrderOf(pageIds, rows), ranked.length, window),
    query,
    limited: candidates.length === CANDIDATE_LIMIT,
  };
}

/**
 * Runs trigram queries in a transaction with two settings of their own: the threshold the `<%`
 * operator compares against, and no sequential scans. The planner underestimates what the
 * similarity functions cost per row and would otherwise read every place instead of using the
 * GIN index on searchText (measured at 100,000 places: 425 ms by seq scan, 18 ms by the index).
 */
async function withTrigramIndex<T>(wordSimilarity: number, run: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(wordSimilarity)}, true), set_config('enable_seqscan', 'off', true)`;
    return run(tx);
  });
}

/** The ids the actor may see, in the order given. */
async function visibleInOrder(visible: Prisma.LocationWhereInput, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.location.findMany({ where: { AND: [visible, { id: { in: ids } }] }, select: { id: true } });
  const seen = new Set(rows.map((row) => row.id));
  return ids.filter((id) => seen.has(id));
}

function inOrderOf<T extends { id: string }>(ids: string[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

// ───────────────────────────── Likely duplicates ─────────────────────────────

export type PlaceMatch = PlaceListItem & { reason: "uprn" | "postcode" | "address" };

const SIMILAR_FIRST_LINE = 0.3;
/** The first line typed against whole addresses: pg_trgm's default word similarity. */
const SIMILAR_ADDRESS = 0.6;
const MAX_MATCHES = 5;

/**
 * Places the actor can see that are probably the one they are about to create: the same UPRN;
 * then the same postcode with a similar first line; then a similar first line anywhere.
 */
export async function findLikelyPlaceMatches(actor: Actor, input: TPlace): Promise<PlaceMatch[]> {
  if (!can(actor, "place:read")) return [];
  const firstLine = searchText(input.addressLine1);
  const address = searchText(input.addressLine1, input.addressLine2, input.town, input.postcode);
  const [byUprn, byPostcode, byAddress] = await Promise.all([
    input.uprn ? db.location.findMany({ where: { uprn: input.uprn }, select: { id: true } }) : Promise.resolve([]),
    input.postcode
      ? db.$queryRaw<{ id: string }[]>`
          SELECT "id" FROM "Location"
          WHERE "postcode" = ${input.postcode} AND similarity(lower("addressLine1"), ${firstLine}) >= ${SIMILAR_FIRST_LINE}
          ORDER BY similarity(lower("addressLine1"), ${firstLine}) DESC, "id"
          LIMIT 50`
      : Promise.resolve([]),
    firstLine === ""
      ? Promise.resolve([])
      : withTrigramIndex(
          SIMILAR_ADDRESS,
          (tx) =>
            tx.$queryRaw<{ id: string }[]>`
            SELECT "id" FROM "Location"
            WHERE ${firstLine} <% "searchText"
            ORDER BY word_similarity(${firstLine}, "searchText") DESC, similarity(${address}, "searchText") DESC, "id"
            LIMIT 50`,
        ),
  ]);
  const reasons = new Map<string, PlaceMatch["reason"]>();
  for (const [reason, rows] of [
    ["uprn", byUprn],
    ["postcode", byPostcode],
    ["address", byAddress],
  ] as const) {
    for (const row of rows) if (!reasons.has(row.id)) reasons.set(row.id, reason);
  }
  const visible = visiblePlacesWhere(actor);
  const ids = (await visibleInOrder(visible, [...reasons.keys()])).slice(0, MAX_MATCHES);
  const rows = await db.location.findMany({ where: { AND: [visible, { id: { in: ids } }] }, select: PLACE_LIST_SELECT });
  return inOrderOf(ids, rows).map((row) => ({ ...row, reason: reasons.get(row.id) ?? "address" }));
}

// ───────────────────────────── One place ─────────────────────────────

const PLACE_DETAIL_SELECT = {
  ...PLACE_LIST_SELECT,
  uprn: true,
  latitude: true,
  longitude: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  createdByOrg: { select: { name: true, shortName: true } },
} satisfies Prisma.LocationSelect;

export type PlaceDetail = Omit<Prisma.LocationGetPayload<{ select: typeof PLACE_DETAIL_SELECT }>, "latitude" | "longitude"> & {
  latitude: string | null;
  longitude: string | null;
};

/**
 * The place if the actor may see it. Otherwise NotFoundError, exactly as for a place that does not
 * exist; a refused look at one that does exist is audited.
 */
async function findVisiblePlace(actor: Actor, id: string): Promise<PlaceDetail> {
  if (!isUuid(id)) throw new NotFoundError("place");
  const place = await db.location.findFirst({ where: { AND: [{ id }, visiblePlacesWhere(actor)] }, select: PLACE_DETAIL_SELECT });
  if (place) return { ...place, latitude: place.latitude?.toString() ?? null, longitude: place.longitude?.toString() ?? null };
  await auditRefusal(actor, ENTITY, id);
  throw new NotFoundError("place");
}

const INCIDENTS_PER_PAGE = 10;
/** Cases, powers and people listed on a profile (a place with more is rare; the page says "50+"). */
export const PROFILE_LIST_LIMIT = 50;

export type PlaceProfile = Awaited<ReturnType<typeof loadPlaceProfile>>;

/**
 * Everything at a place that the actor may see: incidents (newest first, paged), cases, powers,
 * PSPOs covering it and the people who live there. The view is audited.
 */
export async function getPlaceProfile(actor: Actor, id: string, options: { incidentsPage?: number } = {}) {
  const profile = await loadPlaceProfile(actor, id, options.incidentsPage ?? 1);
  await auditView(actor, ENTITY, id);
  return profile;
}

async function loadPlaceProfile(actor: Actor, id: string, incidentsPage: number) {
  const place = await findVisiblePlace(actor, id);
  const incidentsWhere: Prisma.IncidentWhereInput = { AND: [{ locationId: id }, visibleIncidentsWhere(actor)] };
  const incidentsWindow = { page: incidentsPage, pageSize: INCIDENTS_PER_PAGE, skip: (incidentsPage - 1) * INCIDENTS_PER_PAGE };
  const [incidentCount, incidentRows, cases, powers, pspos, residents, imported] = await Promise.all([
    db.incident.count({ where: incidentsWhere, take: COUNT_CAP + 1 }),
    db.incident.findMany({
      where: incidentsWhere,
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      skip: incidentsWindow.skip,
      take: INCIDENTS_PER_PAGE,
      select: { ...INCIDENT_ROW_SELECT, riskLevel: true },
    }),
    db.case.findMany({
      where: { AND: [visibleCasesWhere(actor), { locations: { some: { locationId: id, removedAt: null } } }] },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: PROFILE_LIST_LIMIT,
      select: { ...CASE_ROW_SELECT, riskLevel: true },
    }),
    listPowersFor(actor, { locationId: id }, PROFILE_LIST_LIMIT),
    // PSPOs are public orders: anyone who may see the place may see the orders covering it.
    db.pspo.findMany({
      where: { locationId: id },
      orderBy: [{ startsOn: "desc" }, { id: "desc" }],
      select: {
        id: true,
        reference: true,
        name: true,
        area: true,
        startsOn: true,
        endsOn: true,
        organisation: { select: { shortName: true } },
      },
    }),
    db.person.findMany({
      where: { AND: [{ addressId: id }, visiblePeopleWhere(actor)] },
      orderBy: [{ lastName: "asc" }, { firstName: "asc" }, { id: "asc" }],
      take: PROFILE_LIST_LIMIT,
      select: { id: true, firstName: true, lastName: true, dateOfBirth: true },
    }),
    importedFrom(actor, "PLACES", id),
  ]);
  // What the actor may do with the place, decided here: any place they may see, they may correct with place:write.
  const rights = { edit: can(actor, "place:write") };
  return { place, rights, incidents: pageOf(incidentRows, incidentCount, incidentsWindow), cases, powers, pspos, residents, imported };
}

/** The place alone (no incidents, cases or people), for the partner API; audited as a view. */
export async function getPlace(actor: Actor, id: string): Promise<PlaceDetail> {
  const place = await findVisiblePlace(actor, id);
  await auditView(actor, ENTITY, id);
  return place;
}

// ───────────────────────────── Edit ─────────────────────────────

/** The place as the edit form starts from it (its current values and version). */
export async function getPlaceForEdit(actor: Actor, id: string): Promise<PlaceDetail> {
  await requireCan(actor, "place:write", () => new ForbiddenError());
  return findVisiblePlace(actor, id);
}

const EDITABLE_FIELDS = ["addressLine1", "addressLine2", "town", "postcode", "kind", "uprn"] as const;

/**
 * Saves an edit made from `input.version`. If someone else saved the place since, nothing is
 * written and ConflictError says so (optimistic locking): the caller keeps what the user typed.
 */
export async function updatePlace(actor: Actor, id: string, input: TPlaceEdit): Promise<void> {
  await requireCan(actor, "place:write", () => new ForbiddenError());
  const before = await findVisiblePlace(actor, id);
  const data = placeData(input);
  const changed = EDITABLE_FIELDS.filter((field) => (before[field] ?? null) !== (data[field] ?? null));
  try {
    await db.$transaction(async (tx) => {
      const { count } = await tx.location.updateMany({
        where: { id, version: input.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (count === 0) throw new ConflictError("Someone else saved changes to this place while you were editing it.");
      // Which fields changed, not their values: the audit trail is not a second copy of the data.
      await auditChange(tx, actor, "UPDATE", ENTITY, id, { changed, fromVersion: input.version });
    });
  } catch (error) {
    if (isUniqueViolation(error, "uprn")) throw await uprnTaken(actor, data.uprn);
    throw error;
  }
}
