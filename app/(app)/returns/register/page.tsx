import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { Select } from "@/components/ui/select";
import { RegisterDownload } from "@/components/register/register-download";
import { requirePermission } from "@/lib/auth/session";
import { ErrorSummary } from "@/components/ui/error-summary";
import { PERIOD_HINT } from "@/components/returns/period-form";
import { registerPeriodChoices, registerScopeOf } from "@/lib/register/data";
import { REGISTER_HEADERS } from "@/lib/register/columns";
import { currentFinancialYearPeriod, requestedPeriod } from "@/lib/returns/period";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { refusePage } from "@/lib/auth/refuse";

type Props = { searchParams: Promise<SearchParamsRecord> };

const TITLE = "Full register of powers used";

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { problem } = requestedPeriod(firstParam((await searchParams).period), currentFinancialYearPeriod);
  return { title: problem ? `Error: ${TITLE}` : TITLE };
}

/**
 * The full tools and powers register for a period, as CSV or XLSX. A GET form to the streamed
 * export (works without JavaScript); with JavaScript the download shows its progress. The period
 * offered first is the one the address names (a return's link to its register), else the current
 * financial year; the list runs back to the year of the earliest power in scope.
 */
export default async function RegisterExportPage({ searchParams }: Props) {
  const actor = await requirePermission("return:read");
  const scope = registerScopeOf(actor);
  if (!scope) await refusePage(actor, "return:read");
  const { period, problem } = requestedPeriod(firstParam((await searchParams).period), currentFinancialYearPeriod);
  const choices = await registerPeriodChoices(actor, period);
  return (
    <>
      <BackLink href="/returns">All returns</BackLink>
      {problem ? <ErrorSummary errors={[{ text: problem, href: "#period" }]} /> : null}
      <PageHeading caption="Returns">{TITLE}</PageHeading>
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
          hint={PERIOD_HINT}
          options={choices.map((c) => ({ value: c.key, label: c.label }))}
          placeholder={period ? undefined : "Choose a period"}
          defaultValue={period?.key ?? ""}
          error={problem ?? undefined}
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
