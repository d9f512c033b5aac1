import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CaseStatusTag, RestrictedTag } from "@/components/cases/case-tags";
import { PersonAlertTags } from "@/components/people/alert-tags";
import { SavedSearchForm } from "@/components/search/saved-search-form";
import { formatDate } from "@/lib/format/dates";
import { COUNT_CAP } from "@/lib/list";
import { placeLabel } from "@/lib/places/format";
import type { EverythingResults as Results, ResultGroup } from "@/lib/search/data";
import type { SearchScopeName } from "@/lib/search/scopes";

/**
 * What the header's search found, by kind: people, places, cases, each a list of links to the
 * record. A kind with more matches than are listed offers its own search page, posted with the
 * same text (so it stays out of the address there too).
 */
export function EverythingResults({ q, results }: { q: string; results: Results }) {
  const found = results.people.total + results.places.total + results.cases.total;
  return (
    <>
      <div role="status" className="mb-6">
        <h2 className="heading-m mb-2">{found === 0 ? "Nothing found" : "Results"}</h2>
        <p className="body-m">
          {found === 0
            ? "No person, place or case you can see matches your search. Check the spelling, try part of a name or address, or search by reference."
            : "Only records you can see are listed."}
        </p>
      </div>
      <Group
        heading="People"
        noun={["person", "people"]}
        group={results.people}
        more={{ scope: "people", path: "/people", q }}
        row={(person) => (
          <>
            <Link href={`/people/${person.id}`} className="font-bold">
              {person.firstName} {person.lastName}
            </Link>
            <span className="block body-s text-ink-secondary">
              {person.dateOfBirth ? `Born ${formatDate(person.dateOfBirth)}` : "Date of birth not known"}
              {person.matchedAliases.length > 0 ? `. Also known as ${person.matchedAliases.join(", ")}` : null}
            </span>
            {person.alerts.repeatVictim || person.alerts.vulnerable ? (
              <span className="block mt-1">
                <PersonAlertTags alerts={person.alerts} />
              </span>
            ) : null}
          </>
        )}
        rowKey={(person) => person.id}
      />
      <Group
        heading="Places"
        noun={["place", "places"]}
        group={results.places}
        more={{ scope: "places", path: "/places", q }}
        row={(place) => (
          <>
            <Link href={`/places/${place.id}`} className="font-bold">
              {placeLabel(place)}
            </Link>
            <span className="block body-s text-ink-secondary">{place.postcode}</span>
          </>
        )}
        rowKey={(place) => place.id}
      />
      <Group
        heading="Cases"
        noun={["case", "cases"]}
        group={results.cases}
        more={{ scope: "cases", path: "/cases", q }}
        row={(c) => (
          <>
            <Link href={`/cases/${c.id}`} className="font-bold">
              {c.reference}
            </Link>{" "}
            <span className="break-words">{c.title}</span>
            <span className="flex flex-wrap gap-2 mt-1">
              <CaseStatusTag status={c.status} />
              {c.restricted ? <RestrictedTag /> : null}
            </span>
          </>
        )}
        rowKey={(c) => c.id}
      />
    </>
  );
}

function Group<T>({
  heading,
  noun,
  group,
  more,
  row,
  rowKey,
}: {
  heading: string;
  noun: [one: string, many: string];
  group: ResultGroup<T>;
  more: { scope: SearchScopeName; path: string; q: string };
  row: (item: T) => ReactNode;
  rowKey: (item: T) => string;
}) {
  const id = `results-${heading.toLowerCase()}`;
  const count = group.totalCapped ? `More than ${COUNT_CAP.toLocaleString("en-GB")}` : group.total.toLocaleString("en-GB");
  return (
    <section aria-labelledby={id} className="mb-8 max-w-[48rem]">
      <h2 id={id} className="heading-m mb-2">
        {heading}
      </h2>
      {group.total === 0 ? (
        <p className="body-m text-ink-secondary">No {noun[1]} found.</p>
      ) : (
        <>
          <p className="body-s text-ink-secondary mb-2">
            {count} {group.total === 1 && !group.totalCapped ? noun[0] : noun[1]} found
            {group.limited ? " among the closest matches (add more of the name to narrow it)" : null}
            {group.rows.length < group.total ? `, the first ${group.rows.length} listed` : null}
          </p>
          <ul className="list-none m-0 p-0 border-t border-border">
            {group.rows.map((item) => (
              <li key={rowKey(item)} className="py-3 border-b border-border break-words">
                {row(item)}
              </li>
            ))}
          </ul>
          {group.rows.length < group.total ? (
            <SavedSearchForm scope={more.scope} path={more.path} className="mt-4">
              <input type="hidden" name="q" value={more.q} />
              <Button type="submit" variant="secondary">
                See all {noun[1]} found
              </Button>
            </SavedSearchForm>
          ) : null}
        </>
      )}
    </section>
  );
}
