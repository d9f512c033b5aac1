import type { Metadata } from "next";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { LinkIncidentsForm } from "@/components/cases/link-incidents-form";
import { loadCaseSummary } from "../../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Add incidents to case ${caseSummary.reference}` };
}

export default async function AddIncidentsPage({ params }: Props) {
  const { id } = await params;
  const { caseSummary: c } = await loadCaseSummary(id);
  return (
    <CaseSubpage caseSummary={c} backTo="#incidents">
      {c.rights.contribute && c.status !== "CLOSED" ? (
        <LinkIncidentsForm caseId={c.id} reference={c.reference} />
      ) : (
        <NotAllowed caseSummary={c} need="contribute" what="add incidents to this case" />
      )}
    </CaseSubpage>
  );
}
