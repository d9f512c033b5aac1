import type { Metadata } from "next";
import { CaseSubpage } from "@/components/cases/case-details";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { DocumentTable } from "@/components/documents/document-table";
import { UploadForm } from "@/components/documents/upload-form";
import { listCaseDocuments } from "@/lib/documents/data";
import { loadCaseSummary } from "../load";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { caseSummary } = await loadCaseSummary((await params).id);
  return { title: `Documents – case ${caseSummary.reference}` };
}

export default async function CaseDocumentsPage({ params, searchParams }: Props) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const { actor, caseSummary: c } = await loadCaseSummary(id);
  const documents = await listCaseDocuments(actor, c.id);
  return (
    <CaseSubpage caseSummary={c} backTo="#documents">
      {firstParam(query.notice) === "added" ? <NotificationBanner variant="success" heading="Document added to the case" /> : null}
      <PageHeading caption={`Case ${c.reference}`}>Documents</PageHeading>
      <DocumentTable
        caseId={c.id}
        rows={documents.rows}
        caption={`${documents.total} ${documents.total === 1 ? "document" : "documents"}, most recent first`}
        captionHidden
      />
      <section id="add" aria-labelledby="add-heading" className="scroll-mt-4">
        <h2 id="add-heading" className="heading-l mb-4">
          Add a document
        </h2>
        {c.rights.contribute ? (
          <UploadForm caseId={c.id} tooLarge={firstParam(query.problem) === "too-large"} />
        ) : (
          <p className="body-m">
            Only {c.leadOrganisation.name}, which leads this case, and the organisations it is shared with can add documents to it.
          </p>
        )}
      </section>
    </CaseSubpage>
  );
}
