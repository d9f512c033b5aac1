import type { Metadata } from "next";
import { AddPersonForm } from "@/components/cases/add-person-form";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { loadCaseSummary } from "../../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Add a person to case ${caseSummary.reference}` };
}

export default async function AddPersonPage({ params }: Props) {
  const { id } = await params;
  const { caseSummary: c } = await loadCaseSummary(id);
  return (
    <CaseSubpage caseSummary={c} backTo="#people">
      {c.rights.contribute && c.status !== "CLOSED" ? (
        <AddPersonForm caseId={c.id} reference={c.reference} />
      ) : (
        <NotAllowed caseSummary={c} need="contribute" what="add people to this case" />
      )}
    </CaseSubpage>
  );
}
