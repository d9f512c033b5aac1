import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// THE ACCESS MATRIX: every page, route handler and server action of the app, and what each kind
// of visitor gets from it. These suites use it:
//  - tests/e2e/access-matrix.spec.ts requests every page and route handler over HTTP, against the
//    production build on the seeded demo partnership, as each subject below;
//  - tests/integration/access-matrix.test.ts fails when a page, route handler or server action
//    exists without an entry here (or an entry names one that no longer exists), and calls every
//    server action signed out and as each role with guessed ids;
//  - tests/integration/access-matrix-actions.test.ts calls the riskiest server actions with valid
//    forms on real records as each kind of subject, and checks in the database who changed what.
//
// Adding a route = one line here: its pattern (as the file system names it, route groups left
// out) and who may use it, usually with one of the presets (`readers`, `writers`, …).

/** Who asks. All but otherOrg, nonPanel and signedOut are in the council's team (KCSAT). */
export const SUBJECTS = {
  admin: "priya.raman@kingsmere.gov.example", // ADMIN, KCSAT: no case content
  manager: "sandra.okafor@kingsmere.gov.example", // MANAGER, KCSAT, CCM
  chair: "helen.marsh@kingsmere.gov.example", // CHAIR, KCSAT, CCM
  officer: "kwame.mensah@kingsmere.gov.example", // OFFICER, KCSAT, CCM
  viewer: "ben.carter@kingsmere.gov.example", // VIEWER, KCSAT
  panelMember: "yasmin.patel@kingsmere.gov.example", // OFFICER, KCSAT, MARAC panel
  otherOrg: "owen.price@kingsmerehomes.example", // OFFICER, Kingsmere Homes: the case below is not shared with KH
  nonPanel: "tom.fletcher@met.kingsmere.example", // OFFICER, police (the case is shared with them), on no panel
  signedOut: null,
} as const;
export type Subject = keyof typeof SUBJECTS;
export const SUBJECT_NAMES = Object.keys(SUBJECTS) as Subject[];

/**
 * ok: 200. not-allowed: 200, a page about a record the user may see, saying they cannot change it
 * ("You cannot …", no form). 404: answered like a missing page. sign-in: sent to the sign-in page.
 * A number: that status (route handlers answer 401/405/422…). `redirect:/path`: another redirect
 * (ids in the path written `:id`).
 */
export type Outcome = "ok" | "not-allowed" | "404" | "sign-in" | number | `redirect:${string}`;
export type Expectation = Record<Subject, Outcome>;

/** Seeded records the probes use (looked up by the e2e suite in the demo partnership). */
export type Records = {
  /** Case C01: KCSAT leads; shared with the police, LFB and health; not with Kingsmere Homes. */
  caseId: string;
  /** Case C10: a restricted MARAC case KCSAT leads. */
  maracCaseId: string;
  /**
   * Case C07, a restricted MARAC case the police lead: an incident in it logged by a police officer
   * on the panel, its victim and her home (recorded by that officer). The police officer on no
   * panel (nonPanel) must not reach them although his organisation made them.
   */
  maracIncidentId: string;
  maracPersonId: string;
  maracPlaceId: string;
  /** Case C06: the Community Trigger case KCSAT leads. */
  triggerCaseId: string;
  actionId: string;
  riskId: string;
  timelineEntryId: string;
  /** A document on case C01 (uploaded by the suite if the seed has none). */
  documentId: string | null;
  incidentId: string;
  personId: string;
  otherPersonId: string;
  placeId: string;
  powerId: string;
  pspoId: string;
  referralId: string | null;
  maracReferralId: string | null;
  meetingId: string | null;
  maracMeetingId: string | null;
  organisationId: string;
  /** An organisation case C01 is shared with now (the police), for the page that withdraws a share. */
  sharedOrganisationId: string;
  /** A KCSAT officer (kwame), and a Kingsmere Homes officer (owen). */
  userId: string;
  otherOrgUserId: string;
  missing: string;
};

export type Probe = {
  url: (r: Records) => string;
  method?: "GET" | "POST";
  /** JSON body for POST. */
  json?: unknown;
  expect: Expectation;
  /** Why this probe exists, when it is not obvious. */
  note?: string;
  /** An address that names no page at all: its 404 is not a refusal, so nothing is audited. */
  noSuchPage?: boolean;
};

// ───────────────────────────── Presets ─────────────────────────────

function expectation(allowed: readonly Subject[], others: Outcome = "404", signedOut: Outcome = "sign-in"): Expectation {
  return Object.fromEntries(
    SUBJECT_NAMES.map((s) => [s, s === "signedOut" ? signedOut : allowed.includes(s) ? "ok" : others]),
  ) as Expectation;
}

const CASEWORK_READERS: Subject[] = ["manager", "chair", "officer", "viewer", "panelMember", "otherOrg", "nonPanel"];
const CASEWORK_WRITERS: Subject[] = ["manager", "chair", "officer", "panelMember", "otherOrg", "nonPanel"];
/** Those who read returns (return:read): every role but viewers and admins. */
const RETURN_READERS: Subject[] = CASEWORK_WRITERS;
/** CCM panel members among the subjects (the chair, manager, officer and the housing officer). */
const CCM_MEMBERS: Subject[] = ["manager", "chair", "officer", "otherOrg"];

