import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import {
  changePowerStatus,
  createPowerKind,
  PowerChangedError,
  expireDuePowers,
  getPower,
  issueChoices,
  issuePower,
  listPowers,
  recordBreach,
} from "@/lib/powers/data";
import { parsePowerFilters, POWER_SORTS, type PowerSort } from "@/lib/powers/filters";
import { ZIssuePowerForm } from "@/lib/powers/schema";
import type { IssuePowerInput } from "@/lib/powers/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { fromLondonLocal, londonDateParts } from "@/lib/format/dates";
import { parseListQuery } from "@/lib/list";
import { shareCase } from "@/lib/cases/data";
import { agency, makePerson, open } from "./cases-support";
import { ownerSql } from "@/tests/support/database-roles";

// The tools and powers register from every side: the issuing organisation, a partner on the
// linked case, and an agency with no part in either.

const unique = () => randomUUID().slice(0, 6).toUpperCase();

async function makeKind(
  overrides: Partial<{ hasExpiry: boolean; needsCourt: boolean; appealable: boolean; allowsBusinessSubject: boolean; name: string }> = {},
) {
  const code = `K_${unique()}`;
  return db.powerKind.create({
    data: {
      code,
      name: overrides.name ?? `Community Protection Warning ${code}`,
      legalBasis: "ASB, Crime and Policing Act 2014, s.43",
      statutory: true,
      hasExpiry: false,
      needsCourt: false,
      appealable: false,
      allowsBusinessSubject: false,
      ...overrides,
    },
  });
}

/** The London midnight `days` from today (negative: before). */
function londonDay(days: number, now = new Date()): Date {
  const { year, month, day } = londonDateParts(now);
  return fromLondonLocal(year, month, day + days);
}

async function person(actor: Actor) {
  return makePerson({ createdByOrgId: actor.organisationId, firstName: "Darren", lastName: `Pike${unique()}` });
}

function powerInput(kindId: string, personId: string, overrides: Partial<IssuePowerInput> = {}): IssuePowerInput {
  return {
    kindId,
    subjectType: "person",
    subjectPersonId: personId,
    subjectBusinessName: null,
    locationId: null,
    caseId: null,
    issuingOfficerId: null,
    issuedAt: londonDay(-10),
    expiresAt: null,
    conditions: "Stop playing loud music after 23:00",
    courtName: null,
    hearingAt: null,
    ...overrides,
  };
}

