import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { SummaryList } from "@/components/ui/summary-list";
import { PowerTable } from "@/components/powers/power-table";
import { PspoStatusTag } from "@/components/pspos/pspo-tags";
import { requirePermission } from "@/lib/auth/session";
import { formatDate } from "@/lib/format/dates";
import { COUNT_CAP, parseListQuery } from "@/lib/list";
import { orNotFound } from "@/lib/not-found";
import { getPspo, PSPO_FPN_SORTS } from "@/lib/pspos/data";
import { prohibitionLines } from "@/lib/pspos/status";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

export const metadata: Metadata = { title: "Public Spaces Protection Order" };

// The FPNs are listed newest first (not sortable: one short list per order), paged.

/** One PSPO: its area, dates and prohibitions, and the FPNs issued under it that the viewer may see. */
export default async function PspoPage({ params, searchParams }: Props) {
  const actor = await requirePermission("power:read");
  const { id } = await params;
  const search = await searchParams;
  const fpnQuery = parseListQuery(search, { sorts: PSPO_FPN_SORTS, defaultSort: "issued", defaultDir: "desc" });
  const pspo = await orNotFound(getPspo(actor, id, fpnQuery));
  const notice = firstParam(search.notice);
  const prohibitions = prohibitionLines(pspo.prohibitions);
  const { total, totalCapped } = pspo.fpns;
  const count = totalCapped
    ? `More than ${COUNT_CAP.toLocaleString("en-GB")} fixed penalty notices`
    : `${total.toLocaleString("en-GB")} fixed penalty ${total === 1 ? "notice" : "notices"}`;
  const path = `/powers/pspos/${pspo.id}`;
  return (
    <>
      <BackLink href="/powers/pspos">Back to the PSPO register</BackLink>
      {notice === "created" ? <NotificationBanner variant="success" heading={`PSPO recorded: ${pspo.reference}`} /> : null}
      <PageHeading caption={`Public Spaces Protection Order ${pspo.reference}`}>{pspo.name}</PageHeading>
      <div className="max-w-[50rem]">
        <SummaryList
          rows={[
            { key: "Status", value: <PspoStatusTag status={pspo.status} /> },
            { key: "Made by", value: pspo.organisation.name },
            { key: "In force from", value: formatDate(pspo.startsOn) },
            { key: "Ends", value: formatDate(pspo.endsOn) },
            { key: "Restricted area", value: pspo.area },
            { key: "Place", value: pspo.place ?? "None" },
          ]}
        />
        <h2 className="heading-m">Prohibitions and requirements</h2>
        <ol className="list-decimal pl-6 body-m mb-8 space-y-2">
          {prohibitions.map((line, i) => (
            <li key={i}>{line.replace(/^\d+[.)]\s+/, "")}</li>
          ))}
        </ol>
      </div>
      <section aria-labelledby="fpns-heading">
        <h2 id="fpns-heading" className="heading-m">
          Fixed penalty notices issued under this PSPO
        </h2>
        <p className="body-m" role="status">
          {count} that you can see.
        </p>
        <PowerTable
          rows={pspo.fpns.rows}
          caption={`Fixed penalty notices issued under ${pspo.reference}`}
          emptyMessage="No fixed penalty notices under this PSPO that you can see."
        />
        <Pagination page={pspo.fpns.page} totalPages={pspo.fpns.totalPages} pathname={path} searchParams={search} />
      </section>
    </>
  );
}
