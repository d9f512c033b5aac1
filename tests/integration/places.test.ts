import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sealAndVerifyAuditChain } from "@/tests/support/audit-chain";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import {
  createPlace,
  createPlaceInTransaction,
  findLikelyPlaceMatches,
  getPlaceForEdit,
  getPlaceProfile,
  searchPlaces,
  updatePlace,
} from "@/lib/places/data";
import type { TPlace } from "@/lib/places/schema";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";
import { makeCaseWith, makeIncidentAt, makePlace } from "@/tests/support/places-fixtures";

// Each test makes its own organisations and uses its own postcodes, so tests never see each
// other's places (a place's own organisation always sees it).

async function agency(
  kind: Parameters<typeof makeOrganisation>[0] = "LOCAL_AUTHORITY",
  options: { role?: "OFFICER" | "VIEWER" | "ADMIN"; panels?: ("CCM" | "MARAC")[] } = {},
) {
  const organisation = await makeOrganisation(kind);
  const user = await makeUser({ organisationId: organisation.id, role: options.role ?? "OFFICER", panels: options.panels ?? [] });
  return { organisation, user, actor: await actorFor(user.id) };
}

async function colleague(organisationId: string, options: { role?: "OFFICER" | "VIEWER" | "ADMIN"; panels?: ("CCM" | "MARAC")[] } = {}) {
  const user = await makeUser({ organisationId, role: options.role ?? "OFFICER", panels: options.panels ?? [] });
  return { user, actor: await actorFor(user.id) };
}

const search = (actor: Awaited<ReturnType<typeof agency>>["actor"], q: string) => searchPlaces(actor, { q, page: 1, pageSize: 25 });
const ids = (result: { rows: { id: string }[] }) => result.rows.map((row) => row.id);

function placeInput(overrides: Partial<TPlace> = {}): TPlace {
  return {
    addressLine1: "Flat 7, Harker House",
    addressLine2: "Bellfield Road",
    town: "London",
    postcode: "SE15 4QF",
    kind: "RESIDENTIAL",
    uprn: null,
    ...overrides,
  };
}

describe("searching for places", () => {
  it("finds a place by its postcode in any spacing or case", async () => {
    const { organisation, actor } = await agency();
    const place = await makePlace({ createdByOrgId: organisation.id, addressLine1: "Flat 7, Harker House", postcode: "SE15 4QF" });
    for (const q of ["SE15 4QF", "se154qf", "SE154QF", "  se15   4qf ", "Se15 4qF"]) {
      expect(ids(await search(actor, q)), q).toEqual([place.id]);
    }
  });

  it("lists places at the exact postcode first, then the rest of its district", async () => {
    const { organisation, actor } = await agency();
    const elsewhere = await makePlace({ createdByOrgId: organisation.id, addressLine1: "1 Alder Road", postcode: "SE21 1AA" });
    const exact = await makePlace({ createdByOrgId: organisation.id, addressLine1: "9 Yew Walk", postcode: "SE21 7BB" });
    const otherDistrict = await makePlace({ createdByOrgId: organisation.id, addressLine1: "2 Alder Road", postcode: "SE2 1AA" });

    const byPostcode = await search(actor, "se21 7bb");
    expect(ids(byPostcode)).toEqual([exact.id, elsewhere.id]);
    expect(byPostcode.query).toMatchObject({ kind: "postcode", postcode: "SE21 7BB", outward: "SE21" });

    const byDistrict = await search(actor, "se21");
    expect(ids(byDistrict)).toEqual([elsewhere.id, exact.id]);
    expect(ids(byDistrict)).not.toContain(otherDistrict.id);
  });

  it("finds a place from part of its address, misspelt", async () => {
    const { organisation, actor } = await agency();
    const harker = await makePlace({
      createdByOrgId: organisation.id,
      addressLine1: "Flat 7, Harker House",
      addressLine2: "Bellfield Estate, Bellfield Road",
      postcode: "SE15 4QF",
    });
    await makePlace({
      createdByOrgId: organisation.id,
      addressLine1: "Kingsmere Common",
      addressLine2: "Common Road",
      postcode: "SE22 9AB",
      kind: "PUBLIC_SPACE",
    });

    expect(ids(await search(actor, "harker house"))).toEqual([harker.id]);
    expect(ids(await search(actor, "Harkr House")).at(0)).toBe(harker.id);
    expect(ids(await search(actor, "harker hse")).at(0)).toBe(harker.id);
    expect(ids(await search(actor, "bellfeild road")).at(0)).toBe(harker.id);
  });

  it("pages through the results on the server", async () => {
    const { organisation, actor } = await agency();
    for (let n = 1; n <= 7; n++)
      await makePlace({ createdByOrgId: organisation.id, addressLine1: `${n} Rowan Close`, postcode: "SE23 3AA" });
    const first = await searchPlaces(actor, { q: "SE23 3AA", page: 1, pageSize: 5 });
    const second = await searchPlaces(actor, { q: "SE23 3AA", page: 2, pageSize: 5 });
    expect(first).toMatchObject({ total: 7, totalPages: 2 });
    expect(first.rows).toHaveLength(5);
    expect(second.rows).toHaveLength(2);
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(7);
  });

  it("an empty search is the start state, not a list of every place", async () => {
    const { organisation, actor } = await agency();
    await makePlace({ createdByOrgId: organisation.id, addressLine1: "3 Birch Grove", postcode: "SE24 0AA" });
    const result = await search(actor, "   ");
    expect(result.query.kind).toBe("empty");
    expect(result.rows).toEqual([]);
  });

  it("an administrator, who has no access to case content, finds no places", async () => {
    const { organisation } = await agency();
    await makePlace({ createdByOrgId: organisation.id, addressLine1: "4 Birch Grove", postcode: "SE24 0AB" });
    const { actor: admin } = await colleague(organisation.id, { role: "ADMIN" });
    expect((await search(admin, "SE24 0AB")).rows).toEqual([]);
  });
});

