import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { getPower, issuePower } from "@/lib/powers/data";
import type { IssuePowerInput } from "@/lib/powers/schema";
import { createPspo, getPspo, listPspos, PSPO_FPN_SORTS, PSPO_SORTS, type PspoSort } from "@/lib/pspos/data";
import { ZCreatePspoForm, type CreatePspoInput } from "@/lib/pspos/schema";
import { latestEndFor, pspoStatusOn, PSPO_FPN_KIND_CODE } from "@/lib/pspos/status";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { calendarDate, fromLondonLocal, londonDateParts } from "@/lib/format/dates";
import { parseListQuery } from "@/lib/list";
import { shareCase } from "@/lib/cases/data";
import { agency, makePerson, open } from "./cases-support";

// The PSPO register: public orders every partner reads, made by the officer's own organisation,
// with the fixed penalty notices issued under each, listed only for those who may see them.

const unique = () => randomUUID().slice(0, 6).toUpperCase();

/** The London calendar day `days` from today, as a `@db.Date` value. */
function calendarDay(days: number, now = new Date()): Date {
  const { year, month, day } = londonDateParts(now);
  return calendarDate(year, month, day + days);
}

/** The London midnight `days` from today. */
function londonDay(days: number, now = new Date()): Date {
  const { year, month, day } = londonDateParts(now);
  return fromLondonLocal(year, month, day + days);
}

function pspoInput(overrides: Partial<CreatePspoInput> = {}): CreatePspoInput {
  return {
    name: `Town Centre PSPO ${unique()}`,
    area: "The High Street and Market Square",
    locationId: null,
    prohibitions: "1. No drinking alcohol when asked to stop\n2. Dogs on leads",
    startsOn: calendarDay(-30),
    endsOn: calendarDay(300),
    ...overrides,
  };
}

async function makePspo(actor: Actor, overrides: Partial<CreatePspoInput> = {}) {
  const { id } = await createPspo(actor, pspoInput(overrides), randomUUID());
  return db.pspo.findUniqueOrThrow({ where: { id } });
}

async function fpnKind() {
  return db.powerKind.upsert({
    where: { code: PSPO_FPN_KIND_CODE },
    create: {
      code: PSPO_FPN_KIND_CODE,
      name: "Fixed penalty notice for breach of a PSPO",
      legalBasis: "ASB, Crime and Policing Act 2014, s.68",
      statutory: true,
      hasExpiry: false,
      needsCourt: false,
      appealable: false,
      allowsBusinessSubject: false,
    },
    update: {},
  });
}

async function fpnInput(actor: Actor, overrides: Partial<IssuePowerInput> = {}): Promise<IssuePowerInput> {
  const [kind, person] = await Promise.all([
    fpnKind(),
    makePerson({ createdByOrgId: actor.organisationId, firstName: "Gary", lastName: `Wilkins${unique()}` }),
  ]);
  return {
    kindId: kind.id,
    subjectType: "person",
    subjectPersonId: person.id,
    subjectBusinessName: null,
    locationId: null,
    caseId: null,
    issuingOfficerId: null,
    issuedAt: londonDay(-10),
    expiresAt: null,
    conditions: "£100 fixed penalty: failed to surrender alcohol",
    courtName: null,
    hearingAt: null,
    pspoId: null,
    ...overrides,
  };
}

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
}

async function fieldErrors(promise: Promise<unknown>) {
  const error = await errorOf(promise);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}

const fpnQuery = () => parseListQuery({}, { sorts: PSPO_FPN_SORTS, defaultSort: "issued", pageSize: 100 });
const listQuery = () => parseListQuery<PspoSort>({}, { sorts: PSPO_SORTS, defaultSort: "starts", pageSize: 1000 });

const form = (overrides: Record<string, string> = {}) => ({
  submissionKey: randomUUID(),
  name: "Fennel Park PSPO",
  area: "Fennel Park",
  prohibitions: "No dogs in the play area",
  "startsOn-day": "1",
  "startsOn-month": "4",
  "startsOn-year": "2026",
  "endsOn-day": "31",
  "endsOn-month": "3",
  "endsOn-year": "2029",
  ...overrides,
});

