import "server-only";
import { db, type Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AsbType } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleCasesWhere, visibleIncidentsWhere } from "@/lib/cases/access";
import { CaseChangedError, changeCase, updateAtVersion, type CaseForChange } from "@/lib/cases/data";
import { visiblePeopleWhere } from "@/lib/people/access";
import { appendTimeline } from "@/lib/timeline/data";
import { auditChange } from "@/lib/audit/data";
import { getCommunityTriggerSetting, type CommunityTriggerSetting } from "@/lib/settings/data";
import { ConflictError, ValidationError } from "@/lib/errors";
import { formatDate, londonToday } from "@/lib/format/dates";
import { personLabel } from "@/lib/incidents/labels";
import { isUuid } from "@/lib/not-found";
import { checkThreshold, type Complaint } from "./threshold";
import type { ComplaintInput, TriggerDetailsInput } from "./schema";

// The Community Trigger (ASB case review, s.104 of the 2014 Act): the extra fields of a case of
// kind COMMUNITY_TRIGGER, and the qualifying complaints the application rests on.
//
// THE RULES:
// - Whether the threshold is met is never typed: every change to the application or its
//   complaints works it out again (checkThreshold, against the partnership's setting in force) and
//   stores it, in the same transaction as the change, its COMMUNITY_TRIGGER_UPDATED timeline entry
//   and its audit entry.
// - The lead organisation (caseRightsOf: manage) records and changes the application, the review
//   and the escalation, and removes complaints; organisations the case is shared with (contribute)
//   add the complaints made to them. The application comes first: complaints hang off it.
// - Two officers may edit at once. CommunityTrigger has no version of its own, so the case's
//   version stands for it: the edit form is saved only at the version it was opened at, and every
//   change to the trigger (a complaint added or removed too) moves the case's version on.
// - The applicant is a person the officer can see, or just a name (a councillor, an MP, a
//   neighbour with no record). A linked incident must be one in this case.

const ENTITY = "CommunityTrigger";

function requireTriggerCase(c: CaseForChange) {
  if (c.kind !== "COMMUNITY_TRIGGER") throw new ConflictError(`Case ${c.reference} is not a Community Trigger case`);
}

type Threshold = { met: boolean; counted: number; setting: CommunityTriggerSetting; qualifying: Set<string>; reasons: Map<string, string> };

async function thresholdOf(applicationDate: Date, complaints: readonly Complaint[]): Promise<Threshold> {
  const setting = await getCommunityTriggerSetting();
  const check = checkThreshold(applicationDate, complaints, setting);
  return {
    met: check.met,
    counted: check.qualifying.length,
    setting,
    qualifying: new Set(check.qualifying),
    reasons: new Map(check.excluded.map((e) => [e.id, e.reason])),
  };
}

const thresholdSentence = (t: Threshold) =>
  `Threshold ${t.met ? "met" : "not met"}: ${t.counted} of ${t.setting.complaints} qualifying ${t.setting.complaints === 1 ? "complaint" : "complaints"}.`;

/** Moves the case's version on: the trigger changed, so an edit form opened before this must not overwrite it. */
async function bumpCaseVersion(tx: Tx, caseId: string) {
  await tx.case.update({ where: { id: caseId }, data: { version: { increment: 1 }, updatedAt: new Date() }, select: { id: true } });
}

// ───────────────────────────── The application, review and escalation ─────────────────────────────

type Applicant = { personId: string | null; name: string };

async function applicantOf(tx: Tx, actor: Actor, applicant: TriggerDetailsInput["applicant"]): Promise<Applicant> {
  if (applicant.kind === "name") return { personId: null, name: applicant.name };
  const person = isUuid(applicant.personId)
    ? await tx.person.findFirst({
        where: { AND: [{ id: applicant.personId }, visiblePeopleWhere(actor)] },
        select: { id: true, firstName: true, lastName: true },
      })
    : null;
  if (!person) throw new ValidationError({ applicantPersonId: ["Search for the applicant and select them from the list"] });
  return { personId: person.id, name: `${person.firstName} ${person.lastName}` };
}

type TriggerFields = {
  applicationDate: Date;
  applicantPersonId: string | null;
  applicantName: string;
  thresholdMet: boolean;
  reviewDate: Date | null;
  reviewCarriedOut: boolean;
  recommendations: string | null;
  escalationRequested: boolean;
  escalationOutcome: string | null;
};

