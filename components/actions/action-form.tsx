"use client";

import { DateInput, datePartId } from "@/components/ui/date-input";
import { PageHeading } from "@/components/ui/page-heading";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { ConflictBanner } from "@/components/ui/conflict-banner";
import { FormProblems } from "@/components/forms/form-problems";
import { OrganisationOfficerFields } from "@/components/cases/lead-fields";
import { useForm } from "@/components/forms/use-form";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { addActionAction, changeActionAction } from "@/lib/case-actions/actions";
import { ACTION_DETAIL_MAX, ACTION_FIELDS } from "@/lib/case-actions/schema";
import type { AssigneeChoice } from "@/lib/case-actions/data";

// Adding an action to a case, or changing one: what needs doing, which organisation (and, if
// known, which officer) will do it, and by when. When changing, the version the officer started
// from travels with the form: if someone else saves first, nothing is written and the officer sees
// the action as it is now, with their own input still in the form.

export type ActionFormProps = {
  caseId: string;
  reference: string;
  organisations: AssigneeChoice[];
  initial: {
    title: string;
    detail: string | null;
    assignedOrganisationId: string;
    assignedUserId: string | null;
    dueDate: { day: string; month: string; year: string } | null;
  };
} & (
  | { mode: "add"; submissionKey: string }
  | {
      mode: "change";
      actionId: string;
      version: number;
      /** Only the lead organisation gives the action to another organisation. */ mayReassign: boolean;
    }
);

const hrefFor = (field: string) => (field === "dueDate" ? `#${datePartId("dueDate", "day")}` : `#${field}`);

export function ActionForm(props: ActionFormProps) {
  const { caseId, reference, organisations, initial } = props;
  const { state, formAction, pending, onSubmit, errors } = useForm(props.mode === "add" ? addActionAction : changeActionAction);
  const conflict = state.status === "conflict" ? state.conflict : undefined;
  const fixedOrganisation = props.mode === "change" && !props.mayReassign;
  return (
    <>
      <FormProblems state={state} fields={ACTION_FIELDS} hrefFor={hrefFor} />
      {conflict ? <ConflictBanner conflict={conflict} what="action" /> : null}
      <PageHeading caption={`Case ${reference}`}>{props.mode === "add" ? "Add an action" : "Change the action"}</PageHeading>
      <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
        <input type="hidden" name="caseId" value={caseId} />
        {props.mode === "add" ? (
          <input type="hidden" name="submissionKey" value={props.submissionKey} />
        ) : (
          <>
            <input type="hidden" name="actionId" value={props.actionId} />
            {/* After a conflict the officer saves over the version they have now seen. */}
            <input type="hidden" name="version" value={conflict?.version ?? props.version} />
          </>
        )}
        <TextInput
          id="title"
          label="What needs to be done"
          hint="For example, Visit the tenant to discuss the tenancy conditions"
          defaultValue={initial.title}
          error={errors.title}
        />
        <Textarea
          id="detail"
          label="Details (optional)"
          hint={`Anything the person doing it needs to know. Up to ${ACTION_DETAIL_MAX.toLocaleString("en-GB")} characters.`}
          rows={4}
          defaultValue={initial.detail ?? ""}
          error={errors.detail}
        />
        <OrganisationOfficerFields
          organisations={organisations}
          defaultOrganisationId={initial.assignedOrganisationId}
          defaultOfficerId={initial.assignedUserId ?? ""}
          errors={errors}
          names={{ organisation: "assignedOrganisationId", officer: "assignedUserId" }}
          labels={{ organisation: "Organisation that will do it", officer: "Officer (optional)", noOfficer: "Anyone in the organisation" }}
          organisationHint={
            fixedOrganisation
              ? "Only the lead organisation can give the action to another organisation."
              : "The organisation that leads the case, or one it is shared with."
          }
          officerHint={(name) => `Someone in ${name} who can see this case. Leave it as it is for the organisation to decide.`}
          fixedOrganisation={fixedOrganisation}
        />
        <DateInput
          id="dueDate"
          legend="When is it due?"
          hint="For example, 27 3 2026"
          defaultValue={initial.dueDate ?? undefined}
          error={errors.dueDate}
        />
        <SubmitOrCancel pending={pending} cancelHref={`/cases/${caseId}#actions`}>
          {props.mode === "add" ? "Add action" : "Save changes"}
        </SubmitOrCancel>
      </form>
    </>
  );
}
