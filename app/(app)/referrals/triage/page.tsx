import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { RestrictedBanner } from "@/components/ui/restricted-banner";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { ReferralFilters } from "@/components/referrals/referral-filters";
import { ReferralTable } from "@/components/referrals/referral-table";
import { requireActor } from "@/lib/auth/session";
import { COUNT_CAP, parseListQuery } from "@/lib/list";
import { chairedPanels, listReferrals, REFERRAL_SORTS, type ReferralSort } from "@/lib/referrals/data";
import { parseReferralFilters } from "@/lib/referrals/filters";
import { refusePage } from "@/lib/auth/refuse";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Referrals awaiting triage" };

type Props = { searchParams: Promise<SearchParamsRecord> };

const PATH = "/referrals/triage";

/** The chair's queue: referrals to the panels they chair, undecided ones first unless a status is chosen. Others: 404. */
export default async function TriageQueuePage({ searchParams }: Props) {
  const actor = await requireActor();
  const panels = chairedPanels(actor);
  if (panels.length === 0) await refusePage(actor, "referral:triage");
  const params = await searchParams;
  const parsed = parseReferralFilters(params);
  // Oldest first: the longest-waiting referral is decided first.
  const query = parseListQuery<ReferralSort>(params, { sorts: REFERRAL_SORTS, defaultSort: "referred", defaultDir: "asc" });
  const list = await listReferrals(actor, "triage", parsed.filters, query);
  const filtered = Object.keys(parsed.values).length > 0;
  const count = list.totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} referrals`
    : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "referral" : "referrals"}`;
  return (
    <>
      {panels.includes("MARAC") ? (
        <RestrictedBanner>
          MARAC referrals are seen by MARAC panel members and their referrers only. Do not share them outside the panel.
        </RestrictedBanner>
      ) : null}
      <BackLink href="/referrals">Your referrals</BackLink>
      <PageHeading caption={`Chair of the ${panels.map((p) => PANEL_NAMES[p]).join(" and ")}`}>Referrals awaiting triage</PageHeading>
      <ReferralFilters
        path={PATH}
        parsed={parsed}
        panels={panels}
        statusPlaceholder="Awaiting a decision"
        keep={{ sort: firstParam(params.sort), dir: firstParam(params.dir) }}
      />
      <p className="heading-s" role="status">
        {count}
        {filtered ? " match your filters" : " awaiting a decision"}
      </p>
      <ReferralTable
        rows={list.rows}
        caption={`Referrals to the ${panels.map((p) => PANEL_NAMES[p]).join(" and ")}${filtered ? ", filtered" : ", awaiting a decision"}`}
        sort={{ by: query.sort, dir: query.dir, pathname: PATH, searchParams: params }}
        emptyMessage={filtered ? "No referrals match these filters." : "No referrals are waiting for a decision."}
      />
      <Pagination page={list.page} totalPages={list.totalPages} pathname={PATH} searchParams={params} />
    </>
  );
}
