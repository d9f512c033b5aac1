import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { InsetText } from "@/components/ui/inset-text";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import type { SearchParamsRecord } from "@/lib/search-params";
import { PersonResultsTable } from "@/components/people/person-results-table";
import { PersonSearchForm } from "@/components/people/person-search-form";
import { SearchExpiredBanner } from "@/components/search/saved-search-form";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { parseListQuery } from "@/lib/list";
import { CANDIDATE_LIMIT, searchPeople, type PeopleSearchPage } from "@/lib/people/data";
import { readPeopleSearch } from "@/lib/people/schema";
import { resolveSearchParams } from "@/lib/search/saved";

type Props = { searchParams: Promise<SearchParamsRecord> };

// The title never holds the search: names end up in browser history. Nor does the address: the
// name and date of birth come back from the saved search named by `?search=`.
export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const actor = await requirePermission("person:read");
  const { params } = await resolveSearchParams(actor, "people", await searchParams);
  const { errors } = readPeopleSearch(params);
  return { title: errors.q || errors.dob ? "Error: People" : "People" };
}

export default async function PeoplePage({ searchParams }: Props) {
  const actor = await requirePermission("person:read");
  const { params, linkParams, expired } = await resolveSearchParams(actor, "people", await searchParams);
  const search = readPeopleSearch(params);
  const { page, pageSize } = parseListQuery(params, { sorts: ["relevance"], defaultSort: "relevance" });
  const result = search.query ? await searchPeople(actor, search.query, { page, pageSize }) : null;
  const canAdd = can(actor, "person:write");

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-x-6">
        <PageHeading>People</PageHeading>
        {canAdd ? (
          <Button href="/people/new" variant="secondary">
            Add a person
          </Button>
        ) : null}
      </div>
      {expired ? <SearchExpiredBanner /> : null}
      <PersonSearchForm scope="people" path="/people" q={search.values.q} dob={search.values.dob} errors={search.errors} />
      {result ? <Results result={result} params={linkParams} canAdd={canAdd} /> : <StartState />}
    </>
  );
}

function StartState() {
  return (
    <InsetText className="max-w-[40rem]">
      <p>Search by name, date of birth, or both. You will only find people who appear in records you can see.</p>
      <p>Check here before you add a person, so that everything about one person stays in one profile.</p>
    </InsetText>
  );
}

function Results({ result, params, canAdd }: { result: PeopleSearchPage; params: SearchParamsRecord; canAdd: boolean }) {
  const people = result.total === 1 ? "person" : "people";
  return (
    <>
      <div role="status" className="mb-4">
        <h2 className="heading-m mb-2">
          {result.total.toLocaleString("en-GB")} {people} found
        </h2>
        {result.limited ? (
          <p className="body-s text-ink-secondary">
            Showing the closest {CANDIDATE_LIMIT.toLocaleString("en-GB")} matches. Add more of the name or a date of birth to narrow the
            search.
          </p>
        ) : result.total > 0 ? (
          <p className="body-s text-ink-secondary">Closest matches first.</p>
        ) : null}
      </div>
      <PersonResultsTable
        caption={`Search results, page ${result.page} of ${result.totalPages}`}
        captionHidden
        rows={result.rows}
        emptyMessage="No people match your search. Check the spelling, try part of the name, or search by date of birth."
      />
      <Pagination page={result.page} totalPages={result.totalPages} pathname="/people" searchParams={params} />
      {canAdd ? (
        <p>
          Not the person you are looking for? <Link href="/people/new">Add a person</Link>.
        </p>
      ) : null}
    </>
  );
}
