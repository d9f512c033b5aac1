import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleActionsWhere, visibleCasesWhere } from "@/lib/cases/access";
import { NotFoundError } from "@/lib/errors";
import { londonToday } from "@/lib/format/dates";
import type { BreachAction, PowerStatus } from "@/lib/generated/prisma/enums";
import { visiblePowersWhere } from "@/lib/powers/access";
import { buildReturnReport, listFigureRecords, type DrillRow } from "@/lib/returns/data";
import { financialYearPeriod } from "@/lib/returns/period";
import { organisationKindsOfType, type Figure, type ReturnKey, type ReturnReport } from "@/lib/returns/tables";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";
import { day, makeCase, makeKind, makeMeeting, makePower, utc } from "./returns-support";

// The drill-down behind a return's figure (listFigureRecords in lib/returns/data/, on the
// conditions in its shared.ts) decides in SQL which of the figure's records the viewer may see;
// everything else reads through the Prisma rules (visiblePowersWhere in lib/powers/access,
// visibleCasesWhere and visibleActionsWhere in lib/cases/access). These tests hold the two to the
// same answer: for every actor who may open a return and for every figure of it, the records
// listed are exactly those the Prisma rule lets that actor see among the records behind the
// figure, and listed + held back = the figure.
//
// The records behind each figure are worked out here from the rows themselves (not by the
// returns' SQL), so a figure that counts the wrong records fails too. The fixture spreads records
// over every branch of the rules: the viewer's own organisation, another organisation, a case
// shared with the viewer's organisation, a share withdrawn, a case not shared, restricted MARAC
// cases seen by panel members, by the user who referred one and by the user who opened another,
// and powers issued to a person or to a business, on a case or on none.
//
// Financial year 2025/26: 31 March 2025 23:00 UTC to 31 March 2026 23:00 UTC. "Now" is 15 June
// 2026, so CCM actions are judged as at the end of the year.

const FY = financialYearPeriod(2025);
const NOW = utc("2026-06-15T12:00:00Z");
const AS_OF = FY.end;
const AS_OF_DAY = day("2026-04-01");
const EXPIRING: PowerStatus[] = ["ISSUED", "VARIED", "BREACHED"];

const actors: Record<string, Actor> = {};
const powers: Record<string, string> = {};
const cases: Record<string, string> = {};

/** Everyone who may open the returns, each seeing the figures through a different branch of the rules. */
const RETURN_READERS = [
  "policeOfficer", // own organisation's figures: every power issued by the police
  "councilOfficer", // own organisation's figures; the council has cases shared with it
  "policeManager", // whole partnership; opened a restricted case without being on the MARAC
  "councilManager", // whole partnership; on the CCM
  "housingManager", // whole partnership; referred a restricted case to the MARAC
  "fireManager", // whole partnership; nothing restricted, one case led, one shared
  "maracManager", // whole partnership, same organisation and role as fireManager, on the MARAC panel
  "maracChair", // own organisation's figures, MARAC chair: the MARAC return
] as const;
const MARAC_MEMBERS = ["maracChair", "maracManager"] as const;

