import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { Table } from "@/components/ui/table";
import { Tag } from "@/components/ui/tag";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { PowerKindForm } from "@/components/powers/power-kind-form";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listPowerKinds, type PowerKindView } from "@/lib/powers/data";
import { refusePage } from "@/lib/auth/refuse";

export const metadata: Metadata = { title: "Kinds of power" };

const yesNo = (value: boolean) => (value ? "Yes" : "No");

/** The kinds of power (reference data); administrators add new ones here. */
export default async function PowerKindsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const actor = await requireActor();
  const manage = can(actor, "power-kind:manage");
  if (!can(actor, "power:read") && !manage) await refusePage(actor, "power:read");
  const kinds = await listPowerKinds(actor);
  const notice = firstParam((await searchParams).notice);
  return (
    <>
      {can(actor, "power:read") ? <BackLink href="/powers">Back to the register</BackLink> : null}
      {notice === "kind-added" ? <NotificationBanner variant="success" heading="Kind of power added" /> : null}
      <PageHeading caption="Tools and powers">Kinds of power</PageHeading>
      <Table<PowerKindView>
        caption="Kinds of power"
        captionHidden
        rows={kinds}
        rowKey={(k) => k.id}
        columns={[
          {
            key: "name",
            header: "Power",
            rowHeader: true,
            cell: (k) => (
              <>
                <span className="font-bold">{k.name}</span> <span className="body-s text-ink-secondary">({k.code})</span>
                {k.active ? null : (
                  <span className="block mt-1">
                    <Tag colour="grey">No longer used</Tag>
                  </span>
                )}
                <span className="block body-s font-normal">{k.legalBasis}</span>
              </>
            ),
          },
          { key: "statutory", header: "Statutory", cell: (k) => yesNo(k.statutory) },
          { key: "expiry", header: "Expiry date", cell: (k) => yesNo(k.hasExpiry) },
          { key: "court", header: "Court", cell: (k) => yesNo(k.needsCourt) },
          { key: "appeal", header: "Appeal", cell: (k) => yesNo(k.appealable) },
          { key: "business", header: "Business subject", cell: (k) => yesNo(k.allowsBusinessSubject) },
        ]}
      />
      {manage ? (
        <section aria-labelledby="add-kind-heading" className="mt-10">
          <h2 id="add-kind-heading" className="heading-m">
            Add a kind of power
          </h2>
          <p className="body-m">When the law changes, add the new power here. It is offered on the new-power form at once.</p>
          <PowerKindForm />
        </section>
      ) : null}
    </>
  );
}
