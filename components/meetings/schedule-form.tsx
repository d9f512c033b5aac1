"use client";

import { useState } from "react";
import { Checkboxes } from "@/components/ui/checkboxes";
import { datePartId } from "@/components/ui/date-input";
import { MeetingWhenFields } from "@/components/meetings/meeting-when-fields";
import { PageHeading } from "@/components/ui/page-heading";
import { Radios } from "@/components/ui/radios";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { scheduleMeetingAction } from "@/lib/meetings/actions";
import { SCHEDULE_FIELDS } from "@/lib/meetings/schema";
import type { Panel } from "@/lib/generated/prisma/enums";

type Choices = {
  panels: Panel[];
  chairs: { panel: Panel; users: { id: string; name: string; organisationShortName: string }[] }[];
  organisations: { id: string; name: string; shortName: string }[];
};

const hrefFor = (field: string) =>
  field === "date" ? `#${datePartId("date", "day")}` : field === "panel" || field === "organisationIds" ? `#${field}` : `#${field}`;

/** Scheduling a CCM or MARAC meeting: panel, date and time (London), venue, chair, who attends. */
export function ScheduleMeetingForm({ submissionKey, choices, actorId }: { submissionKey: string; choices: Choices; actorId: string }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(scheduleMeetingAction);
  const [panel, setPanel] = useState<Panel>((submitted("panel") as Panel | undefined) ?? choices.panels[0]!);
  const chairs = choices.chairs.find((c) => c.panel === panel)?.users ?? [];
  const submittedOrganisations = state.values?.organisationIds;
  return (
    <>
      <FormProblems state={state} fields={SCHEDULE_FIELDS} hrefFor={hrefFor} />
      <PageHeading caption="Meetings">Schedule a meeting</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="submissionKey" value={submissionKey} />
        {choices.panels.length > 1 ? (
          <Radios
            name="panel"
            legend="Panel"
            items={choices.panels.map((p) => ({
              value: p,
              label: p === "MARAC" ? "MARAC (high-risk domestic abuse)" : "CCM (ASB and vulnerability)",
            }))}
            value={panel}
            onChange={(v) => setPanel(v as Panel)}
            error={errors.panel}
          />
        ) : (
          <>
            <input type="hidden" name="panel" value={panel} />
            <p className="body-m">
              Panel: <strong>{panel}</strong>
            </p>
          </>
        )}
        <MeetingWhenFields
          hint="For example, 18 12 2026. For a meeting already held, give the date it was held: you then record what happened at it."
          submitted={submitted}
          errors={errors}
        />
        <TextInput id="venue" label="Venue (optional)" defaultValue={submitted("venue") ?? ""} error={errors.venue} />
        <Select
          key={panel}
          id="chairId"
          label="Chair"
          options={chairs.map((u) => ({ value: u.id, label: `${u.name} (${u.organisationShortName})` }))}
          defaultValue={submitted("chairId") ?? (chairs.some((u) => u.id === actorId) ? actorId : "")}
          placeholder="Select the chair"
          error={errors.chairId}
        />
        <Checkboxes
          name="organisationIds"
          legend="Organisations invited to attend"
          hint="Actions agreed at the meeting can be given to these organisations."
          items={choices.organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.shortName})` }))}
          defaultValues={
            Array.isArray(submittedOrganisations) ? submittedOrganisations : submittedOrganisations ? [submittedOrganisations] : []
          }
          error={errors.organisationIds}
        />
        <SubmitOrCancel pending={pending} cancelHref="/meetings">
          Schedule the meeting
        </SubmitOrCancel>
      </form>
    </>
  );
}
