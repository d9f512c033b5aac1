import type { Metadata } from "next";
import Link from "next/link";
import { ImportUploadForm } from "@/components/imports/upload-form";
import { ImportStatusTag } from "@/components/imports/status";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { Table } from "@/components/ui/table";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/dates";
import { IMPORT_KIND_LABELS, IMPORT_LAYOUTS } from "@/lib/imports/columns";
import { listImports } from "@/lib/imports/data/manage";
import { importablePowerKinds } from "@/lib/imports/data/powers";
import type { ImportKind } from "@/lib/generated/prisma/enums";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";

export const metadata: Metadata = { title: "Import records" };

const KINDS = Object.keys(IMPORT_LAYOUTS) as ImportKind[];

export default async function ImportsPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const actor = await requirePermission("import:run");
  const query = await searchParams;
  const [imports, powerKinds] = await Promise.all([listImports(actor), importablePowerKinds()]);
  // The kinds of power are the partnership's own (administrators add them): listed as they are now.
  const choicesOf = (kind: ImportKind, column: { name: string; choices?: Record<string, string> }) =>
    column.choices ? Object.values(column.choices) : kind === "POWERS" && column.name === "kind" ? powerKinds.names : null;
  return (
    <>
      {firstParam(query.notice) === "discarded" ? <NotificationBanner variant="success" heading="File discarded" /> : null}
      <PageHeading caption={actor.organisationName}>Import records</PageHeading>
      <p className="body-m max-w-[40rem]">
        Bring in records from a spreadsheet or another system’s export: the file is checked first and nothing is written until you have seen
        every problem and said which people and places are ones already held. Importing the same file again changes nothing; a corrected
        file updates the records it made.
      </p>
      <ImportUploadForm kinds={KINDS} tooLarge={firstParam(query.problem) === "too-large"} />

      <h2 className="heading-m mt-8">Column layouts</h2>
      <p className="body-m max-w-[40rem]">
        The first row names the columns (in any order; “Source reference” and “source_reference” are the same). Choices take the wording
        shown or its code, in any case. Dates are London time.
      </p>
      {KINDS.map((kind) => (
        <details key={kind} className="mb-4 max-w-full">
          <summary className="body-m link cursor-pointer">{IMPORT_KIND_LABELS[kind]}: columns and allowed values</summary>
          <p className="body-m mt-2">
            Download a template:{" "}
            <a className="link" href={`/api/imports/templates/${kind}?format=csv`}>
              CSV<span className="sr-only"> template for {IMPORT_KIND_LABELS[kind].toLowerCase()}</span>
            </a>{" "}
            or{" "}
            <a className="link" href={`/api/imports/templates/${kind}?format=xlsx`}>
              Excel<span className="sr-only"> template for {IMPORT_KIND_LABELS[kind].toLowerCase()}</span>
            </a>
          </p>
          <Table
            caption={`${IMPORT_KIND_LABELS[kind]}: columns`}
            captionHidden
            rowKey={(c) => c.name}
            rows={IMPORT_LAYOUTS[kind]}
            columns={[
              { key: "name", header: "Column", rowHeader: true, cell: (c) => <code className="break-all">{c.name}</code> },
              { key: "required", header: "Required", cell: (c) => (c.required ? "Yes" : "No") },
              {
                key: "hint",
                header: "What goes in it",
                cell: (c) => (
                  <>
                    {c.hint}
                    {choicesOf(kind, c) ? <span className="block">One of: {choicesOf(kind, c)!.join(", ")}</span> : null}
                  </>
                ),
              },
            ]}
          />
        </details>
      ))}

      <h2 className="heading-m mt-8">Your organisation’s imports</h2>
      <Table
        caption="Your organisation’s imports"
        captionHidden
        rowKey={(i) => i.id}
        rows={imports}
        emptyMessage="No files have been imported yet."
        columns={[
          {
            key: "file",
            header: "File",
            rowHeader: true,
            cell: (i) => (
              <Link className="link break-all" href={`/imports/${i.id}`}>
                {i.fileName}
              </Link>
            ),
          },
          { key: "kind", header: "Records", cell: (i) => IMPORT_KIND_LABELS[i.kind] },
          { key: "status", header: "Status", cell: (i) => <ImportStatusTag status={i.status} /> },
          { key: "by", header: "Uploaded", cell: (i) => `${formatDateTime(i.createdAt)} by ${i.createdBy.name}` },
        ]}
      />
    </>
  );
}
