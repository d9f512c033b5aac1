import "server-only";
import { z } from "zod";
import { db, type Tx } from "@/lib/db";
import type { RiskAssessmentKind, RiskLevel } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor-type";
import { visibleCasesWhere } from "@/lib/cases/access";
import { changeCase, type CaseForChange } from "@/lib/cases/data";
import { createOnce } from "@/lib/submissions";
import { appendTimeline } from "@/lib/timeline/data";
import { auditChange, auditView } from "@/lib/audit/data";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { formatDate, londonToday } from "@/lib/format/dates";
import { happenedAt } from "@/lib/history/happened";
import { RISK_LEVEL_LABELS } from "@/lib/incidents/labels";
import { isUuid } from "@/lib/not-found";
import { scoreAsbMatrix } from "./asb-matrix";
import { DASH_QUESTIONS, scoreDash, type DashAnswers } from "./dash";
import { RISK_ASSESSMENT_KIND_LABELS, scoreWords } from "./labels";
import { DASH_FIELDS, type DashAnswerSet, type RiskAssessmentInput } from "./schema";

// Risk assessments on a case: the ASB victim risk matrix and the DASH risk checklist.
//
// THE RULES:
// - The score and the level are computed here from the answers (lib/risk/dash, asb-matrix); the
//   caller passes answers only, so no form, script or client can set a level.
// - Assessments are never changed: each one is kept, and a new one is recorded when risk changes.
// - The case's risk level is the level of its latest assessment: recording one sets Case.riskLevel
//   (and moves the case's version on, so a details form opened before it cannot silently put the old
//   level back), in the same transaction as the assessment, its RISK_ASSESSED timeline entry and its
//   audit entry.
// - An assessment carried out before today can be recorded on its day (lib/history): never in the
//   future nor before the case was opened; its timeline entry happens then. "Latest" is by the day
//   it was carried out, so one recorded afterwards sets the case's level only if nothing later did
//   (a later assessment, or the level changed on the case's details since): it never overrides a
//   newer one.
// - Whoever may add to the case (caseRightsOf: contribute) records one; not on a closed case.
// - The person assessed, when given, must be a victim on the case now.
// - Everyone who may see the case sees its assessments; reads go through visibleCasesWhere.

const ENTITY = "RiskAssessment";

const levelWords = (level: RiskLevel) => `${RISK_LEVEL_LABELS[level].toLowerCase()} risk`;

/** A DASH in the shape lib/risk/dash scores: "not known" is not "yes", so it is left out. */
function scorableDash(answers: DashAnswerSet): DashAnswers {
  const scorable: DashAnswers = {};
  for (const [key, value] of Object.entries(answers)) if (value !== null) scorable[key as `q${number}`] = value;
  return scorable;
}

const ZStoredDash = z.record(z.string(), z.boolean().nullable());
const ZStoredMatrix = z.object({ harm: z.number().int().min(1).max(5), likelihood: z.number().int().min(1).max(5) });

/** The score and level of a set of answers; answers that are not a complete assessment are a ValidationError. */
export function scoreAssessment(input: RiskAssessmentInput): { score: number; level: RiskLevel } {
  if (input.kind === "DASH") {
    const answers = ZStoredDash.safeParse(input.answers);
    const unanswered = DASH_FIELDS.filter((f) => !answers.success || !(f in answers.data));
    if (!answers.success || unanswered.length > 0) {
      throw new ValidationError(
        Object.fromEntries(unanswered.map((f) => [f, [`Answer question ${f.slice(1)}: select yes, no or not known`]])),
      );
    }
    return scoreDash(scorableDash(answers.data));
  }
  const answers = ZStoredMatrix.safeParse(input.answers);
  if (!answers.success) throw new ValidationError({ harm: ["Select how much harm the behaviour is causing the victim"] });
  return scoreAsbMatrix(answers.data);
}

/** `previousLevel`: the case's level before, when this call recorded it (not for a replayed form). */
export type RecordedAssessment = { id: string; score: number; level: RiskLevel; previousLevel?: RiskLevel };

/**
 * Records an assessment on the case and makes its level the case's risk level, atomically. Made
 * once per rendered form (its submission key): a replayed post gives back the assessment it made.
 */
export async function recordRiskAssessment(
  actor: Actor,
  caseId: string,
  input: RiskAssessmentInput,
  submissionKey: string,
  now = new Date(),
): Promise<RecordedAssessment> {
  const { score, level } = scoreAssessment(input);
  let loaded: CaseForChange | undefined;
  let made: RecordedAssessment | undefined;
  const created = await createOnce(
    submissionKey,
    actor.userId,
    ENTITY,
    async (tx) => {
      made = await recordIn(tx, actor, loaded!, input, score, level, now);
      return made.id;
    },
    {
      transaction: (work) =>
        changeCase(actor, caseId, "contribute", (tx, c) => {
          loaded = c;
          return work(tx);
        }),
    },
  );
  if (made && !created.duplicate) return made;
  // The same form posted again: the assessment it made the first time.
  const earlier = await db.riskAssessment.findUniqueOrThrow({ where: { id: created.id }, select: { id: true, score: true, level: true } });
  return { ...earlier, previousLevel: undefined };
}

