import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { DownloadLinks } from "@/components/export/download-links";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { hrefWithParams } from "@/components/ui/search-params";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { Table } from "@/components/ui/table";
import { RiskTag } from "@/components/ui/tag";
import { IncidentFilters } from "@/components/incidents/incident-filters";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { formatDateTime } from "@/lib/format/dates";
import { listIncidents, organisationChoices } from "@/lib/incidents/data";
import {
  formatFilterDay,
  hasAnyFilter,
  parseFilterDay,
  INCIDENT_SORTS,
  parseIncidentFilters,
  type FilterParam,
  type IncidentSort,
} from "@/lib/incidents/filters";
import { CATEGORY_LABELS, RISK_LEVEL_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { IN_A_VISIBLE_CASE, NOT_IN_A_VISIBLE_CASE } from "@/lib/cases/labels";
import { COUNT_CAP, parseListQuery } from "@/lib/list";
import { AsbCategory, AsbType, RiskLevel } from "@/lib/generated/prisma/enums";
import { SavedSearchForm, SearchExpiredBanner } from "@/components/search/saved-search-form";
import { resolveSearchParams } from "@/lib/search/saved";
import { SEARCH_SCOPES } from "@/lib/search/scopes";

type Props = { searchParams: Promise<SearchParamsRecord> };

const PATH = "/incidents";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const actor = await requirePermission("incident:read");
  const { params } = await resolveSearchParams(actor, "incidents", await searchParams);
  const { errors } = parseIncidentFilters(params);
  return { title: Object.keys(errors).length > 0 ? "Error: Incidents" : "Incidents" };
}

export default async function IncidentsPage({ searchParams }: Props) {
  const actor = await requirePermission("incident:read");
  // A typed name or postcode is never in the address: the page reads it back from the saved search
  // named by `?search=`. Sort, page and filter links are built from `linkParams`, which holds the
  // handle and never the text.
  const { params, linkParams, expired } = await resolveSearchParams(actor, "incidents", await searchParams);
  const { filters, values, errors } = parseIncidentFilters(params);
  const query = parseListQuery<IncidentSort>(params, { sorts: INCIDENT_SORTS, defaultSort: "occurred", defaultDir: "desc" });
  const [list, organisations] = await Promise.all([listIncidents(actor, filters, query), organisationChoices(actor)]);

  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const filterChips = describeFilters(values, { organisation: organisationName, ...list.filterLabels });
  const countText = list.totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} incidents`
    : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "incident" : "incidents"}`;

  return (
    <>
      <PageHeading>Incidents</PageHeading>
      {can(actor, "incident:write") ? <Button href="/incidents/new">Log an incident</Button> : null}

      {expired ? <SearchExpiredBanner /> : null}
      <IncidentFilters
        address={hrefWithParams(PATH, linkParams, { sort: null, dir: null, page: null })}
        values={values}
        errors={errors}
        organisations={organisations}
        labels={list.filterLabels}
        sort={{ sort: firstParam(linkParams.sort), dir: firstParam(linkParams.dir) }}
      />

      <div className="flex flex-wrap items-baseline gap-x-6 gap-y-2 mb-4">
        <p className="heading-s m-0" role="status">
          {countText}
          {hasAnyFilter(values) ? " match your filters" : ""}
        </p>
        {filterChips.length > 0 ? (
          <Link href={PATH} className="link-no-visited body-m">
            Clear filters
          </Link>
        ) : null}
      </div>
      {filterChips.length > 0 ? (
        <ul className="flex flex-wrap gap-2 list-none p-0 mb-6" aria-label="Filters in use">
          {filterChips.map((chip) => (
            <li key={chip.param}>
              <RemoveFilter chip={chip} values={values} linkParams={linkParams} />
            </li>
          ))}
        </ul>
      ) : null}

      {list.total > 0 ? (
        <DownloadLinks
          href="/api/incidents/export"
          params={linkParams}
          what={hasAnyFilter(values) ? "the incidents that match" : "all these incidents"}
        />
      ) : null}
      <Table
        caption={hasAnyFilter(values) ? "Incidents matching your filters" : "Incidents, most recent first"}
        captionHidden
        rows={list.rows}
        rowKey={(r) => r.id}
        sort={{ by: query.sort, dir: query.dir, pathname: PATH, searchParams: linkParams }}
        emptyMessage={hasAnyFilter(values) ? "No incidents match these filters." : "No incidents yet."}
        columns={[
          {
            key: "reference",
            header: "Reference",
            sortKey: "reference",
            rowHeader: true,
            className: "whitespace-nowrap",
            cell: (r) => <Link href={`/incidents/${r.id}`}>{r.reference}</Link>,
          },
          { key: "occurred", header: "Happened", sortKey: "occurred", defaultDir: "desc", cell: (r) => formatDateTime(r.occurredAt) },
          { key: "reported", header: "Reported", sortKey: "reported", defaultDir: "desc", cell: (r) => formatDateTime(r.reportedAt) },
          {
            key: "what",
            header: "Category and type",
            cell: (r) => (
              <>
                {CATEGORY_LABELS[r.category]}
                <br />
                <span className="text-ink-secondary">{TYPE_LABELS[r.type]}</span>
              </>
            ),
          },
          { key: "place", header: "Place", cell: (r) => r.place ?? <span className="text-ink-secondary">None</span> },
          { key: "org", header: "Logged by", cell: (r) => r.reportingOrganisation },
          { key: "risk", header: "Risk", sortKey: "risk", defaultDir: "desc", cell: (r) => <RiskTag level={r.riskLevel} /> },
          // The same for no case and a case the viewer may not see (lib/cases/labels).
          { key: "case", header: "Case", cell: (r) => r.caseReference ?? <span className="text-ink-secondary">None you can see</span> },
        ]}
      />
      <Pagination page={list.page} totalPages={list.totalPages} pathname={PATH} searchParams={linkParams} />
    </>
  );
}

