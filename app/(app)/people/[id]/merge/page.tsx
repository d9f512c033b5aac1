import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { PageHeading } from "@/components/ui/page-heading";
import type { SearchParamsRecord } from "@/lib/search-params";
import { PersonResultsTable } from "@/components/people/person-results-table";
import { PersonSearchForm } from "@/components/people/person-search-form";
import { SearchExpiredBanner } from "@/components/search/saved-search-form";
import { requirePermission } from "@/lib/auth/session";
import { datePartsOf } from "@/lib/incidents/date-fields";
import { orNotFound } from "@/lib/not-found";
import { getPersonSummary, searchPeople } from "@/lib/people/data";
import { readPeopleSearch } from "@/lib/people/schema";
import { searchText } from "@/lib/search-text";
import { resolveSearchParams } from "@/lib/search/saved";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const actor = await requirePermission("person:merge");
  const { params } = await resolveSearchParams(actor, "people-merge", await searchParams);
  const { errors } = readPeopleSearch(params);
  return { title: errors.q || errors.dob ? "Error: Merge profiles" : "Merge profiles" };
}

const PAGE_SIZE = 25;

/**
 * Merge, step 1: find the duplicate of this profile. Until the manager searches, the people who
 * look most like this one (same name and date of birth) are listed.
 */
export default async function FindDuplicatePage({ params, searchParams }: Props) {
  const actor = await requirePermission("person:merge");
  const { id } = await params;
  const person = await orNotFound(getPersonSummary(actor, id));
  // The name and date of birth searched for come back from the saved search named by `?search=`.
  const { params: query, expired } = await resolveSearchParams(actor, "people-merge", await searchParams);
  const searched = query.q !== undefined || query["dob-day"] !== undefined;
  const search = readPeopleSearch(query);
  const dob = person.dateOfBirth ? datePartsOf(person.dateOfBirth) : { day: "", month: "", year: "" };
  const values = searched ? search.values : { q: `${person.firstName} ${person.lastName}`, dob };
  const effective = searched ? search.query : { text: searchText(person.firstName, person.lastName), dateOfBirth: person.dateOfBirth };
  const result = effective ? await searchPeople(actor, effective, { page: 1, pageSize: PAGE_SIZE }) : null;
  const name = `${person.firstName} ${person.lastName}`;

  return (
    <>
      <BackLink href={`/people/${person.id}`}>Back to profile</BackLink>
      <PageHeading caption="Merge profiles">Find the other profile of {name}</PageHeading>
      <p className="max-w-[40rem]">
        Choose the profile to merge into this one. Everything linked to it will move to {name}&rsquo;s profile. You will be able to check
        both profiles before anything changes.
      </p>
      {expired ? <SearchExpiredBanner /> : null}
      <PersonSearchForm
        scope="people-merge"
        path={`/people/${person.id}/merge`}
        label="Find the other profile"
        q={values.q}
        dob={values.dob}
        errors={search.errors}
      />
      {result ? (
        <PersonResultsTable
          caption={searched ? "Search results" : `Profiles like ${name}`}
          rows={result.rows}
          emptyMessage="No other profiles match. Check the spelling, or search by date of birth."
          action={{
            header: "Action",
            cell: (row) =>
              row.id === person.id ? (
                <span className="text-ink-secondary">This profile</span>
              ) : (
                <Link href={`/people/${person.id}/merge/${row.id}`} className="whitespace-nowrap">
                  Choose<span className="sr-only"> {`${row.firstName} ${row.lastName}`}</span>
                </Link>
              ),
          }}
        />
      ) : null}
    </>
  );
}
