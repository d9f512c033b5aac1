import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor-type";
import type { CaseSummary } from "@/lib/cases/data";
import type { RiskAssessmentKind } from "@/lib/generated/prisma/enums";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { victimsOnCase } from "@/lib/risk/data";
import { AsbMatrixForm } from "./asb-matrix-form";
import { DashForm } from "./dash-form";

const FORMS = { DASH: DashForm, ASB_MATRIX: AsbMatrixForm } as const;

/** The page of one kind of assessment: its form, for those who may add to an open case. */
export async function AssessRiskPage({
  actor,
  caseSummary: c,
  kind,
}: {
  actor: Actor;
  caseSummary: CaseSummary;
  kind: RiskAssessmentKind;
}) {
  const Form = FORMS[kind];
  return (
    <CaseSubpage caseSummary={c} backTo="#risk">
      {c.rights.contribute && c.status !== "CLOSED" ? (
        <Form caseId={c.id} reference={c.reference} victims={await victimsOnCase(actor, c.id)} submissionKey={randomUUID()} />
      ) : (
        <NotAllowed caseSummary={c} need="contribute" what="assess risk on this case" />
      )}
    </CaseSubpage>
  );
}
