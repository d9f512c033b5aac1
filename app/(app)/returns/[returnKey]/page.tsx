import type { Metadata } from "next";
import { notFound } from "next/navigation";
import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { BackLink } from "@/components/ui/back-link";
import { ErrorSummary } from "@/components/ui/error-summary";
import { InsetText } from "@/components/ui/inset-text";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { PeriodForm } from "@/components/returns/period-form";
import { ReturnChart } from "@/components/returns/return-chart";
import { ReturnTables } from "@/components/returns/return-tables";
import { WidePage } from "@/components/layout/wide-page";
import { getActor, requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/not-found";
import { availableReturns, buildReturnReport, returnPeriodChoices } from "@/lib/returns/data";
import { currentFinancialQuarterPeriod, currentFinancialYearPeriod, requestedPeriod } from "@/lib/returns/period";
import { isReturnKey, RETURN_NAMES_IN_TEXT, RETURN_TITLES, type ReturnKey } from "@/lib/returns/tables";

type Props = { params: Promise<{ returnKey: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { returnKey } = await params;
  // A return the viewer may not open is titled like any missing page.
  const actor = await getActor();
  const mayOpen = actor !== null && isReturnKey(returnKey) && availableReturns(actor).includes(returnKey);
  if (!mayOpen) return { title: "Page not found" };
  const { problem } = requestedPeriod(firstParam((await searchParams).period), () => defaultPeriod(returnKey));
  return { title: problem ? `Error: ${RETURN_TITLES[returnKey]}` : RETURN_TITLES[returnKey] };
}

// SafeLives counts the MARAC dataset by quarter; the other returns default to the financial year.
const defaultPeriod = (key: ReturnKey) => (key === "marac" ? currentFinancialQuarterPeriod() : currentFinancialYearPeriod());

/**
 * A return for the chosen period: a chart of its main series, its tables (every figure above zero
 * a link to its records) on the screen's width, and the downloads. The picker offers every year from the earliest record in scope, and always shows the
 * period on the page: an address naming no period that exists shows no figures, only the problem.
 */
export default async function ReturnPage({ params, searchParams }: Props) {
  const actor = await requirePermission("return:read");
  const { returnKey } = await params;
  if (!isReturnKey(returnKey)) notFound();
  const { period, problem } = requestedPeriod(firstParam((await searchParams).period), () => defaultPeriod(returnKey));
  // First, alone: it refuses (and audits) a return the viewer may not open, before anything else runs.
  const choices = await orNotFound(returnPeriodChoices(actor, returnKey, period));
  if (!period) {
    return (
      <>
        <BackLink href="/returns">All returns</BackLink>
        <ErrorSummary errors={[{ text: problem, href: "#period" }]} />
        <PageHeading caption="Returns">{RETURN_TITLES[returnKey]}</PageHeading>
        <PeriodForm action={`/returns/${returnKey}`} choices={choices} current={null} error={problem} />
      </>
    );
  }
  const report = await orNotFound(buildReturnReport(actor, returnKey, period));
  const download = (format: "csv" | "xlsx") => `/api/returns/${returnKey}?period=${period.key}&format=${format}`;
  return (
    <WidePage>
      <BackLink href="/returns">All returns</BackLink>
      <div className="max-w-3xl">
        <PageHeading caption={`Returns · ${report.scope}`}>
          {report.title} {period.label}
        </PageHeading>
        <p className="body-m">{period.range}</p>
        <PeriodForm action={`/returns/${returnKey}`} choices={choices} current={period.key} />
        <InsetText>
          {report.notes.map((note) => (
            <p key={note} className="body-s">
              {note}
            </p>
          ))}
        </InsetText>
      </div>
      <ReturnChart report={report} />
      <ReturnTables report={report} />
      <h2 className="heading-m">Download</h2>
      <ul className="list-none p-0 flex flex-wrap gap-x-6 gap-y-2 body-m">
        <li>
          <Link href={download("xlsx")} prefetch={false}>
            Download the {RETURN_NAMES_IN_TEXT[returnKey]} {period.label} (XLSX)
          </Link>
        </li>
        <li>
          <Link href={download("csv")} prefetch={false}>
            Download the {RETURN_NAMES_IN_TEXT[returnKey]} {period.label} (CSV)
          </Link>
        </li>
      </ul>
      {returnKey === "tools-and-powers" ? (
        <p className="body-m">
          <Link href={`/returns/register?period=${period.key}`}>The full register of powers issued in {period.label}</Link>
        </p>
      ) : null}
    </WidePage>
  );
}
