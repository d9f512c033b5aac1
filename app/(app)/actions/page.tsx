import type { Metadata } from "next";
import Link from "next/link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { DownloadLinks } from "@/components/export/download-links";
import { Pagination } from "@/components/ui/pagination";
import { hrefWithParams } from "@/components/ui/search-params";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { ActionFilters } from "@/components/actions/action-filters";
import { ActionTable } from "@/components/actions/action-table";
import { requirePermission } from "@/lib/auth/session";
import { actionOfficerFilterLabel, listActions } from "@/lib/case-actions/data";
import { ACTION_SORTS, hasAnyActionFilter, parseActionFilters, type ActionScope, type ActionSort } from "@/lib/case-actions/filters";
import { CASE_NOTICES } from "@/lib/cases/form-state";
import { COUNT_CAP, parseListQuery } from "@/lib/list";

type Props = { searchParams: Promise<SearchParamsRecord> };

const PATH = "/actions";
const HEADINGS: Record<ActionScope, string> = { mine: "My actions", organisation: "My organisation’s actions" };
const NOTICES = { "action-done": CASE_NOTICES["action-done"] } as const;

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: HEADINGS[parseActionFilters(await searchParams).scope] };
}

/** `/actions`: actions assigned to me by name; `/actions?scope=organisation`: those assigned to my organisation. */
export default async function ActionsPage({ searchParams }: Props) {
  const actor = await requirePermission("case:read");
  const params = await searchParams;
  const parsed = parseActionFilters(params);
  const { scope, filters, values } = parsed;
  const query = parseListQuery<ActionSort>(params, { sorts: ACTION_SORTS, defaultSort: "due", defaultDir: "asc" });
  const [list, officerLabel] = await Promise.all([
    listActions(actor, scope, filters, query),
    actionOfficerFilterLabel(actor, filters.officer),
  ]);

  const filtered = hasAnyActionFilter(values);
  const count = list.totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} actions`
    : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "action" : "actions"}`;
  const notice = firstParam(params.notice);
  const scopeKeep = scope === "organisation" ? "organisation" : undefined;
  // After "Complete", back to this very page of the list (without the message).
  const listParams = { ...params, notice: undefined };
  const here = hrefWithParams(PATH, listParams, {});

  return (
    <>
      {notice && Object.hasOwn(NOTICES, notice) ? (
        <NotificationBanner variant="success" heading={NOTICES[notice as keyof typeof NOTICES]} />
      ) : null}
      <PageHeading caption={actor.organisationName}>{HEADINGS[scope]}</PageHeading>
      <nav aria-label="Action lists" className="mb-8">
        <ul className="list-none p-0 m-0 flex flex-wrap gap-x-8 gap-y-2 body-m border-b border-border">
          {(["mine", "organisation"] as const).map((s) => (
            <li key={s} className={s === scope ? "border-b-4 border-brand -mb-px pb-2 font-bold" : "pb-2"}>
              <Link
                href={s === "mine" ? PATH : `${PATH}?scope=organisation`}
                className="link-no-visited"
                aria-current={s === scope ? "page" : undefined}
              >
                {s === "mine" ? "Assigned to me" : `Assigned to ${actor.organisationShortName}`}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ActionFilters
        path={PATH}
        parsed={parsed}
        keep={{ scope: scopeKeep, officer: filters.officer, sort: firstParam(params.sort), dir: firstParam(params.dir) }}
      />
      {filters.officer ? (
        <p className="body-m">
          Assigned to {officerLabel ?? "an officer outside your organisation"}.{" "}
          <Link href={hrefWithParams(PATH, listParams, { officer: undefined, page: undefined })}>Show every officer’s actions</Link>
        </p>
      ) : null}
      <p className="heading-s" role="status">
        {count}
        {filtered ? " match your filters" : filters.status === "open" ? " open or in progress" : ""}
      </p>
      {list.total > 0 ? (
        <DownloadLinks href="/api/actions/export" params={listParams} what={filtered ? "the actions that match" : "these actions"} />
      ) : null}
      <ActionTable
        rows={list.rows}
        caption={`${HEADINGS[scope]}${filtered ? ", filtered" : ""}`}
        showCase
        showAssignee={scope === "organisation"}
        completeReturnTo={here}
        sort={{ by: query.sort, dir: query.dir, pathname: PATH, searchParams: listParams }}
        emptyMessage={
          filtered
            ? "No actions match these filters."
            : scope === "mine"
              ? "No open actions are assigned to you."
              : `No open actions are assigned to ${actor.organisationShortName}.`
        }
      />
      <Pagination page={list.page} totalPages={list.totalPages} pathname={PATH} searchParams={listParams} />
    </>
  );
}
