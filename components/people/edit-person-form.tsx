"use client";

import Link from "next/link";

import { Button, ButtonGroup } from "@/components/ui/button";
import { ErrorSummary } from "@/components/ui/error-summary";
import { errorSummaryItems } from "@/components/ui/error-summary-items";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { SummaryList } from "@/components/ui/summary-list";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";
import { updatePersonAction, type EditPersonFormState } from "@/lib/people/actions";
import { PERSON_FIELDS, personFieldHref } from "@/lib/people/schema";
import { PersonFields, type PersonFieldValues } from "./person-fields";
import { useForm } from "@/components/forms/use-form";

/**
 * "Change details", with optimistic locking: if someone else saved first, nothing is overwritten;
 * the user keeps what they typed, sees what was saved, and can save again on purpose.
 */
export function EditPersonForm({ personId, initial }: { personId: string; initial: PersonFieldValues & { version: string } }) {
  const { state, formAction, pending } = useForm(updatePersonAction, { status: "idle" } satisfies EditPersonFormState);
  const values = state.values ?? initial;
  const fieldErrors = state.fieldErrors ?? {};
  const summary = [
    ...errorSummaryItems(fieldErrors, PERSON_FIELDS, personFieldHref),
    ...(state.status === "error" ? [{ text: state.message ?? "Something went wrong. Try again." }] : []),
  ];
  useErrorPageTitle(summary.length > 0 || state.status === "conflict");
  const version = values.version;

  return (
    <>
      <ErrorSummary errors={summary} />
      {state.status === "conflict" && state.current ? (
        <NotificationBanner title="Important" heading={state.message} focusOnMount>
          <p>This is what they saved. Your changes are still in the form below. Check them, then save again to replace these details.</p>
          <SummaryList
            rows={[
              { key: "Name", value: state.current.name },
              { key: "Date of birth", value: state.current.dateOfBirth },
              { key: "Gender", value: state.current.gender },
              { key: "Also known as", value: state.current.aliases },
              { key: "Telephone", value: state.current.phone },
            ]}
          />
        </NotificationBanner>
      ) : null}
      <PageHeading caption="Person profile">Change details</PageHeading>
      <form method="post" action={formAction} noValidate className="max-w-[40rem]">
        <input type="hidden" name="personId" value={personId} />
        <input type="hidden" name="version" value={Array.isArray(version) ? version[0] : (version ?? "")} />
        <PersonFields values={values} fieldErrors={fieldErrors} />
        <ButtonGroup>
          <Button type="submit" disabled={pending}>
            Save changes
          </Button>
          <Link href={`/people/${personId}`} className="body-m mb-6">
            Cancel
          </Link>
        </ButtonGroup>
      </form>
    </>
  );
}
