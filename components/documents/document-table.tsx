import { Table, type TableListProps } from "@/components/ui/table";
import { formatDateTime } from "@/lib/format/dates";
import { formatFileSize } from "@/lib/documents/files";
import type { CaseDocumentRow } from "@/lib/documents/data";

/** A case's documents: each name downloads the file (through the checked route, never a public URL). */
export function DocumentTable({
  caseId,
  ...list
}: { caseId: string } & Pick<TableListProps<CaseDocumentRow>, "rows" | "caption" | "captionHidden">) {
  return (
    <Table
      {...list}
      rowKey={(d) => d.id}
      emptyMessage="No documents have been added to this case."
      columns={[
        {
          key: "name",
          header: "Document",
          rowHeader: true,
          cell: (d) => (
            // A plain link: the browser downloads the file (Content-Disposition: attachment).
            <a href={`/api/cases/${caseId}/documents/${d.id}`} className="break-all">
              {d.fileName}
              <span className="sr-only">
                {" "}
                (download, {d.kindLabel}, {formatFileSize(d.sizeBytes)})
              </span>
            </a>
          ),
        },
        { key: "description", header: "Description", cell: (d) => d.description ?? <span className="text-ink-secondary">None</span> },
        {
          key: "file",
          header: "File",
          className: "whitespace-nowrap",
          cell: (d) => (
            <>
              <span className="block">{d.kindLabel}</span>
              <span className="block text-ink-secondary">{formatFileSize(d.sizeBytes)}</span>
            </>
          ),
        },
        {
          key: "added",
          header: "Added",
          cell: (d) => (
            <>
              <span className="block whitespace-nowrap">{formatDateTime(d.uploadedAt)}</span>
              <span className="block">
                {d.uploadedBy}, <abbr title={d.organisation.name}>{d.organisation.shortName}</abbr>
              </span>
            </>
          ),
        },
      ]}
    />
  );
}
