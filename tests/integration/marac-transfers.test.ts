import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { londonDateParts } from "@/lib/format/dates";
import { createReferral, getReferral, listReferrals, recordTransferOut, transferOutFormFor } from "@/lib/referrals/data";
import { ZReferralForm, ZTransferOutForm, type TransferOutInput } from "@/lib/referrals/schema";
import { ownerSql } from "@/tests/support/database-roles";
import { colleague, makeCase } from "@/tests/support/people-fixtures";
import { CASE_OPENED, errorOf, maracInput, QUERY, refer, world } from "./referrals-support";

// MARAC transfers as specifications. A transfer out (the victim has moved to another area) is
// recorded on the case by a MARAC panel member, never referred into our own chair's queue; anyone
// else is told the case does not exist, and the refusal is audited. A transfer in is a referral
// from another area's MARAC, triaged as usual, and the referral lists filter by it.

const transferOut = (overrides: Partial<TransferOutInput> = {}): TransferOutInput => ({
  area: "Ashcombe",
  reason: "The victim has moved to Ashcombe with her children.",
  transferredOn: { year: 2020, month: 6, day: 30 },
  ...overrides,
});

/** A London calendar day, as the form's date gives it. */
function londonDay(at: Date) {
  const { year, month, day } = londonDateParts(at);
  return { year: Number(year), month: Number(month), day: Number(day) };
}
const today = () => londonDay(new Date());
const tomorrow = () => londonDay(new Date(Date.now() + 36 * 3_600_000));

const refusals = (userId: string, caseId: string) =>
  db.auditEvent.count({ where: { action: "ACCESS_REFUSED", userId, entityType: "Case", entityId: caseId } });

