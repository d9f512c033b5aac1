import Link from "next/link";
import { Table } from "@/components/ui/table";
import { RETURN_TITLES } from "@/lib/returns/tables";
import type { ReturnDue } from "@/lib/dashboard/returns-due";

/** Each return the manager hands in, for its latest complete period, linked to its preview. */
export function ReturnsDue({ due }: { due: ReturnDue[] }) {
  return (
    <>
      <Table
        caption="Returns for their latest complete period"
        captionHidden
        rows={due}
        rowKey={(r) => r.key}
        columns={[
          {
            key: "return",
            header: "Return",
            rowHeader: true,
            cell: (r) => (
              <Link href={r.href} className="link-no-visited">
                {RETURN_TITLES[r.key]}
              </Link>
            ),
          },
          { key: "period", header: "Period", cell: (r) => r.period.label },
          { key: "range", header: "Covers", cell: (r) => r.period.range },
        ]}
      />
      <p className="body-m -mt-2">
        <Link href="/returns" className="link-no-visited">
          All returns and periods
        </Link>
      </p>
    </>
  );
}
