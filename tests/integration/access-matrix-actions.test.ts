import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor-type";
import { db } from "@/lib/db";
import { addCaseToAgenda, getMeetingForRun, scheduleMeeting, startMeeting } from "@/lib/meetings/data";
import { triageReferralAction, createReferralAction, withdrawReferralAction } from "@/lib/referrals/actions";
import {
  cancelMeetingAction,
  correctMeetingAction,
  rescheduleMeetingAction,
  saveAgendaItemAction,
  scheduleMeetingAction,
} from "@/lib/meetings/actions";
import { changeUserAccessAction, inviteUserAction, userAccountAction } from "@/lib/users/actions";
import { changeUserAccess } from "@/lib/users/data";
import { decidePanelRequestAction } from "@/lib/panels/actions";
import { createOrganisationAction, setOrganisationActiveAction, updateOrganisationAction } from "@/lib/organisations/actions";
import { addNoteAction, shareCaseAction, withdrawShareAction } from "@/lib/cases/actions";
import { changePowerStatusAction, issuePowerAction, recordBreachAction } from "@/lib/powers/actions";
import { createApiClientAction, revokeApiClientAction, setMaracAccessAction } from "@/lib/api/clients/actions";
import { createApiClient } from "@/lib/api/clients/data";
import { agency, colleague, makeCase, makePerson, makePower, makeReferral } from "@/tests/support/people-fixtures";
import { callServerAction, signInForCalls, type Called } from "@/tests/support/server-action-calls";
import { open } from "./cases-support";

// The access matrix for server actions, with VALID forms on REAL records: each of the riskiest
// actions is called as the subject who may use it (the change is in the database afterwards) and
// as each subject who may not — another panel's chair, a panel member who does not chair, an
// officer, a viewer, a manager, another organisation (nothing is in the database afterwards,
// whatever the action answered: an error state, 404 or a redirect elsewhere). The guessed-id and
// signed-out calls of every action are in access-matrix.test.ts; here the form would pass
// validation, so only the permission rules stand between the subject and the change.

vi.mock("next/headers", () => import("@/tests/support/server-action-calls").then((m) => m.noRequestHeaders));
vi.mock("next/cache", () => import("@/tests/support/server-action-calls").then((m) => m.noCache));
vi.mock("@/lib/auth/session", async (real) => (await import("@/tests/support/server-action-calls")).sessionSignedInAs(await real()));

/**
 * What a refused subject is shown: a 404, an error or field error on the form ("cannot be found",
 * "You do not have permission", "Only an administrator can…"), or the case page with a problem —
 * never the success redirect. (Each row's allowed subject proves the same form is valid.)
 */
function isRefusal(result: Called): boolean {
  if (result.kind === "not-found") return true;
  if (result.kind === "redirect") return /[?&]problem=/.test(result.to);
  if (result.kind !== "returned") return false;
  const status = (result.value as { status?: unknown } | null)?.status;
  return status === "error" || status === "invalid";
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  return data;
}

const unique = () => randomUUID().slice(0, 8);
const NEXT_YEAR = String(new Date().getUTCFullYear() + 1);
const LAST_MONTH = new Date(Date.now() - 30 * 86_400_000);
const dateFields = (prefix: string, d: Date) => ({
  [`${prefix}-day`]: String(d.getUTCDate()),
  [`${prefix}-month`]: String(d.getUTCMonth() + 1),
  [`${prefix}-year`]: String(d.getUTCFullYear()),
});

/**
 * The partnership every row acts in. Police lead the restricted MARAC case; the council leads an
 * ASB case shared with the police; housing and the IDVA service are other organisations.
 */
async function partnership() {
  const police = await agency({ kind: "POLICE", role: "CHAIR", panels: ["MARAC"] });
  const council = await agency({ kind: "LOCAL_AUTHORITY", role: "OFFICER", panels: ["CCM"] });
  const housing = await agency({ kind: "HOUSING_PROVIDER", role: "MANAGER" });
  const idva = await agency({ kind: "VOLUNTARY_SECTOR", panels: ["MARAC"] });
  const s = {
    maracChair: police.actor, // CHAIR, police, MARAC
    otherMaracChair: (await agency({ kind: "HEALTH", role: "CHAIR", panels: ["MARAC"] })).actor, // CHAIR, health, MARAC
    policeOfficer: (await colleague(police.organisation.id)).actor, // OFFICER, police, on no panel
    maracMember: idva.actor, // OFFICER, IDVA service, MARAC (does not chair)
    ccmChair: (await colleague(council.organisation.id, { role: "CHAIR", panels: ["CCM"] })).actor,
    councilOfficer: council.actor, // OFFICER, council, CCM
    councilViewer: (await colleague(council.organisation.id, { role: "VIEWER" })).actor,
    councilManager: (await colleague(council.organisation.id, { role: "MANAGER", panels: ["CCM"] })).actor,
    housingManager: housing.actor, // MANAGER of another organisation
    housingOfficer: (await colleague(housing.organisation.id)).actor,
    admin: (await colleague(council.organisation.id, { role: "ADMIN" })).actor,
  };
  const orgs = { police: police.organisation, council: council.organisation, housing: housing.organisation, idva: idva.organisation };
  return { s, orgs };
}
type World = Awaited<ReturnType<typeof partnership>>;
type SubjectName = keyof World["s"];

