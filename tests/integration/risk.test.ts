import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { listRiskAssessments, recordRiskAssessment } from "@/lib/risk/data";
import { ZAsbMatrixForm, ZDashForm } from "@/lib/risk/schema";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/forms";
import { addPersonToCase, updateCaseDetails } from "@/lib/cases/data";
import { agency, makePerson, open, timelineOf } from "./cases-support";
import { ownerSql } from "@/tests/support/database-roles";

// Risk assessments as specifications: the level is worked out from the answers, whatever the form
// claims, and becomes the case's risk level together with its timeline entry and audit entry.

/** What the DASH form posts: `yes` "yes" answers, then "no" (or `rest`) for the others. */
function dashForm(caseId: string, yes: number, rest: "no" | "unknown" = "no", extra: Record<string, string> = {}) {
  const values: Record<string, string> = { caseId, personId: "", notes: "", submissionKey: randomUUID(), ...extra };
  for (let q = 1; q <= 24; q++) values[`q${q}`] = q <= yes ? "yes" : rest;
  return values;
}

async function recordDash(actor: Actor, caseId: string, values: Record<string, string>) {
  const { input } = ZDashForm.parse(values);
  return recordRiskAssessment(actor, caseId, input, randomUUID());
}

async function maracCase() {
  const idva = await agency({ kind: "VOLUNTARY_SECTOR", panels: ["MARAC"] });
  const opened = await open(idva.actor, { kind: "MARAC", riskLevel: "STANDARD" });
  return { idva, opened };
}

describe("DASH risk checklist", () => {
  it("14 “yes” answers are high risk: the case's risk level becomes high, with a RISK_ASSESSED entry and an audit entry", async () => {
    const { idva, opened } = await maracCase();
    const before = await db.case.findUniqueOrThrow({ where: { id: opened.id } });

    const recorded = await recordDash(idva.actor, opened.id, dashForm(opened.id, 14));

    expect(recorded).toMatchObject({ score: 14, level: "HIGH", previousLevel: "STANDARD" });
    const after = await db.case.findUniqueOrThrow({ where: { id: opened.id } });
    expect(after.riskLevel).toBe("HIGH");
    // A details form opened before the assessment cannot silently put the old level back.
    expect(after.version).toBe(before.version + 1);
    const stored = await db.riskAssessment.findUniqueOrThrow({ where: { id: recorded.id } });
    expect(stored).toMatchObject({
      kind: "DASH",
      score: 14,
      level: "HIGH",
      assessedById: idva.user.id,
      organisationId: idva.organisation.id,
    });
    expect((stored.answers as Record<string, boolean>).q14).toBe(true);
    expect((stored.answers as Record<string, boolean>).q15).toBe(false);
    const entry = (await timelineOf(opened.id)).find((e) => e.kind === "RISK_ASSESSED");
    expect(entry?.summary).toContain("14 “yes” answers of 24, high risk. The case's risk level changed from standard risk to high risk.");
    expect(await db.auditEvent.count({ where: { action: "CREATE", entityType: "RiskAssessment", entityId: recorded.id } })).toBe(1);
  });

  it("13 “yes” answers are medium risk", async () => {
    const { idva, opened } = await maracCase();
    const recorded = await recordDash(idva.actor, opened.id, dashForm(opened.id, 13));
    expect(recorded).toMatchObject({ score: 13, level: "MEDIUM" });
    expect((await db.case.findUniqueOrThrow({ where: { id: opened.id } })).riskLevel).toBe("MEDIUM");
  });

  it("a DASH checklist posted twice (a double click, a replayed form) is recorded once", async () => {
    const { idva, opened } = await maracCase();
    const { input } = ZDashForm.parse(dashForm(opened.id, 14, "no"));
    const key = randomUUID();
    const [first, second] = await Promise.all([
      recordRiskAssessment(idva.actor, opened.id, input, key),
      recordRiskAssessment(idva.actor, opened.id, input, key),
    ]);
    const third = await recordRiskAssessment(idva.actor, opened.id, input, key);
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    expect(await db.riskAssessment.count({ where: { caseId: opened.id } })).toBe(1);
    expect(await db.timelineEntry.count({ where: { caseId: opened.id, kind: "RISK_ASSESSED" } })).toBe(1);
  });

  it("“not known” never counts as yes: 13 yes and 11 not known is medium", async () => {
    const { idva, opened } = await maracCase();
    expect(await recordDash(idva.actor, opened.id, dashForm(opened.id, 13, "unknown"))).toMatchObject({ score: 13, level: "MEDIUM" });
  });

  it("a score or level posted with the form is ignored: the server works them out from the answers", async () => {
    const { idva, opened } = await maracCase();
    const forged = dashForm(opened.id, 14, "no", { score: "0", level: "STANDARD", riskLevel: "STANDARD" });
    const parsed = ZDashForm.parse(forged);
    expect(parsed.input).not.toHaveProperty("level");
    expect(parsed.input).not.toHaveProperty("score");
    expect(await recordRiskAssessment(idva.actor, opened.id, parsed.input, randomUUID())).toMatchObject({ score: 14, level: "HIGH" });

    // Nor can a caller of the data layer smuggle them in with the answers.
    const smuggled = { ...parsed.input, level: "STANDARD", score: 0 } as typeof parsed.input;
    expect(await recordRiskAssessment(idva.actor, opened.id, smuggled, randomUUID())).toMatchObject({ score: 14, level: "HIGH" });
  });

  it("every question must be answered: a checklist with gaps is refused, question by question", async () => {
    const { idva, opened } = await maracCase();
    const values = dashForm(opened.id, 14);
    delete values.q5;
    values.q7 = "maybe";
    const parsed = ZDashForm.safeParse(values);
    expect(parsed.success).toBe(false);
    const errors = fieldErrorsOf(parsed.error!);
    expect(errors.q5).toEqual(["Answer question 5: select yes, no or not known"]);
    expect(errors.q7).toEqual(["Answer question 7: select yes, no or not known"]);

    const partial = { kind: "DASH" as const, personId: null, notes: null, answers: { q1: true } };
    await expect(recordRiskAssessment(idva.actor, opened.id, partial, randomUUID())).rejects.toBeInstanceOf(ValidationError);
    expect(await db.riskAssessment.count({ where: { caseId: opened.id } })).toBe(0);
  });
});

