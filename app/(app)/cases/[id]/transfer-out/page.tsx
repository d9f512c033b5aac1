import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { CaseSubpage } from "@/components/cases/case-details";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { TransferOutForm } from "@/components/referrals/transfer-out-form";
import { TransfersOutTable } from "@/components/referrals/transfers-out-table";
import { requirePermission } from "@/lib/auth/session";
import { formatDate } from "@/lib/format/dates";
import { orNotFound } from "@/lib/not-found";
import { transferOutFormFor } from "@/lib/referrals/data";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

// No reference in the title: the page answers "not found" to anyone off the MARAC panel.
export const metadata: Metadata = { title: "Transfer out to another area" };

/** `/cases/[id]/transfer-out`: a MARAC panel member records the case's transfer to another area's MARAC. Anyone else: 404. */
export default async function TransferOutPage({ params, searchParams }: Props) {
  const actor = await requirePermission("case:read");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { case: c, transfers } = await orNotFound(transferOutFormFor(actor, id));
  // After saving: the transfer just recorded, named by its id (never by what was typed).
  const recorded = transfers.find((t) => t.id === firstParam(query.recorded));
  return (
    <CaseSubpage caseSummary={{ id: c.id, reference: c.reference, restricted: true }} backTo="#referrals">
      {recorded ? (
        <NotificationBanner
          variant="success"
          heading={`Transfer out to ${recorded.area} on ${formatDate(recorded.transferredAt)} recorded`}
        >
          <p>It is on the case timeline.</p>
        </NotificationBanner>
      ) : null}
      <TransferOutForm caseId={c.id} reference={c.reference} openedOn={formatDate(c.openedAt)} submissionKey={randomUUID()} />
      {transfers.length > 0 ? (
        <section aria-labelledby="transfers-heading" className="mt-10">
          <h2 id="transfers-heading" className="heading-m">
            Transfers out of this case
          </h2>
          <TransfersOutTable rows={transfers} caption="Transfers out of this case, latest first" captionHidden />
        </section>
      ) : null}
    </CaseSubpage>
  );
}
