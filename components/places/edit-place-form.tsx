"use client";

import Link from "next/link";

import { Button, ButtonGroup } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { errorSummaryItems } from "@/components/ui/error-summary-items";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { Tag } from "@/components/ui/tag";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";
import { updatePlaceAction, type EditPlaceFormState } from "@/lib/places/actions";
import { PLACE_FIELDS, PLACE_KIND_LABELS } from "@/lib/places/schema";
import type { LocationKind } from "@/lib/generated/prisma/enums";
import { PlaceFields, type PlaceFormValues } from "./place-fields";
import { useForm } from "@/components/forms/use-form";

const CONFLICT_ROWS = [
  ["addressLine1", "Address line 1"],
  ["addressLine2", "Address line 2"],
  ["town", "Town or city"],
  ["postcode", "Postcode"],
  ["kind", "Kind"],
  ["uprn", "UPRN"],
] as const;

/** Whether what was saved differs from what this user typed (ignoring case and spacing of postcodes). */
function differs(field: string, theirs: string, yours: PlaceFormValues[string]): boolean {
  const typed = (Array.isArray(yours) ? yours[0] : yours) ?? "";
  const tidy = (value: string) => (field === "postcode" ? value.toUpperCase().replace(/\s+/g, "") : value.trim());
  return tidy(theirs) !== tidy(typed);
}

/**
 * "Change place". The form carries the version it started from; if someone else saves first, the
 * user is told, sees what was saved, and keeps everything they typed.
 */
export function EditPlaceForm({ placeId, saved }: { placeId: string; saved: PlaceFormValues & { version: string } }) {
  const { state, formAction, pending } = useForm(updatePlaceAction, { status: "idle" } satisfies EditPlaceFormState);
  const values = state.values ?? saved;
  const fieldErrors = state.fieldErrors ?? {};
  const summary = [
    ...(state.status === "conflict" || state.status === "error"
      ? [{ text: state.message ?? "Something went wrong. Try again.", href: state.current ? "#conflict-heading" : undefined }]
      : []),
    ...errorSummaryItems(fieldErrors, PLACE_FIELDS),
  ];
  useErrorPageTitle(summary.length > 0);
  const version = Array.isArray(values.version) ? values.version[0] : values.version;

  return (
    <>
      <ErrorSummary errors={summary} />
      <PageHeading caption="Places">Change place</PageHeading>
      {state.status === "conflict" && state.current ? (
        <section aria-labelledby="conflict-heading" className="max-w-[40rem] mb-8">
          <h2 id="conflict-heading" tabIndex={-1} className="heading-m focus-box">
            What the other person saved
          </h2>
          <SummaryList
            rows={CONFLICT_ROWS.map(([field, key]) => {
              const theirs = state.current?.[field] ?? "";
              const shown = field === "kind" ? (PLACE_KIND_LABELS[theirs as LocationKind] ?? theirs) : theirs;
              return {
                key,
                value: differs(field, theirs, values[field]) ? (
                  <>
                    {shown || "Not recorded"} <Tag colour="yellow">Different from yours</Tag>
                  </>
                ) : (
                  shown
                ),
              };
            })}
          />
          <p>Your changes are still in the form below. Check them against this, then save again to replace it.</p>
        </section>
      ) : null}
      <form method="post" action={formAction} noValidate className="max-w-[40rem]">
        <input type="hidden" name="placeId" value={placeId} />
        <input type="hidden" name="version" value={version ?? ""} />
        <PlaceFields values={values} fieldErrors={fieldErrors} />
        <ButtonGroup>
          <Button type="submit" disabled={pending}>
            Save changes
          </Button>
          <Link href={`/places/${placeId}`} className="body-m mb-6">
            Cancel
          </Link>
        </ButtonGroup>
      </form>
    </>
  );
}