describe("ASB victim risk matrix", () => {
  it("scores harm × likelihood (4 × 4 = 16, high), for a victim on the case only", async () => {
    const council = await agency();
    const opened = await open(council.actor, { riskLevel: "MEDIUM" });
    const victim = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Mary", lastName: "Evans" });
    const stranger = await makePerson({ createdByOrgId: council.organisation.id, firstName: "Not", lastName: "Inthecase" });
    await addPersonToCase(council.actor, opened.id, victim.id, "VICTIM");

    const form = (personId: string) =>
      ZAsbMatrixForm.parse({ caseId: opened.id, personId, harm: "4", likelihood: "4", level: "STANDARD", submissionKey: randomUUID() })
        .input;
    const wrongPerson = await recordRiskAssessment(council.actor, opened.id, form(stranger.id), randomUUID()).catch((e: unknown) => e);
    expect(wrongPerson).toBeInstanceOf(ValidationError);
    expect((wrongPerson as ValidationError).fieldErrors.personId).toEqual(["Select a victim in this case, or leave it blank"]);

    const recorded = await recordRiskAssessment(council.actor, opened.id, form(victim.id), randomUUID());
    expect(recorded).toMatchObject({ score: 16, level: "HIGH" });
    const [row] = (await listRiskAssessments(council.actor, opened.id)).rows;
    expect(row).toMatchObject({
      kind: "ASB_MATRIX",
      scoreText: "16 (harm 4 × likelihood 4)",
      person: { id: victim.id, name: "Mary Evans" },
    });
    expect(ZAsbMatrixForm.safeParse({ caseId: opened.id, harm: "6", likelihood: "0" }).success).toBe(false);
  });

  it("keeps every assessment: the latest sets the case's risk level, the earlier ones stay in the history", async () => {
    const council = await agency();
    const opened = await open(council.actor, { riskLevel: "STANDARD" });
    const matrix = (harm: number, likelihood: number) => ({
      kind: "ASB_MATRIX" as const,
      personId: null,
      notes: null,
      answers: { harm, likelihood },
    });
    await recordRiskAssessment(council.actor, opened.id, matrix(5, 4), randomUUID());
    await recordRiskAssessment(council.actor, opened.id, matrix(2, 2), randomUUID());
    expect((await db.case.findUniqueOrThrow({ where: { id: opened.id } })).riskLevel).toBe("STANDARD");
    const history = await listRiskAssessments(council.actor, opened.id);
    expect(history.total).toBe(2);
    expect(history.rows.map((r) => r.level)).toEqual(["STANDARD", "HIGH"]);
    expect((await timelineOf(opened.id)).filter((e) => e.kind === "RISK_ASSESSED")).toHaveLength(2);
  });
});

