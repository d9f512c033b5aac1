import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { Select } from "@/components/ui/select";
import { RegisterDownload } from "@/components/register/register-download";
import { requirePermission } from "@/lib/auth/session";
import { registerScopeOf } from "@/lib/register/data";
import { REGISTER_HEADERS } from "@/lib/register/columns";
import { currentFinancialYearPeriod, periodChoices } from "@/lib/returns/period";
import { refusePage } from "@/lib/auth/refuse";

export const metadata: Metadata = { title: "Full register of powers used" };

/**
 * The full tools and powers register for a period, as CSV or XLSX. A GET form to the streamed
 * export (works without JavaScript); with JavaScript the download shows its progress.
 */
export default async function RegisterExportPage() {
  const actor = await requirePermission("return:read");
  const scope = registerScopeOf(actor);
  if (!scope) await refusePage(actor, "return:read");
  return (
    <>
      <BackLink href="/returns">All returns</BackLink>
      <PageHeading caption="Returns">Full register of powers used</PageHeading>
      <p className="body-m">
        Every power issued in the period, one row each, for the Home Office, the Police and Crime Commissioner or a freedom of information
        request.{" "}
        {scope === "partnership"
          ? "It lists the powers of every organisation in the partnership that you may see."
          : `It lists the powers ${actor.organisationName} issued. Managers can download the whole partnership's.`}{" "}
        Powers on restricted cases you may not see are left out.
      </p>
      <details className="mb-6 body-m">
        <summary className="cursor-pointer underline text-[var(--color-link)]">What the file contains</summary>
        <p className="mt-2">Columns: {REGISTER_HEADERS.join(", ")}. Dates are in UK time; the status is the power&apos;s status today.</p>
      </details>
      <RegisterDownload action="/api/returns/register">
        <Select
          id="period"
          label="Period"
          hint="A financial year (1 April to 31 March) or one of its quarters"
          options={periodChoices().map((c) => ({ value: c.key, label: c.label }))}
          defaultValue={currentFinancialYearPeriod().key}
        />
        <Radios
          name="format"
          legend="Format"
          items={[
            { value: "csv", label: "CSV", hint: "Opens in any spreadsheet; shows the number of rows as it downloads" },
            { value: "xlsx", label: "Excel workbook (XLSX)" },
          ]}
          defaultValue="csv"
        />
      </RegisterDownload>
    </>
  );
}