/** One row's records: how to call the action, and whether its change is in the database. */
type Attempt = { run: () => Promise<unknown>; changed: () => Promise<boolean> };

type Row = {
  action: string;
  allowed: SubjectName[];
  refused: Partial<Record<SubjectName, string>>;
  setup: (w: World, as: Actor) => Promise<Attempt>;
  /** How this action refuses, when it is not an error: e.g. by sending a request to a panel's chairs. */
  refusalIs?: (result: Called) => boolean;
};

async function maracCase(w: World) {
  const victim = await makePerson({ createdByOrgId: w.orgs.police.id, firstName: "Vera", lastName: `Victim${unique()}` });
  const c = await makeCase({
    leadOrganisationId: w.orgs.police.id,
    createdById: w.s.maracChair.userId,
    kind: "MARAC",
    people: [[victim.id, "VICTIM"]],
  });
  return { c, victim };
}

async function runningMaracMeeting(w: World) {
  const chair = w.s.maracChair;
  const c = await open(chair, { kind: "MARAC", title: "Domestic abuse: test victim" });
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const { id: meetingId } = await scheduleMeeting(
    chair,
    { panel: "MARAC", startsAt, venue: "Secure room", chairId: chair.userId, organisationIds: [w.orgs.police.id, w.orgs.idva.id] },
    randomUUID(),
  );
  await addCaseToAgenda(chair, meetingId, { reference: c.reference });
  await startMeeting(chair, meetingId, 1);
  const item = (await getMeetingForRun(chair, meetingId)).items[0]!;
  return { meetingId, item };
}

async function powerKind() {
  const code = `K_${unique()}`;
  return db.powerKind.create({
    data: {
      code,
      name: `Community Protection Warning ${code}`,
      legalBasis: "ASB, Crime and Policing Act 2014, s.43",
      statutory: true,
      hasExpiry: false,
      needsCourt: false,
      appealable: false,
    },
  });
}

/** A client the council's manager made, reading incidents for a year. */
async function councilApiClient(w: World) {
  return createApiClient(w.s.councilManager, {
    name: `Partner system ${unique()}`,
    scopes: ["incidents:read"],
    allowedRange: null,
    rateLimitPerMinute: 60,
    expiresAt: new Date(Date.now() + 365 * 86_400_000),
  });
}