beforeAll(async () => {
  const police = await makeOrganisation("POLICE", "Kingsmere Police");
  const council = await makeOrganisation("LOCAL_AUTHORITY", "Kingsmere Council");
  const housing = await makeOrganisation("HOUSING_PROVIDER", "Kingsmere Homes");
  const fire = await makeOrganisation("FIRE", "Kingsmere Fire");
  const users = {
    police: await makeUser({ organisationId: police.id }),
    council: await makeUser({ organisationId: council.id }),
    housing: await makeUser({ organisationId: housing.id }),
    fire: await makeUser({ organisationId: fire.id }),
    policeManager: await makeUser({ organisationId: police.id, role: "MANAGER", panels: ["CCM"] }),
    councilManager: await makeUser({ organisationId: council.id, role: "MANAGER", panels: ["CCM"] }),
    housingManager: await makeUser({ organisationId: housing.id, role: "MANAGER" }),
    fireManager: await makeUser({ organisationId: fire.id, role: "MANAGER" }),
    maracManager: await makeUser({ organisationId: fire.id, role: "MANAGER", panels: ["MARAC"] }),
    maracChair: await makeUser({ organisationId: police.id, role: "CHAIR", panels: ["MARAC"] }),
    viewer: await makeUser({ organisationId: council.id, role: "VIEWER" }),
  };
  actors.policeOfficer = await actorFor(users.police.id);
  actors.councilOfficer = await actorFor(users.council.id);
  for (const key of ["policeManager", "councilManager", "housingManager", "fireManager", "maracManager", "maracChair", "viewer"] as const)
    actors[key] = await actorFor(users[key].id);

  const c = async (key: string, options: Parameters<typeof makeCase>[0]) => (cases[key] = (await makeCase(options)).id);
  await c("policeShared", { organisationId: police.id, createdById: users.police.id, sharedWith: [council.id] });
  await c("policeWithdrawn", { organisationId: police.id, createdById: users.police.id, withdrawnFrom: [council.id] });
  await c("policeOnly", { organisationId: police.id, createdById: users.police.id });
  await c("councilShared", { organisationId: council.id, createdById: users.council.id, sharedWith: [housing.id] });
  await c("fireShared", { organisationId: fire.id, createdById: users.fire.id, sharedWith: [police.id] });
  // Restricted: a share does not open them; the MARAC panel, the opener and the referrers see them.
  await c("maracPolice", {
    organisationId: police.id,
    createdById: users.maracChair.id,
    kind: "MARAC",
    restricted: true,
    sharedWith: [council.id],
  });
  await c("maracCouncil", { organisationId: council.id, createdById: users.policeManager.id, kind: "MARAC", restricted: true });

  const person = (
    firstName: string,
    data: Partial<{
      gender: "MALE" | "FEMALE";
      dateOfBirth: Date;
      isRaciallyMinoritised: boolean;
      isLgbt: boolean;
      hasDisability: boolean;
    }> = {},
  ) =>
    db.person.create({
      data: { firstName, lastName: "Parity", searchText: `${firstName.toLowerCase()} parity`, createdByOrgId: police.id, ...data },
    });

  // ── Powers ──
  const cpw = await makeKind("CPW", "Community Protection Warning", 1);
  const cpn = await makeKind("CPN", "Community Protection Notice", 2);
  const officerOf = new Map([
    [police.id, users.police.id],
    [council.id, users.council.id],
    [housing.id, users.housing.id],
    [fire.id, users.fire.id],
  ]);
  const p = async (key: string, spec: Omit<Parameters<typeof makePower>[0], "officerId">) =>
    (powers[key] = (await makePower({ officerId: officerOf.get(spec.organisationId)!, ...spec })).id);
  const subject = (await person("Dean", { gender: "MALE" })).id;
  const breach = (at: string, action: BreachAction) => ({ at: utc(at), action });
  await p("policeNoCase", {
    kindId: cpw.id,
    organisationId: police.id,
    issuedAt: utc("2025-05-01T09:00:00Z"),
    status: "BREACHED",
    breaches: [breach("2025-06-01T09:00:00Z", "FPN"), breach("2025-07-01T09:00:00Z", "FPN")],
  });
  await p("policeOnShared", {
    kindId: cpn.id,
    organisationId: police.id,
    subjectPersonId: subject,
    caseId: cases.policeShared,
    issuedAt: utc("2025-06-01T09:00:00Z"),
    status: "APPEALED",
    changes: [{ to: "APPEALED", at: utc("2025-07-01T09:00:00Z") }],
  });
  await p("policeOnWithdrawnShare", {
    kindId: cpn.id,
    organisationId: police.id,
    caseId: cases.policeWithdrawn,
    issuedAt: utc("2025-06-15T09:00:00Z"),
    status: "WITHDRAWN",
    changes: [{ to: "WITHDRAWN", at: utc("2025-08-01T09:00:00Z") }],
  });
  await p("policeOnPoliceOnly", {
    kindId: cpw.id,
    organisationId: police.id,
    caseId: cases.policeOnly,
    issuedAt: utc("2025-04-10T09:00:00Z"),
    status: "DISCHARGED",
    changes: [{ to: "DISCHARGED", at: utc("2025-09-01T09:00:00Z") }],
  });
  await p("policeOnMarac", {
    kindId: cpn.id,
    organisationId: police.id,
    subjectPersonId: subject,
    caseId: cases.maracPolice,
    issuedAt: utc("2025-10-01T09:00:00Z"),
    status: "BREACHED",
    breaches: [breach("2025-11-01T09:00:00Z", "WARNING")],
  });
  // Expired on 1 December 2025; the expiry job has not marked it.
  await p("councilOnMarac", {
    kindId: cpn.id,
    organisationId: council.id,
    caseId: cases.maracCouncil,
    issuedAt: utc("2025-05-01T09:00:00Z"),
    expiresAt: utc("2025-12-01T00:00:00Z"),
  });
  await p("councilNoCase", { kindId: cpw.id, organisationId: council.id, subjectPersonId: subject, issuedAt: utc("2025-08-01T09:00:00Z") });
  await p("councilOnPoliceShared", {
    kindId: cpw.id,
    organisationId: council.id,
    caseId: cases.policeShared,
    issuedAt: utc("2025-08-15T09:00:00Z"),
    status: "BREACHED",
    breaches: [breach("2025-09-15T09:00:00Z", "PROSECUTION")],
  });
  await p("housingOnCouncilShared", {
    kindId: cpw.id,
    organisationId: housing.id,
    caseId: cases.councilShared,
    issuedAt: utc("2025-09-10T09:00:00Z"),
  });
  // Issued on the restricted case by a manager who is not on the panel: he keeps it, his colleagues do not.
  powers.policeManagerOnMarac = (
    await makePower({
      officerId: users.policeManager.id,
      kindId: cpw.id,
      organisationId: police.id,
      caseId: cases.maracPolice,
      issuedAt: utc("2025-11-15T09:00:00Z"),
    })
  ).id;
  await p("housingOnMarac", {
    kindId: cpn.id,
    organisationId: housing.id,
    caseId: cases.maracPolice,
    issuedAt: utc("2025-04-20T09:00:00Z"),
    status: "BREACHED",
    breaches: [breach("2025-05-20T09:00:00Z", "NONE")],
  });
  // Expired on 10 January 2026, marked by the job that night.
  await p("fireOnFireShared", {
    kindId: cpw.id,
    organisationId: fire.id,
    caseId: cases.fireShared,
    issuedAt: utc("2025-10-10T09:00:00Z"),
    expiresAt: utc("2026-01-10T00:00:00Z"),
    status: "EXPIRED",
    changes: [{ to: "EXPIRED", at: utc("2026-01-10T03:00:00Z"), automatic: true }],
  });
  await p("fireNoCase", {
    kindId: cpn.id,
    organisationId: fire.id,
    issuedAt: utc("2025-11-01T09:00:00Z"),
    status: "DISCHARGED",
    changes: [{ to: "DISCHARGED", at: utc("2026-02-01T09:00:00Z") }],
  });
  await p("fireOnPoliceOnly", {
    kindId: cpw.id,
    organisationId: fire.id,
    subjectPersonId: subject,
    caseId: cases.policeOnly,
    issuedAt: utc("2025-12-01T09:00:00Z"),
  });
  // Issued the year before on a council case the police cannot see; breached in this year.
  await p("policeBeforeYear", {
    kindId: cpw.id,
    organisationId: police.id,
    caseId: cases.councilShared,
    issuedAt: utc("2025-02-01T09:00:00Z"),
    status: "BREACHED",
    breaches: [breach("2025-04-15T09:00:00Z", "FPN")],
  });
  await p("policeAfterYear", { kindId: cpw.id, organisationId: police.id, issuedAt: utc("2026-04-15T09:00:00Z") });

  // ── Community Trigger ──
  const trigger = async (
    key: string,
    caseOptions: Omit<Parameters<typeof makeCase>[0], "kind" | "title">,
    data: { applicationDate: Date; thresholdMet: boolean; reviewDate?: Date; recommendations?: string },
  ) => {
    await c(key, { ...caseOptions, kind: "COMMUNITY_TRIGGER", title: "Community Trigger application" });
    await db.communityTrigger.create({
      data: {
        caseId: cases[key]!,
        applicantName: "A resident",
        reviewCarriedOut: Boolean(data.reviewDate),
        reviewDate: data.reviewDate ?? null,
        recommendations: data.recommendations ?? null,
        applicationDate: data.applicationDate,
        thresholdMet: data.thresholdMet,
      },
    });
  };
  await trigger(
    "triggerCouncilShared",
    { organisationId: council.id, createdById: users.council.id, sharedWith: [police.id] },
    { applicationDate: day("2025-05-01"), thresholdMet: false, reviewDate: day("2025-06-01"), recommendations: "Mediation" },
  );
  await trigger(
    "triggerCouncilOnly",
    { organisationId: council.id, createdById: users.council.id },
    { applicationDate: day("2025-07-01"), thresholdMet: true, reviewDate: day("2025-08-01") },
  );
  await trigger(
    "triggerPoliceWithdrawn",
    { organisationId: police.id, createdById: users.police.id, withdrawnFrom: [council.id] },
    { applicationDate: day("2025-09-01"), thresholdMet: false },
  );
  await trigger(
    "triggerHousing",
    { organisationId: housing.id, createdById: users.housing.id },
    { applicationDate: day("2025-10-01"), thresholdMet: true, reviewDate: day("2026-01-01"), recommendations: "Joint visit" },
  );
  await trigger(
    "triggerFireShared",
    { organisationId: fire.id, createdById: users.fire.id, sharedWith: [housing.id] },
    { applicationDate: day("2026-02-01"), thresholdMet: false },
  );
  await trigger(
    "triggerPoliceLastYear",
    { organisationId: police.id, createdById: users.police.id },
    { applicationDate: day("2025-03-01"), thresholdMet: true, reviewDate: day("2025-04-15"), recommendations: "Review of the response" },
  );
  // Written straight to the tables (the forms would not restrict a Community Trigger case): the rule must hold anyway.
  await trigger(
    "triggerRestricted",
    { organisationId: council.id, createdById: users.policeManager.id, restricted: true },
    { applicationDate: day("2025-11-01"), thresholdMet: false },
  );

  // ── CCM ──
  const ccm1 = await makeMeeting({ panel: "CCM", startsAt: utc("2025-06-10T09:00:00Z"), chairId: users.councilManager.id });
  const ccm2 = await makeMeeting({
    panel: "CCM",
    startsAt: utc("2026-02-10T10:00:00Z"),
    chairId: users.councilManager.id,
    status: "IN_PROGRESS",
  });
  const ccmCancelled = await makeMeeting({
    panel: "CCM",
    startsAt: utc("2025-07-20T10:00:00Z"),
    chairId: users.councilManager.id,
    status: "CANCELLED",
  });
  const ccmLastYear = await makeMeeting({ panel: "CCM", startsAt: utc("2025-03-01T10:00:00Z"), chairId: users.councilManager.id });
  // Scheduled, not held: nothing on its agenda counts, whatever is written there.
  const ccmScheduled = await makeMeeting({
    panel: "CCM",
    startsAt: utc("2026-01-15T10:00:00Z"),
    chairId: users.councilManager.id,
    status: "SCHEDULED",
  });
  let position = 0;
  const item = (
    meetingId: string,
    caseKey: string,
    heard: { decision?: string; reviewed?: boolean; summary?: string } = {},
    referralId: string | null = null,
  ) =>
    db.agendaItem.create({
      data: {
        meetingId,
        caseId: cases[caseKey]!,
        referralId,
        position: ++position,
        reason: referralId ? "REFERRAL" : "REVIEW",
        decision: heard.decision ?? null,
        discussionSummary: heard.summary ?? null,
        reviewedAt: heard.reviewed ? utc("2025-06-10T10:00:00Z") : null,
      },
    });
  await item(ccm1.id, "policeShared", { decision: "Warn the tenant" });
  await item(ccm1.id, "policeWithdrawn", { reviewed: true });
  await item(ccm1.id, "policeOnly", { summary: "Discussed" });
  await item(ccm1.id, "councilShared", { decision: "Mediation" });
  await item(ccm1.id, "fireShared"); // listed, not heard
  await item(ccm1.id, "maracCouncil", { decision: "Refer on" }); // a CCM agenda refuses restricted cases; written straight to the table
  await item(ccm2.id, "councilShared", { reviewed: true });
  await item(ccm2.id, "fireShared", { decision: "Fit a door" });
  await item(ccmCancelled.id, "policeOnly", { decision: "Never heard" });
  await item(ccmLastYear.id, "policeShared", { decision: "Last year" });
  await item(ccmScheduled.id, "policeOnly", { decision: "Not held yet" });
  const action = (
    meetingId: string | null,
    caseKey: string,
    organisationId: string,
    dueDate: string,
    status: "OPEN" | "IN_PROGRESS" | "DONE" | "CANCELLED" = "OPEN",
    completedAt?: string,
  ) =>
    db.caseAction.create({
      data: {
        caseId: cases[caseKey]!,
        title: `Action on ${caseKey}`,
        assignedOrganisationId: organisationId,
        dueDate: day(dueDate),
        status,
        completedAt: completedAt ? utc(completedAt) : null,
        meetingId,
        createdById: users.councilManager.id,
      },
    });
  await action(ccm1.id, "policeShared", council.id, "2025-07-10", "DONE", "2025-07-01T09:00:00Z");
  await action(ccm1.id, "policeShared", police.id, "2025-08-01"); // overdue
  await action(ccm1.id, "councilShared", housing.id, "2025-07-01", "CANCELLED");
  await action(ccm1.id, "policeOnly", fire.id, "2026-05-01"); // not yet due
  await action(ccm1.id, "fireShared", police.id, "2025-09-01", "IN_PROGRESS"); // overdue
  await action(ccm1.id, "policeWithdrawn", council.id, "2026-03-01", "DONE", "2026-04-10T09:00:00Z"); // done after the year: overdue at its end
  await action(ccm1.id, "maracCouncil", fire.id, "2025-10-01"); // overdue, on a restricted case
  await action(ccm2.id, "councilShared", council.id, "2026-03-01", "DONE", "2026-02-20T09:00:00Z");
  await action(ccmCancelled.id, "policeOnly", police.id, "2025-08-01");
  await action(ccmScheduled.id, "policeOnly", police.id, "2025-08-01");
  await action(null, "policeShared", police.id, "2025-08-01");

  // ── MARAC ──
  const vA = await person("Amara", { gender: "FEMALE", dateOfBirth: day("2009-01-01"), isRaciallyMinoritised: true }); // 16
  const vB = await person("Marcus", { gender: "MALE", dateOfBirth: day("1990-01-01"), isLgbt: true, hasDisability: true });
  const vC = await person("Clare", { gender: "FEMALE", dateOfBirth: day("1985-05-05") });
  const vD = await person("Dora", { gender: "FEMALE", dateOfBirth: day("1970-02-02"), hasDisability: true });
  const pA = await person("Kyle", { gender: "MALE", dateOfBirth: day("2008-03-01") }); // 17
  const pB = await person("Liam", { gender: "MALE", dateOfBirth: day("1980-01-01") });
  let n = 0;
  const referral = (
    caseKey: string,
    organisationId: string,
    userId: string,
    referredAt: string,
    data: {
      isRepeat?: boolean;
      childrenInHousehold?: number | null;
      victimPersonId: string;
      perpetratorPersonId?: string;
      transferDirection?: "TRANSFER_IN" | "TRANSFER_OUT";
      transferArea?: string;
    },
  ) =>
    db.referral.create({
      data: {
        reference: `REF-2099-P${String(++n).padStart(5, "0")}`,
        caseId: cases[caseKey]!,
        panel: "MARAC",
        referringOrganisationId: organisationId,
        referringUserId: userId,
        reason: "High risk",
        grounds: ["PROFESSIONAL_JUDGEMENT"],
        referredAt: utc(referredAt),
        status: "ACCEPTED",
        ...data,
      },
    });
  // The housing manager referred the police's restricted case: they see it, though off the panel.
  const r1 = await referral("maracPolice", housing.id, users.housingManager.id, "2025-07-01T09:00:00Z", {
    childrenInHousehold: 2,
    victimPersonId: vA.id,
    perpetratorPersonId: pA.id,
  });
  await referral("maracCouncil", council.id, users.council.id, "2025-06-20T09:00:00Z", {
    isRepeat: true,
    childrenInHousehold: 0,
    victimPersonId: vB.id,
  });
  const r3 = await referral("policeOnly", police.id, users.police.id, "2025-11-20T09:00:00Z", {
    childrenInHousehold: 1,
    victimPersonId: vC.id,
    perpetratorPersonId: pB.id,
  });
  const r4 = await referral("councilShared", council.id, users.council.id, "2025-11-25T09:00:00Z", {
    childrenInHousehold: null,
    victimPersonId: vD.id,
  });
  await referral("maracPolice", police.id, users.maracChair.id, "2025-11-30T09:00:00Z", {
    isRepeat: true,
    childrenInHousehold: 3,
    victimPersonId: vA.id,
    perpetratorPersonId: pA.id,
  });
  // The period's referrals and transfers: a transfer in; a transfer out once made as a referral
  // (neither received nor a transfer out); a referral before the year; cases transferred out in the
  // year (one a restricted case, one a case only the police's MARAC chair sees) and before it.
  await referral("maracCouncil", council.id, users.council.id, "2025-12-10T12:00:00Z", {
    victimPersonId: vB.id,
    transferDirection: "TRANSFER_IN",
    transferArea: "Ashcombe",
  });
  await referral("maracPolice", police.id, users.maracChair.id, "2025-08-01T12:00:00Z", {
    victimPersonId: vA.id,
    transferDirection: "TRANSFER_OUT",
    transferArea: "Barchester",
  });
  await referral("maracPolice", police.id, users.maracChair.id, "2025-03-20T12:00:00Z", { victimPersonId: vA.id });
  const transfer = (caseKey: string, at: string) =>
    db.caseTransfer.create({
      data: {
        caseId: cases[caseKey]!,
        area: "Barchester",
        reason: "Moved away",
        transferredAt: utc(at),
        recordedById: users.maracChair.id,
        organisationId: police.id,
      },
    });
  await transfer("maracPolice", "2025-09-01T11:00:00Z");
  await transfer("policeOnly", "2026-02-01T12:00:00Z");
  await transfer("maracCouncil", "2025-03-01T12:00:00Z");
  const mm1 = await makeMeeting({ panel: "MARAC", startsAt: utc("2025-07-10T09:00:00Z"), chairId: users.maracChair.id });
  const mm2 = await makeMeeting({
    panel: "MARAC",
    startsAt: utc("2025-12-04T10:00:00Z"),
    chairId: users.maracChair.id,
    status: "IN_PROGRESS",
  });
  const mmCancelled = await makeMeeting({
    panel: "MARAC",
    startsAt: utc("2025-09-04T09:00:00Z"),
    chairId: users.maracChair.id,
    status: "CANCELLED",
  });
  await item(mm1.id, "maracPolice", { decision: "Safety plan" }, r1.id);
  await item(mm1.id, "maracCouncil", { reviewed: true }); // its referral found as the latest before the meeting
  await item(mm1.id, "policeShared"); // listed, not heard
  await item(mm2.id, "maracPolice", { decision: "Review" }); // the second referral, the latest before the meeting
  await item(mm2.id, "policeOnly", { summary: "Heard" }, r3.id); // unrestricted cases at the MARAC: the case rule still applies
  await item(mm2.id, "councilShared", { reviewed: true }, r4.id);
  await item(mmCancelled.id, "maracCouncil", { decision: "Never heard" });
  const mmScheduled = await makeMeeting({
    panel: "MARAC",
    startsAt: utc("2026-01-08T10:00:00Z"),
    chairId: users.maracChair.id,
    status: "SCHEDULED",
  });
  await item(mmScheduled.id, "maracPolice", { decision: "Not held yet" }, r1.id);
});