/** A list or search page: every case-work role, whatever the organisation (the list filters). */
export const readers = () => expectation(CASEWORK_READERS);
/** A "new …" form: roles that write case work. */
export const writers = () => expectation(CASEWORK_WRITERS);
/** A KCSAT record shared with the police (nonPanel) but not with Kingsmere Homes (otherOrg). */
export const recordReaders = () => expectation(["manager", "chair", "officer", "viewer", "panelMember", "nonPanel"]);
/** Adding to that record: its organisations' writers; a viewer who can see it is told they cannot. */
export const recordWriters = () =>
  except(expectation(["manager", "chair", "officer", "panelMember", "nonPanel"]), { viewer: "not-allowed" });
/** Running that case: the lead organisation's writers; others who can see it are told they cannot. */
export const leadWriters = () =>
  except(expectation(["manager", "chair", "officer", "panelMember"]), { viewer: "not-allowed", nonPanel: "not-allowed" });
/** A restricted MARAC record: the MARAC panel only (nobody else on the list is on it). */
export const maracPanel = () => expectation(["panelMember"]);
/** Administration only. */
export const admins = () => expectation(["admin"]);
/** Any signed-in user. */
export const signedIn = () => expectation([...SUBJECT_NAMES.filter((s) => s !== "signedOut")]);
/** Open to everyone, signed in or not. */
export const everyone = (outcome: Outcome = "ok") => Object.fromEntries(SUBJECT_NAMES.map((s) => [s, outcome])) as Expectation;
/** Start from a preset and change some subjects. */
export const except = (base: Expectation, changes: Partial<Expectation>): Expectation => ({ ...base, ...changes });

// ───────────────────────────── Pages ─────────────────────────────

const page = (url: Probe["url"], expect: Expectation, note?: string): Probe => ({ url, expect, note });

