import type { CaseSectionProps } from "@/components/cases/case-page-sections";
import { Button } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { panelFor, referralsOfCase } from "@/lib/referrals/data";
import { ReferralTable } from "./referral-table";
import { PANEL_NAMES } from "@/lib/panels/labels";

/** The case page's referrals: those the actor may see (lib/referrals/access), and the way to refer the case. */
export async function CaseReferralsSection({ actor, caseDetail: c }: CaseSectionProps) {
  const rows = await referralsOfCase(actor, c.id);
  const panel = PANEL_NAMES[panelFor(c)];
  return (
    <>
      {can(actor, "referral:create") && c.status !== "CLOSED" ? (
        <Button href={`/referrals/new?case=${c.id}`} variant="secondary">
          {`Refer to ${panel}`}
        </Button>
      ) : null}
      <ReferralTable
        rows={rows}
        caption="Referrals of this case, most recent first"
        captionHidden
        emptyMessage="No referrals of this case that you can see."
        show={{ case: false, victim: true, referrer: true }}
      />
    </>
  );
}