async function issue(actor: Actor, input: IssuePowerInput) {
  const { id } = await issuePower(actor, input, randomUUID());
  return db.powerUse.findUniqueOrThrow({ where: { id } });
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

const query = (params: Record<string, string> = {}) =>
  parseListQuery<PowerSort>(params, { sorts: POWER_SORTS, defaultSort: "issued", pageSize: 100 });
const listed = async (actor: Actor, params: Record<string, string> = {}) =>
  (await listPowers(actor, parsePowerFilters(params).filters, query(params))).rows.map((r) => r.id);

describe("recording a power", () => {
  it("gives a PWR reference, its first status, the case timeline entry and the audit entry together", async () => {
    const council = await agency();
    const kind = await makeKind();
    const p = await person(council.actor);
    const c = await open(council.actor);
    const power = await issue(council.actor, powerInput(kind.id, p.id, { caseId: c.id }));

    expect(power.reference).toMatch(/^PWR-\d{4}-\d{6}$/);
    expect(power).toMatchObject({
      status: "ISSUED",
      issuingOrganisationId: council.organisation.id,
      issuingOfficerId: council.user.id,
      caseId: c.id,
    });
    const history = await db.powerStatusChange.findMany({ where: { powerId: power.id } });
    expect(history).toMatchObject([{ fromStatus: null, toStatus: "ISSUED", changedById: council.user.id }]);
    const entries = await db.timelineEntry.findMany({ where: { caseId: c.id, kind: "POWER_ISSUED" } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.summary).toContain(`${kind.name} ${power.reference} issued to Darren`);
    expect(await db.auditEvent.count({ where: { entityType: "PowerUse", entityId: power.id, action: "CREATE" } })).toBe(1);
  });

  it("the issuing organisation is the officer's own: one sent by the form is ignored", async () => {
    const council = await agency();
    const other = await agency();
    const kind = await makeKind();
    const p = await person(council.actor);
    const parsed = ZIssuePowerForm.parse({
      submissionKey: randomUUID(),
      kindId: kind.id,
      subjectType: "person",
      subjectPersonId: p.id,
      issuingOrganisationId: other.organisation.id,
      "issuedOn-day": "1",
      "issuedOn-month": "1",
      "issuedOn-year": "2026",
    });
    expect(parsed.input).not.toHaveProperty("issuingOrganisationId");
    const { id } = await issuePower(council.actor, parsed.input, parsed.submissionKey);
    expect((await db.powerUse.findUniqueOrThrow({ where: { id } })).issuingOrganisationId).toBe(council.organisation.id);
  });

  it("an officer of another organisation cannot be named as the issuing officer", async () => {
    const council = await agency();
    const other = await agency();
    const kind = await makeKind();
    const p = await person(council.actor);
    const errors = await fieldErrors(
      issuePower(council.actor, powerInput(kind.id, p.id, { issuingOfficerId: other.user.id }), randomUUID()),
    );
    expect(errors.issuingOfficerId?.[0]).toContain("Select an officer in");
  });

  it("posting the same form twice records one power", async () => {
    const council = await agency();
    const kind = await makeKind();
    const p = await person(council.actor);
    const key = randomUUID();
    const input = powerInput(kind.id, p.id);
    const [a, b] = await Promise.all([issuePower(council.actor, input, key), issuePower(council.actor, input, key)]);
    expect(a.id).toBe(b.id);
    expect(await db.powerUse.count({ where: { subjectPersonId: p.id } })).toBe(1);
  });

  it("checks the kind's rules: expiry, court, business subjects, dates", async () => {
    const council = await agency();
    const order = await makeKind({ hasExpiry: true, needsCourt: true, appealable: true });
    const p = await person(council.actor);
    const errors = await fieldErrors(issuePower(council.actor, powerInput(order.id, p.id, { issuedAt: londonDay(2) }), randomUUID()));
    expect(errors.issuedOn).toEqual(["The date the power was issued must be today or in the past"]);
    expect(errors.expiresOn?.[0]).toContain("Enter the expiry date");
    expect(errors.courtName?.[0]).toContain("Enter the name of the court");
    expect(errors.hearingOn).toEqual(["Enter the date of the court hearing"]);

    const backwards = await fieldErrors(
      issuePower(
        council.actor,
        powerInput(order.id, p.id, { expiresAt: londonDay(-20), courtName: "Kingsmere Magistrates", hearingAt: londonDay(-11) }),
        randomUUID(),
      ),
    );
    expect(backwards.expiresOn).toEqual(["The expiry date must be after the date the power was issued"]);

    const business = await fieldErrors(
      issuePower(
        council.actor,
        { ...powerInput(order.id, p.id), subjectType: "business", subjectPersonId: null, subjectBusinessName: "Late Shop Ltd" },
        randomUUID(),
      ),
    );
    expect(business.subjectType?.[0]).toContain("cannot be issued to a business");
  });

  it("only cases the officer's organisation works on can be linked; another agency's case is not offered or accepted", async () => {
    const council = await agency();
    const police = await agency({ kind: "POLICE" });
    const kind = await makeKind();
    const p = await person(council.actor);
    const theirs = await open(police.actor);
    const errors = await fieldErrors(issuePower(council.actor, powerInput(kind.id, p.id, { caseId: theirs.id }), randomUUID()));
    expect(errors.caseId).toEqual(["Select a case your organisation works on from the list"]);
    expect((await issueChoices(council.actor)).cases.map((c) => c.id)).not.toContain(theirs.id);
    await shareCase(police.actor, theirs.id, council.organisation.id);
    expect((await issueChoices(council.actor)).cases.map((c) => c.id)).toContain(theirs.id);
    await issue(council.actor, powerInput(kind.id, p.id, { caseId: theirs.id }));
  });
});

describe("who sees a power", () => {
  it("another organisation's power not linked to a case they share is not found, absent from the register, and the attempt is audited", async () => {
    const council = await agency();
    const police = await agency({ kind: "POLICE" });
    const kind = await makeKind();
    const p = await person(council.actor);
    const power = await issue(council.actor, powerInput(kind.id, p.id));

    expect(await errorOf(getPower(police.actor, power.id))).toBeInstanceOf(NotFoundError);
    expect(
      await db.auditEvent.count({
        where: { action: "ACCESS_REFUSED", entityType: "PowerUse", entityId: power.id, userId: police.user.id },
      }),
    ).toBe(1);
    expect(await listed(police.actor)).not.toContain(power.id);
    expect(await listed(council.actor)).toContain(power.id);
    // Changing it is refused the same way.
    expect(
      await errorOf(recordBreach(police.actor, power.id, power.version, { breachedAt: londonDay(-1), actionTaken: "FPN", notes: null })),
    ).toBeInstanceOf(NotFoundError);
  });

  it("a partner on the linked case sees the power but cannot change it", async () => {
    const council = await agency();
    const police = await agency({ kind: "POLICE" });
    const kind = await makeKind();
    const p = await person(council.actor);
    const c = await open(council.actor);
    await shareCase(council.actor, c.id, police.organisation.id);
    const power = await issue(council.actor, powerInput(kind.id, p.id, { caseId: c.id }));

    const seen = await getPower(police.actor, power.id);
    expect(seen).toMatchObject({ reference: power.reference, mayChange: false, case: { id: c.id } });
    expect(
      await db.auditEvent.count({ where: { action: "VIEW", entityType: "PowerUse", entityId: power.id, userId: police.user.id } }),
    ).toBe(1);
    expect(await errorOf(changePowerStatus(police.actor, power.id, power.version, { status: "COMPLIED", note: null }))).toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("the register filters by kind, status, subject name and expiring soon", async () => {
    const council = await agency();
    const cpw = await makeKind();
    const abc = await makeKind({ hasExpiry: true });
    const p = await person(council.actor);
    const a = await issue(council.actor, powerInput(cpw.id, p.id));
    const b = await issue(council.actor, powerInput(abc.id, p.id, { expiresAt: londonDay(20) }));
    const business = await issue(council.actor, {
      ...powerInput(cpw.id, p.id),
      subjectType: "business",
      subjectPersonId: null,
      subjectBusinessName: "Kebab Palace Ltd",
    }).catch(() => null);
    expect(business).toBeNull(); // this kind is for people only

    expect(await listed(council.actor, { kind: cpw.id })).toEqual([a.id]);
    expect(await listed(council.actor, { expiring: "30" })).toEqual([b.id]);
    expect(await listed(council.actor, { expiring: "10" })).toEqual([]);
    expect((await listed(council.actor, { subject: `darren ${p.lastName.toLowerCase()}` })).sort()).toEqual([a.id, b.id].sort());
    expect(await listed(council.actor, { subject: "nobody-called-this" })).toEqual([]);
    expect(await listed(council.actor, { status: "BREACHED" })).toEqual([]);
  });
});

describe("the lifecycle", () => {
  it("an invalid status change is refused with a clear message and changes nothing", async () => {
    const council = await agency();
    const kind = await makeKind({ appealable: false });
    const p = await person(council.actor);
    const power = await issue(council.actor, powerInput(kind.id, p.id));

    expect(
      (await fieldErrors(changePowerStatus(council.actor, power.id, power.version, { status: "APPEALED", note: null }))).status,
    ).toEqual(["This kind of power cannot be appealed"]);
    await changePowerStatus(council.actor, power.id, power.version, { status: "WITHDRAWN", note: "Sent in error" });
    const withdrawn = await db.powerUse.findUniqueOrThrow({ where: { id: power.id } });
    expect(withdrawn).toMatchObject({ status: "WITHDRAWN", version: 2 });
    expect(
      (await fieldErrors(changePowerStatus(council.actor, power.id, withdrawn.version, { status: "ISSUED", note: null }))).status?.[0],
    ).toContain("cannot change");
    expect(await db.powerUse.findUniqueOrThrow({ where: { id: power.id } })).toMatchObject({ status: "WITHDRAWN", version: 2 });
    expect(await db.powerStatusChange.count({ where: { powerId: power.id } })).toBe(2);
  });

  it("a change from an out-of-date page is refused (version check)", async () => {
    const council = await agency();
    const kind = await makeKind();
    const p = await person(council.actor);
    const power = await issue(council.actor, powerInput(kind.id, p.id));
    await changePowerStatus(council.actor, power.id, power.version, { status: "VARIED", note: "Hours changed" });
    expect(await errorOf(changePowerStatus(council.actor, power.id, power.version, { status: "COMPLIED", note: null }))).toBeInstanceOf(
      PowerChangedError,
    );
  });

  it("a status change on a linked power goes on the case timeline with the history and the audit entry", async () => {
    const council = await agency();
    const kind = await makeKind({ appealable: true });
    const p = await person(council.actor);
    const c = await open(council.actor);
    const power = await issue(council.actor, powerInput(kind.id, p.id, { caseId: c.id }));
    await changePowerStatus(council.actor, power.id, power.version, { status: "APPEALED", note: "Appeal lodged at Kingsmere Magistrates" });
    const entry = await db.timelineEntry.findFirstOrThrow({ where: { caseId: c.id, kind: "POWER_STATUS_CHANGED" } });
    expect(entry.summary).toContain("issued → under appeal");
    expect(await db.auditEvent.count({ where: { entityType: "PowerUse", entityId: power.id, action: "UPDATE" } })).toBe(1);
  });
});

describe("breaches", () => {
  it("a breach on a linked power sets it to breached and goes on the case timeline", async () => {
    const council = await agency();
    const kind = await makeKind();
    const p = await person(council.actor);
    const c = await open(council.actor);
    const power = await issue(council.actor, powerInput(kind.id, p.id, { caseId: c.id }));
    await recordBreach(council.actor, power.id, power.version, { breachedAt: londonDay(-2), actionTaken: "FPN", notes: "Music at 02:00" });

    const detail = await getPower(council.actor, power.id);
    expect(detail.status).toBe("BREACHED");
    expect(detail.breaches).toMatchObject([{ actionTaken: "FPN", notes: "Music at 02:00" }]);
    expect(detail.history.map((h) => h.toStatus)).toEqual(["ISSUED", "BREACHED"]);
    const entry = await db.timelineEntry.findFirstOrThrow({ where: { caseId: c.id, kind: "POWER_BREACHED" } });
    expect(entry.summary).toContain("Fixed penalty notice (FPN)");
    // A further breach.
    await recordBreach(council.actor, power.id, detail.version, { breachedAt: londonDay(-1), actionTaken: "PROSECUTION", notes: null });
    expect(await db.powerBreach.count({ where: { powerId: power.id } })).toBe(2);
  });

  it("a breach outside the period the power was in force is refused and changes nothing", async () => {
    const council = await agency();
    const kind = await makeKind({ hasExpiry: true });
    const p = await person(council.actor);
    const power = await issue(
      council.actor,
      powerInput(kind.id, p.id, { issuedAt: fromLondonLocal(2026, 6, 1), expiresAt: fromLondonLocal(2026, 12, 3) }),
    );
    const now = new Date("2026-12-10T12:00:00Z");

    const after = await fieldErrors(
      recordBreach(
        council.actor,
        power.id,
        power.version,
        { breachedAt: fromLondonLocal(2026, 12, 5), actionTaken: "FPN", notes: null },
        now,
      ),
    );
    expect(after.breachedOn).toEqual(["The power was not in force on that date: it expired on 03/12/2026"]);
    const before = await fieldErrors(
      recordBreach(
        council.actor,
        power.id,
        power.version,
        { breachedAt: fromLondonLocal(2026, 5, 20), actionTaken: "WARNING", notes: null },
        now,
      ),
    );
    expect(before.breachedOn).toEqual(["The power was not in force on that date: it was issued on 01/06/2026"]);
    expect(await db.powerBreach.count({ where: { powerId: power.id } })).toBe(0);
  });

  it("if the timeline entry cannot be written, neither the breach nor the status change is kept", async () => {
    const council = await agency();
    const kind = await makeKind();
    const p = await person(council.actor);
    const c = await open(council.actor);
    const power = await issue(council.actor, powerInput(kind.id, p.id, { caseId: c.id }));
    await ownerSql(
      `CREATE OR REPLACE FUNCTION powers_test_fail() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$ LANGUAGE plpgsql`,
    );
    await ownerSql(
      `CREATE TRIGGER powers_test_fail BEFORE INSERT ON "TimelineEntry" FOR EACH ROW WHEN (NEW.kind = 'POWER_BREACHED') EXECUTE FUNCTION powers_test_fail()`,
    );
    try {
      await expect(
        recordBreach(council.actor, power.id, power.version, { breachedAt: londonDay(-1), actionTaken: "FPN", notes: null }),
      ).rejects.toThrow();
    } finally {
      await ownerSql(`DROP TRIGGER powers_test_fail ON "TimelineEntry"`);
    }
    expect(await db.powerBreach.count({ where: { powerId: power.id } })).toBe(0);
    expect(await db.powerUse.findUniqueOrThrow({ where: { id: power.id } })).toMatchObject({ status: "ISSUED", version: 1 });
    expect(await db.powerStatusChange.count({ where: { powerId: power.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityType: "PowerUse", entityId: power.id, action: "UPDATE" } })).toBe(0);
  });
});

describe("expiry", () => {
  it("marks powers past their expiry date as expired once, with the history and the case timeline", async () => {
    const council = await agency();
    const kind = await makeKind({ hasExpiry: true });
    const p = await person(council.actor);
    const c = await open(council.actor);
    const power = await issue(
      council.actor,
      powerInput(kind.id, p.id, { caseId: c.id, issuedAt: londonDay(-30), expiresAt: londonDay(-1) }),
    );
    const running = await issue(council.actor, powerInput(kind.id, p.id, { issuedAt: londonDay(-30), expiresAt: londonDay(5) }));

    // Shown as expired even before the job runs.
    expect((await listPowers(council.actor, {}, query())).rows.find((r) => r.id === power.id)?.status).toBe("EXPIRED");
    await expireDuePowers();
    expect(await expireDuePowers()).toBe(0);

    expect(await db.powerUse.findUniqueOrThrow({ where: { id: power.id } })).toMatchObject({ status: "EXPIRED" });
    expect(await db.powerUse.findUniqueOrThrow({ where: { id: running.id } })).toMatchObject({ status: "ISSUED" });
    const history = await db.powerStatusChange.findMany({ where: { powerId: power.id, toStatus: "EXPIRED" } });
    expect(history).toMatchObject([{ fromStatus: "ISSUED", changedById: null, note: "Expired automatically" }]);
    expect(await db.timelineEntry.count({ where: { caseId: c.id, kind: "POWER_STATUS_CHANGED" } })).toBe(1);
  });
});

describe("kinds of power", () => {
  it("an administrator adds a kind without a code change, audited; others cannot", async () => {
    const admin = await agency({ role: "ADMIN" });
    const officer = await agency();
    const code = `NEW_${unique()}`;
    const input = {
      name: `Youth diversion notice ${code}`,
      code,
      legalBasis: "Local protocol",
      statutory: false,
      hasExpiry: true,
      needsCourt: false,
      appealable: false,
      allowsBusinessSubject: false,
    };
    const { id } = await createPowerKind(admin.actor, input);
    expect(await db.auditEvent.count({ where: { entityType: "PowerKind", entityId: id, action: "CREATE" } })).toBe(1);
    expect((await fieldErrors(createPowerKind(admin.actor, { ...input, name: `${input.name} again` }))).code?.[0]).toContain(
      "already used",
    );
    expect(await errorOf(createPowerKind(officer.actor, { ...input, code: `${code}_2`, name: `${input.name} 2` }))).toBeInstanceOf(
      ForbiddenError,
    );
  });
});
