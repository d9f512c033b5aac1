import type { Metadata } from "next";
import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { ErrorSummary } from "@/components/ui/error-summary";
import { PageHeading } from "@/components/ui/page-heading";
import { firstParam, type SearchParamsRecord } from "@/lib/search-params";
import { WarningText } from "@/components/ui/warning-text";
import { MergeForm } from "@/components/people/merge-form";
import { MergeSideSummary } from "@/components/people/merge-side-summary";
import { requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/not-found";
import { getMergePreview } from "@/lib/people/data";

type Props = { params: Promise<{ id: string; duplicateId: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: firstParam((await searchParams).changed) ? "Error: Check before merging" : "Check before merging" };
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Merge, step 2: check before submit. Names both profiles and says exactly what will happen. */
export default async function CheckMergePage({ params, searchParams }: Props) {
  const actor = await requirePermission("person:merge");
  const { id, duplicateId } = await params;
  const changed = Boolean(firstParam((await searchParams).changed));
  const { survivor, duplicate, filled, differences } = await orNotFound(getMergePreview(actor, id, duplicateId));
  const keep = `${survivor.firstName} ${survivor.lastName}`;
  const merge = `${duplicate.firstName} ${duplicate.lastName}`;
  const sameName = keep.toLowerCase() === merge.toLowerCase() || survivor.aliases.some((a) => a.toLowerCase() === merge.toLowerCase());

  return (
    <>
      <BackLink href={`/people/${survivor.id}/merge`}>Choose a different profile</BackLink>
      {changed ? (
        <ErrorSummary
          errors={[{ text: "One of these profiles was changed while you were checking them. Check them again below before merging." }]}
        />
      ) : null}
      <PageHeading caption="Merge profiles">Check before merging</PageHeading>

      <div className="grid gap-x-10 md:grid-cols-2">
        <MergeSideSummary heading="Profile to keep" side={survivor} />
        <MergeSideSummary heading="Profile to merge into it" side={duplicate} />
      </div>

      <h2 className="heading-m">What will happen</h2>
      <ul className="list-disc pl-5 mb-6 space-y-2 max-w-[48rem]">
        <li>
          Everything linked to the profile of {merge} moves to the profile of {keep}:{" "}
          {plural(duplicate.visible.incidents, "incident", "incidents")}, {plural(duplicate.visible.cases, "case", "cases")} and{" "}
          {plural(duplicate.visible.powers, "tool or power", "tools and powers")} that you can see, its vulnerabilities, and any links in
          records you cannot see.
        </li>
        {sameName ? null : (
          <li>
            {merge} becomes another name that {keep} is known by.
          </li>
        )}
        {filled.length > 0 ? (
          <li>
            The kept profile takes these details from the other one, because it does not have them: {filled.join(", ").toLowerCase()}.
          </li>
        ) : null}
        <li>The other profile is closed. Anyone following a link to it is taken to the kept profile.</li>
      </ul>
      {differences.length > 0 ? (
        <WarningText>
          The profiles have different details ({differences.join(", ").toLowerCase()}). The kept profile&rsquo;s are kept. Check that they
          are the same person.
        </WarningText>
      ) : null}
      <WarningText>You cannot undo a merge.</WarningText>
      <p>
        <Link href={`/people/${duplicate.id}/merge/${survivor.id}`}>Keep the other profile instead</Link>
      </p>
      <MergeForm survivor={{ id: survivor.id, version: survivor.version }} duplicate={{ id: duplicate.id, version: duplicate.version }} />
    </>
  );
}
