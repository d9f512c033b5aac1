import Link from "next/link";
import { Table, type TableListProps } from "@/components/ui/table";
import { formatDate } from "@/lib/format/dates";
import type { ReferralListRow } from "@/lib/referrals/data";
import { transferWords } from "@/lib/referrals/labels";
import { ReferralStatusTag, RepeatTag } from "./referral-tags";
import { PANEL_NAMES } from "@/lib/panels/labels";

/** One table for every list of referrals (mine, the triage queue, a case's); the differences are props. */
export function ReferralTable({
  show = { case: true, referrer: true, victim: true },
  ...list
}: TableListProps<ReferralListRow> & {
  caption: string;
  emptyMessage: string;
  show?: { case?: boolean; referrer?: boolean; victim?: boolean };
}) {
  const { sort } = list;
  return (
    <Table
      {...list}
      rowKey={(r) => r.id}
      columns={[
        {
          key: "reference",
          header: "Referral",
          sortKey: sort ? "reference" : undefined,
          rowHeader: true,
          cell: (r) => {
            const transfer = transferWords(r.transferDirection, r.transferArea);
            return (
              <>
                <Link href={`/referrals/${r.id}`}>{r.reference}</Link>
                {transfer ? <span className="block body-s">{transfer}</span> : null}
              </>
            );
          },
        },
        { key: "panel", header: "Panel", cell: (r) => PANEL_NAMES[r.panel] },
        ...(show.case ? [{ key: "case", header: "Case", cell: (r: ReferralListRow) => r.caseReference }] : []),
        ...(show.victim ? [{ key: "victim", header: "Victim", cell: (r: ReferralListRow) => r.victim ?? "Not recorded" }] : []),
        ...(show.referrer
          ? [{ key: "referrer", header: "Referred by", cell: (r: ReferralListRow) => `${r.referrer} (${r.referringOrganisation})` }]
          : []),
        {
          key: "referred",
          header: "Referred on",
          sortKey: sort ? "referred" : undefined,
          defaultDir: "desc",
          cell: (r) => formatDate(r.referredAt),
        },
        {
          key: "status",
          header: "Status",
          cell: (r) => (
            <span className="inline-flex flex-wrap gap-1">
              <ReferralStatusTag status={r.status} />
              {r.isRepeat ? <RepeatTag /> : null}
            </span>
          ),
        },
      ]}
    />
  );
}