export const PAGES: Record<string, Probe[]> = {
  "/": [page(() => "/", signedIn())],
  "/sign-in": [page(() => "/sign-in", except(everyone("redirect:/"), { signedOut: "ok" }), "a signed-in user is sent to the dashboard")],
  "/actions": [page(() => "/actions", readers())],
  "/incidents": [page(() => "/incidents", readers())],
  "/incidents/new": [page(() => "/incidents/new", writers())],
  "/incidents/[id]": [
    page((r) => `/incidents/${r.incidentId}`, recordReaders()),
    page(
      (r) => `/incidents/${r.maracIncidentId}`,
      maracPanel(),
      "an incident in a restricted MARAC case: not for the panel member's colleagues of the organisation that logged it",
    ),
    page((r) => `/incidents/${r.missing}`, expectation([]), "guessed id"),
  ],
  "/incidents/[id]/edit": [
    page(
      (r) => `/incidents/${r.incidentId}/edit`,
      except(recordWriters(), { nonPanel: "not-allowed", viewer: "404" }),
      "only the reporting organisation edits an incident",
    ),
  ],
  "/people": [page(() => "/people", readers())],
  "/people/new": [page(() => "/people/new", writers())],
  "/people/[id]": [
    page((r) => `/people/${r.personId}`, recordReaders()),
    page(
      (r) => `/people/${r.maracPersonId}`,
      maracPanel(),
      "a victim known only through a restricted MARAC case: not for the organisation that recorded her",
    ),
    page((r) => `/people/${r.missing}`, expectation([]), "guessed id"),
  ],
  "/people/[id]/edit": [page((r) => `/people/${r.personId}/edit`, except(recordWriters(), { viewer: "404" }))],
  "/people/[id]/merge": [page((r) => `/people/${r.personId}/merge`, expectation(["manager"]))],
  "/people/[id]/merge/[duplicateId]": [page((r) => `/people/${r.personId}/merge/${r.otherPersonId}`, expectation(["manager"]))],
  "/places": [page(() => "/places", readers())],
  "/places/new": [page(() => "/places/new", writers())],
  "/places/[id]": [
    page((r) => `/places/${r.placeId}`, recordReaders(), "a place only in records Kingsmere Homes cannot see"),
    page((r) => `/places/${r.maracPlaceId}`, maracPanel(), "a victim's home known only through a restricted MARAC case"),
  ],
  "/places/[id]/edit": [page((r) => `/places/${r.placeId}/edit`, except(recordReaders(), { viewer: "404" }))],
  "/search": [
    page(() => "/search", readers(), "the header's search: administrators have no case work to search"),
    page(() => "/search?searched=1&search=AAAAAAAAAAAAAAAAAAAAAA", readers(), "a guessed saved-search handle reads as an expired search"),
  ],
  "/cases": [page(() => "/cases", readers())],
  "/cases/new": [page(() => "/cases/new", writers())],
  "/cases/[id]": [
    page((r) => `/cases/${r.caseId}`, recordReaders()),
    page((r) => `/cases/${r.maracCaseId}`, maracPanel(), "restricted MARAC case: its own lead organisation's staff off the panel get 404"),
    page((r) => `/cases/${r.missing}`, expectation([]), "guessed id"),
  ],
  "/cases/[id]/edit": [page((r) => `/cases/${r.caseId}/edit`, leadWriters()), page((r) => `/cases/${r.maracCaseId}/edit`, maracPanel())],
  "/cases/[id]/status": [page((r) => `/cases/${r.caseId}/status`, leadWriters())],
  "/cases/[id]/sharing/[organisationId]/withdraw": [
    page((r) => `/cases/${r.caseId}/sharing/${r.sharedOrganisationId}/withdraw`, leadWriters()),
  ],
  "/cases/[id]/sharing": [page((r) => `/cases/${r.caseId}/sharing`, leadWriters())],
  "/cases/[id]/incidents/add": [page((r) => `/cases/${r.caseId}/incidents/add`, recordWriters())],
  "/cases/[id]/people/add": [page((r) => `/cases/${r.caseId}/people/add`, recordWriters())],
  "/cases/[id]/places/add": [page((r) => `/cases/${r.caseId}/places/add`, recordWriters())],
  "/cases/[id]/documents": [
    page((r) => `/cases/${r.caseId}/documents`, recordReaders()),
    page((r) => `/cases/${r.maracCaseId}/documents`, maracPanel()),
  ],
  "/cases/[id]/actions/new": [page((r) => `/cases/${r.caseId}/actions/new`, recordWriters())],
  "/cases/[id]/actions/[actionId]": [page((r) => `/cases/${r.caseId}/actions/${r.actionId}`, recordReaders())],
  "/cases/[id]/actions/[actionId]/edit": [page((r) => `/cases/${r.caseId}/actions/${r.actionId}/edit`, leadWriters())],
  "/cases/[id]/risk": [page((r) => `/cases/${r.caseId}/risk`, recordReaders())],
  "/cases/[id]/risk/[assessmentId]": [page((r) => `/cases/${r.caseId}/risk/${r.riskId}`, recordReaders())],
  "/cases/[id]/risk/matrix": [page((r) => `/cases/${r.caseId}/risk/matrix`, recordWriters())],
  "/cases/[id]/risk/dash": [page((r) => `/cases/${r.maracCaseId}/risk/dash`, maracPanel())],
  "/cases/[id]/transfer-out": [
    page((r) => `/cases/${r.maracCaseId}/transfer-out`, maracPanel(), "a MARAC case's transfer out: MARAC panel members who change cases"),
    page((r) => `/cases/${r.caseId}/transfer-out`, expectation([]), "not a MARAC case: nothing to transfer, for anyone"),
    page((r) => `/cases/${r.missing}/transfer-out`, expectation([]), "guessed id"),
  ],
  "/cases/[id]/timeline/[entryId]/correct": [
    page(
      (r) => `/cases/${r.caseId}/timeline/${r.timelineEntryId}/correct`,
      except(recordWriters(), { nonPanel: "not-allowed" }),
      "a council officer's note: corrected by the council",
    ),
  ],
  "/cases/[id]/community-trigger": [page((r) => `/cases/${r.triggerCaseId}/community-trigger`, recordReaders())],
  "/cases/[id]/community-trigger/edit": [page((r) => `/cases/${r.triggerCaseId}/community-trigger/edit`, leadWriters())],
  "/cases/[id]/community-trigger/complaints/add": [
    page(
      (r) => `/cases/${r.triggerCaseId}/community-trigger/complaints/add`,
      except(leadWriters(), { nonPanel: "ok" }),
      "partners add the complaints made to them",
    ),
  ],
  "/powers": [page(() => "/powers", readers())],
  "/powers/new": [page(() => "/powers/new", writers())],
  "/powers/[id]": [
    page((r) => `/powers/${r.powerId}`, recordReaders()),
    page((r) => `/powers/${r.missing}`, expectation([]), "guessed id"),
  ],
  "/powers/kinds": [page(() => "/powers/kinds", except(readers(), { admin: "ok" }), "admins manage the kinds of power")],
  "/powers/pspos": [page(() => "/powers/pspos", readers())],
  "/powers/pspos/new": [page(() => "/powers/pspos/new", writers())],
  "/powers/pspos/[id]": [page((r) => `/powers/pspos/${r.pspoId}`, readers())],
  "/account": [page(() => "/account", signedIn())],
  "/notifications": [page(() => "/notifications", signedIn())],
  "/imports": [page(() => "/imports", expectation(["manager"]), "managers bring in their organisation's records")],
  "/imports/[id]": [page((r) => `/imports/${r.missing}`, expectation([]), "a guessed id, or another organisation's import")],
  "/notifications/[id]": [page((r) => `/notifications/${r.missing}`, expectation([]), "a guessed id, or someone else's notification")],
  "/account/two-factor": [page(() => "/account/two-factor", signedIn())],
  "/two-factor/set-up": [page(() => "/two-factor/set-up", signedIn())],
  "/set-password/[token]": [page(() => "/set-password/not-a-real-token", everyone())],
  "/admin": [page(() => "/admin", expectation(["admin", "manager"]))],
  "/admin/users": [page(() => "/admin/users", expectation(["admin", "manager"]))],
  "/admin/users/new": [page(() => "/admin/users/new", expectation(["admin", "manager"]))],
  "/admin/users/[id]": [
    page((r) => `/admin/users/${r.userId}`, expectation(["admin", "manager"])),
    page((r) => `/admin/users/${r.otherOrgUserId}`, expectation(["admin"]), "a manager manages their own organisation's users only"),
  ],
  "/admin/organisations": [page(() => "/admin/organisations", admins())],
  // Partner systems' API clients: a manager makes and revokes their organisation's; an
  // administrator sees and revokes every organisation's, but cannot make one (a client reads case content).
  "/admin/api-clients": [page(() => "/admin/api-clients", expectation(["admin", "manager"]))],
  "/admin/api-clients/new": [
    page(() => "/admin/api-clients/new", expectation(["manager"]), "managers make clients for their organisation; an administrator cannot"),
  ],
  "/admin/api-clients/[id]": [
    page(
      (r) => `/admin/api-clients/${r.missing}`,
      expectation([]),
      "a guessed id, or another organisation's client (tests/integration/api-clients-admin.test.ts, tests/e2e/api-clients.spec.ts)",
    ),
  ],
  "/admin/organisations/[id]": [page((r) => `/admin/organisations/${r.organisationId}`, admins())],
  "/referrals": [page(() => "/referrals", writers())],
  "/referrals/new": [page((r) => `/referrals/new?caseId=${r.caseId}`, except(recordWriters(), { viewer: "404" }))],
  "/referrals/triage": [page(() => "/referrals/triage", expectation(["chair"]))],
  // A panel's access review: its chairs only. No subject chairs the MARAC (the MARAC member is an officer).
  "/panels/[panel]": [
    page(() => "/panels/ccm", expectation(["chair"]), "the CCM's chairs"),
    page(() => "/panels/marac", expectation([]), "the MARAC's chairs only: not its members, the CCM chair, a manager or an administrator"),
    { ...page(() => "/panels/nonsense", expectation([])), noSuchPage: true },
  ],
  "/referrals/[id]": [
    page(
      (r) => `/referrals/${r.referralId ?? r.missing}`,
      except(recordReaders(), { otherOrg: "ok" }),
      "a CCM referral: the organisations on the case and every CCM panel member (otherOrg is on the CCM)",
    ),
    page((r) => `/referrals/${r.maracReferralId ?? r.missing}`, maracPanel(), "a MARAC referral: the panel only"),
  ],
  // Only the referrer or a manager of the referring organisation withdraws, and only before triage:
  // everyone who can see these seeded (accepted) referrals is told they cannot; anyone else gets 404.
  "/referrals/[id]/withdraw": [
    page(
      (r) => `/referrals/${r.referralId ?? r.missing}/withdraw`,
      except(expectation([]), {
        manager: "not-allowed",
        chair: "not-allowed",
        officer: "not-allowed",
        viewer: "not-allowed",
        panelMember: "not-allowed",
        otherOrg: "not-allowed",
        nonPanel: "not-allowed",
      }),
    ),
    page(
      (r) => `/referrals/${r.maracReferralId ?? r.missing}/withdraw`,
      except(expectation([]), { panelMember: "not-allowed" }),
      "a MARAC referral: the panel only",
    ),
  ],
  "/meetings": [page(() => "/meetings", expectation([...CCM_MEMBERS, "panelMember"]))],
  "/meetings/new": [page(() => "/meetings/new", expectation(["chair"]))],
  "/meetings/[id]": [
    page((r) => `/meetings/${r.meetingId ?? r.missing}`, expectation(CCM_MEMBERS)),
    page((r) => `/meetings/${r.maracMeetingId ?? r.missing}`, maracPanel(), "a MARAC meeting: the panel only"),
  ],
  "/meetings/[id]/run": [page((r) => `/meetings/${r.meetingId ?? r.missing}/run`, expectation(["chair"]))],
  // The presentation reads the meeting as meeting mode does (getMeetingForRun): the panel's chair only.
  "/meetings/[id]/present": [
    page((r) => `/meetings/${r.meetingId ?? r.missing}/present`, expectation(["chair"]), "the seeded CCM is closed: a page saying so"),
    page(
      (r) => `/meetings/${r.maracMeetingId ?? r.missing}/present`,
      expectation([]),
      "a MARAC meeting: its chair only (none among the subjects; the MARAC panel member gets 404 too)",
    ),
    page((r) => `/meetings/${r.missing}/present`, expectation([]), "guessed id"),
  ],
  "/meetings/[id]/close": [page((r) => `/meetings/${r.meetingId ?? r.missing}/close`, expectation(["chair"]))],
  "/meetings/[id]/correct": [
    page((r) => `/meetings/${r.meetingId ?? r.missing}/correct`, expectation(["chair"]), "the panel's chair: the seeded CCM is closed"),
    page(
      (r) => `/meetings/${r.maracMeetingId ?? r.missing}/correct`,
      expectation([]),
      "a MARAC meeting: its chair only (none among the subjects)",
    ),
  ],
  "/meetings/[id]/reschedule": [
    page(
      (r) => `/meetings/${r.meetingId ?? r.missing}/reschedule`,
      except(expectation([]), { chair: "not-allowed" }),
      "the panel's chair only; the seeded CCM is closed, so it cannot be moved",
    ),
    page(
      (r) => `/meetings/${r.maracMeetingId ?? r.missing}/reschedule`,
      expectation([]),
      "a MARAC meeting: its chair only (none among the subjects)",
    ),
  ],
  "/meetings/[id]/cancel": [
    page(
      (r) => `/meetings/${r.meetingId ?? r.missing}/cancel`,
      except(expectation([]), { chair: "not-allowed" }),
      "the panel's chair only; the seeded CCM is closed, so it cannot be cancelled",
    ),
    page(
      (r) => `/meetings/${r.maracMeetingId ?? r.missing}/cancel`,
      expectation([]),
      "a MARAC meeting: its chair only (none among the subjects)",
    ),
  ],
  // A closed CCM's minutes also reach the organisations on its cases (only their items; lib/meetings/access):
  // the seeded CCM heard case C01, which KCSAT leads and shares with the police.
  "/meetings/[id]/minutes": [
    page((r) => `/meetings/${r.meetingId ?? r.missing}/minutes`, expectation([...CCM_MEMBERS, "viewer", "panelMember", "nonPanel"])),
    page((r) => `/meetings/${r.maracMeetingId ?? r.missing}/minutes`, maracPanel(), "MARAC minutes: the panel only"),
  ],
  "/meetings/[id]/pack": [
    page((r) => `/meetings/${r.meetingId ?? r.missing}/pack`, expectation(CCM_MEMBERS)),
    page((r) => `/meetings/${r.maracMeetingId ?? r.missing}/pack`, maracPanel(), "a MARAC pack: the panel only"),
  ],
  "/returns": [page(() => "/returns", expectation(RETURN_READERS))],
  "/returns/register": [page(() => "/returns/register?period=2026-27", expectation(RETURN_READERS))],
  "/returns/[returnKey]": [
    page(() => "/returns/tools-and-powers?period=2026-27", expectation(RETURN_READERS)),
    page(() => "/returns/marac?period=2026-27-q3", expectation(["panelMember"]), "the MARAC data return: MARAC panel members only"),
    { ...page(() => "/returns/no-such-return", expectation([]), "no such return"), noSuchPage: true },
  ],
  "/returns/[returnKey]/records": [
    page(() => "/returns/tools-and-powers/records?period=2026-27&measure=issued", expectation(RETURN_READERS)),
    page(
      () => "/returns/marac/records?period=2026-27-q3&measure=cases-discussed",
      expectation(["panelMember"]),
      "the MARAC data return: MARAC panel members only",
    ),
  ],
  "/admin/audit": [page(() => "/admin/audit", admins())],
  "/admin/notifications": [page(() => "/admin/notifications", admins())],
  "/admin/api": [
    page(() => "/admin/api", expectation(["admin", "manager"]), "the partner API's reference: for those who make or oversee its clients"),
  ],
  "/admin/audit/verify": [page(() => "/admin/audit/verify", admins())],
  "/admin/audit/seen/[type]/[id]": [
    page(
      (r) => `/admin/audit/seen/case/${r.caseId}`,
      expectation(["admin", "manager"]),
      "admins, and the manager of the case's lead organisation",
    ),
    page((r) => `/admin/audit/seen/person/${r.personId}`, expectation(["admin", "manager"])),
    page(
      (r) => `/admin/audit/seen/case/${r.maracCaseId}`,
      expectation(["admin"]),
      "the lead organisation's manager is not on the MARAC panel",
    ),
  ],
};

