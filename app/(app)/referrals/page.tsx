import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { ReferralFilters } from "@/components/referrals/referral-filters";
import { ReferralTable } from "@/components/referrals/referral-table";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { COUNT_CAP, parseListQuery } from "@/lib/list";
import { chairedPanels, countAwaitingTriage, listReferrals, REFERRAL_SORTS, type ReferralSort } from "@/lib/referrals/data";
import { parseReferralFilters } from "@/lib/referrals/filters";
import { refusePage } from "@/lib/auth/refuse";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Referrals" };

type Props = { searchParams: Promise<SearchParamsRecord> };

const PATH = "/referrals";

/** The referrals the actor made (with their status) and, for chairs, the way into the triage queue. */
export default async function ReferralsPage({ searchParams }: Props) {
  const actor = await requireActor();
  if (!can(actor, "referral:create") && !can(actor, "referral:triage")) await refusePage(actor, "referral:create");
  const params = await searchParams;
  const parsed = parseReferralFilters(params);
  const query = parseListQuery<ReferralSort>(params, { sorts: REFERRAL_SORTS, defaultSort: "referred", defaultDir: "desc" });
  const [list, awaiting] = await Promise.all([listReferrals(actor, "mine", parsed.filters, query), countAwaitingTriage(actor)]);
  const filtered = Object.keys(parsed.values).length > 0;
  const count = list.totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} referrals`
    : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "referral" : "referrals"}`;
  return (
    <>
      <PageHeading caption="Referrals">Your referrals</PageHeading>
      {chairedPanels(actor).length > 0 ? (
        <p className="body-m">
          <Link href="/referrals/triage" className="font-bold">
            Referrals awaiting triage
          </Link>{" "}
          ({awaiting.map((a) => `${PANEL_NAMES[a.panel]}: ${a.pending}`).join(", ")})
        </p>
      ) : null}
      <p className="body-m">To refer a case, open the case and choose &ldquo;Refer to CCM&rdquo; or &ldquo;Refer to MARAC&rdquo;.</p>
      <ReferralFilters
        path={PATH}
        parsed={parsed}
        panels={["CCM", "MARAC"]}
        statusPlaceholder="Any status"
        keep={{ sort: firstParam(params.sort), dir: firstParam(params.dir) }}
      />
      <p className="heading-s" role="status">
        {count}
        {filtered ? " match your filters" : ""}
      </p>
      <ReferralTable
        rows={list.rows}
        caption={`Referrals you made${filtered ? ", filtered" : ""}`}
        sort={{ by: query.sort, dir: query.dir, pathname: PATH, searchParams: params }}
        emptyMessage={filtered ? "None of your referrals match these filters." : "You have not made any referrals."}
        show={{ case: true, victim: true, referrer: false }}
      />
      <Pagination page={list.page} totalPages={list.totalPages} pathname={PATH} searchParams={params} />
    </>
  );
}
