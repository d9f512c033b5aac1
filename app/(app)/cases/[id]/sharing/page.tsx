import type { Metadata } from "next";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { ShareForm } from "@/components/cases/share-form";
import { PageHeading } from "@/components/ui/page-heading";
import { shareChoices } from "@/lib/cases/data";
import { loadCaseSummary } from "../load";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Share case ${caseSummary.reference}` };
}

export default async function ShareCasePage({ params }: Props) {
  const { id } = await params;
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  if (!c.rights.manage) {
    return (
      <CaseSubpage caseSummary={c} backTo="#sharing">
        <NotAllowed caseSummary={c} what="share this case" />
      </CaseSubpage>
    );
  }
  const organisations = await shareChoices(actor, c.id);
  return (
    <CaseSubpage caseSummary={c} backTo="#sharing">
      {organisations.length === 0 ? (
        <>
          <PageHeading caption={`Case ${c.reference}`}>Share the case with another organisation</PageHeading>
          <p className="body-m">The case is already shared with every active organisation in the partnership.</p>
        </>
      ) : (
        <ShareForm caseId={c.id} reference={c.reference} organisations={organisations} restricted={c.restricted} openedAt={c.openedAt} />
      )}
    </CaseSubpage>
  );
}