// ───────────────────────────── Route handlers ─────────────────────────────

const get = (url: Probe["url"], expect: Expectation, note?: string): Probe => ({ url, expect, note });
const postJson = (url: Probe["url"], json: unknown, expect: Expectation, note?: string): Probe => ({
  url,
  method: "POST",
  json,
  expect,
  note,
});

export const ROUTES: Record<string, Probe[]> = {
  "/api/health": [get(() => "/api/health", everyone())],
  "/api/session": [
    postJson(
      () => "/api/session",
      {},
      except(everyone(), { signedOut: 401 }),
      "'Stay signed in': keeps a live session alive, opens nothing",
    ),
  ],
  "/api/incidents": [
    postJson(
      () => "/api/incidents",
      {},
      { ...expectation([...CASEWORK_WRITERS], "404", 401), ...Object.fromEntries(CASEWORK_WRITERS.map((s) => [s, 422])) },
      "an empty incident: refused before validation for those who may not log one",
    ),
  ],
  "/api/incidents/export": [get(() => "/api/incidents/export?format=csv&category=NUISANCE", readers())],
  "/api/cases/export": [get(() => "/api/cases/export?format=csv&status=OPEN", readers())],
  "/api/actions/export": [get(() => "/api/actions/export?format=xlsx&scope=organisation", readers())],
  "/api/imports/templates/[kind]": [
    get(() => "/api/imports/templates/INCIDENTS?format=xlsx", expectation(["manager"])),
    { ...get(() => "/api/imports/templates/constructor?format=csv", expectation([]), "no such kind of record"), noSuchPage: true },
  ],
  "/api/imports/[id]/problems": [
    get((r) => `/api/imports/${r.missing}/problems`, expectation([]), "a guessed id, or another organisation's import"),
  ],
  // The incident form's "which open cases name these people?": for those who log incidents, POSTed.
  "/api/incidents/cases-naming": [
    postJson(() => "/api/incidents/cases-naming", { personIds: [], locationIds: [] }, expectation(CASEWORK_WRITERS, "404", 401)),
    get(() => "/api/incidents/cases-naming", everyone(405), "only POST"),
  ],
  // The pickers' searches are POSTed (a name or an address in a URL lands in access logs); a GET
  // is refused (405) before anything is searched, whoever asks.
  "/api/people/search": [
    postJson(() => "/api/people/search", { q: "ellison" }, expectation(CASEWORK_READERS, "404", 401)),
    get(() => "/api/people/search?q=ellison", everyone(405), "a name in the URL: refused, not searched"),
  ],
  "/api/places/search": [
    postJson(() => "/api/places/search", { q: "larkhall" }, expectation(CASEWORK_READERS, "404", 401)),
    get(() => "/api/places/search?q=larkhall", everyone(405), "an address in the URL: refused, not searched"),
  ],
  // The demo has no documents; who may download one is in tests/e2e/case-risk.spec.ts and
  // tests/integration/documents.test.ts.
  "/api/cases/[id]/documents/[documentId]": [
    get((r) => `/api/cases/${r.caseId}/documents/${r.missing}`, expectation([]), "guessed document id"),
  ],
  "/api/audit/export": [get(() => "/api/audit/export?action=SIGN_IN", admins())],
  "/api/returns/[returnKey]": [
    get(() => "/api/returns/tools-and-powers?period=2026-27&format=csv", expectation(RETURN_READERS)),
    get(
      () => "/api/returns/marac?period=2026-27-q3&format=xlsx",
      expectation(["panelMember"]),
      "the MARAC data return: MARAC panel members only",
    ),
  ],
  "/api/returns/register": [get(() => "/api/returns/register?period=2026-27&format=csv", expectation(RETURN_READERS))],
  // The partner API takes an API client's key, never a session: a signed-in user's cookie opens
  // nothing there (401 for everyone), so a page on another site cannot use it through a browser.
  "/api/v1/openapi.json": [get(() => "/api/v1/openapi.json", everyone(), "the API's description: public, it holds no data")],
  "/api/v1/incidents": [
    get(() => "/api/v1/incidents", everyone(401), "a session is not a key"),
    postJson(() => "/api/v1/incidents", {}, everyone(401)),
  ],
  "/api/v1/incidents/[id]": [get((r) => `/api/v1/incidents/${r.incidentId}`, everyone(401))],
  "/api/v1/people": [postJson(() => "/api/v1/people", { firstName: "Ada", lastName: "Ellison" }, everyone(401))],
  "/api/v1/people/search": [
    postJson(() => "/api/v1/people/search", { name: "ellison" }, everyone(401)),
    get(() => "/api/v1/people/search?name=ellison", everyone(405), "a name in the URL: refused, not searched"),
  ],
  "/api/v1/people/[id]": [get((r) => `/api/v1/people/${r.personId}`, everyone(401))],
  "/api/v1/places": [postJson(() => "/api/v1/places", {}, everyone(401))],
  "/api/v1/places/search": [postJson(() => "/api/v1/places/search", { q: "larkhall" }, everyone(401))],
  "/api/v1/places/[id]": [get((r) => `/api/v1/places/${r.placeId}`, everyone(401))],
  "/api/v1/cases": [get(() => "/api/v1/cases", everyone(401))],
  "/api/v1/cases/[id]": [get((r) => `/api/v1/cases/${r.caseId}`, everyone(401))],
  "/api/v1/cases/[id]/notes": [postJson((r) => `/api/v1/cases/${r.caseId}/notes`, { text: "hello" }, everyone(401))],
  "/api/v1/cases/[id]/actions": [get((r) => `/api/v1/cases/${r.caseId}/actions`, everyone(401))],
  "/api/v1/cases/[id]/actions/[actionId]": [
    get((r) => `/api/v1/cases/${r.caseId}/actions/${r.actionId}`, everyone(405), "PATCH only, with a key and If-Match"),
  ],
  "/api/v1/powers": [get(() => "/api/v1/powers", everyone(401)), postJson(() => "/api/v1/powers", {}, everyone(401))],
  "/api/v1/powers/[id]": [get((r) => `/api/v1/powers/${r.powerId}`, everyone(401))],
  "/api/v1/powers/[id]/breaches": [postJson((r) => `/api/v1/powers/${r.missing}/breaches`, {}, everyone(401))],
  "/api/meetings/[id]/minutes": [
    get((r) => `/api/meetings/${r.meetingId ?? r.missing}/minutes`, expectation([...CCM_MEMBERS, "viewer", "panelMember", "nonPanel"])),
    get((r) => `/api/meetings/${r.maracMeetingId ?? r.missing}/minutes`, maracPanel(), "MARAC minutes: the panel only"),
  ],
};

