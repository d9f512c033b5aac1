import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { hrefWithParams } from "@/components/ui/search-params";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { Table } from "@/components/ui/table";
import { DownloadLinks } from "@/components/export/download-links";
import { RiskTag } from "@/components/ui/tag";
import { CaseFilters } from "@/components/cases/case-filters";
import { CaseStatusTag, RestrictedTag } from "@/components/cases/case-tags";
import { SearchExpiredBanner } from "@/components/search/saved-search-form";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { findCaseIdByReference, listCases, organisationFilterChoices } from "@/lib/cases/data";
import { CASE_SORTS, hasAnyCaseFilter, normaliseCaseReference, parseCaseFilters, type CaseSort } from "@/lib/cases/filters";
import { CASE_KIND_LABELS, CASE_LIST_RELATIONS } from "@/lib/cases/labels";
import { formatDate } from "@/lib/format/dates";
import { COUNT_CAP, parseListQuery } from "@/lib/list";
import { resolveSearchParams } from "@/lib/search/saved";

export const metadata: Metadata = { title: "Cases" };

type Props = { searchParams: Promise<SearchParamsRecord> };

const PATH = "/cases";

export default async function CasesPage({ searchParams }: Props) {
  const actor = await requirePermission("case:read");
  // The text search (`q`) can name someone, so it never rides in the address: it comes back from
  // the saved search named by `?search=`. Sort and page links are built from `linkParams`, which
  // carry the handle but never the text.
  const { params, linkParams, expired } = await resolveSearchParams(actor, "cases", await searchParams);
  const { filters, values } = parseCaseFilters(params);

  // A search for an exact reference goes straight to the case, if it is one the actor may see.
  const reference = values.q ? normaliseCaseReference(values.q) : null;
  if (reference) {
    const id = await findCaseIdByReference(actor, reference);
    if (id) redirect(`/cases/${id}`);
  }

  const query = parseListQuery<CaseSort>(params, { sorts: CASE_SORTS, defaultSort: "opened", defaultDir: "desc" });
  const [list, organisations] = await Promise.all([listCases(actor, filters, query), organisationFilterChoices(actor)]);
  const filtered = hasAnyCaseFilter(values);
  const countText = list.totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} cases`
    : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "case" : "cases"}`;

  return (
    <>
      <PageHeading>Cases</PageHeading>
      {can(actor, "case:write") ? <Button href="/cases/new">Open a case</Button> : null}
      {expired ? <SearchExpiredBanner /> : null}
      <CaseFilters
        address={hrefWithParams(PATH, linkParams, { sort: null, dir: null, page: null })}
        values={values}
        organisations={organisations}
        sort={{ sort: firstParam(linkParams.sort), dir: firstParam(linkParams.dir) }}
      />
      <p className="heading-s" role="status">
        {countText}
        {filtered ? " match your filters" : ""}
      </p>
      {list.total > 0 ? (
        <DownloadLinks href="/api/cases/export" params={linkParams} what={filtered ? "the cases that match" : "all these cases"} />
      ) : null}
      <Table
        caption={filtered ? "Cases matching your filters" : "Cases you can see, most recently opened first"}
        captionHidden
        rows={list.rows}
        rowKey={(r) => r.id}
        sort={{ by: query.sort, dir: query.dir, pathname: PATH, searchParams: linkParams }}
        emptyMessage={filtered ? "No cases match these filters." : "There are no cases you can see yet."}
        columns={[
          {
            key: "reference",
            header: "Reference",
            sortKey: "reference",
            rowHeader: true,
            className: "whitespace-nowrap",
            cell: (r) => (
              <>
                <Link href={`/cases/${r.id}`}>{r.reference}</Link>
                {r.restricted ? (
                  <span className="block mt-1">
                    <RestrictedTag />
                  </span>
                ) : null}
              </>
            ),
          },
          { key: "title", header: "Title", cell: (r) => r.title },
          { key: "kind", header: "Kind", cell: (r) => CASE_KIND_LABELS[r.kind] },
          { key: "status", header: "Status", cell: (r) => <CaseStatusTag status={r.status} /> },
          { key: "risk", header: "Risk", sortKey: "risk", defaultDir: "desc", cell: (r) => <RiskTag level={r.riskLevel} /> },
          {
            key: "lead",
            header: "Lead",
            cell: (r) => (
              <>
                <abbr title={r.leadOrganisation.name}>{r.leadOrganisation.shortName}</abbr>
                <span className="block body-s text-ink-secondary">{CASE_LIST_RELATIONS[r.relation]}</span>
              </>
            ),
          },
          { key: "opened", header: "Opened", sortKey: "opened", defaultDir: "desc", cell: (r) => formatDate(r.openedAt) },
          { key: "updated", header: "Last changed", sortKey: "updated", defaultDir: "desc", cell: (r) => formatDate(r.updatedAt) },
        ]}
      />
      <Pagination page={list.page} totalPages={list.totalPages} pathname={PATH} searchParams={linkParams} />
    </>
  );
}
