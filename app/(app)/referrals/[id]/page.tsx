import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { InsetText } from "@/components/ui/inset-text";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { RestrictedBanner } from "@/components/ui/restricted-banner";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { AddInformationForm } from "@/components/referrals/add-information-form";
import { ReferralAgenda, ReferralSummary, TriageFacts, TriageHistory } from "@/components/referrals/referral-details";
import { TriageForm } from "@/components/referrals/triage-form";
import { requireActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/not-found";
import { getReferral, type ReferralDetail } from "@/lib/referrals/data";
import { formatDate } from "@/lib/format/dates";
import { REFERRAL_NOTICES, type ReferralNotice } from "@/lib/referrals/labels";
import { PANEL_NAMES } from "@/lib/panels/labels";
import { ClearDraft } from "@/components/forms/drafts";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";

/** The earliest day a decision can be recorded on: the referral's, or its latest step's (the referrer's answer, say). */
function triageEarliest(r: ReferralDetail): string {
  const last = r.history.at(-1);
  return last && last.decidedAt > r.referredAt
    ? `the referral's last update, ${formatDate(last.decidedAt)}`
    : `the date the referral was made, ${formatDate(r.referredAt)}`;
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

// No reference or names in the title: it ends up in browser history.
export const metadata: Metadata = { title: "Referral" };

/** One referral: what was referred, its triage history, and for the panel's chair the decision. */
export default async function ReferralPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const referral = await orNotFound(getReferral(actor, (await params).id));
  const notice = firstParam((await searchParams).notice);
  const r = referral;
  return (
    <>
      {r.panel === "MARAC" ? (
        <RestrictedBanner>
          Only MARAC panel members and the referrer can see this referral. Do not share it outside the panel.
        </RestrictedBanner>
      ) : null}
      <BackLink href="/referrals">All referrals</BackLink>
      {notice === "referred" ? <ClearDraft formKey={DRAFT_KEYS.referral(r.case.id)} /> : null}
      {notice && Object.hasOwn(REFERRAL_NOTICES, notice) ? (
        <NotificationBanner variant="success" heading={`${REFERRAL_NOTICES[notice as ReferralNotice]}: ${r.reference}`} />
      ) : null}
      <PageHeading caption={`Referral to the ${PANEL_NAMES[r.panel]}`}>{r.reference}</PageHeading>
      <div className="max-w-[50rem]">
        {r.mayAddInformation ? (
          <section aria-labelledby="more-info-heading" className="mb-10">
            <h2 id="more-info-heading" className="heading-m">
              The chair asked for more information
            </h2>
            <InsetText>
              <p className="whitespace-pre-line m-0">{r.triageNote}</p>
            </InsetText>
            <AddInformationForm referralId={r.id} version={r.version} />
          </section>
        ) : null}
        <ReferralSummary referral={r} />
        {r.mayWithdraw ? (
          <Button href={`/referrals/${r.id}/withdraw`} variant="secondary">
            Withdraw this referral
          </Button>
        ) : null}
        <ReferralAgenda referral={r} />
        <TriageFacts referral={r} />
        <h2 className="heading-m">Triage history</h2>
        <TriageHistory referral={r} />
        {r.mayTriage ? (
          <section aria-labelledby="decide-heading" className="mt-10">
            <h2 id="decide-heading" className="heading-m">
              Decide on the referral
            </h2>
            <TriageForm referralId={r.id} version={r.version} panel={r.panel} meetings={r.meetings} earliest={triageEarliest(r)} />
          </section>
        ) : null}
      </div>
    </>
  );
}
