import type { Metadata } from "next";
import { AutoRefresh } from "@/components/imports/auto-refresh";
import { ImportStatusTag } from "@/components/imports/status";
import { DiscardImportForm, ResumeImportForm, ReviewMatchesForm, StartImportForm } from "@/components/imports/step-forms";
import { BackLink } from "@/components/ui/back-link";
import { InsetText } from "@/components/ui/inset-text";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { Table } from "@/components/ui/table";
import { WarningText } from "@/components/ui/warning-text";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format/dates";
import { IMPORT_KIND_LABELS } from "@/lib/imports/columns";
import { getImport, importMatches, importProblems, PROBLEMS_SHOWN } from "@/lib/imports/data/manage";
import { orNotFound } from "@/lib/not-found";

// One import, at whichever step it is: being checked (progress), checked (its problems, or the
// likely duplicates to review and the button to import), importing (progress), stopped (how far it
// got, resume) or done (what it made). The worker does the work; this page only reads it.

export const metadata: Metadata = { title: "Import" };

const count = (n: number) => n.toLocaleString("en-GB");

export default async function ImportPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("import:run");
  const { id } = await params;
  const job = await orNotFound(getImport(actor, id));
  const step = { importId: job.id, version: job.version };
  const working = job.status === "CHECKING" || job.status === "IMPORTING";
  const problems = job.problemCount > 0 ? await importProblems(actor, job.id) : [];
  const review = job.status === "CHECKED" && job.problemCount === 0 ? await importMatches(actor, job.id) : null;
  const imported = job.importedUpTo > 1 ? job.importedUpTo - 1 : 0;

  return (
    <>
      {working ? <AutoRefresh /> : null}
      <BackLink href="/imports">Back to imports</BackLink>
      <PageHeading caption={`Import of ${IMPORT_KIND_LABELS[job.kind].toLowerCase()}`}>
        <span className="break-all">{job.fileName}</span>
      </PageHeading>
      <SummaryList
        rows={[
          { key: "Status", value: <ImportStatusTag status={job.status} /> },
          { key: "Uploaded", value: `${formatDateTime(job.createdAt)} by ${job.createdBy.name}` },
          { key: "Rows", value: job.status === "CHECKING" ? `${count(job.checkedRows)} checked so far` : count(job.totalRows) },
          ...(job.status === "IMPORTED" || job.status === "FAILED" || job.status === "IMPORTING"
            ? [
                {
                  key: "Written",
                  value: `${count(job.createdCount)} new, ${count(job.updatedCount)} updated, ${count(job.unchangedCount)} unchanged`,
                },
              ]
            : []),
        ]}
      />

      {job.status === "CHECKING" ? <Progress label="Checking the file" value={job.checkedRows} max={null} unit="rows checked" /> : null}
      {job.status === "IMPORTING" ? <Progress label="Importing" value={imported} max={job.totalRows} unit="rows imported" /> : null}

      {job.status === "CHECKED" && job.problemCount > 0 ? (
        <>
          <h2 className="heading-m">
            {count(job.problemCount)} {job.problemCount === 1 ? "problem" : "problems"} to fix
          </h2>
          <p className="body-m max-w-[40rem]">
            Nothing has been imported. Correct the file and upload it again.{" "}
            <a className="link" href={`/api/imports/${job.id}/problems`}>
              Download the problems as a spreadsheet (CSV)
            </a>
            .
          </p>
          <Table
            caption={job.problemCount > PROBLEMS_SHOWN ? `The first ${PROBLEMS_SHOWN} problems` : "Problems"}
            rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
            rows={problems}
            columns={[
              { key: "row", header: "Row", numeric: true, rowHeader: true, cell: (p) => p.row },
              { key: "column", header: "Column", cell: (p) => <code className="break-all">{p.column}</code> },
              { key: "message", header: "Problem", cell: (p) => p.message },
            ]}
          />
          <DiscardImportForm {...step} />
        </>
      ) : null}

      {review ? (
        review.total > 0 ? (
          <>
            <h2 className="heading-m">Check the likely duplicates</h2>
            <p className="body-m max-w-[40rem]">
              The file has no problems. {count(review.total)}{" "}
              {review.total === 1 ? "person or place it names looks" : "people or places it names look"} like records already held. The
              suggestion is chosen for each: a match with the same date of birth, or the same UPRN or postcode.
            </p>
            <StartImportForm {...step} label="Accept the suggestions and import" />
            {review.total > review.matches.length ? (
              <InsetText>The first {review.matches.length} are shown; the suggestion stands for the rest.</InsetText>
            ) : null}
            <ReviewMatchesForm {...step} matches={review.matches} />
          </>
        ) : (
          <>
            <h2 className="heading-m">Ready to import</h2>
            <p className="body-m">The file has no problems and names nobody and nowhere that looks like a record already held.</p>
            <StartImportForm {...step} label={`Import ${count(job.totalRows)} ${job.totalRows === 1 ? "row" : "rows"}`} />
          </>
        )
      ) : null}
      {job.status === "CHECKED" && job.problemCount === 0 ? <DiscardImportForm {...step} /> : null}

      {job.status === "FAILED" ? (
        <>
          <WarningText>{job.failure ?? "The import stopped."}</WarningText>
          {imported > 0 ? (
            <p className="body-m">Rows up to {count(job.importedUpTo)} are imported; nothing after it has been written.</p>
          ) : null}
          <ResumeImportForm {...step} />
          <DiscardImportForm {...step} />
        </>
      ) : null}
      {job.status === "IMPORTED" ? (
        <p className="body-m">Imported {job.finishedAt ? formatDateTime(job.finishedAt) : ""}. The file itself is no longer kept.</p>
      ) : null}
    </>
  );
}

function Progress({ label, value, max, unit }: { label: string; value: number; max: number | null; unit: string }) {
  return (
    <div className="mb-6 max-w-[40rem]">
      <label className="body-m font-bold block mb-2" htmlFor="import-progress">
        {label}
      </label>
      <progress id="import-progress" className="w-full h-6" value={value} max={max ?? undefined} />
      <p className="body-m mt-2" role="status">
        {count(value)} {max ? `of ${count(max)} ` : ""}
        {unit}. You can leave this page: the work carries on, and this page shows where it has got to.
      </p>
    </div>
  );
}
