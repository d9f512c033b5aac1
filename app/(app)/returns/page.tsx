import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { requirePermission } from "@/lib/auth/session";
import { availableReturns, returnScopeOf } from "@/lib/returns/data";
import { RETURN_TITLES, type ReturnKey } from "@/lib/returns/tables";

export const metadata: Metadata = { title: "Returns" };

const DESCRIPTIONS: Record<ReturnKey, string> = {
  "tools-and-powers":
    "Powers issued, breached, appealed, discharged or expired and withdrawn, by kind, issuing organisation and organisation type, with breach outcomes.",
  "community-trigger":
    "Applications received, times the threshold was not met, case reviews carried out and reviews resulting in recommendations.",
  "ccm-activity": "Per CCM meeting: cases heard and actions agreed, completed and overdue.",
  marac: "The SafeLives quarterly dataset, per MARAC meeting. MARAC panel members only.",
};

/** The returns the viewer may open, and the full register export. */
export default async function ReturnsPage() {
  const actor = await requirePermission("return:read");
  const scope = returnScopeOf(actor);
  const returns = availableReturns(actor);
  return (
    <>
      <PageHeading caption="Returns">Statutory and partnership returns</PageHeading>
      <p className="body-m">
        {scope.partnership
          ? "You see the whole partnership's figures."
          : `You see ${scope.label}'s figures. Managers see the whole partnership's.`}{" "}
        Figures count every record, including those on restricted cases; the records behind a figure list only those you may see.
      </p>
      <ul className="list-none p-0 m-0 mb-8">
        {returns.map((key) => (
          <li key={key} className="py-4 border-b border-border">
            <h2 className="heading-m mb-2">
              <Link href={`/returns/${key}`}>{RETURN_TITLES[key]}</Link>
            </h2>
            <p className="body-m m-0">{DESCRIPTIONS[key]}</p>
          </li>
        ))}
        <li className="py-4 border-b border-border">
          <h2 className="heading-m mb-2">
            <Link href="/returns/register">Full register of powers used</Link>
          </h2>
          <p className="body-m m-0">Every power recorded in a period, as a CSV or XLSX download.</p>
        </li>
      </ul>
    </>
  );
}
