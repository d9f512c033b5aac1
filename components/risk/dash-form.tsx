"use client";

import { useState } from "react";
import { Radios } from "@/components/ui/radios";
import { useForm } from "@/components/forms/use-form";
import { recordDashAction } from "@/lib/risk/actions";
import {
  DASH_HIGH_RISK_THRESHOLD,
  DASH_MEDIUM_RISK_THRESHOLD,
  DASH_QUESTIONS,
  DASH_SECTIONS,
  scoreDash,
  type DashAnswers,
} from "@/lib/risk/dash";
import { DASH_ANSWER_LABELS } from "@/lib/risk/labels";
import { DASH_FIELDS, DASH_FORM_FIELDS } from "@/lib/risk/schema";
import { RiskAssessmentForm, RiskFormWithDraft, type RiskAssessmentFormProps, type RiskDraft } from "./risk-assessment-form";

// The 24-question DASH risk checklist: one group of Yes / No / Not known radios per question, in
// four readable parts. Tab moves from question to question, arrow keys choose the answer. The
// count of "yes" answers and the level are previewed as the officer answers.

const ANSWERS = (Object.keys(DASH_ANSWER_LABELS) as (keyof typeof DASH_ANSWER_LABELS)[]).map((value) => ({
  value,
  label: DASH_ANSWER_LABELS[value],
}));

/** The answers given so far, as lib/risk/dash scores them, and how many questions have an answer. */
function answersSoFar(answerTo: (field: string) => unknown): { answers: DashAnswers; answered: number } {
  const answers: DashAnswers = {};
  let answered = 0;
  for (const field of DASH_FIELDS) {
    const value = answerTo(field);
    if (value) answered += 1;
    if (value === "yes" || value === "no") answers[field as `q${number}`] = value === "yes";
  }
  return { answers, answered };
}

export function DashForm(props: RiskAssessmentFormProps) {
  return (
    <RiskFormWithDraft kind="DASH" caseId={props.caseId}>
      {(draft) => <DashFormBody {...props} draft={draft} />}
    </RiskFormWithDraft>
  );
}

function DashFormBody({ draft, ...props }: RiskAssessmentFormProps & { draft: RiskDraft }) {
  const form = useForm(recordDashAction, draft.initialState);
  const { errors, submitted } = form;
  // A form drawn again (the server's answer, or a restored draft) previews the answers it holds.
  const [soFar, setSoFar] = useState(() => answersSoFar((field) => submitted(field)));
  const { score, level } = scoreDash(soFar.answers);

  return (
    <RiskAssessmentForm
      {...props}
      form={form}
      fields={DASH_FORM_FIELDS}
      title="DASH risk checklist"
      happened="the checklist was completed"
      intro={
        <>
          <p>Ask the victim each question and record their answer. The score is the number of “yes” answers:</p>
          <ul className="list-disc pl-5 mb-4">
            <li>{DASH_HIGH_RISK_THRESHOLD} or more is high risk: refer the case to MARAC</li>
            <li>
              {DASH_MEDIUM_RISK_THRESHOLD} to {DASH_HIGH_RISK_THRESHOLD - 1} is medium risk
            </li>
            <li>fewer is standard risk</li>
          </ul>
          <p>
            “Not known” does not count as yes. Professional judgement, potential escalation and repeat referral are MARAC referral criteria
            too, whatever the score.
          </p>
        </>
      }
      notesHint="How and with whom the checklist was completed, and anything the answers do not show."
      preview={{
        level: soFar.answered === 0 ? null : level,
        text:
          soFar.answered === 0
            ? "No questions answered yet."
            : `${score} “yes” ${score === 1 ? "answer" : "answers"}, ${soFar.answered} of ${DASH_QUESTIONS.length} questions answered.`,
      }}
      wide
      attachForm={draft.attachForm}
      onChange={(event) => {
        const data = new FormData(event.currentTarget);
        setSoFar(answersSoFar((field) => data.get(field)));
      }}
    >
      {DASH_SECTIONS.map((section) => (
        <section key={section.title} aria-labelledby={`dash-${section.questions[0]}-heading`} className="mb-4">
          <h2 id={`dash-${section.questions[0]}-heading`} className="heading-m mb-4 pt-4 border-t border-border">
            {section.title}
          </h2>
          {section.questions.map((n) => (
            <Radios
              key={n}
              name={`q${n}`}
              legend={`${n}. ${DASH_QUESTIONS[n - 1]}`}
              legendSize="s"
              items={ANSWERS}
              inline
              defaultValue={submitted(`q${n}`)}
              error={errors[`q${n}`]}
            />
          ))}
        </section>
      ))}
    </RiskAssessmentForm>
  );
}
