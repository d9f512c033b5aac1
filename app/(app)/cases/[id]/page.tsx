import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { CaseHeader, CaseMarking } from "@/components/cases/case-details";
import { CaseSection } from "@/components/cases/case-section";
import { CaseAtAGlance } from "@/components/cases/case-overview";
import { caseOverview } from "@/lib/cases/data";
import { caseSectionsFor } from "@/components/cases/case-page-sections";
import { loadCase } from "./load";
import { WhoHasSeenLink } from "@/components/audit/who-has-seen-link";
import { ClearDraft } from "@/components/forms/drafts";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseDetail } = await loadCase((await params).id);
  // The reference only: titles name people, and page titles end up in browser history.
  return { title: `Case ${caseDetail.reference}` };
}

export default async function CasePage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { actor, caseDetail } = await loadCase(id);
  const sections = caseSectionsFor(caseDetail);
  const overview = await caseOverview(actor, caseDetail.id);
  return (
    <>
      <CaseMarking restricted={caseDetail.restricted} />
      <BackLink href="/cases">All cases</BackLink>
      <CaseHeader caseSummary={caseDetail} notice={firstParam(query.notice)} problem={firstParam(query.problem)} />
      {/* A note added: its draft in this browser is no longer needed. */}
      {firstParam(query.notice) === "note" ? <ClearDraft formKey={DRAFT_KEYS.caseNote(caseDetail.id)} /> : null}
      <WhoHasSeenLink actor={actor} type="case" id={caseDetail.id} />
      <CaseAtAGlance caseDetail={caseDetail} overview={overview} sections={sections} />
      {sections.map((section) => (
        <CaseSection key={section.id} id={section.id} title={section.title}>
          {section.render({ actor, caseDetail, searchParams: query })}
        </CaseSection>
      ))}
    </>
  );
}