/**
 * What set the case's risk level after `at`, if anything: a later assessment, or the level changed
 * on the case's details (a CASE_UPDATED entry naming it). Then an assessment made at `at` is history
 * and leaves the case's level alone.
 */
async function laterRiskSetting(tx: Tx, caseId: string, at: Date): Promise<{ what: string; at: Date } | null> {
  // One after another: the transaction's one connection runs a query at a time.
  const assessment = await tx.riskAssessment.findFirst({
    where: { caseId, assessedAt: { gt: at } },
    orderBy: [{ assessedAt: "desc" }, { id: "desc" }],
    select: { assessedAt: true },
  });
  const change = await tx.timelineEntry.findFirst({
    where: { caseId, kind: "CASE_UPDATED", occurredAt: { gt: at }, detail: { path: ["fields"], array_contains: ["riskLevel"] } },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { occurredAt: true },
  });
  if (change && (!assessment || change.occurredAt > assessment.assessedAt))
    return { what: "changed on the case's details", at: change.occurredAt };
  return assessment ? { what: "set by a later assessment", at: assessment.assessedAt } : null;
}

async function recordIn(
  tx: Tx,
  actor: Actor,
  c: CaseForChange,
  input: RiskAssessmentInput,
  score: number,
  level: RiskLevel,
  now: Date,
): Promise<RecordedAssessment> {
  const caseId = c.id;
  {
    if (c.status === "CLOSED") throw new ConflictError(`Case ${c.reference} is closed. Reopen it before assessing risk.`);
    const { openedAt } = await tx.case.findUniqueOrThrow({ where: { id: caseId }, select: { openedAt: true } });
    const assessedAt = happenedAt(input.happenedOn ?? null, { now, notBefore: { at: openedAt, what: "the case was opened" } });
    const earlier = londonToday(assessedAt) < londonToday(now);
    let personName: string | null = null;
    if (input.personId) {
      const victim = isUuid(input.personId)
        ? await tx.casePerson.findFirst({
            where: { caseId, personId: input.personId, role: "VICTIM", removedAt: null },
            select: { person: { select: { firstName: true, lastName: true } } },
          })
        : null;
      if (!victim) throw new ValidationError({ personId: ["Select a victim in this case, or leave it blank"] });
      personName = `${victim.person.firstName} ${victim.person.lastName}`;
    }

    const { id } = await tx.riskAssessment.create({
      data: {
        caseId,
        personId: input.personId,
        kind: input.kind,
        answers: input.answers,
        score,
        level,
        notes: input.notes,
        assessedById: actor.userId,
        organisationId: actor.organisationId,
        assessedAt,
      },
      select: { id: true },
    });
    const later = earlier ? await laterRiskSetting(tx, caseId, assessedAt) : null;
    const changed = !later && level !== c.riskLevel;
    await tx.case.update({
      where: { id: caseId },
      data: changed ? { riskLevel: level, version: { increment: 1 }, updatedAt: now } : { updatedAt: now },
      select: { id: true },
    });
    const who = personName ? ` for ${personName}` : "";
    const outcome = later
      ? `The case stays at ${levelWords(c.riskLevel)}, ${later.what} on ${formatDate(later.at)}.`
      : changed
        ? `The case's risk level changed from ${levelWords(c.riskLevel)} to ${levelWords(level)}.`
        : `The case stays at ${levelWords(level)}.`;
    await appendTimeline(tx, actor, {
      caseId,
      kind: "RISK_ASSESSED",
      summary: `${RISK_ASSESSMENT_KIND_LABELS[input.kind]}${who}: ${scoreWords(input.kind, score, input.kind === "ASB_MATRIX" ? input.answers : undefined)}, ${levelWords(level)}. ${outcome}`,
      subjectType: ENTITY,
      subjectId: id,
      detail: { kind: input.kind, score, level, previousLevel: c.riskLevel, ...(later ? { caseLevelSetLater: true } : {}) },
      occurredAt: assessedAt,
    });
    await auditChange(tx, actor, "CREATE", ENTITY, id, {
      caseId,
      kind: input.kind,
      score,
      level,
      previousLevel: c.riskLevel,
      // The audit entry is dated when it was typed; an assessment carried out earlier says when.
      ...(earlier ? { happenedAt: assessedAt.toISOString() } : {}),
    });
    return { id, score, level, previousLevel: c.riskLevel };
  }
}