describe("who can find a place", () => {
  it("a place seen only in another agency's unshared incident is not found by search nor by id, and the refusal is audited", async () => {
    const housing = await agency("HOUSING_PROVIDER");
    const police = await agency("POLICE");
    const place = await makePlace({
      createdByOrgId: housing.organisation.id,
      addressLine1: "Flat 12, Cordwainer Court",
      addressLine2: "Bellfield Road",
      postcode: "SE15 4QG",
    });
    await makeIncidentAt({ locationId: place.id, organisationId: housing.organisation.id, officerId: housing.user.id });

    expect(ids(await search(housing.actor, "SE15 4QG"))).toEqual([place.id]);
    expect(ids(await search(police.actor, "SE15 4QG"))).toEqual([]);
    expect(ids(await search(police.actor, "SE15"))).toEqual([]);
    expect(ids(await search(police.actor, "Cordwainer Court"))).toEqual([]);
    expect(
      await findLikelyPlaceMatches(police.actor, placeInput({ addressLine1: "Flat 12, Cordwainer Court", postcode: "SE15 4QG" })),
    ).toEqual([]);

    await expect(getPlaceProfile(police.actor, place.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPlaceForEdit(police.actor, place.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updatePlace(police.actor, place.id, { ...placeInput(), version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    const refusals = await db.auditEvent.findMany({ where: { action: "ACCESS_REFUSED", entityType: "Location", entityId: place.id } });
    expect(refusals.length).toBe(3);
    expect(refusals.every((r) => r.userId === police.user.id && r.organisationId === police.organisation.id)).toBe(true);
    expect((await db.location.findUniqueOrThrow({ where: { id: place.id } })).version).toBe(1);
  });

  it("an unknown id is not found and audited exactly like a refused one; a malformed id is simply not found", async () => {
    const { actor, user } = await agency();
    const guessed = randomUUID();
    await expect(getPlaceProfile(actor, guessed)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getPlaceProfile(actor, "not-a-uuid' OR 1=1 --")).rejects.toBeInstanceOf(NotFoundError);
    const refusals = await db.auditEvent.findMany({ where: { action: "ACCESS_REFUSED", userId: user.id } });
    expect(refusals.map((r) => [r.entityType, r.entityId])).toEqual([["Location", guessed]]);
  });

  it("the place becomes visible to another agency when the incident's case is shared with it", async () => {
    const housing = await agency("HOUSING_PROVIDER");
    const police = await agency("POLICE");
    const place = await makePlace({
      createdByOrgId: housing.organisation.id,
      addressLine1: "Flat 11, Cordwainer Court",
      postcode: "SE15 4QH",
    });
    const shared = await makeCaseWith({
      leadOrganisationId: housing.organisation.id,
      createdById: housing.user.id,
      locationIds: [],
      sharedWith: [police.organisation.id],
    });
    await makeIncidentAt({ locationId: place.id, organisationId: housing.organisation.id, officerId: housing.user.id, caseId: shared.id });
    expect(ids(await search(police.actor, "se15 4qh"))).toEqual([place.id]);
  });

  it("a place only in a restricted MARAC case is not found by a non-member of another agency, but is by a panel member", async () => {
    const womensAid = await agency("VOLUNTARY_SECTOR", { panels: ["MARAC"] });
    const police = await agency("POLICE");
    const { actor: detective } = await colleague(police.organisation.id, { panels: ["MARAC"] });
    const { actor: wardOfficer } = await colleague(police.organisation.id, { panels: ["CCM"] });
    const home = await makePlace({ createdByOrgId: womensAid.organisation.id, addressLine1: "41 Osier Road", postcode: "SE16 2JX" });
    // Led by the police, so that only the restriction stands between the ward officer and the case.
    await makeCaseWith({
      kind: "MARAC",
      leadOrganisationId: police.organisation.id,
      createdById: womensAid.user.id,
      locationIds: [home.id],
    });

    for (const outsider of [police.actor, wardOfficer]) {
      expect(ids(await search(outsider, "SE16 2JX"))).toEqual([]);
      expect(ids(await search(outsider, "41 Osier Road"))).toEqual([]);
      await expect(getPlaceProfile(outsider, home.id)).rejects.toBeInstanceOf(NotFoundError);
    }

    expect(ids(await search(detective, "SE16 2JX"))).toEqual([home.id]);
    expect(ids(await search(detective, "osier road"))).toEqual([home.id]);
    const profile = await getPlaceProfile(detective, home.id);
    expect(profile.cases.map((c) => c.restricted)).toEqual([true]);
  });
});

describe("adding a place", () => {
  it("submitting the same form twice at once creates one place", async () => {
    const { actor } = await agency();
    const key = randomUUID();
    const input = placeInput({ addressLine1: "5 Tanner Street", postcode: "SE16 4PX", kind: "OTHER" });
    const [first, second] = await Promise.all([
      createPlace(actor, input, key, { offerMatches: false }),
      createPlace(actor, input, key, { offerMatches: false }),
    ]);
    expect(first.kind === "created" && second.kind === "created" && first.id === second.id).toBe(true);
    expect(await db.location.count({ where: { postcode: "SE16 4PX" } })).toBe(1);
    // A refresh that re-posts the form later also lands on the same place, not on a match for itself.
    const again = await createPlace(actor, input, key, { offerMatches: true });
    expect(again).toMatchObject({ kind: "created", duplicate: true, id: first.kind === "created" ? first.id : "" });
    expect(await db.auditEvent.count({ where: { action: "CREATE", entityType: "Location", userId: actor.userId } })).toBe(1);
  });

  it("offers the existing place with the same postcode before creating a new one", async () => {
    const housing = await agency("HOUSING_PROVIDER");
    const { actor } = await colleague(housing.organisation.id);
    const existing = await makePlace({
      createdByOrgId: housing.organisation.id,
      addressLine1: "Flat 7, Harker House",
      addressLine2: "Bellfield Road",
      postcode: "SE15 4QJ",
    });
    const similarElsewhere = await makePlace({
      createdByOrgId: housing.organisation.id,
      addressLine1: "Flat 7, Harker House",
      addressLine2: "Bellfield Road",
      postcode: "SE15 4QL",
    });

    const outcome = await createPlace(actor, placeInput({ addressLine1: "flat 7 harker house", postcode: "SE15 4QJ" }), randomUUID(), {
      offerMatches: true,
    });
    expect(outcome.kind).toBe("matches");
    if (outcome.kind !== "matches") return;
    expect(outcome.matches[0]).toMatchObject({ id: existing.id, reason: "postcode" });
    expect(outcome.matches.map((m) => m.id)).toContain(similarElsewhere.id);
    expect(await db.location.count({ where: { postcode: "SE15 4QJ" } })).toBe(1);

    // "None of these – create a new place"
    const created = await createPlace(actor, placeInput({ addressLine1: "flat 7 harker house", postcode: "SE15 4QJ" }), randomUUID(), {
      offerMatches: false,
    });
    expect(created.kind).toBe("created");
    expect(await db.location.count({ where: { postcode: "SE15 4QJ" } })).toBe(2);
  });

  it("a place with the same UPRN is offered first", async () => {
    const { organisation, actor } = await agency();
    const existing = await makePlace({
      createdByOrgId: organisation.id,
      addressLine1: "16 Larkhall Gardens",
      postcode: "SE22 8NB",
      uprn: "990000001605",
    });
    const matches = await findLikelyPlaceMatches(
      actor,
      placeInput({ addressLine1: "Ground floor, 16 Larkhall Gdns", postcode: null, uprn: "990000001605" }),
    );
    expect(matches[0]).toMatchObject({ id: existing.id, reason: "uprn" });
  });

  it("a UPRN already recorded is refused with a message for the field", async () => {
    const { organisation, actor } = await agency();
    await makePlace({ createdByOrgId: organisation.id, addressLine1: "22 Larkhall Gardens", postcode: "SE22 8NB", uprn: "990000002205" });
    const attempt = createPlace(
      actor,
      placeInput({ addressLine1: "Somewhere else", postcode: "SE22 8ND", uprn: "990000002205" }),
      randomUUID(),
      { offerMatches: false },
    );
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { uprn: [expect.stringContaining("UPRN")] } });
  });

  it("a viewer cannot add a place", async () => {
    const { organisation } = await agency();
    const { actor: viewer } = await colleague(organisation.id, { role: "VIEWER" });
    await expect(createPlace(viewer, placeInput({ postcode: "SE15 4QN" }), randomUUID(), { offerMatches: false })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await db.location.count({ where: { postcode: "SE15 4QN" } })).toBe(0);
  });

  it("the incident form's createPlaceInTransaction still makes a findable, audited place", async () => {
    const { actor } = await agency();
    const id = await db.$transaction((tx) =>
      createPlaceInTransaction(tx, actor, {
        addressLine1: "Bus stop K, Peckwater Road",
        town: "London",
        postcode: "SE15 5HG",
        kind: "TRANSPORT",
      }),
    );
    expect(ids(await search(actor, "se155hg"))).toEqual([id]);
    expect(await db.auditEvent.count({ where: { action: "CREATE", entityId: id } })).toBe(1);
  });
});

describe("a UPRN already on a place the officer may not see", () => {
  // The victim's home, recorded by a MARAC panel member and found only in a restricted MARAC case
  // led by the police; the ward officer is a police officer off the MARAC panel. Each call makes
  // its own UPRNs (they are unique).
  let calls = 0;
  async function marac() {
    const n = String(++calls);
    const womensAid = await agency("VOLUNTARY_SECTOR", { panels: ["MARAC"] });
    const police = await agency("POLICE");
    const ward = await colleague(police.organisation.id, { panels: ["CCM"] });
    const home = await makePlace({
      createdByOrgId: womensAid.organisation.id,
      addressLine1: "41 Osier Road",
      postcode: "SE16 2JX",
      uprn: `99000041410${n}`,
    });
    await makeCaseWith({
      kind: "MARAC",
      leadOrganisationId: police.organisation.id,
      createdById: womensAid.user.id,
      locationIds: [home.id],
    });
    const own = await makePlace({
      createdByOrgId: police.organisation.id,
      addressLine1: "Police Office, 3 Tanner Street",
      postcode: "SE16 4PY",
      uprn: `99000003030${n}`,
    });
    return { police, ward, home, own };
  }

  const refusedLooks = (userId: string, entityId: string) =>
    db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId, entityType: "Location", entityId } });
  const uprnError = (attempt: Promise<unknown>) =>
    attempt.then(
      () => null,
      (error: unknown) => (error instanceof ValidationError ? error.fieldErrors : error),
    );

  it("is not offered as a match, nor by a nearby address", async () => {
    const { ward, home } = await marac();
    expect(
      await findLikelyPlaceMatches(ward.actor, placeInput({ addressLine1: "41 Osier Road", postcode: "SE16 2JX", uprn: home.uprn })),
    ).toEqual([]);
    expect(
      await findLikelyPlaceMatches(ward.actor, placeInput({ addressLine1: "Somewhere else", postcode: null, uprn: home.uprn })),
    ).toEqual([]);
  });

  it("adding or editing a place with it gets the answer a UPRN on a place the officer can see gets, and the attempt is audited as a refused look at the hidden place", async () => {
    const { ward, home, own } = await marac();
    const asHidden = placeInput({ addressLine1: "Ground floor, 41 Osier Rd", postcode: "SE16 2JX", uprn: home.uprn });
    const asVisible = placeInput({ addressLine1: "3 Tanner St", postcode: "SE16 4PY", uprn: own.uprn });

    const hiddenOnCreate = await uprnError(createPlace(ward.actor, asHidden, randomUUID(), { offerMatches: false }));
    const visibleOnCreate = await uprnError(createPlace(ward.actor, asVisible, randomUUID(), { offerMatches: false }));
    expect(hiddenOnCreate).toEqual({ uprn: [expect.stringContaining("UPRN")] });
    expect(hiddenOnCreate).toEqual(visibleOnCreate);
    // Offered matches first, there are none to offer; the answer is the same refusal.
    expect(await uprnError(createPlace(ward.actor, asHidden, randomUUID(), { offerMatches: true }))).toEqual(visibleOnCreate);

    const mine = await makePlace({
      createdByOrgId: ward.actor.organisationId,
      addressLine1: "Flat 2, 43 Osier Road",
      postcode: "SE16 2JX",
    });
    const hiddenOnEdit = await uprnError(updatePlace(ward.actor, mine.id, { ...asHidden, version: 1 }));
    const visibleOnEdit = await uprnError(updatePlace(ward.actor, mine.id, { ...asVisible, version: 1 }));
    expect(hiddenOnEdit).toEqual(visibleOnCreate);
    expect(visibleOnEdit).toEqual(visibleOnCreate);

    expect(await refusedLooks(ward.user.id, home.id)).toBe(3);
    expect(await refusedLooks(ward.user.id, own.id)).toBe(0);
    expect(await db.location.count({ where: { postcode: "SE16 2JX", createdByOrgId: ward.actor.organisationId } })).toBe(1);
    expect(await db.location.findUniqueOrThrow({ where: { id: home.id } })).toMatchObject({
      version: 1,
      uprn: home.uprn,
      addressLine1: "41 Osier Road",
    });
    expect(await db.location.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ version: 1, uprn: null });
    expect(await sealAndVerifyAuditChain()).toMatchObject({ ok: true, pending: 0 });
  });
});

