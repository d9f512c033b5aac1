import Link from "next/link";
import { ReferralTable } from "@/components/referrals/referral-table";
import { StatCard } from "@/components/dashboard/stat-card";
import { SectionLinks } from "@/components/dashboard/dashboard-section";
import { PANEL_NAMES } from "@/lib/panels/labels";
import type { Dashboard } from "@/lib/dashboard/data";

/** The chair's triage queue: how many await triage per panel, and the oldest undecided referrals, each a link. */
export function TriageQueue({ counts, queue }: { counts: Dashboard["triage"]; queue: NonNullable<Dashboard["triageQueue"]> }) {
  return (
    <>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 mb-6">
        {counts.map((t) => (
          <StatCard
            key={t.panel}
            label={`${PANEL_NAMES[t.panel]} referrals awaiting triage`}
            value={t.pending}
            alert={t.pending > 0}
            href={`/referrals/triage?panel=${t.panel}`}
          />
        ))}
      </div>
      <ReferralTable
        caption="Referrals to triage, oldest first"
        captionHidden
        rows={queue.rows}
        show={{ case: true, referrer: true, victim: false }}
        emptyMessage="No referrals are waiting for a decision."
      />
      <SectionLinks>
        <Link href="/referrals/triage" className="link-no-visited">
          {queue.total > queue.rows.length
            ? `View all ${queue.totalCapped ? "" : `${queue.total} `}referrals in the triage queue`
            : "Open the triage queue"}
        </Link>
      </SectionLinks>
    </>
  );
}
