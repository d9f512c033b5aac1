import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import type { SearchParamsRecord } from "@/lib/search-params";
import { NewCaseForm } from "@/components/cases/new-case-form";
import { requirePermission } from "@/lib/auth/session";
import { incidentsForNewCase, leadChoices } from "@/lib/cases/data";
import { inCaseYouCannotSee } from "@/lib/cases/labels";

export const metadata: Metadata = { title: "Open a case" };

type Props = { searchParams: Promise<SearchParamsRecord> };

/** `/cases/new`, or `/cases/new?incident=<id>&incident=<id>` to open a case from incidents. */
export default async function NewCasePage({ searchParams }: Props) {
  const actor = await requirePermission("case:write");
  const params = await searchParams;
  const requested = params.incident === undefined ? [] : Array.isArray(params.incident) ? params.incident : [params.incident];
  const [organisations, incidents] = await Promise.all([leadChoices(actor), incidentsForNewCase(actor, requested)]);
  const refused = [
    ...incidents.alreadyInCase.map((i) =>
      i.caseReference
        ? `${i.reference} is already part of case ${i.caseReference}, so it cannot be added to a new case.`
        : `${inCaseYouCannotSee(i.reference, "a new case")}.`,
    ),
    ...(incidents.notFound > 0
      ? [
          `${incidents.notFound === 1 ? "1 incident" : `${incidents.notFound} incidents`} in the link cannot be found. ${incidents.notFound === 1 ? "It" : "They"} may have been removed, or you may not have access.`,
        ]
      : []),
  ];
  return (
    <>
      <BackLink href="/cases">All cases</BackLink>
      <NewCaseForm
        // A new key each time the form is shown: posting it twice opens one case.
        submissionKey={randomUUID()}
        organisations={organisations}
        ownOrganisationId={actor.organisationId}
        ownUserId={actor.userId}
        incidents={incidents.available}
        refusedIncidents={refused}
      />
    </>
  );
}
