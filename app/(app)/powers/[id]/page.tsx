import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { BreachForm } from "@/components/powers/breach-form";
import { PowerBreaches, PowerHistory, PowerSummary } from "@/components/powers/power-details";
import { PowerStatusForm } from "@/components/powers/power-status-form";
import { requirePermission } from "@/lib/auth/session";
import { getPower } from "@/lib/powers/data";
import { POWER_NOTICES } from "@/lib/powers/form-state";
import { POWER_STATUS_LABELS } from "@/lib/powers/lifecycle";
import { orNotFound } from "@/lib/not-found";
import { ClearDraft } from "@/components/forms/drafts";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

// The reference only in the title: the subject's name must not end up in browser history.
export const metadata: Metadata = { title: "Power used" };

/** One power: its summary, status history and breaches; and, for the issuing organisation, changing it. */
export default async function PowerPage({ params, searchParams }: Props) {
  const actor = await requirePermission("power:read");
  const power = await orNotFound(getPower(actor, (await params).id));
  const notice = firstParam((await searchParams).notice);
  return (
    <>
      <BackLink href="/powers">Back to the register</BackLink>
      {notice === "issued" ? <ClearDraft formKey={DRAFT_KEYS.newPower} /> : null}
      {notice && Object.hasOwn(POWER_NOTICES, notice) ? (
        <NotificationBanner variant="success" heading={`${POWER_NOTICES[notice as keyof typeof POWER_NOTICES]}: ${power.reference}`} />
      ) : null}
      <PageHeading caption={power.kind.name}>{power.reference}</PageHeading>
      <div className="max-w-[50rem]">
        <PowerSummary power={power} />
        <h2 className="heading-m">Breaches</h2>
        <PowerBreaches power={power} />
        <h2 className="heading-m">Status history</h2>
        <PowerHistory power={power} />
        {power.mayChange ? (
          <>
            {power.mayRecordBreach ? (
              <section aria-labelledby="breach-heading" className="mt-10">
                <h2 id="breach-heading" className="heading-m">
                  Record a breach
                </h2>
                <BreachForm powerId={power.id} version={power.version} />
              </section>
            ) : null}
            {power.statusChoices.length > 0 ? (
              <section className="mt-10">
                <PowerStatusForm
                  powerId={power.id}
                  version={power.version}
                  choices={power.statusChoices}
                  notBefore={power.changeNotBefore}
                  expiredOn={power.expiredOn}
                />
              </section>
            ) : (
              <p className="body-m mt-8">
                This power is {POWER_STATUS_LABELS[power.status].toLowerCase()}: its status can no longer change.
              </p>
            )}
          </>
        ) : (
          <p className="body-m mt-8 text-ink-secondary">
            Only {power.issuingOrganisation.name}, which issued this power, can change it or record breaches.
          </p>
        )}
      </div>
    </>
  );
}
