"use client";

import { DateInput, datePartId } from "@/components/ui/date-input";
import { PageHeading } from "@/components/ui/page-heading";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { FormProblems } from "@/components/forms/form-problems";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { PlacePicker } from "@/components/incidents/pickers";
import { createPspoAction } from "@/lib/pspos/actions";
import { CREATE_PSPO_FIELDS, PSPO_TEXT_MAX } from "@/lib/pspos/schema";

// Recording a PSPO made by the officer's organisation. The organisation is not a field: the
// server records the officer's own.

const DATE_FIELDS = ["startsOn", "endsOn"];
const hrefFor = (field: string) => (DATE_FIELDS.includes(field) ? `#${datePartId(field, "day")}` : `#${field}`);

export function CreatePspoForm({ submissionKey, organisationName }: { submissionKey: string; organisationName: string }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(createPspoAction);
  const dateValue = (f: string) => ({ day: submitted(`${f}-day`), month: submitted(`${f}-month`), year: submitted(`${f}-year`) });
  return (
    <>
      <FormProblems state={state} fields={CREATE_PSPO_FIELDS} hrefFor={hrefFor} />
      <PageHeading caption="Tools and powers">Record a PSPO</PageHeading>
      <p className="body-m max-w-[40rem]">
        Record a Public Spaces Protection Order made by {organisationName}. It will be listed in the PSPO register for every partner.
      </p>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <TextInput
          id="name"
          label="Name of the PSPO"
          hint="For example, Kingsmere Town Centre Public Spaces Protection Order"
          defaultValue={submitted("name") ?? ""}
          error={errors.name}
        />
        <Textarea
          id="area"
          label="Restricted area"
          hint="Describe the area the order covers, as in its schedule"
          rows={3}
          defaultValue={submitted("area") ?? ""}
          error={errors.area}
        />
        <PlacePicker
          id="locationId"
          name="locationId"
          queryName="locationQuery"
          label="Place (optional)"
          hint="A place in the area, to find the PSPO from it: start typing the address or postcode"
          defaultValue={submitted("locationId") ? { id: submitted("locationId")!, label: submitted("locationQuery") ?? "" } : null}
          defaultQuery={submitted("locationQuery") ?? ""}
          error={errors.locationId}
        />
        <Textarea
          id="prohibitions"
          label="Prohibitions and requirements"
          hint={`One per line. Up to ${PSPO_TEXT_MAX.toLocaleString("en-GB")} characters.`}
          rows={6}
          defaultValue={submitted("prohibitions") ?? ""}
          error={errors.prohibitions}
        />
        <DateInput
          id="startsOn"
          legend="Date it comes into force"
          hint="For example, 1 4 2026"
          defaultValue={dateValue("startsOn")}
          error={errors.startsOn}
        />
        <DateInput
          id="endsOn"
          legend="Date it ends"
          hint="The last day it has effect. A PSPO can last no more than 3 years."
          defaultValue={dateValue("endsOn")}
          error={errors.endsOn}
        />
        <SubmitOrCancel pending={pending} cancelHref="/powers/pspos">
          Record the PSPO
        </SubmitOrCancel>
      </form>
    </>
  );
}