// ───────────────────────────── Server actions ─────────────────────────────
// "file#export": who may use it. Every action is called signed out (it must send the visitor to
// sign in and change nothing) and as every subject with guessed ids (nothing may change).
// `roles` documents who the action is for; the HTTP matrix above checks their pages.

export type ActionEntry = {
  /** Who the action is for (their pages are checked by the HTTP matrix). */
  for: string;
  /** Ends the caller's own session: not called once per subject. */
  endsSession?: boolean;
  /** Subjects for whom the action rightly writes with no record named (a partnership-wide setting). */
  writesWithoutRecord?: Subject[];
  /** Reached without a session on purpose (signing in, a one-time link): the signed-out check does not apply. */
  publicWithToken?: boolean;
};

export const ACTIONS: Record<string, ActionEntry> = {
  "lib/case-actions/actions.ts#addActionAction": { for: "writers in the case's organisations" },
  "lib/case-actions/actions.ts#changeActionAction": { for: "the case's lead organisation" },
  "lib/case-actions/actions.ts#changeActionStatusAction": { for: "the case's organisations" },
  "lib/api/clients/actions.ts#createApiClientAction": { for: "managers, for their own organisation" },
  "lib/api/clients/actions.ts#revokeApiClientAction": { for: "managers for their organisation's clients; admins for any" },
  "lib/api/clients/actions.ts#setMaracAccessAction": { for: "a chair of the MARAC" },
  "lib/auth/account-actions.ts#changePasswordAction": { for: "the signed-in user, for themselves" },
  "lib/notifications/actions.ts#markAllReadAction": { for: "the signed-in user, for themselves" },
  "lib/notifications/actions.ts#saveNotificationPreferencesAction": { for: "the signed-in user, for themselves" },
  "lib/auth/account-actions.ts#confirmTwoFactorAction": { for: "the signed-in user, for themselves" },
  "lib/auth/account-actions.ts#disableTwoFactorAction": { for: "the signed-in user, for themselves" },
  "lib/auth/account-actions.ts#regenerateRecoveryCodesAction": { for: "the signed-in user, for themselves" },
  "lib/auth/account-actions.ts#setPasswordAction": { for: "the holder of a one-time set-password link", publicWithToken: true },
  "lib/auth/actions.ts#signInAction": { for: "anyone, to sign in", publicWithToken: true },
  "lib/auth/actions.ts#signOutAction": { for: "any signed-in user", endsSession: true },
  "lib/cases/actions.ts#addNoteAction": { for: "the case's organisations" },
  "lib/cases/actions.ts#addPersonAction": { for: "the case's organisations" },
  "lib/cases/actions.ts#addPlaceAction": { for: "the case's organisations" },
  "lib/cases/actions.ts#changeStatusAction": { for: "the lead organisation" },
  "lib/cases/actions.ts#correctEntryAction": { for: "the case's organisations" },
  "lib/cases/actions.ts#linkIncidentsAction": { for: "the case's organisations" },
  "lib/cases/actions.ts#openCaseAction": { for: "case writers" },
  "lib/cases/actions.ts#removePersonAction": { for: "the lead organisation" },
  "lib/cases/actions.ts#removePlaceAction": { for: "the lead organisation" },
  "lib/cases/actions.ts#saveCaseDetailsAction": { for: "the lead organisation" },
  "lib/cases/actions.ts#shareCaseAction": { for: "the lead organisation" },
  "lib/cases/actions.ts#unlinkIncidentAction": { for: "the lead organisation" },
  "lib/cases/actions.ts#withdrawShareAction": { for: "the lead organisation" },
  "lib/community-trigger/actions.ts#addComplaintAction": { for: "the lead organisation" },
  "lib/community-trigger/actions.ts#removeComplaintAction": { for: "the lead organisation" },
  "lib/community-trigger/actions.ts#saveCommunityTriggerAction": { for: "the lead organisation" },
  "lib/documents/actions.ts#attachDocumentAction": { for: "the case's organisations" },
  "lib/imports/actions.ts#uploadImportAction": { for: "managers" },
  "lib/imports/actions.ts#startImportAction": { for: "managers, for their organisation's imports" },
  "lib/imports/actions.ts#resumeImportAction": { for: "managers, for their organisation's imports" },
  "lib/imports/actions.ts#discardImportAction": { for: "managers, for their organisation's imports" },
  "lib/incidents/actions.ts#logIncident": { for: "incident writers" },
  "lib/incidents/actions.ts#saveIncident": { for: "the reporting organisation" },
  "lib/meetings/actions.ts#addReviewCaseAction": { for: "the panel's chair" },
  "lib/panels/actions.ts#decidePanelRequestAction": {
    for: "a chair of the request's panel (not its requester, nor the person it is about)",
  },
  "lib/panels/actions.ts#grantPanelMembershipAction": { for: "the panel's chair" },
  "lib/panels/actions.ts#removePanelMemberAction": { for: "the panel's chair" },
  "lib/meetings/actions.ts#addToAgendaAction": { for: "the panel's chair" },
  "lib/meetings/actions.ts#cancelMeetingAction": { for: "the panel's chair" },
  "lib/meetings/actions.ts#closeMeetingAction": { for: "the panel's chair" },
  "lib/meetings/actions.ts#correctMeetingAction": { for: "the panel's chair" },
  "lib/meetings/actions.ts#rescheduleMeetingAction": { for: "the panel's chair" },
  "lib/meetings/actions.ts#moveAgendaItemAction": { for: "the panel's chair" },
  "lib/meetings/actions.ts#saveAgendaItemAction": { for: "the panel's chair" },
  "lib/meetings/actions.ts#scheduleMeetingAction": { for: "the panel's chair" },
  "lib/meetings/actions.ts#startMeetingAction": { for: "the panel's chair" },
  "lib/organisations/actions.ts#createOrganisationAction": { for: "admins" },
  "lib/organisations/actions.ts#setMfaForAllAction": { for: "admins", writesWithoutRecord: ["admin"] },
  "lib/organisations/actions.ts#setOrganisationActiveAction": { for: "admins" },
  "lib/organisations/actions.ts#updateOrganisationAction": { for: "admins" },
  "lib/people/actions.ts#createPersonAction": { for: "person writers" },
  "lib/people/actions.ts#mergePeopleAction": { for: "managers" },
  "lib/people/actions.ts#recordMarkerAction": { for: "writers who can see the person" },
  "lib/people/actions.ts#removeMarkerAction": { for: "writers who can see the person" },
  "lib/people/actions.ts#updatePersonAction": { for: "writers who can see the person" },
  "lib/places/actions.ts#createPlaceAction": { for: "place writers" },
  "lib/places/actions.ts#updatePlaceAction": { for: "place writers" },
  "lib/powers/actions.ts#addPowerKindAction": { for: "admins" },
  "lib/powers/actions.ts#changePowerStatusAction": { for: "the issuing organisation" },
  "lib/powers/actions.ts#issuePowerAction": { for: "power writers" },
  "lib/powers/actions.ts#recordBreachAction": { for: "the issuing organisation" },
  "lib/pspos/actions.ts#createPspoAction": { for: "power writers" },
  "lib/referrals/actions.ts#addReferralInformationAction": { for: "the referrer" },
  "lib/referrals/actions.ts#createReferralAction": { for: "writers who can see the case" },
  "lib/referrals/actions.ts#recordTransferOutAction": { for: "MARAC panel members who change cases, on a MARAC case" },
  "lib/referrals/actions.ts#triageReferralAction": { for: "the panel's chair" },
  "lib/referrals/actions.ts#withdrawReferralAction": { for: "the referrer, or a manager of the referring organisation" },
  "lib/risk/actions.ts#recordAsbMatrixAction": { for: "the case's organisations" },
  "lib/risk/actions.ts#recordDashAction": { for: "the MARAC panel" },
  "lib/search/actions.ts#saveSearchAction": { for: "anyone who may open the search's page (lib/search/scopes.ts)" },
  "lib/users/actions.ts#changeUserAccessAction": { for: "admins; managers for their own organisation" },
  "lib/users/actions.ts#inviteUserAction": { for: "admins; managers for their own organisation" },
  "lib/users/actions.ts#reissueInvitationAction": { for: "admins; managers for their own organisation" },
  "lib/users/actions.ts#userAccountAction": { for: "admins; managers for their own organisation" },
};

