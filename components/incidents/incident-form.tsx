"use client";

import { startTransition, useState, type FormEvent } from "react";
import { ErrorSummary, type ErrorSummaryItem } from "@/components/ui/error-summary";
import { errorSummaryItems } from "@/components/ui/error-summary-items";
import { ConflictBanner } from "@/components/ui/conflict-banner";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { TextInput } from "@/components/ui/text-input";
import { useErrorPageTitle } from "@/components/ui/use-error-page-title";
import type { FieldErrors } from "@/lib/errors";
import { fieldErrorsOf, formValues, IDLE } from "@/lib/forms";
import type { IncidentFormState } from "@/lib/incidents/form-state";
import { NOT_IN_A_VISIBLE_CASE } from "@/lib/cases/labels";
import { CATEGORY_HINTS, CATEGORY_LABELS, choicesOf, REPORT_METHOD_LABELS, RISK_LEVEL_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { DESCRIPTION_MAX, incidentFieldHref, incidentFieldOrder, ZEditIncidentForm, ZNewIncidentForm } from "@/lib/incidents/schema";
import { Checkboxes } from "@/components/ui/checkboxes";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { WarningText } from "@/components/ui/warning-text";
import { lateReportTyped, lateReportWords } from "@/lib/incidents/late-report";
import { DateWithShortcuts } from "./date-with-shortcuts";
import { postedIncidentInitial } from "./form-initial";
import { PeopleRows } from "./people-rows";
import { PlaceField, type PlaceFieldValue } from "./place-field";
import type { IncidentFormInitial, PersonRowValue } from "./form-types";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { WithDraft } from "@/components/forms/drafts";
import { useCasesNaming, type CaseNamingPicked } from "./use-cases-naming";

// Logging and editing an incident: one form, checked in the browser with the same schema the
// server uses (so most mistakes show at once), then by the server action, which also checks the
// chosen people, place and case. The form is never reset: whatever the officer typed stays, on
// an error and on a save that lost the race with another officer's.

const REPORT_METHODS = choicesOf(REPORT_METHOD_LABELS);
const CATEGORIES = choicesOf(CATEGORY_LABELS).map((c) => ({ ...c, hint: CATEGORY_HINTS[c.value] }));
const TYPES = choicesOf(TYPE_LABELS);
const RISK_LEVELS = choicesOf(RISK_LEVEL_LABELS);

export type IncidentFormProps = {
  action: (state: IncidentFormState, formData: FormData) => Promise<IncidentFormState>;
  initial: IncidentFormInitial;
  cases: { id: string; reference: string; title: string }[];
  heading: string;
  caption: string;
  submitLabel: string;
  cancelHref: string;
} & (
  | { mode: "new"; submissionKey: string }
  | {
      mode: "edit";
      incidentId: string;
      version: number;
      /** The stored incident's own pair of dates, when it was reported long after it happened: already confirmed. */
      confirmedLateDates?: string | null;
    }
);

/**
 * The form with its draft: what the officer types is kept in this browser (components/forms/drafts)
 * and offered back after a timeout, a reload or a lost connection. Restoring draws the form afresh
 * from the draft, rows and picked people included, as from a form the server sent back.
 */
export function IncidentForm(props: IncidentFormProps & { draftKey: string }) {
  return (
    <WithDraft formKey={props.draftKey}>
      {({ attachForm, restored }) => (
        <IncidentFormBody {...props} initial={restored ? postedIncidentInitial(restored) : props.initial} attachForm={attachForm} />
      )}
    </WithDraft>
  );
}

function IncidentFormBody({ attachForm, ...props }: IncidentFormProps & { attachForm: (form: HTMLFormElement | null) => void }) {
  const { action, cases, heading, caption, submitLabel, cancelHref } = props;
  const { state, formAction, pending } = useForm(action, IDLE as IncidentFormState);
  // Without JavaScript the page is drawn again with the server's answer: start from what was posted.
  const initial = state.values ? postedIncidentInitial(state.values) : props.initial;
  const [browserErrors, setBrowserErrors] = useState<FieldErrors | null>(null);
  const [occurred, setOccurred] = useState(initial.occurred);
  const [reported, setReported] = useState(initial.reported);
  const [people, setPeople] = useState<PersonRowValue[]>(initial.people);
  const [place, setPlace] = useState<PlaceFieldValue>({
    mode: initial.locationMode,
    picked: initial.location,
    newPlace: initial.newLocation,
  });
  const [caseId, setCaseId] = useState(initial.caseId ?? "");
  // Linking from the offer removes the button pressed: focus goes to the case it filled in, and a
  // change event (once React has drawn the new value) lets the draft keep it.
  const linkToCase = (id: string) => {
    setCaseId(id);
    requestAnimationFrame(() => {
      const select = document.getElementById("caseId");
      select?.focus();
      select?.dispatchEvent(new Event("change", { bubbles: true }));
    });
  };
  // People and a place already recorded, once picked: the open cases naming them are offered.
  const pickedPeople = people.flatMap((p) => (p.mode === "existing" && p.picked ? [p.picked] : []));
  const pickedPlace = place.mode === "existing" && place.picked ? place.picked : null;
  const casesNaming = useCasesNaming(
    pickedPeople.map((p) => p.id),
    pickedPlace ? [pickedPlace.id] : [],
  );
  const pickedNames = new Map(pickedPeople.map((p) => [p.id, p.label]));

  const errors: FieldErrors = browserErrors ?? state.fieldErrors ?? {};
  const summary: ErrorSummaryItem[] = [
    ...(state.status === "error" && !browserErrors && state.message ? [{ text: state.message }] : []),
    ...errorSummaryItems(errors, incidentFieldOrder(people.length), incidentFieldHref),
  ];
  useErrorPageTitle(summary.length > 0);
  const conflict = state.status === "conflict" && !browserErrors ? state.conflict : undefined;
  const version = props.mode === "edit" ? (state.conflict?.version ?? props.version) : undefined;
  // Reported long after it happened: warned as the dates are typed, and held back by the server
  // until the officer confirms these dates (a stored incident's own dates count as confirmed).
  const late = lateReportTyped(occurred, reported);
  const lateStored = props.mode === "edit" && late !== null && late.key === props.confirmedLateDates;
  const heldBack = state.lateReport && !browserErrors && late?.key === state.lateReport.key ? state.lateReport : null;
  // New people or a new place probably already recorded: offered beside each until answered.
  const likely = !browserErrors ? state.likely : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    // Submitted here rather than by React's form action, which would reset the form afterwards.
    event.preventDefault();
    if (pending) return;
    const formData = new FormData(event.currentTarget);
    const schema = props.mode === "new" ? ZNewIncidentForm : ZEditIncidentForm;
    const checked = schema.safeParse(formValues(formData));
    if (!checked.success) {
      setBrowserErrors(fieldErrorsOf(checked.error));
      return;
    }
    setBrowserErrors(null);
    startTransition(() => formAction(formData));
  }

  return (
    <>
      <ErrorSummary errors={summary} />
      {heldBack && summary.length === 0 ? (
        <NotificationBanner heading="Check the dates before you save" focusOnMount>
          <p className="body-m mb-0">
            <a href="#lateDatesConfirmed">{lateReportWords(heldBack)}</a>, then confirm them.
          </p>
        </NotificationBanner>
      ) : null}
      {state.status === "matches" && likely && summary.length === 0 ? (
        <NotificationBanner heading="Check whether they are already recorded" focusOnMount>
          <ul className="body-m mb-0 list-none p-0">
            {people.map((row, index) =>
              likely.people[row.key] ? (
                <li key={row.key}>
                  <a href={incidentFieldHref(`people.${index}.matchChoice`)}>Person {index + 1} may already be recorded</a>
                </li>
              ) : null,
            )}
            {likely.place && place.mode === "new" ? (
              <li>
                <a href={incidentFieldHref("newLocation.matchChoice")}>The place may already be recorded</a>
              </li>
            ) : null}
          </ul>
        </NotificationBanner>
      ) : null}
      {conflict ? <ConflictBanner conflict={conflict} what="incident" /> : null}
      <PageHeading caption={caption}>{heading}</PageHeading>
      <form ref={attachForm} method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        {props.mode === "new" ? <input type="hidden" name="submissionKey" value={props.submissionKey} /> : null}
        {props.mode === "edit" ? (
          <>
            <input type="hidden" name="incidentId" value={props.incidentId} />
            <input type="hidden" name="version" value={version} />
          </>
        ) : null}

        <h2 className="heading-m">When</h2>
        <DateWithShortcuts
          id="occurred"
          legend="Date the incident happened"
          value={occurred}
          onChange={setOccurred}
          error={errors.occurred}
          focusAfterShortcut="occurredTime"
        />
        <TextInput
          id="occurredTime"
          label="Time the incident happened"
          hint="Use the 24-hour clock, for example 2130 or 21:30. Give your best estimate if not known exactly."
          width={5}
          // A phone brings up its number pad: "2130" is read as 21:30.
          inputMode="numeric"
          autoComplete="off"
          defaultValue={initial.occurredTime}
          error={errors.occurredTime}
        />
        <DateWithShortcuts
          id="reported"
          legend="Date it was reported"
          value={reported}
          onChange={setReported}
          error={errors.reported}
          focusAfterShortcut="reportedTime"
        />
        <TextInput
          id="reportedTime"
          label="Time it was reported"
          hint="Use the 24-hour clock, for example 2145 or 21:45"
          width={5}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={initial.reportedTime}
          error={errors.reportedTime}
        />
        {late ? (
          <div className="mb-6 sm:mb-8">
            <WarningText className="mb-2!">{lateReportWords(late)}.</WarningText>
            {lateStored ? (
              <input type="hidden" name="lateDatesConfirmed" value={late.key} />
            ) : (
              <Checkboxes
                // A new pair of dates needs its own confirmation: the box starts unticked again.
                key={late.key}
                name="lateDatesConfirmed"
                legend="Are both dates right?"
                hint="An incident can be reported long after it happened, but check that neither date is a mistake."
                items={[{ value: late.key, label: "Yes, these dates are right" }]}
                defaultValues={asArray(state.values?.lateDatesConfirmed)}
              />
            )}
          </div>
        ) : null}
        <Radios
          name="reportMethod"
          legend="How was it reported?"
          items={REPORT_METHODS}
          defaultValue={initial.reportMethod}
          error={errors.reportMethod}
        />

        <h2 className="heading-m">What happened</h2>
        <Radios
          name="category"
          legend="Category of anti-social behaviour"
          items={CATEGORIES}
          defaultValue={initial.category}
          error={errors.category}
        />
        <Select
          id="type"
          label="Type of anti-social behaviour"
          placeholder="Choose a type"
          options={TYPES}
          defaultValue={initial.type}
          error={errors.type}
        />
        <Textarea
          id="description"
          label="Description"
          hint={`Describe what happened, who was affected, and any injury or damage. Up to ${DESCRIPTION_MAX.toLocaleString("en-GB")} characters.`}
          rows={6}
          defaultValue={initial.description}
          error={errors.description}
        />

        <h2 className="heading-m">Where</h2>
        <PlaceField value={place} onChange={setPlace} errors={errors} likely={likely?.place} />

        <h2 className="heading-m">Who was involved</h2>
        <p className="body-m text-ink-secondary">Add each person once for each role they had. Leave this empty if nobody is known.</p>
        <PeopleRows rows={people} onChange={setPeople} errors={errors} likely={likely?.people} />

        <h2 className="heading-m">Risk and case</h2>
        <Radios name="riskLevel" legend="Risk level" items={RISK_LEVELS} inline defaultValue={initial.riskLevel} error={errors.riskLevel} />
        <Select
          id="caseId"
          label="Case (optional)"
          hint="Open cases your organisation can see"
          // Editing: the same words for an incident in no case and one in a case the officer may not see.
          placeholder={props.mode === "edit" ? NOT_IN_A_VISIBLE_CASE : "Not part of a case"}
          options={cases.map((c) => ({ value: c.id, label: `${c.reference}: ${c.title}` }))}
          value={caseId}
          onChange={(event) => setCaseId(event.target.value)}
          error={errors.caseId}
          className="[&_select]:w-full"
        />
        <CasesNamingOffer
          cases={casesNaming.filter((c) => c.id !== caseId && cases.some((choice) => choice.id === c.id))}
          names={pickedNames}
          onLink={linkToCase}
        />

        <SubmitOrCancel pending={pending} cancelHref={cancelHref}>
          {submitLabel}
        </SubmitOrCancel>
      </form>
    </>
  );
}

