import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CaseSubpage, NotAllowed } from "@/components/cases/case-details";
import { CorrectionForm } from "@/components/timeline/correction-form";
import { TimelineEntries } from "@/components/timeline/timeline";
import { mayCorrectEntry } from "@/lib/cases/access";
import { ZEntryId } from "@/lib/cases/schema";
import { orNotFound } from "@/lib/not-found";
import { getTimelineEntry } from "@/lib/timeline/data";
import { loadCaseSummary } from "../../../load";

type Props = { params: Promise<{ id: string; entryId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Correct an entry on case ${caseSummary.reference}` };
}

export default async function CorrectEntryPage({ params }: Props) {
  const { id, entryId } = await params;
  const parsed = ZEntryId.safeParse(entryId);
  if (!parsed.success) notFound();
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  const entry = await orNotFound(getTimelineEntry(actor, c.id, parsed.data));
  if (!mayCorrectEntry(actor, c.rights, entry)) {
    return (
      <CaseSubpage caseSummary={c} backTo={`#entry-${entry.id}`}>
        <NotAllowed caseSummary={c} what="correct this entry" />
      </CaseSubpage>
    );
  }
  return (
    <CaseSubpage caseSummary={c} backTo={`#entry-${entry.id}`}>
      <CorrectionForm caseId={c.id} reference={c.reference} entryId={entry.id}>
        <p className="body-m max-w-[40rem]">
          Timeline entries are never changed or deleted. Your correction is added to the timeline and shown beside this entry:
        </p>
        <div className="max-w-[40rem] p-4 mb-8 border-2 border-border">
          <TimelineEntries caseId={c.id} entries={[entry]} mayCorrect={() => false} filtered={false} />
        </div>
      </CorrectionForm>
    </CaseSubpage>
  );
}