type Chip = { param: FilterParam; label: string; also?: FilterParam };

const PERSONAL = new Set<string>(SEARCH_SCOPES.incidents.personalFields);
const CHIP_CLASS = "inline-block px-3 py-1 border-2 border-border-input bg-white text-ink no-underline body-s";

/**
 * A filter in use, removable on its own. Most are links to the same address without it. Taking
 * away a typed name or postcode changes the saved search, so that one is a small form posting the
 * filters that remain (the other typed term included), which saves them afresh.
 */
function RemoveFilter({
  chip,
  values,
  linkParams,
}: {
  chip: Chip;
  values: Partial<Record<FilterParam, string>>;
  linkParams: SearchParamsRecord;
}) {
  const removed = new Set<string>([chip.param, ...(chip.also ? [chip.also] : [])]);
  const content = (
    <>
      {chip.label}
      <span aria-hidden="true"> ×</span>
      <span className="sr-only"> (remove this filter)</span>
    </>
  );
  if (![...removed].some((param) => PERSONAL.has(param))) {
    const without = Object.fromEntries([...removed, "page"].map((param) => [param, null]));
    return (
      <Link href={hrefWithParams(PATH, linkParams, without)} className={`link-no-visited ${CHIP_CLASS}`}>
        {content}
      </Link>
    );
  }
  const kept = Object.entries(values).filter(([param]) => !removed.has(param));
  const sort = (["sort", "dir"] as const).map((param) => [param, firstParam(linkParams[param])] as const).filter(([, value]) => value);
  return (
    <SavedSearchForm scope="incidents" path={PATH} className="inline">
      {[...kept, ...sort].map(([param, value]) => (
        <input key={param} type="hidden" name={param} value={value} />
      ))}
      <button type="submit" className={`focus-like-link ${CHIP_CLASS} cursor-pointer`}>
        {content}
      </button>
    </SavedSearchForm>
  );
}

/** The filters in use, in words, each removable on its own. */
function describeFilters(
  values: Partial<Record<FilterParam, string>>,
  names: { organisation: Map<string, string>; person?: string; place?: string },
): Chip[] {
  const chips: Chip[] = [];
  const enumLabel = <K extends string>(labels: Record<K, string>, all: Record<string, K>, value: string | undefined) =>
    value && value in all ? labels[value as K] : undefined;
  if (values.from && parseFilterDay(values.from)) chips.push({ param: "from", label: `Happened from ${formatFilterDay(values.from)}` });
  if (values.to && parseFilterDay(values.to)) chips.push({ param: "to", label: `Happened to ${formatFilterDay(values.to)}` });
  const category = enumLabel(CATEGORY_LABELS, AsbCategory, values.category);
  if (category) chips.push({ param: "category", label: `Category: ${category}` });
  const type = enumLabel(TYPE_LABELS, AsbType, values.type);
  if (type) chips.push({ param: "type", label: `Type: ${type}` });
  const risk = enumLabel(RISK_LEVEL_LABELS, RiskLevel, values.risk);
  if (risk) chips.push({ param: "risk", label: `Risk: ${risk}` });
  if (values.case === "yes") chips.push({ param: "case", label: IN_A_VISIBLE_CASE });
  if (values.case === "no") chips.push({ param: "case", label: NOT_IN_A_VISIBLE_CASE });
  if (values.org && names.organisation.has(values.org))
    chips.push({ param: "org", label: `Logged by ${names.organisation.get(values.org)}` });
  if (values.place && names.place) chips.push({ param: "place", also: "postcode", label: `Place: ${names.place}` });
  else if (values.postcode) chips.push({ param: "postcode", label: `Postcode: ${values.postcode.toUpperCase()}` });
  if (values.person && names.person) chips.push({ param: "person", also: "name", label: `Person: ${names.person}` });
  else if (values.name) chips.push({ param: "name", label: `Name: ${values.name}` });
  return chips;
}