// ───────────────────────────── The check shared by every return ─────────────────────────────

const inYear = (d: Date) => d >= FY.start && d < FY.end;
const inYearDay = (d: Date) => d >= FY.firstDay && d < FY.endDay;

/**
 * The figures of a return once each (the total row appears in both tool-and-powers tables), the
 * preview's subtotals by organisation type included: each must be the records behind it too.
 */
function figuresOf(report: ReturnReport): Figure[] {
  const seen = new Map<string, Figure>();
  for (const table of report.tables) {
    const subtotals = (table.groups ?? []).map((group) => group.subtotal);
    for (const row of [...table.rows, ...subtotals]) for (const f of row.figures) seen.set(`${f.measure}:${JSON.stringify(f.filter)}`, f);
  }
  return [...seen.values()];
}

/** The records behind a figure, worked out here: `id` names the record as the drill-down lists it, `weight` is what it adds to the figure. */
type Expected = { id: string; weight: number }[];

type Listed = { ids: string[]; heldBack: number };

/**
 * Opens the drill-down behind `figure` as `who` and checks it against `expected` (every record
 * behind the figure) and `visibleIds` (those of them the Prisma rule lets `who` see).
 */
async function expectParity(
  who: Actor,
  key: ReturnKey,
  figure: Figure,
  expected: Expected,
  visibleIds: Set<string>,
  idOf: (row: DrillRow) => string,
): Promise<Listed> {
  const label = `${figure.name} (${figure.measure} ${JSON.stringify(figure.filter)})`;
  expect(
    expected.reduce((sum, e) => sum + e.weight, 0),
    `${label}: the figure counts the records worked out here`,
  ).toBe(figure.value);
  const records = await listFigureRecords(
    who,
    { key, period: FY, measure: figure.measure, filter: figure.filter, page: 1, pageSize: 500 },
    NOW,
  );
  const listed = records.page.rows.map(idOf).sort();
  expect(listed, `${label}: the records listed are those the Prisma rule shows`).toEqual(
    expected
      .filter((e) => visibleIds.has(e.id))
      .map((e) => e.id)
      .sort(),
  );
  expect(records.total, `${label}: records counted`).toBe(expected.length);
  expect(listed.length + records.heldBack, `${label}: listed + held back`).toBe(records.total);
  // Every record adds one to the figure, except children (each case adds the children recorded on its referral).
  if (!expected.some((e) => e.weight !== 1))
    expect(listed.length + records.heldBack, `${label}: listed + held back = the figure`).toBe(figure.value);
  expect(records.page.total, `${label}: the count shown`).toBe(listed.length);
  return { ids: listed, heldBack: records.heldBack };
}

