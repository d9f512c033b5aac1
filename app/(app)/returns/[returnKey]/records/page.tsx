import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/ui/page-heading";
import { BackLink } from "@/components/ui/back-link";
import { Pagination } from "@/components/ui/pagination";
import { WarningText } from "@/components/ui/warning-text";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { FigureRecordsTable } from "@/components/returns/figure-records-table";
import { requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/not-found";
import { listFigureRecords } from "@/lib/returns/data";
import { parsePeriodKey } from "@/lib/returns/period";
import {
  isOrganisationType,
  isReturnKey,
  plural,
  RETURN_NAMES_IN_TEXT,
  RETURN_TITLES,
  type FigureFilter,
  type ReturnKey,
} from "@/lib/returns/tables";

export const metadata: Metadata = { title: "Records behind a figure" };

type Props = { params: Promise<{ returnKey: string }>; searchParams: Promise<SearchParamsRecord> };

const DATE_HEADERS: Record<ReturnKey, string> = {
  "tools-and-powers": "Date",
  "community-trigger": "Date",
  "ccm-activity": "Date",
  // The meeting's date for the cases discussed; the referral's or the transfer's for the period's figures.
  marac: "Date",
};

/** The records behind one figure of a return, as far as the viewer may see them. */
// Why a record behind a figure can be out of sight: a power needs no case, so another
// organisation's power is held back even when it is on no case at all.
const HELD_BACK_REASONS: Record<ReturnKey, string> = {
  "tools-and-powers": "issued by another organisation and not on a case shared with yours, or on a restricted case",
  "community-trigger": "on restricted cases or cases not shared with your organisation",
  "ccm-activity": "on restricted cases or cases not shared with your organisation",
  marac: "on cases your organisation is not part of",
};

export default async function FigureRecordsPage({ params, searchParams }: Props) {
  const actor = await requirePermission("return:read");
  const { returnKey } = await params;
  const search = await searchParams;
  const period = parsePeriodKey(firstParam(search.period));
  const measure = firstParam(search.measure);
  if (!isReturnKey(returnKey) || !period || !measure) notFound();
  const orgType = firstParam(search.orgType);
  const filter: FigureFilter = {
    kind: firstParam(search.kind),
    org: firstParam(search.org),
    meeting: firstParam(search.meeting),
    agency: firstParam(search.agency),
    ...(orgType !== undefined ? { orgType: isOrganisationType(orgType) ? orgType : ("none" as never) } : {}),
  };
  for (const key of Object.keys(filter) as (keyof FigureFilter)[]) if (filter[key] === undefined) delete filter[key];
  const page = Number.parseInt(firstParam(search.page) ?? "1", 10) || 1;
  const records = await orNotFound(listFigureRecords(actor, { key: returnKey, period, measure, filter, page }));
  const path = `/returns/${returnKey}/records`;
  return (
    <>
      <BackLink href={`/returns/${returnKey}?period=${period.key}`}>
        Back to the {RETURN_NAMES_IN_TEXT[returnKey]} {period.label}
      </BackLink>
      <PageHeading caption={`${RETURN_TITLES[returnKey]} · ${period.label}`}>Records behind a figure</PageHeading>
      <p className="heading-s">{records.name}</p>
      {records.heldBack > 0 ? (
        <WarningText>
          {records.heldBack} further {plural(records.heldBack, "record is", "records are")} not shown because{" "}
          {records.heldBack === 1 ? "it is" : "they are"} {HELD_BACK_REASONS[returnKey]}, which you cannot see.
        </WarningText>
      ) : null}
      <p className="body-m" role="status">
        {records.page.total === records.total
          ? `Showing all ${records.total.toLocaleString("en-GB")}`
          : `Showing ${records.page.total.toLocaleString("en-GB")} of ${records.total.toLocaleString("en-GB")}`}{" "}
        {plural(records.total, "record")} counted in this figure.
      </p>
      <FigureRecordsTable rows={records.page.rows} caption={records.name} dateHeader={DATE_HEADERS[returnKey]} />
      <Pagination page={records.page.page} totalPages={records.page.totalPages} pathname={path} searchParams={search} />
    </>
  );
}
