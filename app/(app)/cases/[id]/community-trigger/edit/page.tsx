import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { TriggerForm } from "@/components/community-trigger/trigger-form";
import { getCommunityTrigger } from "@/lib/community-trigger/data";
import { loadCaseSummary } from "../../load";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Community Trigger application – case ${caseSummary.reference}` };
}

export default async function EditCommunityTriggerPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  if (c.kind !== "COMMUNITY_TRIGGER") notFound();
  const opened = firstParam(query.opened) === "1";
  return (
    <CaseSubpage caseSummary={c} backTo="#community-trigger">
      {opened ? (
        <NotificationBanner variant="success" heading={`Case ${c.reference} opened`}>
          <p>Now record the Community Trigger application. You can come back to it later from the case.</p>
        </NotificationBanner>
      ) : null}
      {c.rights.manage ? (
        <TriggerForm caseId={c.id} reference={c.reference} version={c.version} initial={await getCommunityTrigger(actor, c.id)} />
      ) : (
        <NotAllowed caseSummary={c} what="change the Community Trigger application" />
      )}
    </CaseSubpage>
  );
}
