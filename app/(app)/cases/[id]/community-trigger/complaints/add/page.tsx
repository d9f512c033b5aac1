import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { PageHeading } from "@/components/ui/page-heading";
import { ComplaintForm } from "@/components/community-trigger/complaint-form";
import { complaintChoices, getCommunityTrigger } from "@/lib/community-trigger/data";
import { loadCaseSummary } from "../../../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Add a qualifying complaint – case ${caseSummary.reference}` };
}

export default async function AddComplaintPage({ params }: Props) {
  const { id } = await params;
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  if (c.kind !== "COMMUNITY_TRIGGER") notFound();
  if (!c.rights.contribute) {
    return (
      <CaseSubpage caseSummary={c} backTo="#community-trigger">
        <NotAllowed caseSummary={c} need="contribute" what="add complaints to this Community Trigger" />
      </CaseSubpage>
    );
  }
  const [trigger, choices] = await Promise.all([getCommunityTrigger(actor, c.id), complaintChoices(actor, c.id)]);
  return (
    <CaseSubpage caseSummary={c} backTo="#community-trigger">
      {trigger ? (
        <ComplaintForm caseId={c.id} reference={c.reference} choices={choices} />
      ) : (
        <div className="max-w-[40rem]">
          <PageHeading caption={`Case ${c.reference}`}>Record the application first</PageHeading>
          <p className="body-m">
            Complaints are added to a Community Trigger application. The application for this case has not been recorded yet.
          </p>
          <p className="body-m">
            <Link href={`/cases/${c.id}/community-trigger`}>Go to the Community Trigger</Link>
          </p>
        </div>
      )}
    </CaseSubpage>
  );
}
