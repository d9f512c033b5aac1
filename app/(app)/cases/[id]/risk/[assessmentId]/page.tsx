import type { Metadata } from "next";
import { CaseSubpage } from "@/components/cases/case-details";
import { RiskAssessmentDetails } from "@/components/risk/risk-assessment-details";
import { getRiskAssessment } from "@/lib/risk/data";
import { RISK_ASSESSMENT_KIND_LABELS } from "@/lib/risk/labels";
import { orNotFound } from "@/lib/not-found";
import { loadCaseSummary } from "../../load";

type Props = { params: Promise<{ id: string; assessmentId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Risk assessment – case ${caseSummary.reference}` };
}

export default async function RiskAssessmentPage({ params }: Props) {
  const { id, assessmentId } = await params;
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  const assessment = await orNotFound(getRiskAssessment(actor, c.id, assessmentId));
  return (
    <CaseSubpage caseSummary={c} backTo="#risk">
      <RiskAssessmentDetails
        caseId={c.id}
        reference={c.reference}
        assessment={assessment}
        title={RISK_ASSESSMENT_KIND_LABELS[assessment.kind]}
      />
    </CaseSubpage>
  );
}
