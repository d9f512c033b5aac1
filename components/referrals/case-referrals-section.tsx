import type { CaseSectionProps } from "@/components/cases/case-page-sections";
import { Button, ButtonGroup } from "@/components/ui/button";
import { can } from "@/lib/auth/permissions";
import { mayRecordTransferOut } from "@/lib/referrals/access";
import { panelFor, referralsOfCase, transfersOutOfCase } from "@/lib/referrals/data";
import { ReferralTable } from "./referral-table";
import { TransfersOutTable } from "./transfers-out-table";
import { PANEL_NAMES } from "@/lib/panels/labels";

/**
 * The case page's referrals: those the actor may see (lib/referrals/access), the way to refer the
 * case, and on a MARAC case its transfers out to other areas and, for MARAC panel members, the way
 * to record one (a transfer out is recorded on the case, never referred to our own chair).
 */
export async function CaseReferralsSection({ actor, caseDetail: c }: CaseSectionProps) {
  const [rows, transfers] = await Promise.all([referralsOfCase(actor, c.id), c.restricted ? transfersOutOfCase(actor, c.id) : []]);
  const panel = PANEL_NAMES[panelFor(c)];
  const mayRefer = can(actor, "referral:create") && c.status !== "CLOSED";
  const mayTransfer = c.restricted && mayRecordTransferOut(actor);
  return (
    <>
      {mayRefer || mayTransfer ? (
        <ButtonGroup>
          {mayRefer ? (
            <Button href={`/referrals/new?case=${c.id}`} variant="secondary">
              {`Refer to ${panel}`}
            </Button>
          ) : null}
          {mayTransfer ? (
            <Button href={`/cases/${c.id}/transfer-out`} variant="secondary">
              Record a transfer out to another area
            </Button>
          ) : null}
        </ButtonGroup>
      ) : null}
      <ReferralTable
        rows={rows}
        caption="Referrals of this case, most recent first"
        captionHidden
        emptyMessage="No referrals of this case that you can see."
        show={{ case: false, victim: true, referrer: true }}
      />
      {transfers.length > 0 ? (
        <>
          <h3 className="heading-s">Transfers out to other areas</h3>
          <TransfersOutTable rows={transfers} caption="Transfers out of this case to other areas, latest first" captionHidden />
        </>
      ) : null}
    </>
  );
}
