import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import {
  addReferralInformation,
  countAwaitingTriage,
  createReferral,
  getReferral,
  listReferrals,
  referralsNeedingInformation,
  ReferralChangedError,
  triageReferral,
  withdrawalFor,
  withdrawReferral,
} from "@/lib/referrals/data";
import { ZReferralForm, ZTriageForm } from "@/lib/referrals/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { agency, colleague, makeCase, makeIncident } from "@/tests/support/people-fixtures";
import { dash, errorOf, maracInput, meeting, QUERY, refer, world } from "./referrals-support";

// Referrals and the chair's triage as specifications, from the referrer's, the chair's and an
// outsider's side: the repeat flag is computed, only the panel's chair decides, and a MARAC
// referral does not exist for anyone outside the MARAC panel except the officer who made it.

describe("the repeat flag (computed, never typed)", () => {
  const T0 = new Date("2024-01-10T10:00:00Z");
  const monthsAfter = (months: number, days = 0) => {
    const d = new Date(T0);
    d.setUTCMonth(d.getUTCMonth() + months);
    return new Date(d.getTime() + days * 86_400_000);
  };

  async function previousReferralThenIncident(incidentMonths: number) {
    const w = await world();
    const first = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id }), T0);
    await db.referral.update({ where: { id: first.id }, data: { status: "ACCEPTED" } });
    await makeIncident({
      organisationId: w.police.organisation.id,
      officerId: w.referrer.userId,
      people: [[w.victim.id, "VICTIM"]],
      occurredAt: monthsAfter(incidentMonths),
    });
    return w;
  }

  it("a further incident 11 months after the victim's last MARAC referral makes the new referral a repeat", async () => {
    const w = await previousReferralThenIncident(11);
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id }), monthsAfter(11, 3));
    const stored = await db.referral.findUniqueOrThrow({ where: { id } });
    expect(stored.isRepeat).toBe(true);
    expect(stored.grounds).toEqual(["PROFESSIONAL_JUDGEMENT", "REPEAT"]);
  });

  it("a further incident 13 months after the last MARAC referral does not", async () => {
    const w = await previousReferralThenIncident(13);
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id }), monthsAfter(13, 3));
    const stored = await db.referral.findUniqueOrThrow({ where: { id } });
    expect(stored.isRepeat).toBe(false);
    expect(stored.grounds).toEqual(["PROFESSIONAL_JUDGEMENT"]);
  });

  it("a declined earlier referral does not count as the last MARAC referral", async () => {
    const w = await world();
    const first = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id }), T0);
    await db.referral.update({ where: { id: first.id }, data: { status: "DECLINED" } });
    await makeIncident({
      organisationId: w.police.organisation.id,
      officerId: w.referrer.userId,
      people: [[w.victim.id, "VICTIM"]],
      occurredAt: monthsAfter(2),
    });
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id }), monthsAfter(2, 3));
    expect((await db.referral.findUniqueOrThrow({ where: { id } })).isRepeat).toBe(false);
  });

  it("nobody can type the repeat ground: the form refuses it", () => {
    const parsed = ZReferralForm.safeParse({
      submissionKey: randomUUID(),
      caseId: randomUUID(),
      panel: "MARAC",
      reason: "Because",
      grounds: ["REPEAT"],
    });
    expect(parsed.success).toBe(false);
  });
});

