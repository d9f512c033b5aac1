import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { Panel } from "@/lib/generated/prisma/enums";
import { createReferral } from "@/lib/referrals/data";
import type { ReferralInput } from "@/lib/referrals/schema";
import { agency, colleague, makeCase, makePerson } from "@/tests/support/people-fixtures";

// Builders for the referral, triage and transfer tests: a police force with a MARAC case, its
// MARAC chair, members and outsiders, and what the referral form sends.

export const QUERY = { page: 1, pageSize: 25, skip: 0, sort: "referred" as const, dir: "desc" as const };
const unique = () => randomUUID().slice(0, 8);
export const CASE_OPENED = new Date("2019-01-07T10:00:00Z");

export async function dash(caseId: string, score: number, by: { userId: string; organisationId: string }, assessedAt = new Date()) {
  return db.riskAssessment.create({
    data: {
      caseId,
      kind: "DASH",
      answers: {},
      score,
      level: score >= 14 ? "HIGH" : score >= 10 ? "MEDIUM" : "STANDARD",
      assessedById: by.userId,
      organisationId: by.organisationId,
      assessedAt,
    },
  });
}

export async function meeting(panel: Panel, chairId: string, status: "SCHEDULED" | "CLOSED" = "SCHEDULED") {
  return db.meeting.create({
    data: { reference: `MTG-TEST-${unique()}`, panel, startsAt: new Date(Date.now() + 7 * 86_400_000), chairId, status },
  });
}

/** A police force with a MARAC detective (the referrer, on no panel), its MARAC chair and a MARAC case with a victim and perpetrator. */
export async function world() {
  const police = await agency({ kind: "POLICE" });
  const referrer = police.actor;
  const maracChair = (await colleague(police.organisation.id, { role: "CHAIR", panels: ["MARAC"] })).actor;
  const otherMaracChair = (await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["MARAC"] })).actor;
  const ccmChair = (await agency({ kind: "LOCAL_AUTHORITY", role: "CHAIR", panels: ["CCM"] })).actor;
  const maracMember = (await agency({ kind: "VOLUNTARY_SECTOR", panels: ["MARAC"] })).actor;
  const sameForceNoPanel = (await colleague(police.organisation.id)).actor;
  const victim = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Vera", lastName: `Victim${unique()}` });
  const perpetrator = await makePerson({ createdByOrgId: police.organisation.id, firstName: "Paul", lastName: `Perp${unique()}` });
  const maracCase = await makeCase({
    leadOrganisationId: police.organisation.id,
    createdById: referrer.userId,
    kind: "MARAC",
    people: [
      [victim.id, "VICTIM"],
      [perpetrator.id, "PERPETRATOR"],
    ],
  });
  // Opened long ago, so that referrals "made" on the earlier days these tests pass as now are after it.
  await db.case.update({ where: { id: maracCase.id }, data: { openedAt: CASE_OPENED } });
  return { police, referrer, maracChair, otherMaracChair, ccmChair, maracMember, sameForceNoPanel, victim, perpetrator, maracCase };
}

export function maracInput(caseId: string, overrides: Partial<ReferralInput> = {}): ReferralInput {
  return {
    caseId,
    panel: "MARAC",
    reason: "High-risk domestic abuse: threats to kill.",
    grounds: ["PROFESSIONAL_JUDGEMENT"],
    victimPersonId: null,
    perpetratorPersonId: null,
    childrenInHousehold: 2,
    transferDirection: "NONE",
    transferArea: null,
    ...overrides,
  };
}

export const refer = (actor: Actor, input: ReferralInput, now?: Date) => createReferral(actor, input, randomUUID(), now);

export async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
}
