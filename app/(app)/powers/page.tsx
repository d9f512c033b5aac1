import type { Metadata } from "next";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { hrefWithParams } from "@/components/ui/search-params";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { PowerFilters } from "@/components/powers/power-filters";
import { PowerTable } from "@/components/powers/power-table";
import { SearchExpiredBanner } from "@/components/search/saved-search-form";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { issuingOrganisationChoices, listPowerKinds, listPowers } from "@/lib/powers/data";
import { hasAnyPowerFilter, parsePowerFilters, POWER_SORTS, type PowerSort } from "@/lib/powers/filters";
import { COUNT_CAP, parseListQuery } from "@/lib/list";
import { resolveSearchParams } from "@/lib/search/saved";

export const metadata: Metadata = { title: "Tools and powers register" };

type Props = { searchParams: Promise<SearchParamsRecord> };

const PATH = "/powers";

/** The tools and powers register: every power the viewer may see, filtered and sorted on the server. */
export default async function PowersPage({ searchParams }: Props) {
  const actor = await requirePermission("power:read");
  // "Issued to" (`subject`) names a person or a business, so it never rides in the address: it comes
  // back from the saved search named by `?search=`. Sort and page links are built from
  // `linkParams`, which carry the handle but never the name.
  const { params, linkParams, expired } = await resolveSearchParams(actor, "powers", await searchParams);
  const parsed = parsePowerFilters(params);
  const query = parseListQuery<PowerSort>(params, { sorts: POWER_SORTS, defaultSort: "issued", defaultDir: "desc" });
  const [list, kinds, organisations] = await Promise.all([
    listPowers(actor, parsed.filters, query),
    listPowerKinds(actor),
    issuingOrganisationChoices(actor),
  ]);
  const filtered = hasAnyPowerFilter(parsed.values);
  const count = list.totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} powers`
    : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "power" : "powers"}`;
  return (
    <>
      <PageHeading caption="Tools and powers">Register of powers used</PageHeading>
      <div className="flex flex-wrap gap-x-6 gap-y-2 items-center mb-6">
        {can(actor, "power:write") ? <Button href="/powers/new">Record a power</Button> : null}
        <Link href="/powers/pspos" className="link-no-visited body-m">
          Public Spaces Protection Orders (PSPOs)
        </Link>
        <Link href="/powers/kinds" className="link-no-visited body-m">
          Kinds of power
        </Link>
      </div>
      {expired ? <SearchExpiredBanner /> : null}
      <PowerFilters
        path={PATH}
        address={hrefWithParams(PATH, linkParams, { sort: null, dir: null, page: null })}
        parsed={parsed}
        kinds={kinds}
        organisations={organisations}
        keep={{ sort: firstParam(linkParams.sort), dir: firstParam(linkParams.dir) }}
      />
      <p className="heading-s" role="status">
        {count}
        {filtered ? " match your filters" : ""}
      </p>
      <PowerTable
        rows={list.rows}
        caption={`Register of powers used${filtered ? ", filtered" : ""}`}
        sort={{ by: query.sort, dir: query.dir, pathname: PATH, searchParams: linkParams }}
        emptyMessage={filtered ? "No powers match these filters." : "No powers have been recorded that you can see."}
      />
      <Pagination page={list.page} totalPages={list.totalPages} pathname={PATH} searchParams={linkParams} />
    </>
  );
}
