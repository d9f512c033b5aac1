import type { Metadata } from "next";
import { CaseDetailsForm } from "@/components/cases/case-details-form";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { leadChoices } from "@/lib/cases/data";
import { loadCaseSummary } from "../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Change case ${caseSummary.reference}` };
}

export default async function EditCasePage({ params }: Props) {
  const { id } = await params;
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  if (!c.rights.manage) {
    return (
      <CaseSubpage caseSummary={c}>
        <NotAllowed caseSummary={c} what="change this case’s details" />
      </CaseSubpage>
    );
  }
  const organisations = await leadChoices(actor, { organisationId: c.leadOrganisation.id, officerId: c.leadOfficer?.id ?? null });
  return (
    <CaseSubpage caseSummary={c} backTo="#details">
      <CaseDetailsForm
        caseId={c.id}
        reference={c.reference}
        version={c.version}
        initial={{
          title: c.title,
          summary: c.summary,
          riskLevel: c.riskLevel,
          leadOrganisationId: c.leadOrganisation.id,
          leadOfficerId: c.leadOfficer?.id ?? null,
        }}
        organisations={organisations}
      />
    </CaseSubpage>
  );
}