describe("a place's profile", () => {
  it("lists only the linked records the viewer may see, incidents newest first, and the view is audited", async () => {
    const council = await agency("LOCAL_AUTHORITY");
    const police = await agency("POLICE");
    const place = await makePlace({
      createdByOrgId: council.organisation.id,
      addressLine1: "Market Square",
      postcode: "SE15 5AD",
      kind: "PUBLIC_SPACE",
    });
    const older = await makeIncidentAt({
      locationId: place.id,
      organisationId: council.organisation.id,
      officerId: council.user.id,
      occurredAt: new Date("2026-01-10T10:00:00Z"),
    });
    const newer = await makeIncidentAt({
      locationId: place.id,
      organisationId: council.organisation.id,
      officerId: council.user.id,
      occurredAt: new Date("2026-03-10T10:00:00Z"),
    });
    await makeIncidentAt({ locationId: place.id, organisationId: police.organisation.id, officerId: police.user.id });
    const councilCase = await makeCaseWith({
      leadOrganisationId: council.organisation.id,
      createdById: council.user.id,
      locationIds: [place.id],
    });
    await makeCaseWith({ leadOrganisationId: police.organisation.id, createdById: police.user.id, locationIds: [place.id] });
    const resident = await db.person.create({
      data: {
        firstName: "Kemal",
        lastName: "Arslan",
        searchText: "kemal arslan",
        addressId: place.id,
        createdByOrgId: council.organisation.id,
      },
    });
    await db.person.create({
      data: {
        firstName: "Hidden",
        lastName: "Person",
        searchText: "hidden person",
        addressId: place.id,
        createdByOrgId: police.organisation.id,
      },
    });

    const profile = await getPlaceProfile(council.actor, place.id);
    expect(profile.place.id).toBe(place.id);
    expect(profile.incidents.total).toBe(2);
    expect(profile.incidents.rows.map((i) => i.id)).toEqual([newer.id, older.id]);
    expect(profile.cases.map((c) => c.id)).toEqual([councilCase.id]);
    expect(profile.residents.map((p) => p.id)).toEqual([resident.id]);

    const views = await db.auditEvent.findMany({ where: { action: "VIEW", entityType: "Location", entityId: place.id } });
    expect(views.map((v) => v.userId)).toEqual([council.user.id]);
    expect(await sealAndVerifyAuditChain()).toMatchObject({ ok: true, pending: 0 });
  });
});

