"use client";

import Link from "next/link";
import { useMatches } from "@/components/forms/use-matches";
import { Button, ButtonGroup } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { errorSummaryItems } from "@/components/ui/error-summary-items";
import { PageHeading } from "@/components/ui/page-heading";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";
import { createPersonAction, type NewPersonFormState } from "@/lib/people/actions";
import { PERSON_FIELDS, personFieldHref } from "@/lib/people/schema";
import { PersonFields } from "./person-fields";
import { PersonResultsTable } from "./person-results-table";
import { useForm } from "@/components/forms/use-form";

/**
 * "Add a person". The first submission looks for profiles that are probably the same person and
 * offers them; only "None of these – create a new profile" then creates one. The submission key
 * (made when the page was rendered) means a double click or a refresh creates one profile, not two.
 */
export function NewPersonForm({ submissionKey }: { submissionKey: string }) {
  const { state, formAction, pending } = useForm(createPersonAction, { status: "idle" } satisfies NewPersonFormState);
  const values = state.values ?? {};
  const fieldErrors = state.fieldErrors ?? {};
  const summary = [
    ...errorSummaryItems(fieldErrors, PERSON_FIELDS, personFieldHref),
    ...(state.status === "error" || state.status === "conflict" ? [{ text: state.message ?? "Something went wrong. Try again." }] : []),
  ];
  useErrorPageTitle(summary.length > 0);

  const { matches, headingRef: matchesHeading } = useMatches(state);

  return (
    <>
      <ErrorSummary errors={summary} />
      <PageHeading caption="People">Add a person</PageHeading>
      <form method="post" action={formAction} noValidate className="max-w-[48rem]">
        <input type="hidden" name="submissionKey" value={submissionKey} />
        {matches.length > 0 ? (
          <section aria-labelledby="matches-heading" className="mb-8 p-4 sm:p-5 border-[5px] border-brand">
            <h2 id="matches-heading" ref={matchesHeading} tabIndex={-1} className="heading-m focus-box">
              {matches.length === 1 ? "This person may already have a profile" : "These people may already have a profile"}
            </h2>
            <p>Check before you add a new profile, so that everything about one person stays together.</p>
            <PersonResultsTable
              caption="Profiles that may be the same person"
              captionHidden
              rows={matches}
              action={{
                header: "Action",
                cell: (match) => (
                  <Link href={`/people/${match.id}`} className="whitespace-nowrap">
                    Use this person<span className="sr-only">: {`${match.firstName} ${match.lastName}`}</span>
                  </Link>
                ),
              }}
            />
            <input type="hidden" name="checkedFor" value={state.checkedFor ?? ""} />
            <Button type="submit" name="confirmNew" value="yes" variant="secondary" disabled={pending} className="mb-0">
              None of these – create a new profile
            </Button>
          </section>
        ) : null}
        <div className="max-w-[40rem]">
          <PersonFields values={values} fieldErrors={fieldErrors} />
        </div>
        <ButtonGroup>
          <Button type="submit" disabled={pending}>
            Continue
          </Button>
          <Link href="/people" className="body-m mb-6">
            Cancel
          </Link>
        </ButtonGroup>
      </form>
    </>
  );
}