/** Runs expectParity on every non-zero figure of the return (and the totals, zero or not); returns every record listed. */
async function checkEveryFigure(
  who: Actor,
  key: ReturnKey,
  check: (figure: Figure) => Promise<Listed>,
): Promise<{ listed: Set<string>; heldBack: number; figures: number }> {
  const report = await buildReturnReport(who, key, FY, { now: NOW });
  const figures = figuresOf(report).filter((f) => f.value > 0 || Object.keys(f.filter).length === 0);
  const listed = new Set<string>();
  let heldBack = 0;
  for (const figure of figures) {
    const result = await check(figure);
    result.ids.forEach((id) => listed.add(id));
    heldBack += result.heldBack;
  }
  return { listed, heldBack, figures: figures.length };
}

const ids = (rows: { id: string }[]) => new Set(rows.map((r) => r.id));
const isPartnership = (who: Actor) => who.role === "MANAGER";

// ───────────────────────────── Tools and powers ─────────────────────────────

type PowerEvent = { powerId: string; kindId: string; orgId: string; orgKind: string; measure: string; detail: string | null };

async function powerEvents(): Promise<PowerEvent[]> {
  const rows = await db.powerUse.findMany({
    include: { breaches: true, statusChanges: true, issuingOrganisation: { select: { kind: true } } },
  });
  const events: PowerEvent[] = [];
  for (const p of rows) {
    const event = (measure: string, detail: string | null = null) =>
      events.push({
        powerId: p.id,
        kindId: p.kindId,
        orgId: p.issuingOrganisationId,
        orgKind: p.issuingOrganisation.kind,
        measure,
        detail,
      });
    if (inYear(p.issuedAt)) event("issued");
    for (const b of p.breaches) if (inYear(b.breachedAt)) event("breach", b.actionTaken);
    for (const status of ["APPEALED", "DISCHARGED", "WITHDRAWN"] as const)
      if (p.statusChanges.some((s) => s.toStatus === status && inYear(s.changedAt))) event(status.toLowerCase());
    // Expired: from the expiry date, or when the job marked it if that was earlier; never later than now.
    for (const s of p.statusChanges.filter((s) => s.toStatus === "EXPIRED")) {
      const expiry = p.expiresAt ?? s.changedAt;
      const at = new Date(Math.min(s.changedAt.getTime(), expiry.getTime()));
      if (s.changedAt >= FY.start && expiry >= FY.start && at < FY.end && at <= NOW) event("expired");
    }
    if (EXPIRING.includes(p.status) && p.expiresAt && p.expiresAt <= NOW && inYear(p.expiresAt)) event("expired");
  }
  return events;
}