// ───────────────────────────── Reading ─────────────────────────────

export type RiskAssessmentRow = {
  id: string;
  kind: RiskAssessmentKind;
  score: number;
  /** "14 “yes” answers of 24", "16 (harm 4 × likelihood 4)". */
  scoreText: string;
  level: RiskLevel;
  person: { id: string; name: string } | null;
  notes: string | null;
  assessedAt: Date;
  assessedBy: string;
  organisation: { name: string; shortName: string };
};

const ROW_SELECT = {
  id: true,
  kind: true,
  score: true,
  level: true,
  answers: true,
  notes: true,
  assessedAt: true,
  person: { select: { id: true, firstName: true, lastName: true } },
  assessedBy: { select: { name: true } },
  organisation: { select: { name: true, shortName: true } },
} as const;

type Row = {
  id: string;
  kind: RiskAssessmentKind;
  score: number;
  level: RiskLevel;
  answers: unknown;
  notes: string | null;
  assessedAt: Date;
  person: { id: string; firstName: string; lastName: string } | null;
  assessedBy: { name: string };
  organisation: { name: string; shortName: string };
};

function rowOf(r: Row): RiskAssessmentRow {
  const matrix = r.kind === "ASB_MATRIX" ? ZStoredMatrix.safeParse(r.answers) : null;
  return {
    id: r.id,
    kind: r.kind,
    score: r.score,
    scoreText: scoreWords(r.kind, r.score, matrix?.success ? matrix.data : undefined),
    level: r.level,
    person: r.person ? { id: r.person.id, name: `${r.person.firstName} ${r.person.lastName}` } : null,
    notes: r.notes,
    assessedAt: r.assessedAt,
    assessedBy: r.assessedBy.name,
    organisation: r.organisation,
  };
}

/** The case's assessments, latest first; none if the actor may not see the case. */
export async function listRiskAssessments(
  actor: Actor,
  caseId: string,
  options: { take?: number } = {},
): Promise<{ rows: RiskAssessmentRow[]; total: number }> {
  if (!isUuid(caseId)) return { rows: [], total: 0 };
  const where = { caseId, case: visibleCasesWhere(actor) };
  const [rows, total] = await Promise.all([
    db.riskAssessment.findMany({ where, orderBy: [{ assessedAt: "desc" }, { id: "desc" }], take: options.take, select: ROW_SELECT }),
    db.riskAssessment.count({ where }),
  ]);
  return { rows: rows.map(rowOf), total };
}

export type DashQuestionAnswer = { number: number; question: string; answer: "yes" | "no" | "unknown" };

export type RiskAssessmentDetail = RiskAssessmentRow &
  ({ kind: "DASH"; dash: DashQuestionAnswer[] } | { kind: "ASB_MATRIX"; matrix: { harm: number; likelihood: number } | null });

/** One assessment with its answers (the view is audited), or NotFoundError. */
export async function getRiskAssessment(actor: Actor, caseId: string, assessmentId: string): Promise<RiskAssessmentDetail> {
  if (!isUuid(caseId) || !isUuid(assessmentId)) throw new NotFoundError("risk assessment");
  const row = await db.riskAssessment.findFirst({
    where: { id: assessmentId, caseId, case: visibleCasesWhere(actor) },
    select: ROW_SELECT,
  });
  if (!row) throw new NotFoundError("risk assessment");
  await auditView(actor, ENTITY, row.id);
  const base = rowOf(row);
  if (row.kind === "DASH") {
    const stored = ZStoredDash.safeParse(row.answers);
    const answers = stored.success ? stored.data : {};
    const dash = DASH_QUESTIONS.map((question, i) => {
      const value = answers[`q${i + 1}`];
      return {
        number: i + 1,
        question,
        answer: value === true ? ("yes" as const) : value === false ? ("no" as const) : ("unknown" as const),
      };
    });
    return { ...base, kind: "DASH", dash };
  }
  const matrix = ZStoredMatrix.safeParse(row.answers);
  return { ...base, kind: "ASB_MATRIX", matrix: matrix.success ? matrix.data : null };
}

/** The victims on the case now, for "who is this assessment about?"; none if the actor may not see the case. */
export async function victimsOnCase(actor: Actor, caseId: string): Promise<{ id: string; name: string }[]> {
  if (!isUuid(caseId)) return [];
  const links = await db.casePerson.findMany({
    where: { caseId, role: "VICTIM", removedAt: null, case: visibleCasesWhere(actor) },
    select: { person: { select: { id: true, firstName: true, lastName: true } } },
  });
  return links
    .map((l) => ({ id: l.person.id, name: `${l.person.firstName} ${l.person.lastName}` }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}
