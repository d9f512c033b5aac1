"use client";

import { useState } from "react";
import { Radios } from "@/components/ui/radios";
import { useForm } from "@/components/forms/use-form";
import { recordAsbMatrixAction } from "@/lib/risk/actions";
import { ASB_HARM_LEVELS, ASB_LIKELIHOOD_LEVELS, scoreAsbMatrix } from "@/lib/risk/asb-matrix";
import { ASB_MATRIX_FIELDS } from "@/lib/risk/schema";
import { RiskAssessmentForm, RiskFormWithDraft, type RiskAssessmentFormProps, type RiskDraft } from "./risk-assessment-form";

// The ASB victim risk matrix: how much harm the behaviour causes the victim and how likely it is to
// continue, each 1 to 5. The score (harm × likelihood) and level are previewed as the officer answers.

const itemsOf = (levels: readonly { value: number; label: string }[]) =>
  levels.map((l) => ({ value: String(l.value), label: `${l.value} – ${l.label}` }));
const HARM = itemsOf(ASB_HARM_LEVELS);
const LIKELIHOOD = itemsOf(ASB_LIKELIHOOD_LEVELS);

export function AsbMatrixForm(props: RiskAssessmentFormProps) {
  return (
    <RiskFormWithDraft kind="ASB_MATRIX" caseId={props.caseId}>
      {(draft) => <AsbMatrixFormBody {...props} draft={draft} />}
    </RiskFormWithDraft>
  );
}

function AsbMatrixFormBody({ draft, ...props }: RiskAssessmentFormProps & { draft: RiskDraft }) {
  const form = useForm(recordAsbMatrixAction, draft.initialState);
  const { errors, submitted } = form;
  const [harm, setHarm] = useState<string | null>(submitted("harm") ?? null);
  const [likelihood, setLikelihood] = useState<string | null>(submitted("likelihood") ?? null);
  // Only a pair of the offered levels is previewed (a post can come back with anything in it).
  const offered = (value: string | null, levels: readonly { value: number }[]) =>
    value !== null && levels.some((l) => String(l.value) === value);
  const scored =
    offered(harm, ASB_HARM_LEVELS) && offered(likelihood, ASB_LIKELIHOOD_LEVELS)
      ? scoreAsbMatrix({ harm: Number(harm), likelihood: Number(likelihood) })
      : null;

  return (
    <RiskAssessmentForm
      {...props}
      form={form}
      attachForm={draft.attachForm}
      fields={ASB_MATRIX_FIELDS}
      title="ASB victim risk matrix"
      happened="the assessment was carried out"
      intro={
        <p>
          Score the harm the behaviour is causing the victim and how likely it is to continue, from what the victim and partners tell you.
          The score is harm × likelihood: 15 or more is high risk, 8 to 14 medium, below 8 standard.
        </p>
      }
      notesHint="What the scores rest on: the victim’s account, vulnerabilities, what partners know."
      preview={{
        level: scored?.level ?? null,
        text: scored
          ? `Score ${scored.score} (harm ${harm} × likelihood ${likelihood}).`
          : "Choose the harm and the likelihood to see the score.",
      }}
    >
      <Radios
        name="harm"
        legend="How much harm is the behaviour causing the victim?"
        legendSize="m"
        items={HARM}
        value={harm}
        onChange={setHarm}
        error={errors.harm}
      />
      <Radios
        name="likelihood"
        legend="How likely is it that the behaviour continues?"
        legendSize="m"
        items={LIKELIHOOD}
        value={likelihood}
        onChange={setLikelihood}
        error={errors.likelihood}
      />
    </RiskAssessmentForm>
  );
}
