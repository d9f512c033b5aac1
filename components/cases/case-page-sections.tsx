import type { ReactNode } from "react";
import type { Actor } from "@/lib/auth/actor-type";
import type { CaseDetail } from "@/lib/cases/data";
import type { SearchParamsRecord } from "@/lib/search-params";
import { CaseTimelineSection } from "@/components/timeline/case-timeline-section";
import { CaseActionsSection } from "@/components/actions/case-actions-section";
import { CaseRiskSection } from "@/components/risk/case-risk-section";
import { CaseCommunityTriggerSection } from "@/components/community-trigger/case-community-trigger-section";
import { CaseDocumentsSection } from "@/components/documents/case-documents-section";
import { CasePowersSection } from "@/components/powers/case-powers-section";
import { CaseReferralsSection } from "@/components/referrals/case-referrals-section";
import { CaseDetailsSection, CaseIncidentsSection, CasePeopleSection, CasePlacesSection, CaseSharingSection } from "./case-details";

// THE EXTENSION POINT of the case page (/cases/[id]): its sections, in page order. Each has an
// anchor id and a title (both go into the page's "Contents") and renders from the case the page
// loaded (access already checked, the view already audited) and the page's URL parameters.
//
// To add a section (actions, documents, risk assessments, Community Trigger, powers, referrals):
// write an async server component in components/<domain>/ that takes CaseSectionProps and loads
// its own data through lib/<domain>/data.ts (with the actor: the data function applies the rules
// again), then add one line below. `shownFor` hides a section that does not apply to this case,
// e.g. the Community Trigger section for other kinds of case. Forms that change the case belong
// on their own pages under app/(app)/cases/[id]/<section>/, as people/add and sharing do.

export type CaseSectionProps = { actor: Actor; caseDetail: CaseDetail; searchParams: SearchParamsRecord };

export type CaseSectionDefinition = {
  id: string;
  title: string;
  shownFor?: (caseDetail: CaseDetail) => boolean;
  render: (props: CaseSectionProps) => ReactNode;
};

export const CASE_SECTIONS: readonly CaseSectionDefinition[] = [
  { id: "details", title: "Details", render: ({ caseDetail }) => <CaseDetailsSection caseDetail={caseDetail} /> },
  { id: "people", title: "People", render: ({ caseDetail }) => <CasePeopleSection caseDetail={caseDetail} /> },
  { id: "actions", title: "Actions", render: (props) => <CaseActionsSection {...props} /> },
  { id: "places", title: "Places", render: ({ caseDetail }) => <CasePlacesSection caseDetail={caseDetail} /> },
  { id: "incidents", title: "Incidents", render: (props) => <CaseIncidentsSection {...props} /> },
  { id: "powers", title: "Tools and powers", render: (props) => <CasePowersSection {...props} /> },
  { id: "risk", title: "Risk assessments", render: (props) => <CaseRiskSection {...props} /> },
  {
    id: "community-trigger",
    title: "Community Trigger",
    shownFor: (c) => c.kind === "COMMUNITY_TRIGGER",
    render: (props) => <CaseCommunityTriggerSection {...props} />,
  },
  { id: "documents", title: "Documents", render: (props) => <CaseDocumentsSection {...props} /> },
  { id: "referrals", title: "Referrals", render: (props) => <CaseReferralsSection {...props} /> },
  { id: "sharing", title: "Sharing", render: ({ caseDetail }) => <CaseSharingSection caseDetail={caseDetail} /> },
  { id: "timeline", title: "Timeline", render: (props) => <CaseTimelineSection {...props} /> },
];

export function caseSectionsFor(caseDetail: CaseDetail): CaseSectionDefinition[] {
  return CASE_SECTIONS.filter((s) => !s.shownFor || s.shownFor(caseDetail));
}