const ROWS: Row[] = [
  {
    action: "triaging a MARAC referral (lib/referrals triageReferralAction)",
    // The panel is the partnership's: its chairs decide whichever organisation referred.
    allowed: ["maracChair", "otherMaracChair"],
    refused: {
      ccmChair: "a CCM chair cannot triage a MARAC referral",
      maracMember: "a MARAC member who does not chair cannot triage",
      policeOfficer: "the referrer's colleague, an officer, cannot triage",
      housingManager: "another organisation's manager cannot triage",
    },
    setup: async (w) => {
      const { c } = await maracCase(w);
      const r = await makeReferral({ caseId: c.id, referringOrganisationId: w.orgs.police.id, referringUserId: w.s.policeOfficer.userId });
      return {
        run: () =>
          triageReferralAction(
            { status: "idle" },
            form({ referralId: r.id, version: "1", outcome: "DECLINED", note: "Below the MARAC threshold", confirmed: "yes" }),
          ),
        changed: async () => (await db.referral.findUniqueOrThrow({ where: { id: r.id } })).status !== "PENDING",
      };
    },
  },
  {
    action: "referring a restricted MARAC case (lib/referrals createReferralAction)",
    allowed: ["maracChair"],
    refused: {
      policeOfficer: "an officer of the lead force on no panel cannot refer a restricted case they cannot see",
      councilOfficer: "an officer of another organisation on no MARAC panel cannot refer it",
    },
    setup: async (w) => {
      const { c, victim } = await maracCase(w);
      return {
        run: () =>
          createReferralAction(
            { status: "idle" },
            form({
              submissionKey: randomUUID(),
              caseId: c.id,
              panel: "MARAC",
              reason: "Threats to kill",
              grounds: "PROFESSIONAL_JUDGEMENT",
              victimPersonId: victim.id,
              transferDirection: "NONE",
            }),
          ),
        changed: async () => (await db.referral.count({ where: { caseId: c.id } })) > 0,
      };
    },
  },
  {
    action: "withdrawing a MARAC referral (lib/referrals withdrawReferralAction)",
    allowed: ["policeOfficer"],
    refused: {
      maracChair: "the MARAC chair sees the referral but decides on it; only its referrer withdraws it",
      maracMember: "a MARAC member who did not make it cannot withdraw it",
      councilOfficer: "an officer of another organisation off the MARAC panel cannot (not found)",
      housingManager: "another organisation's manager cannot (not found)",
      ccmChair: "a CCM chair cannot (not found)",
    },
    setup: async (w) => {
      const { c } = await maracCase(w);
      const r = await makeReferral({ caseId: c.id, referringOrganisationId: w.orgs.police.id, referringUserId: w.s.policeOfficer.userId });
      return {
        run: () =>
          withdrawReferralAction(
            { status: "idle" },
            form({ referralId: r.id, version: "1", reason: "The victim has moved out of the area", confirmed: "yes" }),
          ),
        changed: async () => (await db.referral.findUniqueOrThrow({ where: { id: r.id } })).status === "WITHDRAWN",
      };
    },
  },
  {
    action: "withdrawing a CCM referral (lib/referrals withdrawReferralAction)",
    // The referrer, or a manager of the referring organisation.
    allowed: ["councilOfficer", "councilManager"],
    refused: {
      councilViewer: "a viewer of the referring organisation cannot withdraw it",
      ccmChair: "the CCM chair, a colleague of the referrer, decides on it but cannot withdraw it",
      maracChair: "an organisation the case is shared with sees the referral but cannot withdraw it",
      housingManager: "another organisation's manager cannot (not found)",
    },
    setup: async (w) => {
      const c = await makeCase({
        leadOrganisationId: w.orgs.council.id,
        createdById: w.s.councilOfficer.userId,
        sharedWith: [w.orgs.police.id],
      });
      const r = await db.referral.create({
        data: {
          reference: `REF-TEST-${unique()}`,
          caseId: c.id,
          panel: "CCM",
          referringOrganisationId: w.orgs.council.id,
          referringUserId: w.s.councilOfficer.userId,
          reason: "Repeated harassment",
        },
      });
      return {
        run: () =>
          withdrawReferralAction(
            { status: "idle" },
            form({ referralId: r.id, version: "1", reason: "Resolved by mediation", confirmed: "yes" }),
          ),
        changed: async () => (await db.referral.findUniqueOrThrow({ where: { id: r.id } })).status === "WITHDRAWN",
      };
    },
  },
  {
    action: "cancelling a MARAC meeting (lib/meetings cancelMeetingAction)",
    // The panel is the partnership's: any of its chairs runs its meetings.
    allowed: ["maracChair", "otherMaracChair"],
    refused: {
      ccmChair: "a CCM chair cannot cancel a MARAC meeting (not found)",
      maracMember: "a MARAC member who does not chair cannot cancel it",
      policeOfficer: "an officer on no panel cannot cancel it",
      housingManager: "another organisation's manager cannot cancel it",
    },
    setup: async (w) => {
      const m = await db.meeting.create({
        data: {
          reference: `MTG-TEST-${unique()}`,
          panel: "MARAC",
          startsAt: new Date(Date.now() + 7 * 86_400_000),
          chairId: w.s.maracChair.userId,
        },
      });
      // A case on its agenda from an accepted referral: cancelling returns it to the triage queue.
      const { c } = await maracCase(w);
      const r = await makeReferral({ caseId: c.id, referringOrganisationId: w.orgs.police.id, referringUserId: w.s.policeOfficer.userId });
      await db.referral.update({ where: { id: r.id }, data: { status: "ACCEPTED" } });
      await db.agendaItem.create({ data: { meetingId: m.id, caseId: c.id, referralId: r.id, reason: "REFERRAL", position: 1 } });
      return {
        run: () =>
          cancelMeetingAction(
            { status: "idle" },
            form({ meetingId: m.id, version: "1", reason: "The chair is unwell", agenda: "RETURN", confirmed: "yes" }),
          ),
        changed: async () =>
          (await db.meeting.findUniqueOrThrow({ where: { id: m.id } })).status === "CANCELLED" ||
          (await db.referral.findUniqueOrThrow({ where: { id: r.id } })).status !== "ACCEPTED",
      };
    },
  },
  {
    action: "correcting a closed MARAC meeting's record (lib/meetings correctMeetingAction)",
    allowed: ["maracChair", "otherMaracChair"],
    refused: {
      ccmChair: "a CCM chair cannot correct a MARAC meeting (not found)",
      maracMember: "a MARAC member who does not chair cannot correct it",
      policeOfficer: "an officer on no panel cannot correct it",
      housingManager: "another organisation's manager cannot correct it",
    },
    setup: async (w) => {
      const heldOn = new Date(Date.now() - 14 * 86_400_000);
      const m = await db.meeting.create({
        data: {
          reference: `MTG-TEST-${unique()}`,
          panel: "MARAC",
          startsAt: heldOn,
          status: "CLOSED",
          closedAt: heldOn,
          chairId: w.s.maracChair.userId,
          attendees: { create: [{ organisationId: w.orgs.police.id }] },
        },
      });
      const day = new Date(heldOn.getTime() - 86_400_000);
      return {
        run: () =>
          correctMeetingAction(
            { status: "idle" },
            form({
              meetingId: m.id,
              version: "1",
              "date-day": String(day.getUTCDate()),
              "date-month": String(day.getUTCMonth() + 1),
              "date-year": String(day.getUTCFullYear()),
              time: "10:00",
              organisationIds: w.orgs.police.id,
              reason: "The minutes gave the wrong date",
            }),
          ),
        changed: async () => (await db.meeting.findUniqueOrThrow({ where: { id: m.id } })).version !== 1,
      };
    },
  },
  {
    action: "moving a scheduled MARAC meeting (lib/meetings rescheduleMeetingAction)",
    allowed: ["maracChair", "otherMaracChair"],
    refused: {
      ccmChair: "a CCM chair cannot move a MARAC meeting (not found)",
      maracMember: "a MARAC member who does not chair cannot move it",
      policeOfficer: "an officer on no panel cannot move it",
      housingManager: "another organisation's manager cannot move it",
    },
    setup: async (w) => {
      const m = await db.meeting.create({
        data: {
          reference: `MTG-TEST-${unique()}`,
          panel: "MARAC",
          startsAt: new Date(`${NEXT_YEAR}-03-10T10:00:00Z`),
          chairId: w.s.maracChair.userId,
          attendees: { create: [{ organisationId: w.orgs.police.id }] },
        },
      });
      return {
        run: () =>
          rescheduleMeetingAction(
            { status: "idle" },
            form({ meetingId: m.id, version: "1", "date-day": "17", "date-month": "3", "date-year": NEXT_YEAR, time: "14:00", venue: "" }),
          ),
        changed: async () => (await db.meeting.findUniqueOrThrow({ where: { id: m.id } })).version !== 1,
      };
    },
  },
  {
    action: "scheduling a MARAC meeting (lib/meetings scheduleMeetingAction)",
    allowed: ["maracChair"],
    refused: {
      ccmChair: "a CCM chair cannot schedule a MARAC meeting",
      maracMember: "a MARAC member who does not chair cannot schedule one",
      councilOfficer: "an officer cannot schedule one",
    },
    setup: async (w) => {
      const venue = `Room ${unique()}`;
      return {
        run: () =>
          scheduleMeetingAction(
            { status: "idle" },
            form({
              submissionKey: randomUUID(),
              panel: "MARAC",
              "date-day": "15",
              "date-month": "7",
              "date-year": NEXT_YEAR,
              time: "13:30",
              venue,
              chairId: w.s.maracChair.userId,
              organisationIds: [w.orgs.police.id, w.orgs.idva.id],
            }),
          ),
        changed: async () => (await db.meeting.count({ where: { venue } })) > 0,
      };
    },
  },
  {
    action: "saving a case's record in meeting mode (lib/meetings saveAgendaItemAction)",
    allowed: ["maracChair"],
    refused: {
      ccmChair: "a CCM chair cannot record a MARAC decision",
      maracMember: "a MARAC member who does not chair cannot record a decision",
      policeOfficer: "an officer on no panel cannot record a decision",
    },
    setup: async (w) => {
      const { meetingId, item } = await runningMaracMeeting(w);
      return {
        run: () =>
          saveAgendaItemAction({
            meetingId,
            itemId: item.id,
            version: item.version,
            discussionSummary: "Risk remains high.",
            decision: "Safety plan agreed.",
            reviewed: true,
            actions: [],
          }),
        changed: async () => (await db.agendaItem.findUniqueOrThrow({ where: { id: item.id } })).decision !== null,
      };
    },
  },
  {
    action: "inviting a user into another organisation (lib/users inviteUserAction)",
    allowed: ["admin"],
    refused: {
      housingManager: "a manager cannot invite a user into another organisation",
      councilOfficer: "an officer cannot invite users",
    },
    setup: async (w) => {
      const email = `invitee-${unique()}@test.example`;
      return {
        run: () =>
          inviteUserAction({ status: "idle" }, form({ name: "New Officer", email, organisationId: w.orgs.council.id, role: "OFFICER" })),
        changed: async () => (await db.user.count({ where: { email } })) > 0,
      };
    },
  },
  {
    action: "inviting an ADMIN (lib/users inviteUserAction)",
    allowed: ["admin"],
    refused: { councilManager: "a manager cannot grant ADMIN, even in their own organisation" },
    setup: async (w) => {
      const email = `admin-${unique()}@test.example`;
      return {
        run: () =>
          inviteUserAction({ status: "idle" }, form({ name: "New Admin", email, organisationId: w.orgs.council.id, role: "ADMIN" })),
        changed: async () => (await db.user.count({ where: { email } })) > 0,
      };
    },
  },
  {
    action: "changing a user's role (lib/users changeUserAccessAction)",
    allowed: ["admin", "councilManager"],
    refused: {
      housingManager: "another organisation's manager cannot change a council officer's role",
      councilOfficer: "an officer cannot change roles",
    },
    setup: async (w) => {
      const target = await colleague(w.orgs.council.id);
      return {
        run: () =>
          changeUserAccessAction(
            { status: "idle" },
            form({ userId: target.user.id, version: "1", organisationId: w.orgs.council.id, role: "VIEWER" }),
          ),
        changed: async () => (await db.user.findUniqueOrThrow({ where: { id: target.user.id } })).role !== "OFFICER",
      };
    },
  },
  {
    action: "promoting a user to ADMIN (lib/users changeUserAccessAction)",
    allowed: ["admin"],
    refused: { councilManager: "a manager cannot make their own officer an ADMIN" },
    setup: async (w) => {
      const target = await colleague(w.orgs.council.id);
      return {
        run: () =>
          changeUserAccessAction(
            { status: "idle" },
            form({ userId: target.user.id, version: "1", organisationId: w.orgs.council.id, role: "ADMIN" }),
          ),
        changed: async () => (await db.user.findUniqueOrThrow({ where: { id: target.user.id } })).role === "ADMIN",
      };
    },
  },
  {
    action: "adding a user to the MARAC (lib/users changeUserAccessAction)",
    allowed: [],
    refused: {
      admin: "an administrator only asks: the MARAC's chairs decide",
      councilManager: "a manager only asks for their own officer",
    },
    setup: async (w) => {
      const target = await colleague(w.orgs.council.id);
      return {
        run: () =>
          changeUserAccessAction(
            { status: "idle" },
            form({ userId: target.user.id, version: "1", organisationId: w.orgs.council.id, role: "OFFICER", panels: "MARAC" }),
          ),
        changed: async () => (await db.panelMembership.count({ where: { userId: target.user.id, panel: "MARAC" } })) > 0,
      };
    },
    refusalIs: (result) => result.kind === "redirect" && result.to.endsWith("?notice=access-requested"),
  },
  {
    action: "approving a request to join the MARAC (lib/panels decidePanelRequestAction)",
    allowed: ["maracChair", "otherMaracChair"],
    refused: {
      admin: "an administrator cannot approve",
      councilManager: "the manager who asked cannot approve",
      maracMember: "a member who does not chair cannot approve",
      ccmChair: "the CCM's chair cannot approve a MARAC request",
      housingManager: "another organisation's manager cannot approve",
    },
    setup: async (w) => {
      const target = await colleague(w.orgs.council.id);
      await changeUserAccess(w.s.councilManager, target.user.id, 1, {
        organisationId: w.orgs.council.id,
        role: "OFFICER",
        panels: ["MARAC"],
      });
      const request = await db.panelRequest.findFirstOrThrow({ where: { userId: target.user.id, status: "PENDING" } });
      return {
        run: () =>
          decidePanelRequestAction(
            { status: "idle" },
            form({ requestId: request.id, version: String(request.version), decision: "approve" }),
          ),
        changed: async () => (await db.panelMembership.count({ where: { userId: target.user.id, panel: "MARAC" } })) > 0,
      };
    },
  },
  {
    action: "resetting a MARAC member's password (lib/users userAccountAction)",
    allowed: [],
    refused: { admin: "an administrator only asks: no link is made", councilManager: "their manager only asks: no link is made" },
    setup: async (w) => {
      const target = await colleague(w.orgs.council.id, { panels: ["MARAC"] });
      return {
        run: () => userAccountAction({ status: "idle" }, form({ userId: target.user.id, action: "reset-password" })),
        changed: async () => (await db.passwordToken.count({ where: { userId: target.user.id } })) > 0,
      };
    },
    refusalIs: (result) =>
      result.kind === "returned" &&
      (result.value as { requested?: string[] }).requested?.length === 1 &&
      !(result.value as { sentTo?: string }).sentTo,
  },
  {
    action: "disabling a user (lib/users userAccountAction)",
    allowed: ["admin", "councilManager"],
    refused: {
      housingManager: "another organisation's manager cannot disable a council officer",
      councilOfficer: "an officer cannot disable a colleague",
    },
    setup: async (w) => {
      const target = await colleague(w.orgs.council.id);
      return {
        run: () => userAccountAction({ status: "idle" }, form({ userId: target.user.id, action: "disable" })),
        changed: async () => !(await db.user.findUniqueOrThrow({ where: { id: target.user.id } })).active,
      };
    },
  },
  {
    action: "creating an organisation (lib/organisations createOrganisationAction)",
    allowed: ["admin"],
    refused: { councilManager: "a manager cannot create an organisation", housingManager: "another organisation's manager cannot either" },
    setup: async () => {
      const name = `New agency ${unique()}`;
      return {
        run: () =>
          createOrganisationAction(
            { status: "idle" },
            form({ name, shortName: `N${unique()}`, kind: "VOLUNTARY_SECTOR", emailDomains: "new-agency.example" }),
          ),
        changed: async () => (await db.organisation.count({ where: { name } })) > 0,
      };
    },
  },
  {
    action: "renaming an organisation (lib/organisations updateOrganisationAction)",
    allowed: ["admin"],
    refused: { councilManager: "a manager cannot rename even their own organisation" },
    setup: async () => {
      const org = await agency({ kind: "FIRE" });
      const name = `Renamed ${unique()}`;
      return {
        run: () =>
          updateOrganisationAction(
            { status: "idle" },
            form({
              organisationId: org.organisation.id,
              version: "1",
              name,
              shortName: org.organisation.shortName,
              kind: org.organisation.kind,
              emailDomains: "test.example",
            }),
          ),
        changed: async () => (await db.organisation.findUniqueOrThrow({ where: { id: org.organisation.id } })).name === name,
      };
    },
  },
  {
    action: "deactivating an organisation (lib/organisations setOrganisationActiveAction)",
    allowed: ["admin"],
    refused: {
      councilManager: "a manager cannot deactivate an organisation",
      housingManager: "another organisation's manager cannot either",
    },
    setup: async () => {
      const org = await agency({ kind: "VOLUNTARY_SECTOR" });
      return {
        run: () => setOrganisationActiveAction({ status: "idle" }, form({ organisationId: org.organisation.id, active: "no" })),
        changed: async () => !(await db.organisation.findUniqueOrThrow({ where: { id: org.organisation.id } })).active,
      };
    },
  },
  {
    action: "sharing a case (lib/cases shareCaseAction)",
    allowed: ["councilOfficer"],
    refused: {
      maracChair: "an organisation the case is shared with cannot share it further",
      housingOfficer: "an organisation the case is not shared with cannot share it",
      councilViewer: "a viewer of the lead organisation cannot share it",
    },
    setup: async (w) => {
      const c = await makeCase({
        leadOrganisationId: w.orgs.council.id,
        createdById: w.s.councilOfficer.userId,
        sharedWith: [w.orgs.police.id],
      });
      return {
        run: () => shareCaseAction({ status: "idle" }, form({ caseId: c.id, organisationId: w.orgs.idva.id })),
        changed: async () => (await db.caseShare.count({ where: { caseId: c.id, organisationId: w.orgs.idva.id } })) > 0,
      };
    },
  },
  {
    action: "withdrawing a case's share (lib/cases withdrawShareAction)",
    allowed: ["councilOfficer"],
    refused: {
      maracChair: "the organisation the case is shared with cannot withdraw the share",
      housingOfficer: "an organisation the case is not shared with cannot withdraw it",
      councilViewer: "a viewer of the lead organisation cannot withdraw it",
    },
    setup: async (w) => {
      const c = await makeCase({
        leadOrganisationId: w.orgs.council.id,
        createdById: w.s.councilOfficer.userId,
        sharedWith: [w.orgs.police.id],
      });
      return {
        run: () => withdrawShareAction({ status: "idle" }, form({ caseId: c.id, organisationId: w.orgs.police.id })),
        changed: async () =>
          (await db.caseShare.findFirstOrThrow({ where: { caseId: c.id, organisationId: w.orgs.police.id } })).withdrawnAt !== null,
      };
    },
  },
  {
    action: "adding a note to a restricted MARAC case (lib/cases addNoteAction)",
    allowed: ["maracChair"],
    refused: {
      policeOfficer: "an officer of the lead force on no panel cannot add a note",
      councilOfficer: "an officer of another organisation on no MARAC panel cannot add a note",
      ccmChair: "a CCM chair cannot add a note",
    },
    setup: async (w) => {
      const { c } = await maracCase(w);
      return {
        run: () => addNoteAction({ status: "idle" }, form({ caseId: c.id, text: "Spoke to the IDVA.", submissionKey: randomUUID() })),
        changed: async () => (await db.timelineEntry.count({ where: { caseId: c.id, kind: "NOTE" } })) > 0,
      };
    },
  },
  {
    action: "issuing a power (lib/powers issuePowerAction)",
    allowed: ["councilOfficer"],
    refused: { councilViewer: "a viewer cannot issue a power" },
    setup: async (w) => {
      const kind = await powerKind();
      const p = await makePerson({ createdByOrgId: w.orgs.council.id, firstName: "Darren", lastName: `Pike${unique()}` });
      return {
        run: () =>
          issuePowerAction(
            { status: "idle" },
            form({
              submissionKey: randomUUID(),
              kindId: kind.id,
              subjectType: "person",
              subjectPersonId: p.id,
              ...dateFields("issuedOn", LAST_MONTH),
              conditions: "No loud music after 23:00",
              confirmed: "yes",
            }),
          ),
        changed: async () => (await db.powerUse.count({ where: { kindId: kind.id } })) > 0,
      };
    },
  },
  {
    action: "issuing a power on a case (lib/powers issuePowerAction)",
    allowed: ["maracChair"],
    refused: {
      councilOfficer: "an officer cannot issue a power on a restricted MARAC case they cannot see",
      policeOfficer: "an officer of the lead force on no panel cannot either",
    },
    setup: async (w) => {
      const kind = await powerKind();
      const { c } = await maracCase(w);
      const p = await makePerson({ createdByOrgId: w.orgs.police.id, firstName: "Paul", lastName: `Perp${unique()}` });
      return {
        run: () =>
          issuePowerAction(
            { status: "idle" },
            form({
              submissionKey: randomUUID(),
              kindId: kind.id,
              subjectType: "person",
              subjectPersonId: p.id,
              caseId: c.id,
              ...dateFields("issuedOn", LAST_MONTH),
              confirmed: "yes",
            }),
          ),
        changed: async () => (await db.powerUse.count({ where: { kindId: kind.id } })) > 0,
      };
    },
  },
  {
    action: "changing a power's status (lib/powers changePowerStatusAction)",
    allowed: ["councilOfficer"],
    refused: {
      councilViewer: "a viewer cannot change a power's status",
      housingOfficer: "an organisation that cannot see the power cannot change its status",
    },
    setup: async (w) => {
      const p = await makePerson({ createdByOrgId: w.orgs.council.id, firstName: "Darren", lastName: `Pike${unique()}` });
      const issued = await makePower({
        subjectPersonId: p.id,
        issuingOrganisationId: w.orgs.council.id,
        issuingOfficerId: w.s.councilOfficer.userId,
      });
      const power = await db.powerUse.update({ where: { id: issued.id }, data: { issuedAt: LAST_MONTH } });
      return {
        run: () =>
          changePowerStatusAction(
            { status: "idle" },
            form({ powerId: power.id, version: String(power.version), status: "COMPLIED", note: "Music has stopped" }),
          ),
        changed: async () => (await db.powerUse.findUniqueOrThrow({ where: { id: power.id } })).status !== "ISSUED",
      };
    },
  },
  {
    action: "recording a breach (lib/powers recordBreachAction)",
    allowed: ["councilOfficer"],
    refused: {
      councilViewer: "a viewer cannot record a breach",
      housingOfficer: "an organisation that cannot see the power cannot record a breach",
    },
    setup: async (w) => {
      const p = await makePerson({ createdByOrgId: w.orgs.council.id, firstName: "Darren", lastName: `Pike${unique()}` });
      const issued = await makePower({
        subjectPersonId: p.id,
        issuingOrganisationId: w.orgs.council.id,
        issuingOfficerId: w.s.councilOfficer.userId,
      });
      // In force since last month, so a breach today is a valid form.
      const power = await db.powerUse.update({ where: { id: issued.id }, data: { issuedAt: LAST_MONTH } });
      return {
        run: () =>
          recordBreachAction(
            { status: "idle" },
            form({
              powerId: power.id,
              version: String(power.version),
              ...dateFields("breachedOn", new Date()),
              actionTaken: "WARNING",
              notes: "Seen playing music at 01:00",
            }),
          ),
        changed: async () => (await db.powerBreach.count({ where: { powerId: power.id } })) > 0,
      };
    },
  },
  {
    action: "making an API client (lib/api/clients createApiClientAction)",
    allowed: ["councilManager", "housingManager"],
    refused: {
      admin: "an administrator cannot make a client: it would read case content, which being an administrator never grants",
      maracChair: "a chair cannot make a client",
      councilOfficer: "an officer cannot make a client",
      councilViewer: "a viewer cannot make a client",
    },
    setup: async () => {
      const name = `Partner system ${unique()}`;
      return {
        run: () =>
          createApiClientAction(
            { status: "idle" },
            form({ name, scopes: ["incidents:read", "people:read"], ...dateFields("expires", new Date(Date.now() + 90 * 86_400_000)) }),
          ),
        changed: async () => (await db.apiClient.count({ where: { name } })) > 0,
      };
    },
  },
  {
    action: "revoking an API client (lib/api/clients revokeApiClientAction)",
    allowed: ["councilManager", "admin"],
    refused: {
      housingManager: "another organisation's manager cannot revoke it (not found)",
      councilOfficer: "an officer of its organisation cannot revoke it",
      councilViewer: "a viewer of its organisation cannot revoke it",
      maracChair: "a MARAC chair cannot revoke it",
    },
    setup: async (w) => {
      const client = await councilApiClient(w);
      return {
        run: () => revokeApiClientAction({ status: "idle" }, form({ clientId: client.id, version: "1", confirmed: "yes" })),
        changed: async () => (await db.apiClient.findUniqueOrThrow({ where: { id: client.id } })).revokedAt !== null,
      };
    },
  },
  {
    action: "granting an API client MARAC access (lib/api/clients setMaracAccessAction)",
    allowed: ["maracChair", "otherMaracChair"],
    refused: {
      councilManager: "the manager who made the client cannot grant it MARAC access",
      admin: "an administrator cannot grant MARAC access",
      ccmChair: "a CCM chair cannot grant MARAC access (not found)",
      maracMember: "a MARAC member who does not chair cannot grant it",
      housingManager: "another organisation's manager cannot grant it",
    },
    setup: async (w) => {
      const client = await councilApiClient(w);
      return {
        run: () => setMaracAccessAction({ status: "idle" }, form({ clientId: client.id, decision: "grant" })),
        changed: async () => (await db.apiClient.findUniqueOrThrow({ where: { id: client.id } })).maracGrantedAt !== null,
      };
    },
  },
];

