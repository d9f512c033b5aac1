import Link from "next/link";
import { Table } from "@/components/ui/table";
import { formatDate } from "@/lib/format/dates";
import type { PowerStatus } from "@/lib/generated/prisma/enums";
import { effectiveStatus } from "@/lib/powers/lifecycle";
import { PowerStatusTag } from "./power-tags";

export type LinkedPower = {
  id: string;
  reference: string;
  status: PowerStatus;
  issuedAt: Date;
  expiresAt: Date | null;
  kind: { name: string };
  issuingOrganisation: { shortName: string };
};

/**
 * Powers listed on another record's page (a person's, a place's). The status is the effective one:
 * a power past its expiry date reads "Expired" even before the expiry job has marked it.
 */
export function LinkedPowersTable({
  powers,
  caption,
  emptyMessage,
}: {
  powers: readonly LinkedPower[];
  caption: string;
  emptyMessage: string;
}) {
  const now = new Date();
  return (
    <Table
      caption={caption}
      captionHidden
      rows={powers}
      rowKey={(p) => p.id}
      emptyMessage={emptyMessage}
      columns={[
        {
          key: "reference",
          header: "Reference",
          rowHeader: true,
          className: "whitespace-nowrap",
          cell: (p) => <Link href={`/powers/${p.id}`}>{p.reference}</Link>,
        },
        { key: "kind", header: "Power", cell: (p) => p.kind.name },
        { key: "issued", header: "Issued", cell: (p) => `${formatDate(p.issuedAt)} by ${p.issuingOrganisation.shortName}` },
        {
          key: "expires",
          header: "Expires",
          className: "whitespace-nowrap",
          cell: (p) => (p.expiresAt ? formatDate(p.expiresAt) : "No expiry"),
        },
        { key: "status", header: "Status", cell: (p) => <PowerStatusTag status={effectiveStatus(p, now)} /> },
      ]}
    />
  );
}