describe("making a referral", () => {
  it("records a gap-free REF reference, the REFERRED timeline entry and the audit entry; the referrer's organisation is their own", async () => {
    const w = await world();
    await dash(w.maracCase.id, 15, w.referrer);
    const { id } = await refer(
      w.referrer,
      maracInput(w.maracCase.id, { grounds: ["VISIBLE_HIGH_RISK"], victimPersonId: w.victim.id, perpetratorPersonId: w.perpetrator.id }),
    );
    const stored = await db.referral.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({
      panel: "MARAC",
      status: "PENDING",
      referringUserId: w.referrer.userId,
      referringOrganisationId: w.police.organisation.id,
      childrenInHousehold: 2,
    });
    expect(stored.reference).toMatch(/^REF-\d{4}-\d{6}$/);
    const entry = await db.timelineEntry.findFirst({ where: { caseId: w.maracCase.id, kind: "REFERRED" } });
    expect(entry?.summary).toContain(`Referred to the MARAC (${stored.reference})`);
    expect(entry?.summary).toContain("visible high risk");
    expect(await db.auditEvent.count({ where: { action: "CREATE", entityType: "Referral", entityId: id } })).toBe(1);
  });

  it("visible high risk is refused when the case's latest DASH scores under 14", async () => {
    const w = await world();
    await dash(w.maracCase.id, 16, w.referrer, new Date(Date.now() - 86_400_000));
    await dash(w.maracCase.id, 13, w.referrer);
    const attempt = refer(w.referrer, maracInput(w.maracCase.id, { grounds: ["VISIBLE_HIGH_RISK"] }));
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ fieldErrors: { grounds: [expect.stringContaining("scored 13")] } });
    expect(await db.referral.count({ where: { caseId: w.maracCase.id } })).toBe(0);
  });

  it("a replayed form (double click, refresh) makes one referral, not two", async () => {
    const w = await world();
    const key = randomUUID();
    const first = await createReferral(w.referrer, maracInput(w.maracCase.id), key);
    const again = await createReferral(w.referrer, maracInput(w.maracCase.id), key);
    expect(again).toEqual({ id: first.id, duplicate: true });
    expect(await db.referral.count({ where: { caseId: w.maracCase.id } })).toBe(1);
    expect(await db.timelineEntry.count({ where: { caseId: w.maracCase.id, kind: "REFERRED" } })).toBe(1);
  });

  it("a case already waiting for triage at the panel cannot be referred again", async () => {
    const w = await world();
    await refer(w.referrer, maracInput(w.maracCase.id));
    await expect(refer(w.referrer, maracInput(w.maracCase.id))).rejects.toBeInstanceOf(ConflictError);
  });

  it("a MARAC case goes to the MARAC only, an ASB case to the CCM only; victims come from the case", async () => {
    const w = await world();
    await expect(refer(w.referrer, { ...maracInput(w.maracCase.id), panel: "CCM", grounds: [] })).rejects.toMatchObject({
      fieldErrors: { panel: [expect.any(String)] },
    });
    const asb = await makeCase({ leadOrganisationId: w.police.organisation.id, createdById: w.referrer.userId });
    await expect(refer(w.referrer, maracInput(asb.id))).rejects.toMatchObject({ fieldErrors: { panel: [expect.any(String)] } });
    await expect(refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.perpetrator.id }))).rejects.toMatchObject({
      fieldErrors: { victimPersonId: [expect.any(String)] },
    });
  });

  it("an officer who cannot see the case cannot refer it (answered as not found)", async () => {
    const w = await world();
    await expect(refer(w.sameForceNoPanel, maracInput(w.maracCase.id))).rejects.toBeInstanceOf(NotFoundError);
  });

  it("transfers in from another area's MARAC are recorded as such", async () => {
    const w = await world();
    const parsed = ZReferralForm.parse({
      submissionKey: randomUUID(),
      caseId: w.maracCase.id,
      panel: "MARAC",
      reason: "Moved here",
      grounds: "POTENTIAL_ESCALATION",
      transferDirection: "TRANSFER_IN",
      transferArea: "Ashcombe",
    });
    const { id } = await createReferral(w.referrer, parsed.input, parsed.submissionKey);
    expect(await db.referral.findUniqueOrThrow({ where: { id } })).toMatchObject({
      transferDirection: "TRANSFER_IN",
      transferArea: "Ashcombe",
    });
    expect(
      ZReferralForm.safeParse({
        submissionKey: randomUUID(),
        caseId: w.maracCase.id,
        panel: "MARAC",
        reason: "x",
        grounds: "POTENTIAL_ESCALATION",
        transferDirection: "TRANSFER_OUT",
      }).success,
    ).toBe(false);
  });
});

