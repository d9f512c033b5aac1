import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import type { SearchParamsRecord } from "@/lib/search-params";
import { PspoTable } from "@/components/pspos/pspo-table";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { COUNT_CAP, parseListQuery } from "@/lib/list";
import { listPspos, PSPO_SORTS, type PspoSort } from "@/lib/pspos/data";

export const metadata: Metadata = { title: "Public Spaces Protection Orders" };

type Props = { searchParams: Promise<SearchParamsRecord> };

const PATH = "/powers/pspos";

/** `/powers/pspos`: the register of PSPOs. Public orders: everyone who may read powers sees them all. */
export default async function PsposPage({ searchParams }: Props) {
  const actor = await requirePermission("power:read");
  const params = await searchParams;
  const query = parseListQuery<PspoSort>(params, { sorts: PSPO_SORTS, defaultSort: "starts", defaultDir: "desc" });
  const list = await listPspos(actor, query);
  const count = list.totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} PSPOs`
    : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "PSPO" : "PSPOs"}`;
  return (
    <>
      <BackLink href="/powers">Back to the register of powers</BackLink>
      <PageHeading caption="Tools and powers">Public Spaces Protection Orders</PageHeading>
      {can(actor, "power:write") ? (
        <div className="mb-6">
          <Button href="/powers/pspos/new">Record a PSPO</Button>
        </div>
      ) : null}
      <p className="heading-s" role="status">
        {count}
      </p>
      <PspoTable
        rows={list.rows}
        sort={{ by: query.sort, dir: query.dir, pathname: PATH, searchParams: params }}
        emptyMessage="No PSPOs have been recorded."
      />
      <Pagination page={list.page} totalPages={list.totalPages} pathname={PATH} searchParams={params} />
    </>
  );
}
