import { z } from "zod";
import { ZOptionalId, ZOptionalText, ZSubmissionKey } from "@/lib/forms";
import { HAPPENED_ON, withHappenedOn, ZHappenedOn } from "@/lib/history/happened";
import type { CalendarDay } from "@/lib/incidents/date-fields";
import { ASB_HARM_LEVELS, ASB_LIKELIHOOD_LEVELS } from "./asb-matrix";
import { DASH_QUESTIONS } from "./dash";

// The risk assessment forms. They carry answers only: the score and the level are worked out on
// the server from the answers (lib/risk/data), so a score or level posted with the form is never
// read (zod drops keys it does not know). An assessment carried out before today can carry its
// day (lib/history: the three happenedOn boxes).

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

export const ZDashForm = z.preprocess(
  withHappenedOn,
  z
    .object({
      caseId: ZCaseId,
      personId: ZPersonId,
      notes: ZNotes,
      submissionKey: ZSubmissionKey,
      [HAPPENED_ON]: ZHappenedOn,
      ...dashQuestions,
    })
    .transform((form) => {
      const answers: DashAnswerSet = {};
      for (const field of DASH_FIELDS) {
        const answer = (form as Record<string, unknown>)[field];
        answers[field] = answer === "yes" ? true : answer === "no" ? false : null;
      }
      return {
        caseId: form.caseId,
        submissionKey: form.submissionKey,
        input: { kind: "DASH" as const, personId: form.personId, notes: form.notes, answers, happenedOn: form.happenedOn },
      };
    }),
);

export const DASH_FORM_FIELDS = ["personId", ...DASH_FIELDS, "notes", HAPPENED_ON] as const;

// ───────────────────────────── ASB victim risk matrix ─────────────────────────────

const scale = (levels: readonly { value: number }[], error: string) =>
  z.enum(levels.map((l) => String(l.value)) as [string, ...string[]], { error }).transform(Number);

export const ZAsbMatrixForm = z.preprocess(
  withHappenedOn,
  z
    .object({
      caseId: ZCaseId,
      personId: ZPersonId,
      notes: ZNotes,
      submissionKey: ZSubmissionKey,
      [HAPPENED_ON]: ZHappenedOn,
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
        happenedOn: form.happenedOn,
      },
    })),
);

export const ASB_MATRIX_FIELDS = ["personId", "harm", "likelihood", "notes", HAPPENED_ON] as const;

type FormInput = z.output<typeof ZDashForm>["input"] | z.output<typeof ZAsbMatrixForm>["input"];

/** An assessment's answers as the data layer takes them; `happenedOn` (the day it was carried out, if before today) may be left out. */
export type RiskAssessmentInput = FormInput extends infer T
  ? T extends { happenedOn: unknown }
    ? Omit<T, "happenedOn"> & { happenedOn?: CalendarDay | null }
    : never
  : never;
