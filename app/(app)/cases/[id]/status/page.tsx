import type { Metadata } from "next";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { StatusForm } from "@/components/cases/status-form";
import { loadCaseSummary } from "../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Change the status of case ${caseSummary.reference}` };
}

export default async function CaseStatusPage({ params }: Props) {
  const { id } = await params;
  const { caseSummary: c } = await loadCaseSummary(id);
  return (
    <CaseSubpage caseSummary={c} backTo="#details">
      {c.rights.manage ? (
        <StatusForm caseId={c.id} reference={c.reference} version={c.version} current={c.status} openedAt={c.openedAt} />
      ) : (
        <NotAllowed caseSummary={c} what="change the status of this case" />
      )}
    </CaseSubpage>
  );
}
