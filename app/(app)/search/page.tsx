import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { InsetText } from "@/components/ui/inset-text";
import { PageHeading } from "@/components/ui/page-heading";
import { EverythingResults } from "@/components/search/everything-results";
import { EverythingSearchForm } from "@/components/search/everything-search-form";
import { SearchExpiredBanner } from "@/components/search/saved-search-form";
import { requirePermission } from "@/lib/auth/session";
import { findRecordByReference, searchEverything } from "@/lib/search/data";
import { readEverythingSearch, type Reference } from "@/lib/search/everything";
import { resolveSearchParams } from "@/lib/search/saved";
import type { SearchParamsRecord } from "@/lib/search-params";

type Props = { searchParams: Promise<SearchParamsRecord> };

// The header's search. What was typed comes back from the saved search named by `?search=`, never
// from the address, and the title is the same whatever was searched for (titles end up in
// browser history).
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const actor = await requirePermission("case:read");
  const { params } = await resolveSearchParams(actor, "everything", await searchParams);
  return { title: readEverythingSearch(params).kind === "invalid" ? "Error: Search" : "Search" };
}

export default async function SearchPage({ searchParams }: Props) {
  const actor = await requirePermission("case:read");
  const { params, expired } = await resolveSearchParams(actor, "everything", await searchParams);
  const search = readEverythingSearch(params);
  if (search.kind === "reference") {
    // Straight to the record, if it is one the actor may see; otherwise "nothing found", the
    // same words whether it is hidden from them or does not exist.
    const found = await findRecordByReference(actor, search.reference);
    if (found) redirect(found.href);
  }
  const results = search.kind === "text" ? await searchEverything(actor, search.q) : null;

  return (
    <>
      <PageHeading>Search</PageHeading>
      {expired ? <SearchExpiredBanner /> : null}
      <EverythingSearchForm q={search.q} error={search.kind === "invalid" ? search.error : undefined} />
      {search.kind === "reference" ? <NothingAtReference reference={search.reference} /> : null}
      {results ? <EverythingResults q={search.q} results={results} /> : null}
      {search.kind === "start" ? <StartState /> : null}
    </>
  );
}

function NothingAtReference({ reference }: { reference: Reference }) {
  return (
    <div role="status">
      <h2 className="heading-m mb-2">Nothing found</h2>
      <p className="body-m">No record you can see has the reference {reference.reference}. Check the reference and try again.</p>
    </div>
  );
}

function StartState() {
  return (
    <InsetText className="max-w-[40rem]">
      <p>Enter a reference to go straight to that incident, case, power, referral, meeting or PSPO.</p>
      <p>Or search by a person&apos;s name, an address or postcode, or words from a case title. You will only find records you can see.</p>
    </InsetText>
  );
}
