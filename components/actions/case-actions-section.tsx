import { Button } from "@/components/ui/button";
import { SectionActions } from "@/components/cases/case-section";
import type { CaseSectionProps } from "@/components/cases/case-page-sections";
import { CLOSED_ACTIONS_SHOWN, listCaseActions } from "@/lib/case-actions/data";
import { ActionTable } from "./action-table";

/** The case page's actions: what is still to do (soonest due first), then what was done or cancelled. */
export async function CaseActionsSection({ actor, caseDetail }: CaseSectionProps) {
  const actions = await listCaseActions(actor, caseDetail.id);
  const overdue = actions.open.filter((a) => a.overdue).length;
  const { rows: closed, total: closedTotal } = actions.closed;
  return (
    <>
      <SectionActions>
        {actions.mayAdd ? (
          <Button href={`/cases/${caseDetail.id}/actions/new`} variant="secondary">
            Add an action
          </Button>
        ) : null}
      </SectionActions>
      <p className="body-m">
        {actions.open.length === 0
          ? "No actions are open."
          : `${actions.open.length === 1 ? "1 action is" : `${actions.open.length} actions are`} open or in progress${overdue > 0 ? `, ${overdue} overdue` : ""}.`}
      </p>
      <ActionTable rows={actions.open} caption="Open actions, soonest due first" emptyMessage="There are no open actions on this case." />
      {closedTotal > 0 ? (
        <ActionTable
          rows={closed}
          variant="closed"
          captionHidden={false}
          caption={
            closedTotal > closed.length
              ? `The ${CLOSED_ACTIONS_SHOWN} most recently finished of ${closedTotal.toLocaleString("en-GB")} done or cancelled actions`
              : "Done and cancelled actions"
          }
          emptyMessage="None."
        />
      ) : null}
    </>
  );
}