describe("changing a place", () => {
  it("saves the change, keeps the search up to date and audits which fields changed", async () => {
    const { organisation, actor, user } = await agency();
    const place = await makePlace({
      createdByOrgId: organisation.id,
      addressLine1: "The Crown and Anchor",
      addressLine2: "27 Dockhead Road",
      postcode: "SE16 4TB",
      kind: "BUSINESS",
    });
    await updatePlace(actor, place.id, {
      ...placeInput({ addressLine1: "The Crown and Anchor", addressLine2: "27 Dockhead Road", postcode: "SE16 4TD", kind: "BUSINESS" }),
      version: 1,
    });

    const saved = await db.location.findUniqueOrThrow({ where: { id: place.id } });
    expect(saved).toMatchObject({ postcode: "SE16 4TD", version: 2 });
    expect(ids(await search(actor, "SE16 4TD"))).toEqual([place.id]);
    expect((await search(actor, "SE16 4TB")).rows.filter((row) => row.postcode === "SE16 4TB")).toEqual([]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "UPDATE", entityId: place.id } });
    expect(audit).toMatchObject({ userId: user.id, detail: { changed: ["postcode"], fromVersion: 1 } });
  });

  it("when two agencies edit the same place, the second to save is told and nothing is overwritten", async () => {
    const housing = await agency("HOUSING_PROVIDER");
    const police = await agency("POLICE");
    const place = await makePlace({
      createdByOrgId: housing.organisation.id,
      addressLine1: "Ashdown Tower",
      postcode: "SE16 3LU",
      kind: "ESTATE",
    });
    await makeIncidentAt({ locationId: place.id, organisationId: police.organisation.id, officerId: police.user.id });

    const startedFrom = (await getPlaceForEdit(housing.actor, place.id)).version;
    expect((await getPlaceForEdit(police.actor, place.id)).version).toBe(startedFrom);

    await updatePlace(housing.actor, place.id, {
      ...placeInput({ addressLine1: "Ashdown Tower", addressLine2: "Marlowe Estate", postcode: "SE16 3LU", kind: "ESTATE" }),
      version: startedFrom,
    });
    await expect(
      updatePlace(police.actor, place.id, {
        ...placeInput({ addressLine1: "Ashdown Twr", postcode: "SE16 3LU", kind: "ESTATE" }),
        version: startedFrom,
      }),
    ).rejects.toBeInstanceOf(ConflictError);

    const saved = await db.location.findUniqueOrThrow({ where: { id: place.id } });
    expect(saved).toMatchObject({ addressLine1: "Ashdown Tower", addressLine2: "Marlowe Estate", version: startedFrom + 1 });
    expect(await db.auditEvent.count({ where: { action: "UPDATE", entityId: place.id } })).toBe(1);
  });
});