describe("who may assess", () => {
  it("an officer of an organisation the case is not shared with can neither see nor record assessments, and the refusal is audited", async () => {
    const police = await agency({ kind: "POLICE" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const opened = await open(police.actor);
    await recordRiskAssessment(
      police.actor,
      opened.id,
      { kind: "ASB_MATRIX", personId: null, notes: null, answers: { harm: 3, likelihood: 3 } },
      randomUUID(),
    );

    expect(await listRiskAssessments(housing.actor, opened.id)).toEqual({ rows: [], total: 0 });
    await expect(
      recordRiskAssessment(
        housing.actor,
        opened.id,
        { kind: "ASB_MATRIX", personId: null, notes: null, answers: { harm: 1, likelihood: 1 } },
        randomUUID(),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId: housing.user.id, entityType: "Case", entityId: opened.id } }),
    ).toBe(1);
    expect((await db.case.findUniqueOrThrow({ where: { id: opened.id } })).riskLevel).toBe("MEDIUM");
  });

  it("a failure while writing the timeline entry leaves no assessment and the case's risk level as it was", async () => {
    const { idva, opened } = await maracCase();
    const before = await db.case.findUniqueOrThrow({ where: { id: opened.id } });
    await ownerSql(`
      CREATE OR REPLACE FUNCTION test_refuse_risk_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'RISK_ASSESSED' THEN RAISE EXCEPTION 'forced failure for the test'; END IF;
        RETURN NEW;
      END $$`);
    await ownerSql(
      `CREATE TRIGGER test_refuse_risk_entry BEFORE INSERT ON "TimelineEntry" FOR EACH ROW EXECUTE FUNCTION test_refuse_risk_entry()`,
    );
    try {
      await expect(recordDash(idva.actor, opened.id, dashForm(opened.id, 20))).rejects.toThrow(/forced failure/);
    } finally {
      await ownerSql(`DROP TRIGGER test_refuse_risk_entry ON "TimelineEntry"`);
    }
    const after = await db.case.findUniqueOrThrow({ where: { id: opened.id } });
    expect({ riskLevel: after.riskLevel, version: after.version }).toEqual({ riskLevel: before.riskLevel, version: before.version });
    expect(await db.riskAssessment.count({ where: { caseId: opened.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityType: "RiskAssessment", detail: { path: ["caseId"], equals: opened.id } } })).toBe(0);
  });
});

