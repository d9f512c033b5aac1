import type { Metadata } from "next";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { WithdrawShareForm } from "@/components/cases/withdraw-share-form";
import { PageHeading } from "@/components/ui/page-heading";
import { getCurrentShare } from "@/lib/cases/data";
import { loadCaseSummary } from "../../../load";

type Props = { params: Promise<{ id: string; organisationId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Withdraw sharing of case ${caseSummary.reference}` };
}

export default async function WithdrawSharePage({ params }: Props) {
  const { id, organisationId } = await params;
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  if (!c.rights.manage) {
    return (
      <CaseSubpage caseSummary={c} backTo="#sharing">
        <NotAllowed caseSummary={c} what="withdraw sharing of this case" />
      </CaseSubpage>
    );
  }
  const share = await getCurrentShare(actor, c.id, organisationId);
  return (
    <CaseSubpage caseSummary={c} backTo="#sharing">
      {share ? (
        <WithdrawShareForm
          caseId={c.id}
          reference={c.reference}
          organisation={share.organisation}
          sharedAt={share.sharedAt}
          restricted={c.restricted}
        />
      ) : (
        <>
          <PageHeading caption={`Case ${c.reference}`}>The case is not shared with that organisation</PageHeading>
          <p className="body-m">It may have been withdrawn already. Go back to the case to see who it is shared with.</p>
        </>
      )}
    </CaseSubpage>
  );
}
