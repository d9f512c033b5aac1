import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { SectionActions } from "@/components/cases/case-section";
import type { CaseSectionProps } from "@/components/cases/case-page-sections";
import { listCaseActions } from "@/lib/case-actions/data";
import { pageNumberParam, showingWords } from "@/lib/list";
import { firstParam } from "@/lib/search-params";
import { ActionTable } from "./action-table";

/** The case page's parameter for the page of finished actions. */
export const ACTIONS_PAGE_PARAM = "actionsPage";

/**
 * The case page's actions: every action still to do (soonest due first), then the done and
 * cancelled ones, most recently finished first, a page at a time (`?actionsPage=2#actions`).
 */
export async function CaseActionsSection({ actor, caseDetail, searchParams }: CaseSectionProps) {
  const actions = await listCaseActions(actor, caseDetail.id, {
    finishedPage: pageNumberParam(firstParam(searchParams[ACTIONS_PAGE_PARAM])),
  });
  const overdue = actions.open.filter((a) => a.overdue).length;
  const finished = actions.closed;
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
      {finished.total > 0 ? (
        <>
          <h3 id="finished-actions" className="heading-m scroll-mt-4">
            Done and cancelled actions
          </h3>
          <p className="body-m text-ink-secondary">
            {showingWords(finished)}, most recently finished first
            {finished.totalPages > 1 ? ` (page ${finished.page} of ${finished.totalPages})` : ""}.
          </p>
          <ActionTable
            rows={finished.rows}
            variant="closed"
            caption={`Done and cancelled actions, most recently finished first${finished.totalPages > 1 ? `, page ${finished.page} of ${finished.totalPages}` : ""}`}
            emptyMessage="None."
          />
          <Pagination
            page={finished.page}
            totalPages={finished.totalPages}
            pathname={`/cases/${caseDetail.id}`}
            searchParams={{ ...searchParams, notice: undefined, problem: undefined }}
            pageParam={ACTIONS_PAGE_PARAM}
            fragment="#finished-actions"
            label="Pages of done and cancelled actions"
          />
        </>
      ) : null}
    </>
  );
}