const sameDay = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** What changed, as sentences for the timeline, and the names of the changed fields for the audit. */
function describeChanges(before: TriggerFields, after: TriggerFields): { sentences: string[]; fields: string[] } {
  const sentences: string[] = [];
  const fields: string[] = [];
  const note = (field: string, sentence: string) => {
    fields.push(field);
    sentences.push(sentence);
  };
  const recorded = (was: string | null, now: string | null, what: string) =>
    !was ? `${what} recorded.` : !now ? `${what} removed.` : `${what} changed.`;

  if (!sameDay(before.applicationDate, after.applicationDate))
    note("applicationDate", `Application date changed to ${formatDate(after.applicationDate)}.`);
  if (before.applicantPersonId !== after.applicantPersonId || before.applicantName !== after.applicantName)
    note("applicant", `Applicant changed to ${after.applicantName}.`);
  if (before.reviewCarriedOut !== after.reviewCarriedOut) {
    note(
      "reviewCarriedOut",
      after.reviewCarriedOut
        ? `Case review carried out on ${formatDate(after.reviewDate!)}.`
        : "The case review is no longer recorded as carried out.",
    );
  } else if (!sameDay(before.reviewDate, after.reviewDate)) {
    note(
      "reviewDate",
      after.reviewDate
        ? `Case review date ${before.reviewDate ? "changed" : "set"} to ${formatDate(after.reviewDate)}.`
        : "Case review date removed.",
    );
  }
  if (before.recommendations !== after.recommendations)
    note("recommendations", recorded(before.recommendations, after.recommendations, "Recommendations"));
  if (before.escalationRequested !== after.escalationRequested) {
    note(
      "escalationRequested",
      after.escalationRequested
        ? "The applicant asked for the review to be escalated."
        : "The request for escalation is no longer recorded.",
    );
  }
  if (before.escalationOutcome !== after.escalationOutcome)
    note("escalationOutcome", recorded(before.escalationOutcome, after.escalationOutcome, "Outcome of the escalation"));
  if (before.thresholdMet !== after.thresholdMet)
    note("thresholdMet", after.thresholdMet ? "The threshold is now met." : "The threshold is no longer met.");
  return { sentences, fields };
}

export type SavedTrigger = { created: boolean; changed: string[]; thresholdMet: boolean };

/**
 * Records the application (the first time) or changes it, its review and its escalation, if the
 * case is still at `version`; otherwise CaseChangedError.
 */
export async function saveCommunityTrigger(
  actor: Actor,
  caseId: string,
  version: number,
  input: TriggerDetailsInput,
): Promise<SavedTrigger> {
  return changeCase(actor, caseId, "manage", async (tx, c) => {
    requireTriggerCase(c);
    if (c.version !== version) throw new CaseChangedError(c.version);
    const applicant = await applicantOf(tx, actor, input.applicant);
    const existing = await tx.communityTrigger.findUnique({ where: { caseId }, include: { complaints: true } });
    const threshold = await thresholdOf(input.applicationDate, existing?.complaints ?? []);
    const fields: TriggerFields = {
      applicationDate: input.applicationDate,
      applicantPersonId: applicant.personId,
      applicantName: applicant.name,
      thresholdMet: threshold.met,
      reviewDate: input.reviewDate,
      reviewCarriedOut: input.reviewCarriedOut,
      recommendations: input.recommendations,
      escalationRequested: input.escalationRequested,
      escalationOutcome: input.escalationOutcome,
    };

    let summary: string;
    let changed: string[];
    if (existing) {
      const changes = describeChanges(existing, fields);
      if (changes.fields.length === 0) return { created: false, changed: [], thresholdMet: threshold.met };
      await tx.communityTrigger.update({ where: { caseId }, data: fields });
      summary = changes.sentences.join(" ");
      changed = changes.fields;
    } else {
      await tx.communityTrigger.create({ data: { caseId, ...fields } });
      summary = `Application recorded: received on ${formatDate(fields.applicationDate)} from ${fields.applicantName}. ${thresholdSentence(threshold)}`;
      changed = Object.keys(fields);
    }
    await updateAtVersion(tx, caseId, version, {});
    await appendTimeline(tx, actor, {
      caseId,
      kind: "COMMUNITY_TRIGGER_UPDATED",
      summary,
      subjectType: ENTITY,
      subjectId: caseId,
      detail: { changed, thresholdMet: threshold.met },
    });
    await auditChange(tx, actor, existing ? "UPDATE" : "CREATE", ENTITY, caseId, { changed, thresholdMet: threshold.met });
    return { created: !existing, changed, thresholdMet: threshold.met };
  });
}

// ───────────────────────────── Qualifying complaints ─────────────────────────────

