import Link from "next/link";
import { Button } from "@/components/ui/button";
import { SectionActions } from "@/components/cases/case-section";
import type { CaseSectionProps } from "@/components/cases/case-page-sections";
import { listCaseDocuments } from "@/lib/documents/data";
import { DocumentTable } from "./document-table";

/** How many documents the case page lists; the documents page lists them all. */
const SHOWN = 5;

/** The case page's documents: the latest few, and the way to add one or see them all. */
export async function CaseDocumentsSection({ actor, caseDetail: c }: CaseSectionProps) {
  const documents = await listCaseDocuments(actor, c.id, { take: SHOWN });
  return (
    <>
      <SectionActions>
        {c.rights.contribute ? (
          <Button href={`/cases/${c.id}/documents#add`} variant="secondary">
            Add a document
          </Button>
        ) : null}
      </SectionActions>
      <DocumentTable
        caseId={c.id}
        rows={documents.rows}
        caption={
          documents.total > SHOWN ? `The ${SHOWN} most recent of ${documents.total} documents` : "Documents in this case, most recent first"
        }
        captionHidden={documents.total <= SHOWN}
      />
      {documents.total > SHOWN ? (
        <p className="body-m">
          <Link href={`/cases/${c.id}/documents`}>See all {documents.total} documents</Link>
        </p>
      ) : null}
    </>
  );
}
