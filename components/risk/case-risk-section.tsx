import Link from "next/link";
import type { CaseSectionProps } from "@/components/cases/case-page-sections";
import { listRiskAssessments } from "@/lib/risk/data";
import { AssessRiskButtons, RiskAssessmentTable, RiskLevelStatement } from "./risk-assessments";

/** How many assessments the case page lists; the risk page lists them all. */
const SHOWN = 5;

/** The case page's risk section: the case's risk level and what it rests on, ways to assess, recent assessments. */
export async function CaseRiskSection({ actor, caseDetail: c }: CaseSectionProps) {
  const { rows, total } = await listRiskAssessments(actor, c.id, { take: SHOWN });
  return (
    <>
      <RiskLevelStatement riskLevel={c.riskLevel} latest={rows[0]} />
      {c.rights.contribute && c.status !== "CLOSED" ? <AssessRiskButtons caseId={c.id} kind={c.kind} /> : null}
      <RiskAssessmentTable
        caseId={c.id}
        rows={rows}
        caption={total > SHOWN ? `The ${SHOWN} most recent of ${total} risk assessments` : "Risk assessments, most recent first"}
        captionHidden={total <= SHOWN}
      />
      {total > SHOWN ? (
        <p className="body-m">
          <Link href={`/cases/${c.id}/risk`}>See all {total} risk assessments</Link>
        </p>
      ) : null}
    </>
  );
}
