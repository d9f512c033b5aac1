import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CaseSubpage } from "@/components/cases/case-details";
import { Button } from "@/components/ui/button";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { ComplaintsTable } from "@/components/community-trigger/complaints-table";
import { TRIGGER_NOTICES, TRIGGER_PROBLEMS } from "@/components/community-trigger/notices";
import { ThresholdExplanation, ThresholdTag, TriggerSummaryList } from "@/components/community-trigger/trigger-summary";
import { getCommunityTrigger } from "@/lib/community-trigger/data";
import { loadCaseSummary } from "../load";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Community Trigger – case ${caseSummary.reference}` };
}

export default async function CommunityTriggerPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  if (c.kind !== "COMMUNITY_TRIGGER") notFound();
  const trigger = await getCommunityTrigger(actor, c.id);
  const notice = firstParam(query.notice);
  return (
    <CaseSubpage caseSummary={c} backTo="#community-trigger">
      {notice && Object.hasOwn(TRIGGER_NOTICES, notice) ? (
        <NotificationBanner variant="success" heading={TRIGGER_NOTICES[notice as keyof typeof TRIGGER_NOTICES]} />
      ) : null}
      {notice && Object.hasOwn(TRIGGER_PROBLEMS, notice) ? (
        <NotificationBanner heading={TRIGGER_PROBLEMS[notice as keyof typeof TRIGGER_PROBLEMS]} focusOnMount />
      ) : null}
      <PageHeading caption={`Case ${c.reference}`}>Community Trigger</PageHeading>
      {!trigger ? (
        <>
          <p className="body-m">The application has not been recorded yet.</p>
          {c.rights.manage ? (
            <Button href={`/cases/${c.id}/community-trigger/edit`}>Record the application</Button>
          ) : (
            <p className="body-m">{c.leadOrganisation.name}, which leads this case, records it.</p>
          )}
        </>
      ) : (
        <>
          <section aria-labelledby="application-heading" className="mb-10">
            <h2 id="application-heading" className="heading-l mb-4">
              Application and case review
            </h2>
            <TriggerSummaryList caseId={c.id} trigger={trigger} mayChange={c.rights.manage} />
          </section>
          <section aria-labelledby="complaints-heading" className="mb-10">
            <h2 id="complaints-heading" className="heading-l mb-4">
              Qualifying complaints
            </h2>
            <p className="mb-4">
              <ThresholdTag met={trigger.threshold.met} />
            </p>
            <ThresholdExplanation trigger={trigger} />
            {c.rights.contribute ? (
              <Button href={`/cases/${c.id}/community-trigger/complaints/add`} variant="secondary">
                Add a complaint
              </Button>
            ) : null}
            <ComplaintsTable caseId={c.id} complaints={trigger.complaints} mayRemove={c.rights.manage} />
          </section>
        </>
      )}
    </CaseSubpage>
  );
}