function powerEventMatches(e: PowerEvent, measure: string): boolean {
  switch (measure) {
    case "issued":
    case "appealed":
    case "withdrawn":
      return e.measure === measure;
    case "breaches":
    case "powers-breached":
      return e.measure === "breach";
    case "discharged-expired":
      return e.measure === "discharged" || e.measure === "expired";
    default:
      return e.measure === "breach" && e.detail === measure.slice("breaches-".length).toUpperCase();
  }
}

async function powerFigureParity(who: Actor, figure: Figure, events: PowerEvent[]): Promise<Listed> {
  const { kind, org, orgType } = figure.filter;
  let behind = events.filter(
    (e) =>
      powerEventMatches(e, figure.measure) &&
      (isPartnership(who) || e.orgId === who.organisationId) &&
      (!kind || e.kindId === kind) &&
      (!org || e.orgId === org) &&
      (!orgType || (organisationKindsOfType(orgType) as string[]).includes(e.orgKind)),
  );
  if (figure.measure === "powers-breached") behind = behind.filter((e, i) => behind.findIndex((x) => x.powerId === e.powerId) === i);
  const visible = ids(
    await db.powerUse.findMany({
      where: { AND: [{ id: { in: behind.map((e) => e.powerId) } }, visiblePowersWhere(who)] },
      select: { id: true },
    }),
  );
  return expectParity(
    who,
    "tools-and-powers",
    figure,
    behind.map((e) => ({ id: e.powerId, weight: 1 })),
    visible,
    (row) => row.href.replace(/^\/powers\//, ""),
  );
}

describe("the tools and powers drill-down lists exactly the powers visiblePowersWhere shows", () => {
  const seen: Record<string, Set<string>> = {};

  it.each(RETURN_READERS)(
    "for %s, figure by figure",
    async (key) => {
      const who = actors[key]!;
      const events = await powerEvents();
      const result = await checkEveryFigure(who, "tools-and-powers", (figure) => powerFigureParity(who, figure, events));
      expect(result.figures).toBeGreaterThan(isPartnership(who) ? 20 : 5);
      seen[key] = result.listed;
    },
    120_000,
  );

  it("the fixture takes every branch of the rule: who sees which power", () => {
    // Each power, and who (of the partnership's managers, and the two officers, who see only their
    // own organisation's figures) sees it in the drill-downs.
    const visibleTo = (power: string) =>
      ["policeManager", "councilManager", "housingManager", "fireManager", "maracManager", "policeOfficer", "councilOfficer"]
        .filter((k) => seen[k]?.has(powers[power]!))
        .sort();
    expect(visibleTo("policeNoCase")).toEqual(["policeManager", "policeOfficer"]); // the issuing organisation: on no case
    expect(visibleTo("policeOnShared")).toEqual(["councilManager", "policeManager", "policeOfficer"]); // the case is shared with the council
    expect(visibleTo("policeOnWithdrawnShare")).toEqual(["policeManager", "policeOfficer"]); // the share was withdrawn
    // On a restricted case the issuing organisation is not enough: the officer who issued it, the
    // referrer and the panel; not the police manager (off the panel), nor the council it was shared with.
    expect(visibleTo("policeOnMarac")).toEqual(["housingManager", "maracManager", "policeOfficer"]);
    expect(visibleTo("policeManagerOnMarac")).toEqual(["housingManager", "maracManager", "policeManager"]); // not his colleague the officer
    expect(visibleTo("councilOnMarac")).toEqual(["councilOfficer", "maracManager", "policeManager"]); // the officer who issued it, the panel, the user who opened the case
    expect(visibleTo("housingOnMarac")).toEqual(["housingManager", "maracManager"]); // the police lead the case, but it is restricted and the police manager is off the panel
    expect(visibleTo("housingOnCouncilShared")).toEqual(["councilManager", "housingManager"]); // not in the council officer's own-organisation figures
    expect(visibleTo("fireOnFireShared")).toEqual(["fireManager", "maracManager", "policeManager"]);
    expect(visibleTo("fireOnPoliceOnly")).toEqual(["fireManager", "maracManager", "policeManager"]);
    expect(visibleTo("policeBeforeYear")).toEqual(["councilManager", "housingManager", "policeManager", "policeOfficer"]);
    expect(visibleTo("policeAfterYear")).toEqual([]); // in no figure of the year
    // An officer's figures hold only their organisation's powers, all of which they see.
    expect([...seen.policeOfficer!].sort()).toEqual(
      ["policeNoCase", "policeOnShared", "policeOnWithdrawnShare", "policeOnPoliceOnly", "policeOnMarac", "policeBeforeYear"]
        .map((k) => powers[k])
        .sort(),
    );
  });

  it("is not open to a viewer, who has no returns", async () => {
    await expect(
      listFigureRecords(actors.viewer!, { key: "tools-and-powers", period: FY, measure: "issued", filter: {}, page: 1 }, NOW),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

// ───────────────────────────── Community Trigger ─────────────────────────────

type TriggerRow = {
  caseId: string;
  applicationDate: Date;
  thresholdMet: boolean;
  reviewCarriedOut: boolean;
  reviewDate: Date | null;
  recommendations: string | null;
  case: { leadOrganisationId: string };
};

function triggerMatches(t: TriggerRow, measure: string): boolean {
  const review = t.reviewDate ?? t.applicationDate;
  switch (measure) {
    case "received":
      return inYearDay(t.applicationDate);
    case "threshold-not-met":
      return inYearDay(t.applicationDate) && !t.thresholdMet;
    case "reviews":
      return t.reviewCarriedOut && inYearDay(review);
    default:
      return t.reviewCarriedOut && inYearDay(review) && (t.recommendations ?? "").trim() !== "";
  }
}

describe("the Community Trigger drill-down lists exactly the applications visibleCasesWhere shows", () => {
  const seen: Record<string, Set<string>> = {};

  it.each(RETURN_READERS)(
    "for %s, figure by figure",
    async (key) => {
      const who = actors[key]!;
      const triggers = await db.communityTrigger.findMany({ include: { case: { select: { leadOrganisationId: true } } } });
      const visible = ids(
        (await db.communityTrigger.findMany({ where: { case: visibleCasesWhere(who) }, select: { caseId: true } })).map((t) => ({
          id: t.caseId,
        })),
      );
      const result = await checkEveryFigure(who, "community-trigger", (figure) => {
        const behind = triggers.filter(
          (t) =>
            triggerMatches(t, figure.measure) &&
            (isPartnership(who) || t.case.leadOrganisationId === who.organisationId) &&
            (!figure.filter.org || t.case.leadOrganisationId === figure.filter.org),
        );
        return expectParity(
          who,
          "community-trigger",
          figure,
          behind.map((t) => ({ id: t.caseId, weight: 1 })),
          visible,
          (row) => row.key,
        );
      });
      seen[key] = result.listed;
    },
    120_000,
  );

  it("the fixture takes every branch of the rule", () => {
    const visibleTo = (k: string) =>
      ["policeManager", "councilManager", "housingManager", "fireManager", "maracManager"].filter((m) => seen[m]?.has(cases[k]!)).sort();
    expect(visibleTo("triggerCouncilShared")).toEqual(["councilManager", "policeManager"]);
    expect(visibleTo("triggerCouncilOnly")).toEqual(["councilManager"]);
    expect(visibleTo("triggerPoliceWithdrawn")).toEqual(["policeManager"]);
    expect(visibleTo("triggerFireShared")).toEqual(["fireManager", "housingManager", "maracManager"]);
    expect(visibleTo("triggerRestricted")).toEqual(["maracManager", "policeManager"]); // the panel and the opener; not the council that leads it
    expect(visibleTo("triggerPoliceLastYear")).toEqual(["policeManager"]); // its review is in the year
  });
});

// ───────────────────────────── CCM activity ─────────────────────────────

describe("the CCM activity drill-down lists exactly the cases and actions visibleCasesWhere and visibleActionsWhere show", () => {
  const seen: Record<string, Set<string>> = {};

  it.each(RETURN_READERS)(
    "for %s, figure by figure",
    async (key) => {
      const who = actors[key]!;
      const meetingHeld = {
        panel: "CCM" as const,
        status: { in: ["IN_PROGRESS" as const, "CLOSED" as const] },
        startsAt: { gte: FY.start, lt: FY.end },
      };
      const items = await db.agendaItem.findMany({ where: { meeting: meetingHeld }, include: { case: { include: { shares: true } } } });
      const actions = await db.caseAction.findMany({ where: { meeting: meetingHeld } });
      const visibleItems = ids(
        await db.agendaItem.findMany({ where: { id: { in: items.map((i) => i.id) }, case: visibleCasesWhere(who) }, select: { id: true } }),
      );
      const visibleActions = ids(
        await db.caseAction.findMany({
          where: { AND: [{ id: { in: actions.map((a) => a.id) } }, visibleActionsWhere(who)] },
          select: { id: true },
        }),
      );
      const caseInScope = (c: (typeof items)[number]["case"]) =>
        isPartnership(who) ||
        c.leadOrganisationId === who.organisationId ||
        c.shares.some((s) => s.organisationId === who.organisationId && !s.withdrawnAt);
      const done = (a: (typeof actions)[number]) => a.status === "DONE" && (a.completedAt ?? a.updatedAt) < AS_OF;
      const result = await checkEveryFigure(who, "ccm-activity", (figure) => {
        const atMeeting = (meetingId: string | null) => !figure.filter.meeting || meetingId === figure.filter.meeting;
        if (figure.measure === "cases-heard") {
          const behind = items.filter(
            (i) => (i.reviewedAt || i.decision || i.discussionSummary) && caseInScope(i.case) && atMeeting(i.meetingId),
          );
          return expectParity(
            who,
            "ccm-activity",
            figure,
            behind.map((i) => ({ id: i.id, weight: 1 })),
            visibleItems,
            (row) => row.key,
          );
        }
        const behind = actions.filter(
          (a) =>
            (isPartnership(who) || a.assignedOrganisationId === who.organisationId) &&
            atMeeting(a.meetingId) &&
            (figure.measure === "actions-agreed" ||
              (figure.measure === "actions-completed" ? done(a) : a.status !== "CANCELLED" && !done(a) && a.dueDate < AS_OF_DAY)),
        );
        return expectParity(
          who,
          "ccm-activity",
          figure,
          behind.map((a) => ({ id: a.id, weight: 1 })),
          visibleActions,
          (row) => row.key,
        );
      });
      seen[key] = new Set(
        [...result.listed].map((id) => items.find((i) => i.id === id)?.caseId ?? actions.find((a) => a.id === id)!.caseId),
      );
    },
    120_000,
  );

  it("the fixture takes every branch of the rule", () => {
    const visibleTo = (k: string) =>
      ["policeManager", "councilManager", "housingManager", "fireManager", "maracManager"].filter((m) => seen[m]?.has(cases[k]!)).sort();
    expect(visibleTo("policeShared")).toEqual(["councilManager", "policeManager"]);
    expect(visibleTo("policeWithdrawn")).toEqual(["policeManager"]);
    expect(visibleTo("fireShared")).toEqual(["fireManager", "maracManager", "policeManager"]);
    expect(visibleTo("maracCouncil")).toEqual(["maracManager", "policeManager"]);
    // The council officer's figures: cases the council leads or shares (not the withdrawn share) and actions assigned to it.
    // They see the restricted case the council leads only because they referred it to the MARAC; the
    // action assigned to the council on the case whose share was withdrawn is held back.
    expect([...seen.councilOfficer!].sort()).toEqual([cases.policeShared, cases.councilShared, cases.maracCouncil].sort());
  });
});

// ───────────────────────────── MARAC data return ─────────────────────────────

/** Age in whole years on the London calendar day of `at`. */
function ageAt(dob: Date | null, at: Date): number | null {
  if (!dob) return null;
  const d = londonToday(at);
  const years = d.getUTCFullYear() - dob.getUTCFullYear();
  const before = d.getUTCMonth() < dob.getUTCMonth() || (d.getUTCMonth() === dob.getUTCMonth() && d.getUTCDate() < dob.getUTCDate());
  return before ? years - 1 : years;
}

describe("the MARAC drill-down lists exactly the cases visibleCasesWhere shows", () => {
  const seen: Record<string, Set<string>> = {};
  const periodCounts: Record<string, Record<string, number>> = {};

  it.each(MARAC_MEMBERS)(
    "for %s, figure by figure",
    async (key) => {
      const who = actors[key]!;
      const items = await db.agendaItem.findMany({
        where: { meeting: { panel: "MARAC", status: { in: ["IN_PROGRESS", "CLOSED"] }, startsAt: { gte: FY.start, lt: FY.end } } },
        include: { meeting: true, referral: { include: { victim: true, perpetrator: true } } },
      });
      const referrals = await db.referral.findMany({
        where: { panel: "MARAC" },
        include: { victim: true, perpetrator: true },
        orderBy: { referredAt: "desc" },
      });
      const visible = ids(
        await db.agendaItem.findMany({ where: { id: { in: items.map((i) => i.id) }, case: visibleCasesWhere(who) }, select: { id: true } }),
      );
      const heard = items
        .filter((i) => i.reviewedAt || i.decision || i.discussionSummary)
        .map((i) => ({
          item: i,
          referral: i.referral ?? referrals.find((r) => r.caseId === i.caseId && r.referredAt <= i.meeting.startsAt) ?? null,
        }));
      const measureOf = (measure: string, r: (typeof heard)[number]["referral"]): number => {
        const v = r?.victim;
        switch (measure) {
          case "cases-discussed":
            return 1;
          case "repeat-cases":
            return r?.isRepeat ? 1 : 0;
          case "children":
            return r?.childrenInHousehold ?? 0;
          case "victims-racially-minoritised":
            return v?.isRaciallyMinoritised ? 1 : 0;
          case "victims-lgbt":
            return v?.isLgbt ? 1 : 0;
          case "victims-disability":
            return v?.hasDisability ? 1 : 0;
          case "victims-male":
            return v?.gender === "MALE" ? 1 : 0;
          case "victims-aged-16-17": {
            const age = r && v ? ageAt(v.dateOfBirth, r.referredAt) : null;
            return age !== null && age >= 16 && age <= 17 ? 1 : 0;
          }
          default: {
            const age = r?.perpetrator ? ageAt(r.perpetrator.dateOfBirth, r.referredAt) : null;
            return age !== null && age <= 17 ? 1 : 0;
          }
        }
      };
      // The period's figures: referrals received (transfers in among them) and transfers out, each
      // seen with its case.
      const transfers = await db.caseTransfer.findMany({ where: { transferredAt: { gte: FY.start, lt: FY.end } } });
      const visibleCases = ids(await db.case.findMany({ where: visibleCasesWhere(who), select: { id: true } }));
      const received = referrals.filter((r) => r.transferDirection !== "TRANSFER_OUT" && inYear(r.referredAt));
      const periodRecords: Record<string, { id: string; caseId: string }[]> = {
        "referrals-received": received,
        "transfers-in": received.filter((r) => r.transferDirection === "TRANSFER_IN"),
        "transfers-out": transfers,
      };
      const result = await checkEveryFigure(who, "marac", (figure) => {
        const ofPeriod = periodRecords[figure.measure];
        if (ofPeriod) {
          return expectParity(
            who,
            "marac",
            figure,
            ofPeriod.map((r) => ({ id: r.id, weight: 1 })),
            new Set(ofPeriod.filter((r) => visibleCases.has(r.caseId)).map((r) => r.id)),
            (row) => row.key,
          );
        }
        const behind = heard.filter(
          (h) =>
            measureOf(figure.measure, h.referral) > 0 &&
            (!figure.filter.meeting || h.item.meetingId === figure.filter.meeting) &&
            (!figure.filter.agency || h.referral?.referringOrganisationId === figure.filter.agency),
        );
        return expectParity(
          who,
          "marac",
          figure,
          behind.map((h) => ({ id: h.item.id, weight: measureOf(figure.measure, h.referral) })),
          visible,
          (row) => row.key,
        );
      });
      const caseOf = (id: string) => [...items, ...referrals, ...transfers].find((r) => r.id === id)!.caseId;
      seen[key] = new Set([...result.listed].map(caseOf));
      periodCounts[key] = Object.fromEntries(
        Object.entries(periodRecords).map(([measure, records]) => [measure, records.filter((r) => visibleCases.has(r.caseId)).length]),
      );
    },
    120_000,
  );

  it("the period's figures count the referrals and transfers of the year only; a transfer out made as a referral is neither", () => {
    // Six referrals received (the five behind the meetings and the transfer in), one a transfer in;
    // two cases transferred out in the year. The police's MARAC chair sees the transfer out of the
    // unrestricted police case; the fire service's MARAC manager does not.
    expect(periodCounts.maracChair).toEqual({ "referrals-received": 5, "transfers-in": 1, "transfers-out": 2 });
    expect(periodCounts.maracManager).toEqual({ "referrals-received": 4, "transfers-in": 1, "transfers-out": 1 });
  });

  it("the fixture takes every branch of the rule", () => {
    // Both members see every restricted case; an unrestricted case only if their organisation leads it or has it shared.
    expect([...seen.maracChair!].sort()).toEqual([cases.maracPolice, cases.maracCouncil, cases.policeOnly].sort());
    expect([...seen.maracManager!].sort()).toEqual([cases.maracPolice, cases.maracCouncil].sort());
  });

  it.each(RETURN_READERS.filter((k) => !(MARAC_MEMBERS as readonly string[]).includes(k)))(
    "is not open to %s, off the MARAC panel",
    async (key) => {
      await expect(
        listFigureRecords(actors[key]!, { key: "marac", period: FY, measure: "cases-discussed", filter: {}, page: 1 }, NOW),
      ).rejects.toBeInstanceOf(NotFoundError);
    },
  );
});
