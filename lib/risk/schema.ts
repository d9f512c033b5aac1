import { z } from "zod";
import { ZOptionalId, ZOptionalText, ZSubmissionKey } from "@/lib/forms";
import { ASB_HARM_LEVELS, ASB_LIKELIHOOD_LEVELS } from "./asb-matrix";
import { DASH_QUESTIONS } from "./dash";

// The risk assessment forms. They carry answers only: the score and the level are worked out on
// the server from the answers (lib/risk/data), so a score or level posted with the form is never
// read (zod drops keys it does not know).

export const RISK_NOTES_MAX = 2000;

const ZCaseId = z.uuid({ error: "This case cannot be found. Go back to the case and try again." });
const ZPersonId = ZOptionalId("Select the victim from the list");
const ZNotes = ZOptionalText("The notes", RISK_NOTES_MAX);

// ───────────────────────────── DASH ─────────────────────────────

/** The form's name for each question: q1 … q24. */
export const DASH_FIELDS = DASH_QUESTIONS.map((_, i) => `q${i + 1}`);

/** A DASH as stored: true for "yes", false for "no", null for "not known" (which never counts as yes). */
export type DashAnswerSet = Record<string, boolean | null>;

const ZDashAnswer = (n: number) => z.enum(["yes", "no", "unknown"], { error: `Answer question ${n}: select yes, no or not known` });
const dashQuestions = Object.fromEntries(DASH_FIELDS.map((field, i) => [field, ZDashAnswer(i + 1)]));

export const ZDashForm = z
  .object({ caseId: ZCaseId, personId: ZPersonId, notes: ZNotes, submissionKey: ZSubmissionKey, ...dashQuestions })
  .transform((form) => {
    const answers: DashAnswerSet = {};
    for (const field of DASH_FIELDS) {
      const answer = (form as Record<string, unknown>)[field];
      answers[field] = answer === "yes" ? true : answer === "no" ? false : null;
    }
    return {
      caseId: form.caseId,
      submissionKey: form.submissionKey,
      input: { kind: "DASH" as const, personId: form.personId, notes: form.notes, answers },
    };
  });

export const DASH_FORM_FIELDS = ["personId", ...DASH_FIELDS, "notes"] as const;

// ───────────────────────────── ASB victim risk matrix ─────────────────────────────

const scale = (levels: readonly { value: number }[], error: string) =>
  z.enum(levels.map((l) => String(l.value)) as [string, ...string[]], { error }).transform(Number);

export const ZAsbMatrixForm = z
  .object({
    caseId: ZCaseId,
    personId: ZPersonId,
    notes: ZNotes,
    submissionKey: ZSubmissionKey,
    harm: scale(ASB_HARM_LEVELS, "Select how much harm the behaviour is causing the victim"),
    likelihood: scale(ASB_LIKELIHOOD_LEVELS, "Select how likely it is that the behaviour continues"),
  })
  .transform((form) => ({
    caseId: form.caseId,
    submissionKey: form.submissionKey,
    input: {
      kind: "ASB_MATRIX" as const,
      personId: form.personId,
      notes: form.notes,
      answers: { harm: form.harm, likelihood: form.likelihood },
    },
  }));

export const ASB_MATRIX_FIELDS = ["personId", "harm", "likelihood", "notes"] as const;

export type RiskAssessmentInput = z.output<typeof ZDashForm>["input"] | z.output<typeof ZAsbMatrixForm>["input"];