describe("recording a PSPO", () => {
  it("gives a PSPO reference, records the officer's own organisation whatever the form says, and is audited", async () => {
    const council = await agency();
    const other = await agency();
    const parsed = ZCreatePspoForm.parse({ ...form(), organisationId: other.organisation.id });
    expect(parsed.input).not.toHaveProperty("organisationId");
    const { id } = await createPspo(council.actor, parsed.input, parsed.submissionKey);
    const pspo = await db.pspo.findUniqueOrThrow({ where: { id } });
    expect(pspo.reference).toMatch(/^PSPO-\d{4}-\d{6}$/);
    expect(pspo).toMatchObject({
      organisationId: council.organisation.id,
      name: "Fennel Park PSPO",
      startsOn: calendarDate(2026, 4, 1),
      endsOn: calendarDate(2029, 3, 31),
    });
    expect(await db.auditEvent.count({ where: { entityType: "Pspo", entityId: id, action: "CREATE", userId: council.user.id } })).toBe(1);
  });

  it("posting the same form twice records one PSPO", async () => {
    const council = await agency();
    const key = randomUUID();
    const input = pspoInput();
    const [a, b] = await Promise.all([createPspo(council.actor, input, key), createPspo(council.actor, input, key)]);
    expect(a.id).toBe(b.id);
    expect(await db.pspo.count({ where: { name: input.name } })).toBe(1);
  });

  it("refuses an end date that is not after the start, and a PSPO of more than 3 years (s.60)", () => {
    const backwards = ZCreatePspoForm.safeParse(form({ "endsOn-day": "1", "endsOn-month": "4", "endsOn-year": "2026" }));
    expect(backwards.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["endsOn", "The date the PSPO ends must be after the date it comes into force"],
    ]);

    const tooLong = ZCreatePspoForm.safeParse(form({ "endsOn-day": "1", "endsOn-month": "4", "endsOn-year": "2029" }));
    expect(tooLong.error?.issues[0]?.path).toEqual(["endsOn"]);
    expect(tooLong.error?.issues[0]?.message).toContain("A PSPO can last no more than 3 years");
    expect(tooLong.error?.issues[0]?.message).toContain("on or before 31/03/2029");

    // Exactly 3 years (the day before the third anniversary) is allowed; 29 February ends on 28 February.
    expect(ZCreatePspoForm.safeParse(form()).success).toBe(true);
    expect(latestEndFor(calendarDate(2028, 2, 29))).toEqual(calendarDate(2031, 2, 28));

    const missing = ZCreatePspoForm.safeParse({ submissionKey: randomUUID() });
    expect(Object.fromEntries(missing.error!.issues.map((i) => [i.path.join("."), i.message]))).toMatchObject({
      name: "Enter the name of the PSPO",
      area: "Describe the restricted area",
      prohibitions: "Enter the prohibitions or requirements",
      startsOn: "Enter the date the PSPO comes into force",
      endsOn: "Enter the date the PSPO ends",
    });
  });

  it("a viewer cannot record a PSPO", async () => {
    const viewer = await agency({ role: "VIEWER" });
    expect(await errorOf(createPspo(viewer.actor, pspoInput(), randomUUID()))).toBeInstanceOf(ForbiddenError);
  });
});

describe("the PSPO register", () => {
  it("the status is computed from the London calendar day (BST)", () => {
    const pspo = { startsOn: calendarDate(2026, 4, 1), endsOn: calendarDate(2026, 6, 30) };
    expect(pspoStatusOn(pspo, new Date("2026-03-31T22:59:00Z"))).toBe("NOT_YET_IN_FORCE"); // 23:59 BST on 31 March
    expect(pspoStatusOn(pspo, new Date("2026-03-31T23:30:00Z"))).toBe("IN_FORCE"); // 00:30 BST on 1 April
    expect(pspoStatusOn(pspo, new Date("2026-06-30T22:59:00Z"))).toBe("IN_FORCE"); // 23:59 BST on 30 June
    expect(pspoStatusOn(pspo, new Date("2026-06-30T23:00:00Z"))).toBe("ENDED"); // 00:00 BST on 1 July
  });

  it("every partner lists and opens every PSPO, with its status", async () => {
    const council = await agency();
    const police = await agency({ kind: "POLICE" });
    const current = await makePspo(council.actor);
    const future = await makePspo(council.actor, { startsOn: calendarDay(5), endsOn: calendarDay(100) });
    const ended = await makePspo(council.actor, { startsOn: calendarDay(-400), endsOn: calendarDay(-1) });

    const rows = (await listPspos(police.actor, listQuery())).rows;
    const statusOf = (id: string) => rows.find((r) => r.id === id)?.status;
    expect([statusOf(current.id), statusOf(future.id), statusOf(ended.id)]).toEqual(["IN_FORCE", "NOT_YET_IN_FORCE", "ENDED"]);

    const seen = await getPspo(police.actor, current.id, fpnQuery());
    expect(seen).toMatchObject({ reference: current.reference, status: "IN_FORCE", organisation: { name: council.organisation.name } });
    expect(await db.auditEvent.count({ where: { action: "VIEW", entityType: "Pspo", entityId: current.id, userId: police.user.id } })).toBe(
      1,
    );

    expect(await errorOf(getPspo(police.actor, randomUUID(), fpnQuery()))).toBeInstanceOf(NotFoundError);
    expect(await errorOf(getPspo(police.actor, "not-an-id", fpnQuery()))).toBeInstanceOf(NotFoundError);
  });
});

