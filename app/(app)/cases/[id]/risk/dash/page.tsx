import type { Metadata } from "next";
import { AssessRiskPage } from "@/components/risk/assess-risk-page";
import { loadCaseSummary } from "../../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `DASH risk checklist – case ${caseSummary.reference}` };
}

export default async function DashPage({ params }: Props) {
  const { actor, caseSummary } = await loadCaseSummary((await params).id);
  return <AssessRiskPage actor={actor} caseSummary={caseSummary} kind="DASH" />;
}