describe("recording a MARAC case's transfer out", () => {
  it("a MARAC panel member records it on the case: the transfer, its TRANSFERRED_OUT entry on the day of the transfer and the audit entry", async () => {
    const w = await world();
    const { id, duplicate } = await recordTransferOut(w.maracMember, w.maracCase.id, transferOut(), randomUUID());
    expect(duplicate).toBe(false);

    const stored = await db.caseTransfer.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      caseId: w.maracCase.id,
      area: "Ashcombe",
      reason: "The victim has moved to Ashcombe with her children.",
      recordedById: w.maracMember.userId,
      organisationId: w.maracMember.organisationId,
    });
    expect(stored.transferredAt.toISOString()).toBe("2020-06-30T11:00:00.000Z"); // midday, London summer time
    const entry = await db.timelineEntry.findFirstOrThrow({ where: { caseId: w.maracCase.id, kind: "TRANSFERRED_OUT" } });
    expect(entry).toMatchObject({ subjectType: "CaseTransfer", subjectId: id });
    expect(entry.occurredAt.toISOString()).toBe("2020-06-30T11:00:00.000Z");
    expect(entry.summary).toContain("Transferred out to Ashcombe on 30/06/2020");
    expect(Date.now() - entry.recordedAt.getTime()).toBeLessThan(60_000);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "CREATE", entityType: "CaseTransfer", entityId: id } });
    expect(audit.detail).toMatchObject({ caseId: w.maracCase.id, area: "Ashcombe" });
    expect(JSON.stringify(audit.detail)).not.toContain("her children"); // the reason is case content
    // Never a referral: nothing reaches the chair's queue.
    expect(await db.referral.count({ where: { caseId: w.maracCase.id } })).toBe(0);
    // The transfer-out page lists it.
    expect((await transferOutFormFor(w.maracMember, w.maracCase.id)).transfers.map((t) => t.id)).toEqual([id]);
  });

  it("the same form posted twice records one transfer", async () => {
    const w = await world();
    const key = randomUUID();
    const first = await recordTransferOut(w.maracChair, w.maracCase.id, transferOut(), key);
    const again = await recordTransferOut(w.maracChair, w.maracCase.id, transferOut(), key);
    expect(again).toEqual({ id: first.id, duplicate: true });
    expect(await db.caseTransfer.count({ where: { caseId: w.maracCase.id } })).toBe(1);
    expect(await db.timelineEntry.count({ where: { caseId: w.maracCase.id, kind: "TRANSFERRED_OUT" } })).toBe(1);
  });

  it("the area, the date and the reason are required; the date is refused in the future or before the case was opened, beside it", async () => {
    const w = await world();
    const empty = ZTransferOutForm.safeParse({ submissionKey: randomUUID(), caseId: w.maracCase.id });
    expect(empty.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["area", "Enter the area the case is transferred to"],
      ["transferredOn", "Enter the date of the transfer"],
      ["reason", "Enter why the case is transferred"],
    ]);
    const future = await errorOf(
      recordTransferOut(w.maracMember, w.maracCase.id, transferOut({ transferredOn: tomorrow() }), randomUUID()),
    );
    expect((future as ValidationError).fieldErrors).toEqual({ transferredOn: ["The date it happened must be today or in the past"] });
    // The case was opened on 7 January 2019.
    expect(CASE_OPENED.toISOString().slice(0, 10)).toBe("2019-01-07");
    const before = await errorOf(
      recordTransferOut(w.maracMember, w.maracCase.id, transferOut({ transferredOn: { year: 2019, month: 1, day: 6 } }), randomUUID()),
    );
    expect((before as ValidationError).fieldErrors).toEqual({
      transferredOn: ["The date it happened must be on or after 07/01/2019, when the case was opened"],
    });
    expect(await db.caseTransfer.count({ where: { caseId: w.maracCase.id } })).toBe(0);
    expect(await db.timelineEntry.count({ where: { caseId: w.maracCase.id, kind: "TRANSFERRED_OUT" } })).toBe(0);
    // Today is accepted, as now.
    const now = await recordTransferOut(w.maracMember, w.maracCase.id, transferOut({ transferredOn: today() }), randomUUID());
    const stored = await db.caseTransfer.findUniqueOrThrow({ where: { id: now.id } });
    expect(Date.now() - stored.transferredAt.getTime()).toBeLessThan(60_000);
  });

  it("refused to anyone off the MARAC panel, by a guessed case id, exactly like a missing case, and audited", async () => {
    const w = await world();
    // The referrer sees the case (they opened it) but is on no panel; a colleague on no panel; a CCM chair.
    for (const outsider of [w.referrer, w.sameForceNoPanel, w.ccmChair]) {
      for (const caseId of [w.maracCase.id, randomUUID()]) {
        await expect(transferOutFormFor(outsider, caseId)).rejects.toBeInstanceOf(NotFoundError);
        await expect(recordTransferOut(outsider, caseId, transferOut(), randomUUID())).rejects.toBeInstanceOf(NotFoundError);
        expect(await refusals(outsider.userId, caseId)).toBe(2);
      }
    }
    expect(await db.caseTransfer.count({ where: { caseId: w.maracCase.id } })).toBe(0);
    expect(await db.timelineEntry.count({ where: { caseId: w.maracCase.id, kind: "TRANSFERRED_OUT" } })).toBe(0);
  });

  it("refused to a MARAC panel member who may not change cases, and on a case that is not a MARAC case", async () => {
    const w = await world();
    const viewer = (await colleague(w.police.organisation.id, { role: "VIEWER", panels: ["MARAC"] })).actor;
    await expect(recordTransferOut(viewer, w.maracCase.id, transferOut(), randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(viewer.userId, w.maracCase.id)).toBe(1);

    const asb = await makeCase({ leadOrganisationId: w.maracMember.organisationId, createdById: w.maracMember.userId });
    await expect(transferOutFormFor(w.maracMember, asb.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(recordTransferOut(w.maracMember, asb.id, transferOut(), randomUUID())).rejects.toBeInstanceOf(NotFoundError);
    expect(await refusals(w.maracMember.userId, asb.id)).toBe(2);
    expect(await db.caseTransfer.count({ where: { caseId: asb.id } })).toBe(0);
  });

  it("a failure while writing the timeline entry leaves no transfer and no audit entry", async () => {
    const w = await world();
    await ownerSql(`
      CREATE OR REPLACE FUNCTION test_refuse_transfer_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.kind = 'TRANSFERRED_OUT' THEN RAISE EXCEPTION 'forced failure for the test'; END IF;
        RETURN NEW;
      END $$`);
    await ownerSql(
      `CREATE TRIGGER test_refuse_transfer_entry BEFORE INSERT ON "TimelineEntry" FOR EACH ROW EXECUTE FUNCTION test_refuse_transfer_entry()`,
    );
    try {
      await expect(recordTransferOut(w.maracMember, w.maracCase.id, transferOut(), randomUUID())).rejects.toThrow(/forced failure/);
    } finally {
      await ownerSql(`DROP TRIGGER test_refuse_transfer_entry ON "TimelineEntry"`);
    }
    expect(await db.caseTransfer.count({ where: { caseId: w.maracCase.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityType: "CaseTransfer", detail: { path: ["caseId"], equals: w.maracCase.id } } })).toBe(
      0,
    );
  });
});

describe("transfers and referrals", () => {
  it("the referral form no longer makes a transfer out; one made before stays readable", async () => {
    const w = await world();
    const parsed = ZReferralForm.safeParse({
      submissionKey: randomUUID(),
      caseId: w.maracCase.id,
      panel: "MARAC",
      reason: "Moving away",
      grounds: "POTENTIAL_ESCALATION",
      transferDirection: "TRANSFER_OUT",
      transferArea: "Ashcombe",
    });
    expect(parsed.error?.issues.map((i) => i.path.join("."))).toEqual(["transferDirection"]);

    const old = await db.referral.create({
      data: {
        reference: `REF-2024-T${randomUUID().slice(0, 5)}`,
        caseId: w.maracCase.id,
        panel: "MARAC",
        referringOrganisationId: w.police.organisation.id,
        referringUserId: w.referrer.userId,
        reason: "Moving away",
        grounds: ["POTENTIAL_ESCALATION"],
        transferDirection: "TRANSFER_OUT",
        transferArea: "Barchester",
        status: "DECLINED",
      },
    });
    expect(await getReferral(w.maracMember, old.id)).toMatchObject({ transferDirection: "TRANSFER_OUT", transferArea: "Barchester" });
  });

  it("a transfer in names the other area, is triaged as usual, and the lists filter by it (the queue and my referrals)", async () => {
    const w = await world();
    const other = await makeCase({ leadOrganisationId: w.police.organisation.id, createdById: w.referrer.userId, kind: "MARAC" });
    const form = ZReferralForm.parse({
      submissionKey: randomUUID(),
      caseId: w.maracCase.id,
      panel: "MARAC",
      reason: "Heard at Ashcombe MARAC; the victim has moved here",
      grounds: "PROFESSIONAL_JUDGEMENT",
      transferDirection: "TRANSFER_IN",
      transferArea: "Ashcombe",
    });
    const { id: transferIn } = await createReferral(w.referrer, form.input, form.submissionKey);
    const { id: plain } = await refer(w.referrer, maracInput(other.id));
    expect(await db.referral.findUniqueOrThrow({ where: { id: transferIn } })).toMatchObject({
      transferDirection: "TRANSFER_IN",
      transferArea: "Ashcombe",
      status: "PENDING",
    });
    const entry = await db.timelineEntry.findFirstOrThrow({ where: { caseId: w.maracCase.id, kind: "REFERRED" } });
    expect(entry.summary).toContain("transfer in from Ashcombe");
    // An area is required for a transfer in.
    expect(
      ZReferralForm.safeParse({
        ...form,
        submissionKey: randomUUID(),
        caseId: w.maracCase.id,
        panel: "MARAC",
        reason: "x",
        transferDirection: "TRANSFER_IN",
      }).error?.issues.map((i) => [i.path.join("."), i.message]),
    ).toContainEqual(["transferArea", "Enter the area the case is transferred from"]);

    const ids = async (scope: "mine" | "triage", transfer?: "in" | "none") =>
      (await listReferrals(scope === "mine" ? w.referrer : w.maracChair, scope, transfer ? { transfer } : {}, QUERY)).rows.map((r) => r.id);
    for (const scope of ["mine", "triage"] as const) {
      expect(await ids(scope)).toEqual(expect.arrayContaining([transferIn, plain]));
      expect(await ids(scope, "in")).toContain(transferIn);
      expect(await ids(scope, "in")).not.toContain(plain);
      expect(await ids(scope, "none")).toContain(plain);
      expect(await ids(scope, "none")).not.toContain(transferIn);
    }
    const row = (await listReferrals(w.maracChair, "triage", { transfer: "in" }, QUERY)).rows.find((r) => r.id === transferIn);
    expect(row).toMatchObject({ transferDirection: "TRANSFER_IN", transferArea: "Ashcombe" });
  });
});