// ───────────────────────────── What exists ─────────────────────────────

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/** "/cases/[id]" for app/(app)/cases/[id]/page.tsx: route groups and private folders left out. */
export function routePatternOf(file: string): string {
  const segments = path
    .relative(path.join(ROOT, "app"), path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

export function existingPages(): string[] {
  return walk(path.join(ROOT, "app"))
    .filter((f) => /\/page\.(tsx|ts|jsx|js)$/.test(f))
    .map(routePatternOf)
    .sort();
}

export function existingRouteHandlers(): string[] {
  return walk(path.join(ROOT, "app"))
    .filter((f) => /\/route\.(ts|js)$/.test(f))
    .map(routePatternOf)
    .sort();
}

/** "lib/x/actions.ts#name" for every export of every "use server" file under lib/ and app/. */
export function existingServerActions(): string[] {
  const files = [...walk(path.join(ROOT, "lib")), ...walk(path.join(ROOT, "app"))].filter(
    (f) => /\.(ts|tsx)$/.test(f) && !f.includes(`${path.sep}generated${path.sep}`),
  );
  const actions: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    if (!/^\s*["']use server["'];?/m.test(text.split("\n").find((line) => line.trim() !== "" && !line.trim().startsWith("//")) ?? ""))
      continue;
    for (const match of text.matchAll(/^export\s+(?:async\s+)?function\s+(\w+)|^export\s+const\s+(\w+)/gm)) {
      actions.push(`${path.relative(ROOT, file)}#${match[1] ?? match[2]}`);
    }
  }
  return actions.sort();
}