describe("an assessment carried out on an earlier day (recorded afterwards)", () => {
  const OPENED = new Date("2019-01-07T10:00:00Z");

  /** A MARAC case opened on 7 January 2019, at standard risk. */
  async function openedIn2019() {
    const { idva, opened } = await maracCase();
    await db.case.update({ where: { id: opened.id }, data: { openedAt: OPENED } });
    return { idva, opened };
  }

  const onDay = (caseId: string, yes: number, d: number, m: number, y: number) =>
    dashForm(caseId, yes, "no", { "happenedOn-day": String(d), "happenedOn-month": String(m), "happenedOn-year": String(y) });

  it("is recorded on its day: assessedAt and its RISK_ASSESSED entry happen then; the audit entry keeps the typing date", async () => {
    const { idva, opened } = await openedIn2019();
    const recorded = await recordDash(idva.actor, opened.id, onDay(opened.id, 15, 1, 5, 2020));
    const stored = await db.riskAssessment.findUniqueOrThrow({ where: { id: recorded.id } });
    expect(stored.assessedAt.toISOString()).toBe("2020-05-01T11:00:00.000Z"); // midday, London summer time
    const entry = (await timelineOf(opened.id)).find((e) => e.kind === "RISK_ASSESSED")!;
    expect(entry.occurredAt.toISOString()).toBe("2020-05-01T11:00:00.000Z");
    expect(Date.now() - entry.recordedAt.getTime()).toBeLessThan(60_000);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: "CREATE", entityType: "RiskAssessment", entityId: recorded.id },
    });
    expect(audit.detail).toMatchObject({ happenedAt: "2020-05-01T11:00:00.000Z" });
    // The only assessment: it sets the case's level.
    expect((await db.case.findUniqueOrThrow({ where: { id: opened.id } })).riskLevel).toBe("HIGH");
  });

  it("a day in the future, or before the case was opened, is refused beside the date, and nothing is written", async () => {
    const { idva, opened } = await openedIn2019();
    const tomorrow = new Date(Date.now() + 36 * 3_600_000);
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" })
      .format(tomorrow)
      .split("/")
      .map(Number);
    const future = await recordDash(idva.actor, opened.id, onDay(opened.id, 15, parts[0]!, parts[1]!, parts[2]!)).catch((e: unknown) => e);
    expect((future as ValidationError).fieldErrors.happenedOn).toHaveLength(1);
    const before = await recordDash(idva.actor, opened.id, onDay(opened.id, 15, 6, 1, 2019)).catch((e: unknown) => e);
    expect((before as ValidationError).fieldErrors).toEqual({
      happenedOn: ["The date it happened must be on or after 07/01/2019, when the case was opened"],
    });
    const matrix = await recordRiskAssessment(
      idva.actor,
      opened.id,
      {
        kind: "ASB_MATRIX",
        personId: null,
        notes: null,
        answers: { harm: 4, likelihood: 4 },
        happenedOn: { year: 2018, month: 12, day: 1 },
      },
      randomUUID(),
    ).catch((e: unknown) => e);
    expect((matrix as ValidationError).fieldErrors.happenedOn).toHaveLength(1);
    expect(await db.riskAssessment.count({ where: { caseId: opened.id } })).toBe(0);
    expect((await timelineOf(opened.id)).filter((e) => e.kind === "RISK_ASSESSED")).toHaveLength(0);
  });

  it("never overrides a newer assessment: the case keeps the latest one's level, and the timeline says so", async () => {
    const { idva, opened } = await openedIn2019();
    await recordDash(idva.actor, opened.id, dashForm(opened.id, 14)); // today: high
    const before = await db.case.findUniqueOrThrow({ where: { id: opened.id } });
    await recordDash(idva.actor, opened.id, onDay(opened.id, 3, 20, 4, 2020)); // 2020: standard
    const after = await db.case.findUniqueOrThrow({ where: { id: opened.id } });
    expect({ riskLevel: after.riskLevel, version: after.version }).toEqual({ riskLevel: "HIGH", version: before.version });
    const entries = (await timelineOf(opened.id)).filter((e) => e.kind === "RISK_ASSESSED");
    expect(entries[0]!.summary).toMatch(/The case stays at high risk, set by a later assessment on \d\d\/\d\d\/\d{4}\.$/);
    // The history lists by the day each was carried out, the latest first.
    expect((await listRiskAssessments(idva.actor, opened.id)).rows.map((r) => r.level)).toEqual(["HIGH", "STANDARD"]);
  });

  it("a later one of two recorded afterwards sets the level, whatever order they are typed in", async () => {
    const { idva, opened } = await openedIn2019();
    await recordDash(idva.actor, opened.id, onDay(opened.id, 11, 10, 6, 2020)); // June 2020: medium
    await recordDash(idva.actor, opened.id, onDay(opened.id, 16, 10, 2, 2020)); // February 2020: high, but earlier
    expect((await db.case.findUniqueOrThrow({ where: { id: opened.id } })).riskLevel).toBe("MEDIUM");
    await recordDash(idva.actor, opened.id, onDay(opened.id, 2, 1, 9, 2020)); // September 2020: standard, the latest
    expect((await db.case.findUniqueOrThrow({ where: { id: opened.id } })).riskLevel).toBe("STANDARD");
  });

  it("never overrides a level changed on the case's details since", async () => {
    const { idva, opened } = await openedIn2019();
    const c = await db.case.findUniqueOrThrow({ where: { id: opened.id } });
    await updateCaseDetails(idva.actor, opened.id, c.version, {
      title: c.title,
      summary: c.summary,
      riskLevel: "HIGH",
      leadOrganisationId: c.leadOrganisationId,
      leadOfficerId: c.leadOfficerId,
    });
    await recordDash(idva.actor, opened.id, onDay(opened.id, 3, 20, 4, 2020));
    expect((await db.case.findUniqueOrThrow({ where: { id: opened.id } })).riskLevel).toBe("HIGH");
  });
});
