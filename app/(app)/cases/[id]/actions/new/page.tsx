import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { ActionForm } from "@/components/actions/action-form";
import { assigneeChoices } from "@/lib/case-actions/data";
import { loadCaseSummary } from "../../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Add an action to case ${caseSummary.reference}` };
}

export default async function NewActionPage({ params }: Props) {
  const { id } = await params;
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  if (!c.rights.contribute || c.status === "CLOSED") {
    return (
      <CaseSubpage caseSummary={c} backTo="#actions">
        <NotAllowed caseSummary={c} what="add actions to this case" need="contribute" />
      </CaseSubpage>
    );
  }
  const organisations = await assigneeChoices(actor, c.id);
  // The officer's own organisation is the likeliest to take it on; otherwise the lead organisation.
  const defaultOrganisation = organisations.find((o) => o.id === actor.organisationId) ?? organisations[0];
  return (
    <CaseSubpage caseSummary={c} backTo="#actions">
      <ActionForm
        mode="add"
        // A new key each time the form is shown: posting it twice adds one action.
        submissionKey={randomUUID()}
        caseId={c.id}
        reference={c.reference}
        organisations={organisations}
        initial={{ title: "", detail: null, assignedOrganisationId: defaultOrganisation?.id ?? "", assignedUserId: null, dueDate: null }}
      />
    </CaseSubpage>
  );
}
