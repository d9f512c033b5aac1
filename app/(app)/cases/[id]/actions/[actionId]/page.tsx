import type { Metadata } from "next";
import { CaseSubpage } from "@/components/cases/case-details";
import { PageHeading } from "@/components/ui/page-heading";
import { ActionDetails, ActionRightsNote } from "@/components/actions/action-details";
import { ActionStatusForm } from "@/components/actions/action-status-form";
import { getAction } from "@/lib/case-actions/data";
import { orNotFound } from "@/lib/not-found";
import { loadCaseSummary } from "../../load";

type Props = { params: Promise<{ id: string; actionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  // The reference only: an action's title can name a person, and page titles end up in browser history.
  return { title: `Action on case ${caseSummary.reference}` };
}

/** One action: what, who, when and how it ended; and, for those who may, moving it on. */
export default async function ActionPage({ params }: Props) {
  const { id, actionId } = await params;
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  const action = await orNotFound(getAction(actor, c.id, actionId));
  const details = (
    <>
      <PageHeading caption={`Action on case ${c.reference}`}>{action.title}</PageHeading>
      <div className="max-w-[50rem]">
        <ActionDetails action={action} />
      </div>
    </>
  );
  return (
    <CaseSubpage caseSummary={c} backTo="#actions">
      {action.mayUpdate ? (
        <ActionStatusForm caseId={c.id} actionId={action.id} version={action.version} current={action.status}>
          {details}
        </ActionStatusForm>
      ) : (
        <>
          {details}
          <ActionRightsNote action={action} caseSummary={c} />
        </>
      )}
    </CaseSubpage>
  );
}
