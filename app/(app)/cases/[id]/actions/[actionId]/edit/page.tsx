import type { Metadata } from "next";
import { CaseSubpage } from "@/components/cases/case-details";
import { PageHeading } from "@/components/ui/page-heading";
import { ActionForm } from "@/components/actions/action-form";
import { ActionRightsNote } from "@/components/actions/action-details";
import { assigneeChoices, getAction } from "@/lib/case-actions/data";
import { datePartsOf } from "@/lib/incidents/date-fields";
import { orNotFound } from "@/lib/not-found";
import { loadCaseSummary } from "../../../load";

type Props = { params: Promise<{ id: string; actionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Change an action on case ${caseSummary.reference}` };
}

export default async function EditActionPage({ params }: Props) {
  const { id, actionId } = await params;
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  const action = await orNotFound(getAction(actor, c.id, actionId));
  if (!action.mayUpdate) {
    return (
      <CaseSubpage caseSummary={c} backTo="#actions">
        <PageHeading caption={`Action on case ${c.reference}`}>You cannot change this action</PageHeading>
        <ActionRightsNote action={action} caseSummary={c} />
      </CaseSubpage>
    );
  }
  const organisations = await assigneeChoices(actor, c.id, {
    organisationId: action.assignedOrganisation.id,
    userId: action.assignedUser?.id ?? null,
  });
  return (
    <CaseSubpage caseSummary={c} backTo="#actions">
      <ActionForm
        mode="change"
        caseId={c.id}
        reference={c.reference}
        actionId={action.id}
        version={action.version}
        mayReassign={action.mayReassign}
        organisations={organisations}
        initial={{
          title: action.title,
          detail: action.detail,
          assignedOrganisationId: action.assignedOrganisation.id,
          assignedUserId: action.assignedUser?.id ?? null,
          dueDate: datePartsOf(action.dueDate),
        }}
      />
    </CaseSubpage>
  );
}
