import type { Metadata } from "next";
import { AddPlaceForm } from "@/components/cases/add-place-form";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { loadCaseSummary } from "../../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Add a place to case ${caseSummary.reference}` };
}

export default async function AddPlacePage({ params }: Props) {
  const { id } = await params;
  const { caseSummary: c } = await loadCaseSummary(id);
  return (
    <CaseSubpage caseSummary={c} backTo="#places">
      {c.rights.contribute && c.status !== "CLOSED" ? (
        <AddPlaceForm caseId={c.id} reference={c.reference} />
      ) : (
        <NotAllowed caseSummary={c} need="contribute" what="add places to this case" />
      )}
    </CaseSubpage>
  );
}