function asArray(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Beside the case: the open cases that already name someone (or the place) picked above. */
function CasesNamingOffer({
  cases,
  names,
  onLink,
}: {
  cases: CaseNamingPicked[];
  names: Map<string, string>;
  onLink: (caseId: string) => void;
}) {
  // Always drawn (empty when there is nothing to offer) so screen readers announce an offer as it appears.
  return (
    <div
      className={cases.length === 0 ? "" : "-mt-2 mb-6 border-l-[5px] border-border pl-4"}
      role="status"
      aria-live="polite"
      aria-label="Open cases naming these people"
    >
      {cases.map((c) => {
        const who = [...c.people.map((id) => names.get(id) ?? "Someone picked"), ...(c.place ? ["the place"] : [])];
        return (
          <p key={c.id} className="body-m mb-3">
            {who.length > 1 ? `${who.slice(0, -1).join(", ")} and ${who.at(-1)} are` : `${who[0]} is`} on open case{" "}
            <strong>
              {c.reference}: {c.title}
            </strong>
            .{" "}
            <button
              type="button"
              className="focus-like-link text-link underline underline-offset-[0.1578em] hover:text-link-hover"
              onClick={() => onLink(c.id)}
            >
              Link this incident to {c.reference}
            </button>
          </p>
        );
      })}
    </div>
  );
}
