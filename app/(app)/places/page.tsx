import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { PlaceSearchForm } from "@/components/places/place-search-form";
import { PlaceTable } from "@/components/places/place-table";
import { SearchExpiredBanner } from "@/components/search/saved-search-form";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { parseListQuery } from "@/lib/list";
import { CANDIDATE_LIMIT, searchPlaces, type PlaceSearchResult } from "@/lib/places/data";
import { ZPlaceSearchText } from "@/lib/places/schema";
import { resolveSearchParams } from "@/lib/search/saved";

// The title never holds the search: addresses end up in browser history. Nor does the address:
// the text searched for comes back from the saved search named by `?search=`. (The title is the
// same whatever was searched, so it needs no search read back.)
export const metadata: Metadata = { title: "Places" };

export default async function PlacesPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const actor = await requirePermission("place:read");
  const { params, linkParams, expired } = await resolveSearchParams(actor, "places", await searchParams);
  const q = ZPlaceSearchText.parse(firstParam(params.q) ?? "");
  const { page, pageSize } = parseListQuery(params, { sorts: ["relevance"], defaultSort: "relevance" });
  const result = await searchPlaces(actor, { q, page, pageSize });

  return (
    <>
      <PageHeading>Places</PageHeading>
      {expired ? <SearchExpiredBanner /> : null}
      <PlaceSearchForm q={q} />

      {result.query.kind === "empty" ? (
        <StartState canAdd={can(actor, "place:write")} />
      ) : (
        <Results result={result} q={q} params={linkParams} canAdd={can(actor, "place:write")} />
      )}
    </>
  );
}

function StartState({ canAdd }: { canAdd: boolean }) {
  return (
    <div className="max-w-[40rem]">
      <p>Search by a full postcode, the first half of a postcode, or part of the address. Spelling does not need to be exact.</p>
      {canAdd ? (
        <>
          <p>If you cannot find the place, you can add it.</p>
          <Button href="/places/new" variant="secondary">
            Add a place
          </Button>
        </>
      ) : null}
    </div>
  );
}

function placesCount(count: number, capped = false): string {
  if (capped) return `more than ${count.toLocaleString("en-GB")} places`;
  return count === 1 ? "1 place" : `${count.toLocaleString("en-GB")} places`;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function describe(result: PlaceSearchResult): string {
  switch (result.query.kind) {
    case "postcode": {
      const exact = result.atPostcode ?? 0;
      const here = exact === 0 ? `No places at ${result.query.postcode}` : `${placesCount(exact)} at ${result.query.postcode}`;
      if (result.total === exact && !result.totalCapped) return here;
      return `${here}; ${placesCount(result.total - exact, result.totalCapped)} elsewhere in ${result.query.outward}`;
    }
    case "outward":
      return sentence(`${placesCount(result.total, result.totalCapped)} in ${result.query.outward}`);
    default:
      return sentence(`${placesCount(result.total, result.totalCapped)} found`);
  }
}

function Results({ result, q, params, canAdd }: { result: PlaceSearchResult; q: string; params: SearchParamsRecord; canAdd: boolean }) {
  return (
    <>
      <div role="status" className="mb-4">
        <h2 className="heading-m mb-2">{describe(result)}</h2>
        {result.query.kind === "postcode" && (result.atPostcode ?? 0) > 0 && result.total > (result.atPostcode ?? 0) ? (
          <p className="body-s text-ink-secondary">Places at the exact postcode come first.</p>
        ) : null}
        {result.limited ? (
          <p className="body-s text-ink-secondary">
            Showing the closest {CANDIDATE_LIMIT.toLocaleString("en-GB")} matches. Add more of the address, or search by postcode.
          </p>
        ) : null}
      </div>
      <PlaceTable
        caption={`Search results for ‘${q}’, page ${result.page} of ${result.totalPages}`}
        captionHidden
        rows={result.rows}
        emptyMessage="No places match your search. Check the spelling or the postcode, or search for part of the address."
      />
      <Pagination page={result.page} totalPages={result.totalPages} pathname="/places" searchParams={params} />
      {canAdd ? (
        <p>
          Not the place you are looking for? <Link href="/places/new">Add a place</Link>.
        </p>
      ) : null}
    </>
  );
}