function complaintWords(c: { problem: string; madeTo: string; complaintDate: Date; incidentDate: Date }): string {
  return `“${c.problem}”, made to ${c.madeTo} on ${formatDate(c.complaintDate)} about an incident on ${formatDate(c.incidentDate)}`;
}

/** Works the threshold out again after a complaint was added or removed, and stores it. */
async function recheckThreshold(tx: Tx, caseId: string, applicationDate: Date): Promise<Threshold> {
  const complaints = await tx.qualifyingComplaint.findMany({ where: { triggerCaseId: caseId } });
  const threshold = await thresholdOf(applicationDate, complaints);
  await tx.communityTrigger.update({ where: { caseId }, data: { thresholdMet: threshold.met } });
  await bumpCaseVersion(tx, caseId);
  return threshold;
}

/** Adds a complaint the application rests on; the threshold is worked out again. */
export async function addQualifyingComplaint(
  actor: Actor,
  caseId: string,
  input: ComplaintInput,
): Promise<{ id: string; thresholdMet: boolean }> {
  return changeCase(actor, caseId, "contribute", async (tx, c) => {
    requireTriggerCase(c);
    const trigger = await tx.communityTrigger.findUnique({ where: { caseId }, select: { applicationDate: true } });
    if (!trigger) throw new ConflictError("Record the Community Trigger application before adding the complaints it rests on");

    let incidentDate = input.incidentDate;
    if (input.incidentId) {
      const incident = isUuid(input.incidentId)
        ? await tx.incident.findFirst({ where: { id: input.incidentId, caseId }, select: { occurredAt: true } })
        : null;
      if (!incident) throw new ValidationError({ incidentId: ["Select an incident in this case, or leave it blank"] });
      incidentDate ??= londonToday(incident.occurredAt);
    }
    if (!incidentDate) throw new ValidationError({ incidentDate: ["Enter the date of the incident, or select the incident it was about"] });
    if (input.complaintDate < incidentDate) {
      throw new ValidationError({
        complaintDate: [
          `The date the complaint was made must be the same as or after the date of the incident (${formatDate(incidentDate)})`,
        ],
      });
    }

    const complaint = await tx.qualifyingComplaint.create({
      data: {
        triggerCaseId: caseId,
        incidentId: input.incidentId,
        incidentDate,
        complaintDate: input.complaintDate,
        madeTo: input.madeTo,
        problem: input.problem,
      },
    });
    const threshold = await recheckThreshold(tx, caseId, trigger.applicationDate);
    const reason = threshold.reasons.get(complaint.id);
    await appendTimeline(tx, actor, {
      caseId,
      kind: "COMMUNITY_TRIGGER_UPDATED",
      summary: `Qualifying complaint added: ${complaintWords(complaint)}. ${reason ? `It does not count: ${reason}.` : "It counts towards the threshold."} ${thresholdSentence(threshold)}`,
      subjectType: ENTITY,
      subjectId: caseId,
      detail: { complaintAdded: complaint.id, thresholdMet: threshold.met },
    });
    await auditChange(tx, actor, "CREATE", "QualifyingComplaint", complaint.id, { caseId, thresholdMet: threshold.met });
    return { id: complaint.id, thresholdMet: threshold.met };
  });
}

/** The lead organisation takes a complaint out of the application; the threshold is worked out again. */
export async function removeQualifyingComplaint(actor: Actor, caseId: string, complaintId: string): Promise<{ thresholdMet: boolean }> {
  return changeCase(actor, caseId, "manage", async (tx, c) => {
    requireTriggerCase(c);
    const complaint = isUuid(complaintId)
      ? await tx.qualifyingComplaint.findFirst({
          where: { id: complaintId, triggerCaseId: caseId },
          include: { trigger: { select: { applicationDate: true } } },
        })
      : null;
    if (!complaint) throw new ConflictError("That complaint is not part of this Community Trigger any more");
    await tx.qualifyingComplaint.delete({ where: { id: complaint.id } });
    const threshold = await recheckThreshold(tx, caseId, complaint.trigger.applicationDate);
    await appendTimeline(tx, actor, {
      caseId,
      kind: "COMMUNITY_TRIGGER_UPDATED",
      summary: `Qualifying complaint removed: ${complaintWords(complaint)}. ${thresholdSentence(threshold)}`,
      subjectType: ENTITY,
      subjectId: caseId,
      detail: { complaintRemoved: complaint.id, thresholdMet: threshold.met },
    });
    await auditChange(tx, actor, "DELETE", "QualifyingComplaint", complaint.id, { caseId, thresholdMet: threshold.met });
    return { thresholdMet: threshold.met };
  });
}

// ───────────────────────────── Reading ─────────────────────────────

