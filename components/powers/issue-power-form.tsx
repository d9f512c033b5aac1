"use client";

import { useEffect, useState, type FormEvent } from "react";
import { ConfirmedValues, useCheckStep } from "@/components/ui/check-step";
import { Button, ButtonGroup } from "@/components/ui/button";
import { DateInput, datePartId } from "@/components/ui/date-input";
import { Radios } from "@/components/ui/radios";
import { Select } from "@/components/ui/select";
import { SummaryList } from "@/components/ui/summary-list";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { PageHeading } from "@/components/ui/page-heading";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { WithDraft } from "@/components/forms/drafts";
import { DRAFT_KEYS } from "@/components/forms/draft-keys";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { PersonPicker, PlacePicker } from "@/components/incidents/pickers";
import { issuePowerAction } from "@/lib/powers/actions";
import type { IssueChoices } from "@/lib/powers/data";
import type { PowerFormState } from "@/lib/powers/form-state";
import { ISSUE_POWER_FIELDS, POWER_TEXT_MAX } from "@/lib/powers/schema";

// Recording a power used, in two steps: the form, then a check page naming what will be recorded
// and to whom (consequential, so never one click). The form stays on the page (hidden) during the
// check, so "Change" returns to it exactly as typed; the check posts the same values confirmed.

const DATE_FIELDS = ["issuedOn", "expiresOn", "hearingOn"];

/** The day typed into the three date boxes as YYYY-MM-DD, or null while it is not a real date. */
function isoDay(day = "", month = "", year = ""): string | null {
  const [d, m, y] = [day, month, year].map((p) => p.trim());
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!)) return null;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) return null;
  return date.toISOString().slice(0, 10);
}

const dayText = (iso: string) => iso.split("-").reverse().join("/");
const hrefFor = (field: string) =>
  DATE_FIELDS.includes(field) ? `#${datePartId(field, "day")}` : field === "subjectType" ? "#subjectType" : `#${field}`;

type IssuePowerFormProps = {
  choices: IssueChoices;
  submissionKey: string;
  actor: { userId: string; organisationName: string };
};

/** The form with its draft (components/forms/drafts): restoring draws it afresh from the draft. */
export function IssuePowerForm(props: IssuePowerFormProps) {
  return (
    <WithDraft<PowerFormState> formKey={DRAFT_KEYS.newPower}>
      {({ attachForm, initialState }) => <IssuePowerFormBody {...props} attachForm={attachForm} initialState={initialState} />}
    </WithDraft>
  );
}