describe("who sees a MARAC referral", () => {
  it("someone outside the MARAC panel gets not found by a guessed id (audited), and never sees it listed or counted", async () => {
    const w = await world();
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id));
    for (const outsider of [w.ccmChair, w.sameForceNoPanel]) {
      await expect(getReferral(outsider, id)).rejects.toBeInstanceOf(NotFoundError);
      expect(
        await db.auditEvent.count({ where: { action: "ACCESS_REFUSED", entityType: "Referral", entityId: id, userId: outsider.userId } }),
      ).toBe(1);
      expect((await listReferrals(outsider, "mine", {}, QUERY)).rows.map((r) => r.id)).not.toContain(id);
      expect((await listReferrals(outsider, "triage", {}, QUERY)).rows.map((r) => r.id)).not.toContain(id);
    }
    expect(await countAwaitingTriage(w.ccmChair)).toEqual([{ panel: "CCM", pending: expect.any(Number) }]);
    expect((await listReferrals(w.ccmChair, "triage", { panel: "MARAC" }, QUERY)).total).toBe(0);
    // An unknown id answers exactly the same.
    await expect(getReferral(w.ccmChair, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });

  it("MARAC panel members see it with the facts to decide; the chair sees it in the triage queue and counted", async () => {
    const w = await world();
    await dash(w.maracCase.id, 15, w.referrer);
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id }));
    const seen = await getReferral(w.maracMember, id);
    expect(seen.facts?.latestDash?.score).toBe(15);
    expect(seen.mayTriage).toBe(false);
    expect((await listReferrals(w.maracChair, "triage", {}, QUERY)).rows.map((r) => r.id)).toContain(id);
    const counts = await countAwaitingTriage(w.maracChair);
    expect(counts.find((c) => c.panel === "MARAC")?.pending).toBeGreaterThanOrEqual(1);
    expect((await getReferral(w.maracChair, id)).mayTriage).toBe(true);
  });

  it("the referrer, on no panel, follows their own referral's status but not the panel's facts", async () => {
    const w = await world();
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id));
    const own = await getReferral(w.referrer, id);
    expect(own.status).toBe("PENDING");
    expect(own.facts).toBeNull();
    expect(own.mayTriage).toBe(false);
    expect((await listReferrals(w.referrer, "mine", {}, QUERY)).rows.map((r) => r.id)).toContain(id);
    // A colleague of the referrer is not the referrer.
    const colleagueOfReferrer = (await colleague(w.police.organisation.id)).actor;
    await expect(getReferral(colleagueOfReferrer, id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("who sees a CCM referral", () => {
  it("CCM panel members and users of the organisations on the case; nobody else", async () => {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const unrelated = await agency({ kind: "FIRE" });
    const ccmMember = (await agency({ kind: "PROBATION", panels: ["CCM"] })).actor;
    const asb = await makeCase({
      leadOrganisationId: council.organisation.id,
      createdById: council.user.id,
      sharedWith: [housing.organisation.id],
    });
    const { id } = await refer(council.actor, { ...maracInput(asb.id), panel: "CCM", grounds: [] });
    await expect(getReferral(ccmMember, id)).resolves.toMatchObject({ panel: "CCM" });
    await expect(getReferral(housing.actor, id)).resolves.toMatchObject({ panel: "CCM" });
    await expect(getReferral(unrelated.actor, id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("triage by the panel's chair", () => {
  async function pending() {
    const w = await world();
    await dash(w.maracCase.id, 15, w.referrer);
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id, { grounds: ["VISIBLE_HIGH_RISK"], victimPersonId: w.victim.id }));
    const m = await meeting("MARAC", w.maracChair.userId);
    return { ...w, id, meeting: m };
  }

  it("the chair accepts onto a scheduled meeting: the case joins the agenda as the last item, in the same transaction as the decision", async () => {
    const w = await pending();
    const otherCase = await makeCase({ leadOrganisationId: w.police.organisation.id, createdById: w.referrer.userId, kind: "MARAC" });
    await db.agendaItem.create({ data: { meetingId: w.meeting.id, caseId: otherCase.id, position: 3, reason: "REVIEW" } });
    await triageReferral(w.maracChair, w.id, 1, { outcome: "ACCEPTED", meetingId: w.meeting.id, note: null });
    const item = await db.agendaItem.findUniqueOrThrow({
      where: { meetingId_caseId: { meetingId: w.meeting.id, caseId: w.maracCase.id } },
    });
    expect(item).toMatchObject({ referralId: w.id, reason: "REFERRAL", position: 4 });
    expect(await db.referral.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({
      status: "ACCEPTED",
      triagedById: w.maracChair.userId,
      version: 2,
    });
    expect(await db.referralTriage.findMany({ where: { referralId: w.id } })).toMatchObject([
      { outcome: "ACCEPTED", decidedById: w.maracChair.userId },
    ]);
    expect((await db.timelineEntry.findFirst({ where: { caseId: w.maracCase.id, kind: "TRIAGED" } }))?.summary).toContain(
      `Listed for ${w.meeting.reference}`,
    );
    expect(await db.auditEvent.count({ where: { action: "UPDATE", entityType: "Referral", entityId: w.id } })).toBe(1);
  });

  it("accepting onto a meeting that is not a scheduled meeting of the panel is refused, and nothing changes", async () => {
    const w = await pending();
    const closed = await meeting("MARAC", w.maracChair.userId, "CLOSED");
    const ccm = await meeting("CCM", w.ccmChair.userId);
    for (const m of [closed, ccm]) {
      await expect(triageReferral(w.maracChair, w.id, 1, { outcome: "ACCEPTED", meetingId: m.id, note: null })).rejects.toMatchObject({
        fieldErrors: { meetingId: [expect.any(String)] },
      });
    }
    expect(await db.referral.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({ status: "PENDING", version: 1 });
    expect(await db.agendaItem.count({ where: { caseId: w.maracCase.id } })).toBe(0);
  });

  it("only the chair of that panel triages: a CCM chair gets not found, a MARAC member who is not a chair is refused", async () => {
    const w = await pending();
    await expect(triageReferral(w.ccmChair, w.id, 1, { outcome: "DECLINED", meetingId: null, note: "No" })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(triageReferral(w.maracMember, w.id, 1, { outcome: "DECLINED", meetingId: null, note: "No" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await expect(triageReferral(w.referrer, w.id, 1, { outcome: "ACCEPTED", meetingId: w.meeting.id, note: null })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await db.referral.findUniqueOrThrow({ where: { id: w.id } })).status).toBe("PENDING");
  });

  it("declining needs a reason, kept in the triage history", async () => {
    const w = await pending();
    const form = ZTriageForm.safeParse({ referralId: w.id, version: "1", outcome: "DECLINED", note: "  " });
    expect(form.success).toBe(false);
    expect(form.error?.issues[0]?.path).toEqual(["note"]);
    await expect(triageReferral(w.maracChair, w.id, 1, { outcome: "DECLINED", meetingId: null, note: null })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await triageReferral(w.maracChair, w.id, 1, {
      outcome: "DECLINED",
      meetingId: null,
      note: "Below threshold; refer to the IDVA service.",
    });
    expect(await db.referralTriage.findMany({ where: { referralId: w.id } })).toMatchObject([
      { outcome: "DECLINED", note: "Below threshold; refer to the IDVA service." },
    ]);
  });

  it("two chairs deciding at once: one decision stands, the other is refused", async () => {
    const w = await pending();
    const results = await Promise.allSettled([
      triageReferral(w.maracChair, w.id, 1, { outcome: "ACCEPTED", meetingId: w.meeting.id, note: null }),
      triageReferral(w.otherMaracChair, w.id, 1, { outcome: "DECLINED", meetingId: null, note: "Not MARAC" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ReferralChangedError);
    expect(await db.referralTriage.count({ where: { referralId: w.id } })).toBe(1);
    // A form opened before the decision is refused too.
    await expect(
      triageReferral(w.otherMaracChair, w.id, 1, { outcome: "MORE_INFO_REQUESTED", meetingId: null, note: "?" }),
    ).rejects.toBeInstanceOf(ReferralChangedError);
  });

  it("asking for more information sends it back to the referrer's dashboard; their answer puts it back in the queue", async () => {
    const w = await pending();
    await triageReferral(w.maracChair, w.id, 1, {
      outcome: "MORE_INFO_REQUESTED",
      meetingId: null,
      note: "Has the victim been offered an IDVA?",
    });
    expect((await referralsNeedingInformation(w.referrer)).map((r) => r.id)).toEqual([w.id]);
    expect((await listReferrals(w.maracChair, "triage", { status: "MORE_INFO_REQUESTED" }, QUERY)).rows.map((r) => r.id)).toContain(w.id);
    // Only the referrer answers.
    await expect(addReferralInformation(w.maracMember, w.id, 2, "Yes")).rejects.toBeInstanceOf(ForbiddenError);
    await addReferralInformation(w.referrer, w.id, 2, "Yes: the IDVA made contact on Monday.");
    expect(await db.referral.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({ status: "PENDING", version: 3 });
    expect(await referralsNeedingInformation(w.referrer)).toEqual([]);
    const history = (await getReferral(w.maracChair, w.id)).history;
    expect(history.map((h) => [h.outcome, h.byReferrer])).toEqual([
      ["MORE_INFO_REQUESTED", false],
      ["PENDING", true],
    ]);
  });
});

describe("withdrawing a referral", () => {
  /** A MARAC referral by the police detective (on no panel), awaiting triage. */
  async function pendingMarac() {
    const w = await world();
    const { id } = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id }));
    return { ...w, id };
  }

  /** A CCM referral by a council officer of a case the council leads and shares with housing. */
  async function pendingCcm() {
    const council = await agency({ kind: "LOCAL_AUTHORITY" });
    const housing = await agency({ kind: "HOUSING_PROVIDER" });
    const asb = await makeCase({
      leadOrganisationId: council.organisation.id,
      createdById: council.user.id,
      sharedWith: [housing.organisation.id],
    });
    const { id } = await refer(council.actor, { ...maracInput(asb.id), panel: "CCM", grounds: [] });
    const ccmChair = (await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["CCM"] })).actor;
    return { council, housing, asb, id, ccmChair };
  }

  const unchanged = async (id: string, status = "PENDING", version = 1) => {
    expect(await db.referral.findUniqueOrThrow({ where: { id } })).toMatchObject({ status, version });
    expect(await db.referralTriage.count({ where: { referralId: id, outcome: "WITHDRAWN" } })).toBe(0);
  };

  it("the referrer withdraws with a reason: it leaves the triage queue; the history shows who, when and why; the timeline and the audit trail have it", async () => {
    const w = await pendingMarac();
    expect((await listReferrals(w.maracChair, "triage", {}, QUERY)).rows.map((r) => r.id)).toContain(w.id);
    const before = (await countAwaitingTriage(w.maracChair)).find((c) => c.panel === "MARAC")!.pending;
    const at = new Date();
    await withdrawReferral(w.referrer, w.id, 1, "The victim has moved to Ashcombe; referred to their MARAC instead.", at);

    expect(await db.referral.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({ status: "WITHDRAWN", version: 2 });
    expect((await listReferrals(w.maracChair, "triage", {}, QUERY)).rows.map((r) => r.id)).not.toContain(w.id);
    expect((await countAwaitingTriage(w.maracChair)).find((c) => c.panel === "MARAC")!.pending).toBe(before - 1);
    // The chair sees it, withdrawn, with nothing left to decide.
    const seen = await getReferral(w.maracChair, w.id);
    expect(seen).toMatchObject({ status: "WITHDRAWN", mayTriage: false, mayWithdraw: false });
    expect(seen.history).toEqual([
      expect.objectContaining({
        outcome: "WITHDRAWN",
        step: "withdrawn",
        decidedBy: (await db.user.findUniqueOrThrow({ where: { id: w.referrer.userId } })).name,
        decidedAt: at,
        note: "The victim has moved to Ashcombe; referred to their MARAC instead.",
      }),
    ]);
    const entry = await db.timelineEntry.findFirstOrThrow({
      where: { caseId: w.maracCase.id, subjectId: w.id, detail: { path: ["withdrawn"], equals: true } },
    });
    expect(entry.summary).toContain(`MARAC referral ${seen.reference} withdrawn by ${w.referrer.name}`);
    expect(entry.summary).toContain("moved to Ashcombe");
    const audited = await db.auditEvent.findFirstOrThrow({
      where: { action: "UPDATE", entityType: "Referral", entityId: w.id, userId: w.referrer.userId },
    });
    expect(audited.detail).toMatchObject({ status: { from: "PENDING", to: "WITHDRAWN" } });
    // The referrer's list shows it as withdrawn; the case can be referred again.
    expect((await listReferrals(w.referrer, "mine", {}, QUERY)).rows.find((r) => r.id === w.id)?.status).toBe("WITHDRAWN");
    await expect(refer(w.referrer, maracInput(w.maracCase.id))).resolves.toMatchObject({ duplicate: false });
  });

  it("a referral sent back for more information can be withdrawn instead of answered; it leaves the referrer's dashboard", async () => {
    const w = await pendingMarac();
    await triageReferral(w.maracChair, w.id, 1, { outcome: "MORE_INFO_REQUESTED", meetingId: null, note: "Has an IDVA been offered?" });
    expect((await getReferral(w.referrer, w.id)).mayWithdraw).toBe(true);
    await withdrawReferral(w.referrer, w.id, 2, "Risk now managed by the IDVA service.");
    expect(await referralsNeedingInformation(w.referrer)).toEqual([]);
    expect((await listReferrals(w.maracChair, "triage", { status: "MORE_INFO_REQUESTED" }, QUERY)).rows.map((r) => r.id)).not.toContain(
      w.id,
    );
    expect((await getReferral(w.maracChair, w.id)).history.map((h) => h.step)).toEqual(["decision", "withdrawn"]);
  });

  it("a manager of the referring organisation may withdraw it; a colleague who is not a manager, the chair and a partner sharing the case may not", async () => {
    const c = await pendingCcm();
    const officerColleague = (await colleague(c.council.organisation.id)).actor;
    for (const refused of [officerColleague, c.ccmChair, c.housing.actor]) {
      await expect(getReferral(refused, c.id)).resolves.toMatchObject({ mayWithdraw: false });
      expect((await withdrawalFor(refused, c.id)).refusal).toMatch(
        /Only the officer who made a referral, or a manager of their organisation/,
      );
      await expect(withdrawReferral(refused, c.id, 1, "Not mine to withdraw")).rejects.toBeInstanceOf(ForbiddenError);
    }
    await unchanged(c.id);
    // A manager of another organisation that can see it is no more than a partner.
    const housingManager = (await colleague(c.housing.organisation.id, { role: "MANAGER" })).actor;
    await expect(withdrawReferral(housingManager, c.id, 1, "Not ours")).rejects.toBeInstanceOf(ForbiddenError);
    await unchanged(c.id);

    const manager = (await colleague(c.council.organisation.id, { role: "MANAGER" })).actor;
    expect((await withdrawalFor(manager, c.id)).refusal).toBeNull();
    await withdrawReferral(manager, c.id, 1, "The officer is on leave; the family has moved away.");
    expect((await db.referralTriage.findFirstOrThrow({ where: { referralId: c.id } })).decidedById).toBe(manager.userId);
  });

  it("another organisation's officer who cannot see the referral gets not found (audited), and nothing changes", async () => {
    const c = await pendingCcm();
    const unrelated = await agency({ kind: "FIRE" });
    await expect(withdrawReferral(unrelated.actor, c.id, 1, "Guessing")).rejects.toBeInstanceOf(NotFoundError);
    await expect(withdrawalFor(unrelated.actor, c.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(
      await db.auditEvent.count({
        where: { action: "ACCESS_REFUSED", entityType: "Referral", entityId: c.id, userId: unrelated.actor.userId },
      }),
    ).toBe(2);
    await unchanged(c.id);
  });

  it("a MARAC referral does not exist for anyone off the panel but its referrer: a manager of the referrer's force on no panel gets not found too", async () => {
    const w = await pendingMarac();
    const forceManager = (await colleague(w.police.organisation.id, { role: "MANAGER" })).actor;
    for (const outsider of [w.sameForceNoPanel, w.ccmChair, forceManager]) {
      await expect(withdrawReferral(outsider, w.id, 1, "Guessing")).rejects.toBeInstanceOf(NotFoundError);
      await expect(withdrawalFor(outsider, w.id)).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(withdrawReferral(w.ccmChair, randomUUID(), 1, "Guessing")).rejects.toBeInstanceOf(NotFoundError);
    await unchanged(w.id);
    // A manager of the force who sits on the MARAC sees it, and may withdraw it.
    const maracManager = (await colleague(w.police.organisation.id, { role: "MANAGER", panels: ["MARAC"] })).actor;
    await withdrawReferral(maracManager, w.id, 1, "Duplicate of another force's referral.");
    expect((await db.referral.findUniqueOrThrow({ where: { id: w.id } })).status).toBe("WITHDRAWN");
  });

  it("a replayed or out-of-date form is refused and changes nothing", async () => {
    const w = await pendingMarac();
    // The chair asks for more information while the referrer's page is open at version 1.
    await triageReferral(w.maracChair, w.id, 1, { outcome: "MORE_INFO_REQUESTED", meetingId: null, note: "Children's ages?" });
    const timeline = await db.timelineEntry.count({ where: { caseId: w.maracCase.id } });
    const stale = await errorOf(withdrawReferral(w.referrer, w.id, 1, "Out of date form"));
    expect(stale).toBeInstanceOf(ReferralChangedError);
    expect((stale as Error).message).toMatch(/Someone else has dealt with this referral since you opened it/);
    await unchanged(w.id, "MORE_INFO_REQUESTED", 2);
    expect(await db.timelineEntry.count({ where: { caseId: w.maracCase.id } })).toBe(timeline);
    // The same withdrawal posted twice: the second is refused; one history row, one timeline entry.
    await withdrawReferral(w.referrer, w.id, 2, "Posted twice");
    await expect(withdrawReferral(w.referrer, w.id, 2, "Posted twice")).rejects.toBeInstanceOf(ReferralChangedError);
    expect(await db.referralTriage.count({ where: { referralId: w.id, outcome: "WITHDRAWN" } })).toBe(1);
    expect(await db.timelineEntry.count({ where: { caseId: w.maracCase.id } })).toBe(timeline + 1);
  });

  it("an accepted or declined referral cannot be withdrawn, even with an up-to-date form", async () => {
    const w = await pendingMarac();
    const m = await meeting("MARAC", w.maracChair.userId);
    await triageReferral(w.maracChair, w.id, 1, { outcome: "ACCEPTED", meetingId: m.id, note: null });
    const error = await errorOf(withdrawReferral(w.referrer, w.id, 2, "Too late"));
    expect(error).toBeInstanceOf(ReferralChangedError);
    expect((error as Error).message).toMatch(/can no longer be withdrawn\. It has been accepted onto a MARAC meeting's agenda/);
    await unchanged(w.id, "ACCEPTED", 2);
    expect(await db.agendaItem.count({ where: { meetingId: m.id, referralId: w.id } })).toBe(1);
    expect((await withdrawalFor(w.referrer, w.id)).refusal).toMatch(/accepted onto a MARAC meeting's agenda/);
    expect((await getReferral(w.referrer, w.id)).mayWithdraw).toBe(false);

    const d = await pendingMarac();
    await triageReferral(d.maracChair, d.id, 1, { outcome: "DECLINED", meetingId: null, note: "Below threshold" });
    await expect(withdrawReferral(d.referrer, d.id, 2, "Too late")).rejects.toBeInstanceOf(ReferralChangedError);
    await unchanged(d.id, "DECLINED", 2);
  });

  it("the referrer withdrawing while the chair decides: one of them wins, the other is refused", async () => {
    const w = await pendingMarac();
    const results = await Promise.allSettled([
      withdrawReferral(w.referrer, w.id, 1, "No longer needed"),
      triageReferral(w.maracChair, w.id, 1, { outcome: "DECLINED", meetingId: null, note: "Not MARAC" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toBeInstanceOf(ReferralChangedError);
    expect(await db.referralTriage.count({ where: { referralId: w.id } })).toBe(1);
  });

  it("a withdrawn MARAC referral is not the victim's last MARAC referral for the repeat flag; the same referral left standing is", async () => {
    const T0 = new Date("2024-03-05T10:00:00Z");
    const twoMonthsOn = new Date("2024-05-05T10:00:00Z");
    const referAgain = new Date("2024-05-08T10:00:00Z");
    async function laterReferral(withdrawFirst: boolean) {
      const w = await world();
      const first = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id }), T0);
      if (withdrawFirst) await withdrawReferral(w.referrer, first.id, 1, "Made in error", T0);
      else await db.referral.update({ where: { id: first.id }, data: { status: "ACCEPTED" } });
      await makeIncident({
        organisationId: w.police.organisation.id,
        officerId: w.referrer.userId,
        people: [[w.victim.id, "VICTIM"]],
        occurredAt: twoMonthsOn,
      });
      const { id } = await refer(w.referrer, maracInput(w.maracCase.id, { victimPersonId: w.victim.id }), referAgain);
      return db.referral.findUniqueOrThrow({ where: { id } });
    }
    expect(await laterReferral(true)).toMatchObject({ isRepeat: false, grounds: ["PROFESSIONAL_JUDGEMENT"] });
    expect(await laterReferral(false)).toMatchObject({ isRepeat: true, grounds: ["PROFESSIONAL_JUDGEMENT", "REPEAT"] });
  });
});