export type ComplaintRow = {
  id: string;
  incidentDate: Date;
  complaintDate: Date;
  madeTo: string;
  problem: string;
  /** The linked incident, when the actor may see it. */
  incident: { id: string; reference: string } | null;
  counts: boolean;
  /** Why it does not count, in plain words ("not made within 31 days of the incident"). */
  reason: string | null;
};

export type CommunityTriggerView = {
  applicationDate: Date;
  applicant: { name: string; person: { id: string; label: string } | null };
  /** As stored at the last change. */
  thresholdMet: boolean;
  /** Worked out now, with the setting in force now: the reasons shown for each complaint. */
  threshold: { met: boolean; counted: number; setting: CommunityTriggerSetting };
  complaints: ComplaintRow[];
  reviewDate: Date | null;
  reviewCarriedOut: boolean;
  recommendations: string | null;
  escalationRequested: boolean;
  escalationOutcome: string | null;
};

/** The case's Community Trigger as the actor may see it; null when the application is not recorded yet (or the case is not theirs to see). */
export async function getCommunityTrigger(actor: Actor, caseId: string): Promise<CommunityTriggerView | null> {
  if (!isUuid(caseId)) return null;
  const trigger = await db.communityTrigger.findFirst({
    where: { caseId, case: visibleCasesWhere(actor) },
    include: { complaints: { orderBy: [{ complaintDate: "asc" }, { id: "asc" }] } },
  });
  if (!trigger) return null;
  const incidentIds = trigger.complaints.flatMap((c) => (c.incidentId ? [c.incidentId] : []));
  const [threshold, incidents, applicant] = await Promise.all([
    thresholdOf(trigger.applicationDate, trigger.complaints),
    incidentIds.length > 0
      ? db.incident.findMany({
          where: { AND: [{ id: { in: incidentIds } }, visibleIncidentsWhere(actor)] },
          select: { id: true, reference: true },
        })
      : [],
    trigger.applicantPersonId
      ? db.person.findFirst({
          where: { AND: [{ id: trigger.applicantPersonId }, visiblePeopleWhere(actor)] },
          select: { id: true, firstName: true, lastName: true, dateOfBirth: true },
        })
      : null,
  ]);
  const reference = new Map(incidents.map((i) => [i.id, i.reference]));
  return {
    applicationDate: trigger.applicationDate,
    applicant: {
      name: trigger.applicantName,
      person: applicant
        ? {
            id: applicant.id,
            label: personLabel(
              `${applicant.firstName} ${applicant.lastName}`,
              applicant.dateOfBirth ? formatDate(applicant.dateOfBirth) : null,
            ),
          }
        : null,
    },
    thresholdMet: trigger.thresholdMet,
    threshold: { met: threshold.met, counted: threshold.counted, setting: threshold.setting },
    complaints: trigger.complaints.map((c) => ({
      id: c.id,
      incidentDate: c.incidentDate,
      complaintDate: c.complaintDate,
      madeTo: c.madeTo,
      problem: c.problem,
      incident: c.incidentId && reference.has(c.incidentId) ? { id: c.incidentId, reference: reference.get(c.incidentId)! } : null,
      counts: threshold.qualifying.has(c.id),
      reason: threshold.reasons.get(c.id) ?? null,
    })),
    reviewDate: trigger.reviewDate,
    reviewCarriedOut: trigger.reviewCarriedOut,
    recommendations: trigger.recommendations,
    escalationRequested: trigger.escalationRequested,
    escalationOutcome: trigger.escalationOutcome,
  };
}

export type ComplaintChoices = {
  incidents: { id: string; reference: string; occurredAt: Date; type: AsbType }[];
  /** The problems already complained about, so a further complaint about one is recorded the same way. */
  problems: string[];
};

/** What the complaint form offers: the case's incidents and the problems already recorded. */
export async function complaintChoices(actor: Actor, caseId: string): Promise<ComplaintChoices> {
  if (!isUuid(caseId)) return { incidents: [], problems: [] };
  const visibleCase: Prisma.CaseWhereInput = { AND: [{ id: caseId }, visibleCasesWhere(actor)] };
  const [incidents, complaints] = await Promise.all([
    db.incident.findMany({
      where: { caseId, case: visibleCase },
      orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
      take: 100,
      select: { id: true, reference: true, occurredAt: true, type: true },
    }),
    db.qualifyingComplaint.findMany({
      where: { triggerCaseId: caseId, trigger: { case: visibleCase } },
      orderBy: { complaintDate: "asc" },
      select: { problem: true },
    }),
  ]);
  return { incidents, problems: [...new Set(complaints.map((c) => c.problem))] };
}
