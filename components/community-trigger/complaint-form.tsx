"use client";

import { useState } from "react";
import { DateInput } from "@/components/ui/date-input";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { addComplaintAction } from "@/lib/community-trigger/actions";
import { COMPLAINT_DATES, COMPLAINT_FIELDS, NEW_PROBLEM, triggerFieldHref } from "@/lib/community-trigger/schema";
import { formatDate } from "@/lib/format/dates";
import { TYPE_LABELS } from "@/lib/incidents/labels";
import type { AsbType } from "@/lib/generated/prisma/enums";

// A complaint the Community Trigger application rests on. Complaints count together only when they
// are about the same problem, so the problems already recorded are offered as choices: a further
// complaint about one of them is recorded in the same words.

export type ComplaintFormChoices = {
  incidents: { id: string; reference: string; occurredAt: Date; type: AsbType }[];
  problems: string[];
};

const PROBLEM_HINT = "Complaints count towards the threshold together only when they are about the same problem.";

export function ComplaintForm({ caseId, reference, choices }: { caseId: string; reference: string; choices: ComplaintFormChoices }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(addComplaintAction);
  const [problem, setProblem] = useState<string | null>(submitted("problemChoice") ?? null);
  const offered = choices.problems.length > 0;

  return (
    <>
      <FormProblems state={state} fields={COMPLAINT_FIELDS} hrefFor={triggerFieldHref(COMPLAINT_DATES)} />
      <PageHeading caption={`Case ${reference}`}>Add a qualifying complaint</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        {choices.incidents.length > 0 ? (
          <Select
            id="incidentId"
            label="Incident the complaint was about (optional)"
            hint="Incidents in this case. If you choose one, you can leave the date of the incident blank."
            placeholder="None of these"
            options={choices.incidents.map((i) => ({
              value: i.id,
              label: `${i.reference} – ${formatDate(i.occurredAt)}, ${TYPE_LABELS[i.type].toLowerCase()}`,
            }))}
            defaultValue={submitted("incidentId") ?? ""}
            error={errors.incidentId}
          />
        ) : null}
        <DateInput id="incidentDate" legend="Date of the incident" error={errors.incidentDate} />
        <DateInput
          id="complaintDate"
          legend="Date the complaint was made"
          hint="To count, it must be made within the partnership’s time limit after the incident. For example, 27 3 2026"
          error={errors.complaintDate}
        />
        <TextInput
          id="madeTo"
          label="Who the complaint was made to"
          hint="The organisation, and the team if known, for example Kingsmere Council ASB team or the Metropolitan Police"

          error={errors.madeTo}
        />
        {offered ? (
          <>
            <input type="hidden" name="problemOffered" value="yes" />
            <Radios
              name="problemChoice"
              legend="What was the complaint about?"
              hint={PROBLEM_HINT}
              items={[...choices.problems.map((p) => ({ value: p, label: p })), { value: NEW_PROBLEM, label: "A different problem" }]}
              value={problem}
              onChange={setProblem}
              error={errors.problemChoice}
            />
            {problem === NEW_PROBLEM ? <TextInput id="problemText" label="Describe the problem" error={errors.problemText} /> : null}
          </>
        ) : (
          <TextInput
            id="problemText"
            label="What was the complaint about?"
            hint={`Describe the problem, for example “Noise from parties at 10 Quarry Lane”. ${PROBLEM_HINT}`}
            error={errors.problemText}
          />
        )}
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}/community-trigger`}>
          Add complaint
        </SubmitOrCancel>
      </form>
    </>
  );
}