describe("server actions with valid forms on real records: who changes what", () => {
  let w: World;
  beforeAll(async () => {
    w = await partnership();
  });

  for (const row of ROWS) {
    describe(row.action, () => {
      for (const [subject, spec] of Object.entries(row.refused) as [SubjectName, string][]) {
        it(`${spec}: nothing is written`, async () => {
          const actor = w.s[subject];
          const attempt = await row.setup(w, actor);
          signInForCalls(actor);
          const result = await callServerAction(attempt.run);
          signInForCalls(null);
          if (result.kind === "threw")
            throw new Error(
              `${row.action} as ${subject} failed with an unexpected error: ${String((result.error as Error)?.message ?? result.error)}`,
            );
          expect(
            (row.refusalIs ?? isRefusal)(result),
            `${row.action} as ${subject} was not answered with a refusal: ${JSON.stringify(result)}`,
          ).toBe(true);
          expect(await attempt.changed(), `${row.action} as ${subject} changed the record (answered ${JSON.stringify(result)})`).toBe(
            false,
          );
        });
      }
      for (const subject of row.allowed) {
        it(`the ${subject} may: the change is written`, async () => {
          const actor = w.s[subject];
          const attempt = await row.setup(w, actor);
          signInForCalls(actor);
          const result = await callServerAction(attempt.run);
          signInForCalls(null);
          if (result.kind === "threw")
            throw new Error(
              `${row.action} as ${subject} failed with an unexpected error: ${String((result.error as Error)?.message ?? result.error)}`,
            );
          expect(
            await attempt.changed(),
            `${row.action} as ${subject} did not change the record (answered ${JSON.stringify(result)})`,
          ).toBe(true);
        });
      }
    });
  }
});
