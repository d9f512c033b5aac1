"use client";

import { Checkboxes } from "@/components/ui/checkboxes";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { WarningText } from "@/components/ui/warning-text";
import { openCaseAction } from "@/lib/cases/actions";
import { CASE_KIND_HINTS, CASE_KIND_LABELS } from "@/lib/cases/labels";
import { NEW_CASE_FIELDS, SUMMARY_MAX } from "@/lib/cases/schema";
import { choicesOf, RISK_LEVEL_LABELS, ROLE_LABELS, TYPE_LABELS } from "@/lib/incidents/labels";
import { formatDateTime } from "@/lib/format/dates";
import type { IncidentForNewCase } from "@/lib/cases/data";
import { FormProblems } from "@/components/forms/form-problems";
import { HappenedOnField } from "@/components/forms/happened-on-field";
import { LeadFields, type LeadOrganisationOption } from "./lead-fields";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";

// Opening a case, from scratch or from incidents (`/cases/new?incident=…`). The incidents it was
// opened from are ticked, with the people and places in them, so the officer only unticks what
// does not belong. More incidents can be added by reference. A case recorded afterwards takes the
// day it was opened (lib/history), which its reference's year and its first timeline entries follow.

export type NewCaseFormProps = {
  submissionKey: string;
  organisations: LeadOrganisationOption[];
  ownOrganisationId: string;
  /** The officer opening the case, who leads it unless they choose otherwise. */
  ownUserId: string;
  incidents: IncidentForNewCase[];
  /** Incidents in the link that cannot be used, in words. */
  refusedIncidents: string[];
};

const KINDS = choicesOf(CASE_KIND_LABELS).map((k) => ({ ...k, hint: CASE_KIND_HINTS[k.value] }));
const RISK_LEVELS = choicesOf(RISK_LEVEL_LABELS);

export function NewCaseForm({ submissionKey, organisations, ownOrganisationId, ownUserId, incidents, refusedIncidents }: NewCaseFormProps) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(openCaseAction);

  const people = uniqueBy(
    incidents.flatMap((i) => i.people.map((p) => ({ ...p, from: i.reference }))),
    (p) => `${p.personId}|${p.role}`,
  );
  const places = uniqueBy(
    incidents.flatMap((i) => (i.place ? [{ ...i.place, from: i.reference }] : [])),
    (p) => p.id,
  );

  return (
    <>
      <FormProblems state={state} fields={NEW_CASE_FIELDS} />
      <PageHeading caption="Cases">Open a case</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="submissionKey" value={submissionKey} />

        <Radios
          name="kind"
          legend="What kind of case is it?"
          legendSize="m"
          items={KINDS}
          defaultValue={submitted("kind")}
          error={errors.kind}
        />
        <TextInput
          id="title"
          label="Title"
          hint="A short description of the problem and where it is, for example ‘Noise from Flat 12 Cordwainer Court’. It is shown in case lists."
          defaultValue={submitted("title")}
          error={errors.title}
        />
        <Textarea
          id="summary"
          label="Summary (optional)"
          hint={`What the problem is, who is affected and what has been done so far. Up to ${SUMMARY_MAX.toLocaleString("en-GB")} characters.`}
          rows={6}
          defaultValue={submitted("summary")}
          error={errors.summary}
        />
        <Radios
          name="riskLevel"
          legend="Risk level"
          items={RISK_LEVELS}
          inline
          defaultValue={submitted("riskLevel") ?? "STANDARD"}
          error={errors.riskLevel}
        />
        <LeadFields
          organisations={organisations}
          defaultOrganisationId={submitted("leadOrganisationId") ?? ownOrganisationId}
          defaultOfficerId={
            submitted("leadOfficerId") ?? (organisations.some((o) => o.officers.some((u) => u.id === ownUserId)) ? ownUserId : "")
          }
          errors={errors}
        />
        <HappenedOnField
          what="the case was opened"
          error={errors.happenedOn}
          defaultValue={{ day: submitted("happenedOn-day"), month: submitted("happenedOn-month"), year: submitted("happenedOn-year") }}
        />

        <h2 className="heading-m">Incidents</h2>
        {refusedIncidents.length > 0 ? (
          <WarningText>
            {refusedIncidents.length === 1 ? refusedIncidents[0] : "Some incidents cannot be added to this case:"}
            {refusedIncidents.length > 1 ? (
              <ul className="list-disc pl-5 mt-2 mb-0 font-normal">
                {refusedIncidents.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ) : null}
          </WarningText>
        ) : null}
        {incidents.length > 0 ? (
          <Checkboxes
            name="incidentIds"
            legend="Incidents this case is opened from"
            hint="Untick any that do not belong in the case."
            items={incidents.map((i) => ({
              value: i.id,
              label: i.reference,
              hint: [formatDateTime(i.occurredAt), TYPE_LABELS[i.type], i.place?.label, `logged by ${i.reportingOrganisation}`]
                .filter(Boolean)
                .join(" · "),
            }))}
            defaultValues={state.values ? asList(state.values.incidentIds) : incidents.map((i) => i.id)}
            error={errors.incidentIds}
          />
        ) : null}
        <TextInput
          id="incidentReferences"
          label={incidents.length > 0 ? "Other incidents (optional)" : "Incident references (optional)"}
          hint="For example, INC-2026-000123. Separate several with commas or spaces. You can also add incidents later."
          autoComplete="off"
          spellCheck={false}
          defaultValue={submitted("incidentReferences")}
          error={errors.incidentReferences}
        />

        {people.length > 0 ? (
          <Checkboxes
            name="people"
            legend="People in these incidents"
            hint="They will be added to the case in the same role. Untick anyone who does not belong in it."
            items={people.map((p) => ({
              value: `${p.personId}|${p.role}`,
              label: `${p.name}: ${ROLE_LABELS[p.role].toLowerCase()}`,
              hint: `In ${p.from}`,
            }))}
            defaultValues={state.values ? asList(state.values.people) : people.map((p) => `${p.personId}|${p.role}`)}
            error={errors.people}
          />
        ) : null}
        {places.length > 0 ? (
          <Checkboxes
            name="placeIds"
            legend="Places in these incidents"
            hint="Untick any that do not belong in the case."
            items={places.map((p) => ({ value: p.id, label: p.label, hint: `In ${p.from}` }))}
            defaultValues={state.values ? asList(state.values.placeIds) : places.map((p) => p.id)}
            error={errors.placeIds}
          />
        ) : null}

        <SubmitOrCancel pending={pending} cancelHref="/cases">
          Open case
        </SubmitOrCancel>
      </form>
    </>
  );
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function asList(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
