import type { Metadata } from "next";
import { CaseSubpage } from "@/components/cases/case-details";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { RISK_LABELS } from "@/components/ui/tag";
import { AssessRiskButtons, RiskAssessmentTable, RiskLevelStatement } from "@/components/risk/risk-assessments";
import { listRiskAssessments } from "@/lib/risk/data";
import { RISK_ASSESSMENT_KIND_LABELS } from "@/lib/risk/labels";
import { loadCaseSummary } from "../load";
import { ClearDraft } from "@/components/forms/drafts";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Risk assessments – case ${caseSummary.reference}` };
}

export default async function CaseRiskPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  const { rows, total } = await listRiskAssessments(actor, c.id);
  // After saving: the assessment just recorded, named by its id (never by what was typed).
  const recorded = rows.find((r) => r.id === firstParam(query.recorded));
  return (
    <CaseSubpage caseSummary={c} backTo="#risk">
      {recorded ? <ClearDraft formKey={DRAFT_KEYS.riskAssessment(recorded.kind, c.id)} /> : null}
      {recorded ? (
        <NotificationBanner
          variant="success"
          heading={`${RISK_ASSESSMENT_KIND_LABELS[recorded.kind]} recorded: ${RISK_LABELS[recorded.level].toLowerCase()}`}
        >
          <p>The case’s risk level is now {RISK_LABELS[c.riskLevel].toLowerCase()}.</p>
        </NotificationBanner>
      ) : null}
      <PageHeading caption={`Case ${c.reference}`}>Risk assessments</PageHeading>
      <RiskLevelStatement riskLevel={c.riskLevel} latest={rows[0]} />
      {c.rights.contribute && c.status !== "CLOSED" ? <AssessRiskButtons caseId={c.id} kind={c.kind} /> : null}
      <RiskAssessmentTable
        caseId={c.id}
        rows={rows}
        caption={`${total} risk ${total === 1 ? "assessment" : "assessments"}, most recent first`}
      />
    </CaseSubpage>
  );
}