function IssuePowerFormBody({
  choices,
  submissionKey,
  actor,
  attachForm,
  initialState,
}: IssuePowerFormProps & { attachForm: (form: HTMLFormElement | null) => void; initialState: PowerFormState }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(issuePowerAction, initialState);
  const review = (state as PowerFormState).review;
  const { checking, headingRef: reviewHeading, change } = useCheckStep<HTMLSpanElement>(review, state);
  useEffect(() => {
    document.title = checking
      ? document.title.replace(/^(Error: )?Record a power/, "Check the power before recording it")
      : document.title.replace("Check the power before recording it", "Record a power");
  }, [checking]);

  const [kindId, setKindId] = useState(submitted("kindId") ?? "");
  const [subjectType, setSubjectType] = useState(submitted("subjectType") ?? "person");
  const kind = choices.kinds.find((k) => k.id === kindId);
  const underPspo = kind?.code === choices.pspoFpnKindCode;
  // The PSPOs offered are those in force on the date issued, as typed (all of them until it is a real date).
  const [issuedDay, setIssuedDay] = useState(isoDay(submitted("issuedOn-day"), submitted("issuedOn-month"), submitted("issuedOn-year")));
  const [pspoId, setPspoId] = useState(submitted("pspoId") ?? "");
  const pspos = issuedDay ? choices.pspos.filter((p) => p.startsOn <= issuedDay && issuedDay <= p.endsOn) : choices.pspos;
  const onDateChange = (event: FormEvent<HTMLFormElement>) => {
    const field = (name: string) => (event.currentTarget.elements.namedItem(name) as HTMLInputElement | null)?.value;
    if ((event.target as HTMLElement).getAttribute("name")?.startsWith("issuedOn-"))
      setIssuedDay(isoDay(field("issuedOn-day"), field("issuedOn-month"), field("issuedOn-year")));
  };
  const dateValue = (f: string) => ({ day: submitted(`${f}-day`), month: submitted(`${f}-month`), year: submitted(`${f}-year`) });

  return (
    <>
      {checking && review ? (
        <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[50rem]">
          <PageHeading caption="Record a power">
            <span ref={reviewHeading} tabIndex={-1} className="outline-none">
              Check the power before recording it
            </span>
          </PageHeading>
          <p className="heading-s">{review.heading}.</p>
          <SummaryList rows={review.rows.map((r) => ({ key: r.key, value: r.value }))} />
          <ConfirmedValues values={state.values} />
          <p className="body-m">
            The record goes on the case timeline (if a case is linked) and on the person’s profile, where partners who may see them will
            read it.
          </p>
          <ButtonGroup>
            <Button type="submit" disabled={pending} aria-disabled={pending}>
              Record the power
            </Button>
            <Button type="button" variant="secondary" onClick={change}>
              Change the details
            </Button>
          </ButtonGroup>
        </form>
      ) : null}
      <div hidden={checking}>
        <FormProblems state={state} fields={ISSUE_POWER_FIELDS} hrefFor={hrefFor} />
        <PageHeading caption="Tools and powers">Record a power</PageHeading>
        <form
          ref={attachForm}
          method="post"
          action={formAction}
          onSubmit={onSubmit}
          onChange={onDateChange}
          noValidate
          className="max-w-[40rem]"
        >
          <input type="hidden" name="submissionKey" value={submissionKey} />
          <Select
            id="kindId"
            label="Kind of power"
            placeholder="Select the kind of power"
            options={choices.kinds.map((k) => ({ value: k.id, label: k.name }))}
            value={kindId}
            onChange={(e) => setKindId(e.target.value)}
            error={errors.kindId}
          />
          {kind ? <p className="body-s text-ink-secondary -mt-4 mb-6">{kind.legalBasis}</p> : null}
          <Radios
            name="subjectType"
            legend="Who was it issued to?"
            items={[
              { value: "person", label: "A person (alleged perpetrator)" },
              {
                value: "business",
                label: "A business or organisation",
                hint:
                  kind && !kind.allowsBusinessSubject
                    ? `A ${kind.name} cannot be issued to a business`
                    : "For example, for a closure or a CPN on a business",
                disabled: Boolean(kind && !kind.allowsBusinessSubject),
              },
            ]}
            value={subjectType}
            onChange={setSubjectType}
            error={errors.subjectType}
          />
          <div hidden={subjectType !== "person"}>
            <PersonPicker
              id="subjectPersonId"
              name="subjectPersonId"
              queryName="subjectPersonQuery"
              label="Person"
              hint="Start typing their name, then choose them from the list"
              defaultValue={
                submitted("subjectPersonId") ? { id: submitted("subjectPersonId")!, label: submitted("subjectPersonQuery") ?? "" } : null
              }
              defaultQuery={submitted("subjectPersonQuery") ?? ""}
              error={errors.subjectPersonId}
            />
          </div>
          <div hidden={subjectType !== "business"}>
            <TextInput
              id="subjectBusinessName"
              label="Name of the business or organisation"
              defaultValue={submitted("subjectBusinessName") ?? ""}
              error={errors.subjectBusinessName}
            />
          </div>
          <PlacePicker
            id="locationId"
            name="locationId"
            queryName="locationQuery"
            label="Place (optional)"
            hint="Where the power applies or was served: start typing the address or postcode"
            defaultValue={submitted("locationId") ? { id: submitted("locationId")!, label: submitted("locationQuery") ?? "" } : null}
            defaultQuery={submitted("locationQuery") ?? ""}
            error={errors.locationId}
          />
          <Select
            id="caseId"
            label="Case (optional)"
            hint="Cases your organisation leads or that are shared with it. The power will appear on the case timeline."
            placeholder="Not linked to a case"
            options={choices.cases.map((c) => ({ value: c.id, label: `${c.reference}: ${c.title}` }))}
            defaultValue={submitted("caseId") ?? ""}
            error={errors.caseId}
          />
          <Select
            id="issuingOfficerId"
            label="Issuing officer"
            hint={`The issuing organisation is ${actor.organisationName}`}
            options={choices.officers.map((o) => ({ value: o.id, label: o.jobTitle ? `${o.name} (${o.jobTitle})` : o.name }))}
            defaultValue={submitted("issuingOfficerId") ?? actor.userId}
            error={errors.issuingOfficerId}
          />
          <DateInput
            id="issuedOn"
            legend="Date issued"
            hint="For example, 27 3 2026"
            defaultValue={dateValue("issuedOn")}
            error={errors.issuedOn}
          />
          {underPspo ? (
            <Select
              id="pspoId"
              label="PSPO it was issued under"
              hint={issuedDay ? `PSPOs in force on ${dayText(issuedDay)}` : "Enter the date issued to see only the PSPOs in force that day"}
              placeholder={pspos.length > 0 ? "Select the PSPO" : "No PSPO in force on that date"}
              options={pspos.map((p) => ({
                value: p.id,
                label: `${p.reference}: ${p.name} (${dayText(p.startsOn)} to ${dayText(p.endsOn)})`,
              }))}
              value={pspos.some((p) => p.id === pspoId) ? pspoId : ""}
              onChange={(e) => setPspoId(e.target.value)}
              error={errors.pspoId}
            />
          ) : null}
          <DateInput
            id="expiresOn"
            legend={kind && !kind.hasExpiry ? "Expiry date (optional)" : "Expiry date"}
            hint={
              kind?.hasExpiry
                ? `A ${kind.name} has an expiry date. The power ends when that day begins.`
                : "Leave blank if it has no expiry date"
            }
            defaultValue={dateValue("expiresOn")}
            error={errors.expiresOn}
          />
          <Textarea
            id="conditions"
            label="Conditions or requirements (optional)"
            hint={`What the subject must or must not do. Up to ${POWER_TEXT_MAX.toLocaleString("en-GB")} characters.`}
            rows={4}
            defaultValue={submitted("conditions") ?? ""}
            error={errors.conditions}
          />
          <div hidden={Boolean(kind && !kind.needsCourt)}>
            <TextInput
              id="courtName"
              label="Court"
              hint="For powers made by a court, for example Kingsmere Magistrates’ Court"
              defaultValue={submitted("courtName") ?? ""}
              error={errors.courtName}
            />
            <DateInput
              id="hearingOn"
              legend="Hearing date"
              hint="For example, 14 4 2026"
              defaultValue={dateValue("hearingOn")}
              error={errors.hearingOn}
            />
          </div>
          <SubmitOrCancel pending={pending} cancelHref="/powers">
            Continue
          </SubmitOrCancel>
        </form>
      </div>
    </>
  );
}
