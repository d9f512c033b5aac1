import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { RestrictedBanner } from "@/components/ui/restricted-banner";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { ReferralForm } from "@/components/referrals/referral-form";
import { requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/not-found";
import { referralFormFor } from "@/lib/referrals/data";
import { notFound } from "next/navigation";
import Link from "next/link";
import { PANEL_NAMES } from "@/lib/panels/labels";

export const metadata: Metadata = { title: "Make a referral" };

type Props = { searchParams: Promise<SearchParamsRecord> };

/** `/referrals/new?case=<id>`: refer a case the actor can see to its panel. */
export default async function NewReferralPage({ searchParams }: Props) {
  const actor = await requirePermission("referral:create");
  const params = await searchParams;
  const caseId = firstParam(params.case) ?? firstParam(params.caseId);
  if (!caseId) notFound();
  const choices = await orNotFound(referralFormFor(actor, caseId));
  const panel = PANEL_NAMES[choices.panel];
  return (
    <>
      {choices.case.restricted ? <RestrictedBanner /> : null}
      <BackLink href={`/cases/${choices.case.id}`}>Back to the case</BackLink>
      <PageHeading caption={`Case ${choices.case.reference}`}>{`Refer to ${panel}`}</PageHeading>
      {choices.case.closed ? (
        <p className="body-m">This case is closed. Reopen it before referring it.</p>
      ) : choices.awaiting ? (
        <p className="body-m">
          This case is already referred to the {panel} and waiting for the chair&rsquo;s decision:{" "}
          <Link href={`/referrals/${choices.awaiting.id}`}>referral {choices.awaiting.reference}</Link>.
        </p>
      ) : (
        <ReferralForm choices={choices} submissionKey={randomUUID()} />
      )}
    </>
  );
}
