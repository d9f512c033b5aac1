"use client";

import { useState } from "react";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { recordAsbMatrixAction } from "@/lib/risk/actions";
import { ASB_HARM_LEVELS, ASB_LIKELIHOOD_LEVELS, scoreAsbMatrix } from "@/lib/risk/asb-matrix";
import { ASB_MATRIX_FIELDS, RISK_NOTES_MAX } from "@/lib/risk/schema";
import { AssessedPersonField } from "./assessed-person-field";
import { RiskPreview } from "./risk-preview";

// The ASB victim risk matrix: how much harm the behaviour causes the victim and how likely it is to
// continue, each 1 to 5. The score (harm × likelihood) and level are previewed as the officer answers.

const itemsOf = (levels: readonly { value: number; label: string }[]) => levels.map((l) => ({ value: String(l.value), label: `${l.value} – ${l.label}` }));
const HARM = itemsOf(ASB_HARM_LEVELS);
const LIKELIHOOD = itemsOf(ASB_LIKELIHOOD_LEVELS);

export function AsbMatrixForm({ caseId, reference, victims, submissionKey }: { caseId: string; reference: string; victims: { id: string; name: string }[]; submissionKey: string }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(recordAsbMatrixAction);
  const [harm, setHarm] = useState<string | null>(submitted("harm") ?? null);
  const [likelihood, setLikelihood] = useState<string | null>(submitted("likelihood") ?? null);
  // Only a pair of the offered levels is previewed (a post can come back with anything in it).
  const offered = (value: string | null, levels: readonly { value: number }[]) => value !== null && levels.some((l) => String(l.value) === value);
  const scored = offered(harm, ASB_HARM_LEVELS) && offered(likelihood, ASB_LIKELIHOOD_LEVELS) ? scoreAsbMatrix({ harm: Number(harm), likelihood: Number(likelihood) }) : null;

  return (
    <>
      <FormProblems state={state} fields={ASB_MATRIX_FIELDS} />
      <PageHeading caption={`Case ${reference}`}>ASB victim risk matrix</PageHeading>
      <div className="max-w-[40rem] body-m">
        <p>Score the harm the behaviour is causing the victim and how likely it is to continue, from what the victim and partners tell you. The score is harm × likelihood: 15 or more is high risk, 8 to 14 medium, below 8 standard.</p>
        <p>The case’s risk level becomes the level of this assessment when you save it.</p>
      </div>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <AssessedPersonField victims={victims} defaultValue={submitted("personId")} error={errors.personId} />
        <Radios name="harm" legend="How much harm is the behaviour causing the victim?" legendSize="m" items={HARM} value={harm} onChange={setHarm} error={errors.harm} />
        <Radios
          name="likelihood"
          legend="How likely is it that the behaviour continues?"
          legendSize="m"
          items={LIKELIHOOD}
          value={likelihood}
          onChange={setLikelihood}
          error={errors.likelihood}
        />
        <Textarea
          id="notes"
          label="Notes (optional)"
          hint={`What the scores rest on: the victim’s account, vulnerabilities, what partners know. Up to ${RISK_NOTES_MAX.toLocaleString("en-GB")} characters.`}
          rows={4}
          defaultValue={submitted("notes")}
          error={errors.notes}
        />
        <RiskPreview level={scored?.level ?? null}>
          {scored ? `Score ${scored.score} (harm ${harm} × likelihood ${likelihood}).` : "Choose the harm and the likelihood to see the score."}
        </RiskPreview>
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}/risk`}>
          Save assessment
        </SubmitOrCancel>
      </form>
    </>
  );
}
