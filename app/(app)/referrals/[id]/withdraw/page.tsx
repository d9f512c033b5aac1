import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { RestrictedBanner } from "@/components/ui/restricted-banner";
import { SummaryList } from "@/components/ui/summary-list";
import { WithdrawReferralForm } from "@/components/referrals/withdraw-form";
import { requireActor } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/dates";
import { orNotFound } from "@/lib/not-found";
import { withdrawalFor } from "@/lib/referrals/data";
import { REFERRAL_STATUS_LABELS } from "@/lib/referrals/labels";
import { PANEL_NAMES } from "@/lib/panels/labels";

type Props = { params: Promise<{ id: string }> };

// No reference or names in the title: it ends up in browser history.
export const metadata: Metadata = { title: "Withdraw a referral" };

/**
 * `/referrals/[id]/withdraw`: the referrer (or a manager of their organisation) withdraws a referral
 * the chair has not decided on. Anyone else who can see the referral is told they cannot; anyone
 * who cannot see it gets 404.
 */
export default async function WithdrawReferralPage({ params }: Props) {
  const actor = await requireActor();
  const r = await orNotFound(withdrawalFor(actor, (await params).id));
  return (
    <>
      {r.panel === "MARAC" ? (
        <RestrictedBanner>
          Only MARAC panel members and the referrer can see this referral. Do not share it outside the panel.
        </RestrictedBanner>
      ) : null}
      <BackLink href={`/referrals/${r.id}`}>Back to the referral</BackLink>
      <PageHeading caption={`Referral ${r.reference} to the ${PANEL_NAMES[r.panel]}`}>
        {r.refusal ? "You cannot withdraw this referral" : "Withdraw the referral"}
      </PageHeading>
      <div className="max-w-[40rem]">
        {r.refusal ? (
          <>
            <p className="body-m">{r.refusal}</p>
            <p className="body-m">
              <Link href={`/referrals/${r.id}`}>Go back to the referral</Link>
            </p>
          </>
        ) : (
          <>
            <SummaryList
              rows={[
                { key: "Case", value: r.caseReference },
                { key: "Referred by", value: r.referrer },
                { key: "Referred on", value: formatDateTime(r.referredAt) },
                { key: "Status", value: REFERRAL_STATUS_LABELS[r.status] },
              ]}
            />
            <p className="body-m">
              Withdraw a referral when the {PANEL_NAMES[r.panel]} no longer needs to hear the case. It leaves the chair&rsquo;s triage queue
              and cannot be decided on; to refer the case again later, make a new referral.
            </p>
            <WithdrawReferralForm referralId={r.id} version={r.version} />
          </>
        )}
      </div>
    </>
  );
}