describe("fixed penalty notices under a PSPO", () => {
  it("are linked to a PSPO in force on the issue date", async () => {
    const police = await agency({ kind: "POLICE" });
    const pspo = await makePspo(police.actor);
    const { id } = await issuePower(police.actor, await fpnInput(police.actor, { pspoId: pspo.id }), randomUUID());
    expect((await db.powerUse.findUniqueOrThrow({ where: { id } })).pspoId).toBe(pspo.id);
    expect((await getPower(police.actor, id)).pspo).toMatchObject({ id: pspo.id, reference: pspo.reference });
  });

  it("are refused, changing nothing, when the PSPO was not in force on the issue date, is missing or unknown", async () => {
    const police = await agency({ kind: "POLICE" });
    const later = await makePspo(police.actor, { startsOn: calendarDay(-5) });
    const ended = await makePspo(police.actor, { startsOn: calendarDay(-400), endsOn: calendarDay(-11) });
    const before = await db.powerUse.count();

    const notYet = await fieldErrors(issuePower(police.actor, await fpnInput(police.actor, { pspoId: later.id }), randomUUID()));
    expect(notYet.pspoId?.[0]).toMatch(new RegExp(`^${later.reference} was not in force on \\d\\d/\\d\\d/\\d{4}: it came into force on`));
    const over = await fieldErrors(issuePower(police.actor, await fpnInput(police.actor, { pspoId: ended.id }), randomUUID()));
    expect(over.pspoId?.[0]).toContain(`${ended.reference} was not in force`);
    expect(over.pspoId?.[0]).toContain("it ended on");

    const none = await fieldErrors(issuePower(police.actor, await fpnInput(police.actor), randomUUID()));
    expect(none.pspoId).toEqual(["Select the PSPO the fixed penalty notice was issued under"]);
    const unknown = await fieldErrors(issuePower(police.actor, await fpnInput(police.actor, { pspoId: randomUUID() }), randomUUID()));
    expect(unknown.pspoId).toEqual(["Select the PSPO from the list"]);
    expect(await db.powerUse.count()).toBe(before);
  });

  it("another kind of power cannot be linked to a PSPO", async () => {
    const police = await agency({ kind: "POLICE" });
    const pspo = await makePspo(police.actor);
    const cpw = await db.powerKind.create({
      data: {
        code: `K_${unique()}`,
        name: `Community Protection Warning ${unique()}`,
        legalBasis: "s.43",
        statutory: true,
        hasExpiry: false,
        needsCourt: false,
        appealable: false,
        allowsBusinessSubject: false,
      },
    });
    const errors = await fieldErrors(
      issuePower(police.actor, await fpnInput(police.actor, { kindId: cpw.id, pspoId: pspo.id }), randomUUID()),
    );
    expect(errors.pspoId?.[0]).toContain("Only a fixed penalty notice for breach of a PSPO can be linked to a PSPO");
  });

  it("the PSPO's page lists and counts only the FPNs its viewer may see", async () => {
    const council = await agency();
    const police = await agency({ kind: "POLICE" });
    const health = await agency({ kind: "HEALTH" });
    const pspo = await makePspo(council.actor);
    const councilOwn = await issuePower(council.actor, await fpnInput(council.actor, { pspoId: pspo.id }), randomUUID());
    const policeOwn = await issuePower(police.actor, await fpnInput(police.actor, { pspoId: pspo.id }), randomUUID());
    const shared = await open(police.actor);
    await shareCase(police.actor, shared.id, council.organisation.id);
    const onShared = await issuePower(police.actor, await fpnInput(police.actor, { pspoId: pspo.id, caseId: shared.id }), randomUUID());

    const seenBy = async (actor: Actor) => {
      const { fpns } = await getPspo(actor, pspo.id, fpnQuery());
      return { ids: fpns.rows.map((r) => r.id).sort(), total: fpns.total };
    };
    expect(await seenBy(council.actor)).toEqual({ ids: [councilOwn.id, onShared.id].sort(), total: 2 });
    expect(await seenBy(police.actor)).toEqual({ ids: [policeOwn.id, onShared.id].sort(), total: 2 });
    expect(await seenBy(health.actor)).toEqual({ ids: [], total: 0 });
  });
});
