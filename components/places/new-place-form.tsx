"use client";

import Link from "next/link";
import { useMatches } from "@/components/forms/use-matches";
import { Button, ButtonGroup } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { errorSummaryItems } from "@/components/ui/error-summary-items";
import { PageHeading } from "@/components/ui/page-heading";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";
import { createPlaceAction, type NewPlaceFormState } from "@/lib/places/actions";
import { PLACE_FIELDS } from "@/lib/places/schema";
import { PlaceFields } from "./place-fields";
import { PlaceTable } from "./place-table";
import { useForm } from "@/components/forms/use-form";

const MATCH_REASONS = {
  uprn: "Same UPRN",
  postcode: "Same postcode, similar address",
  address: "Similar address",
} as const;

/**
 * "Add a place". The first submission checks for places that are probably the same one and offers
 * them; "None of these – create a new place" then creates it. The submission key (made when the
 * page was rendered) means a double click or a refresh creates one place, not two.
 */
export function NewPlaceForm({ submissionKey }: { submissionKey: string }) {
  const { state, formAction, pending } = useForm(createPlaceAction, { status: "idle" } satisfies NewPlaceFormState);
  const values = state.values ?? {};
  const fieldErrors = state.fieldErrors ?? {};
  const summary = [
    ...errorSummaryItems(fieldErrors, PLACE_FIELDS),
    ...(state.status === "error" || state.status === "conflict" ? [{ text: state.message ?? "Something went wrong. Try again." }] : []),
  ];
  useErrorPageTitle(summary.length > 0);

  const { matches, headingRef: matchesHeading } = useMatches(state);

  return (
    <>
      <ErrorSummary errors={summary} />
      <PageHeading caption="Places">Add a place</PageHeading>
      <form method="post" action={formAction} noValidate>
        <input type="hidden" name="submissionKey" value={submissionKey} />
        {matches.length > 0 ? (
          <section aria-labelledby="matches-heading" className="max-w-[60rem] mb-8 p-4 sm:p-5 border-[5px] border-brand">
            <h2 id="matches-heading" ref={matchesHeading} tabIndex={-1} className="heading-m focus-box">
              {matches.length === 1 ? "This place may already be recorded" : "These places may already be recorded"}
            </h2>
            <p>Check before you add a new place, so that everything about one place stays together.</p>
            <PlaceTable
              caption="Places that may be the same"
              captionHidden
              rows={matches}
              extraColumns={[
                { key: "reason", header: "Why it is shown", cell: (match) => MATCH_REASONS[match.reason] },
                {
                  key: "use",
                  header: <span className="sr-only">Action</span>,
                  cell: (match) => (
                    <Link href={`/places/${match.id}`} className="whitespace-nowrap">
                      Use this place
                    </Link>
                  ),
                },
              ]}
            />
            <Button type="submit" name="confirmNew" value="yes" variant="secondary" disabled={pending} className="mb-0">
              None of these – create a new place
            </Button>
          </section>
        ) : null}
        <div className="max-w-[40rem]">
          <PlaceFields values={values} fieldErrors={fieldErrors} />
        </div>
        <ButtonGroup>
          <Button type="submit" disabled={pending}>
            Continue
          </Button>
          <Link href="/places" className="body-m mb-6">
            Cancel
          </Link>
        </ButtonGroup>
      </form>
    </>
  );
}
