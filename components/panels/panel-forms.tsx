"use client";

import { Button } from "@/components/ui/button";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { Radios } from "@/components/ui/radios";
import { TextInput } from "@/components/ui/text-input";
import { Textarea } from "@/components/ui/textarea";
import { VisuallyHidden } from "@/components/ui/visually-hidden";
import { FormProblems } from "@/components/forms/form-problems";
import { LinkSent } from "@/components/admin/link-sent";
import { useForm } from "@/components/forms/use-form";
import { decidePanelRequestAction, grantPanelMembershipAction, removePanelMemberAction } from "@/lib/panels/actions";
import type { AccountFormState } from "@/lib/auth/account-form-state";
import { PANEL_DECISION_FIELDS, PANEL_GRANT_FIELDS } from "@/lib/panels/schema";
import type { Panel } from "@/lib/generated/prisma/enums";

// The panel page's forms (the chair's access review). A link an approval makes is e-mailed to the
// account's own address; the chair is told where.

function Outcome({ state, panelName }: { state: AccountFormState; panelName: string }) {
  const name = typeof state.values?.userName === "string" ? state.values.userName : "They";
  if (state.sentTo) {
    return (
      <LinkSent
        heading={`Done. ${name} needs a new password before they can sign in`}
        sentTo={state.sentTo}
        expiresIn="24 hours (an invitation: 3 days)"
      />
    );
  }
  const heading =
    state.message === "refused"
      ? "Request refused. The person who asked can see your reason on the user's page"
      : state.message === "granted"
        ? `${name} is now on the ${panelName}`
        : `Approved`;
  return <NotificationBanner variant="success" heading={heading} />;
}

/** Approve or refuse one request; refusing needs a reason. */
export function PanelRequestDecision({
  requestId,
  version,
  panelName,
  replacesPassword,
}: {
  requestId: string;
  version: number;
  panelName: string;
  replacesPassword: boolean;
}) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(decidePanelRequestAction);
  if (state.status === "saved") return <Outcome state={state} panelName={panelName} />;
  const ids: Record<string, string> = { decision: `decision-${requestId}`, note: `note-${requestId}` };
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
      <FormProblems state={state} fields={PANEL_DECISION_FIELDS} hrefFor={(field) => `#${ids[field] ?? field}`} />
      <input type="hidden" name="requestId" value={requestId} />
      <input type="hidden" name="version" value={version} />
      <Radios
        name="decision"
        idPrefix={ids.decision}
        legend="Your decision"
        legendSize="s"
        inline
        items={[
          {
            value: "approve",
            label: "Approve",
            hint: replacesPassword
              ? "Their password could be known to someone else, so approving also e-mails them a link to set a new one."
              : undefined,
          },
          { value: "refuse", label: "Refuse" },
        ]}
        defaultValue={submitted("decision") ?? null}
        error={errors.decision}
      />
      <Textarea
        id={ids.note!}
        name="note"
        label="Reason (needed to refuse)"
        hint="Shown to the person who asked. No case details."
        rows={2}
        defaultValue={submitted("note") ?? ""}
        error={errors.note}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending} className="mb-0">
        Confirm decision
      </Button>
    </form>
  );
}

/** A chair adds someone to the panel by their exact e-mail address. */
export function AddPanelMemberForm({ panel, panelName }: { panel: Panel; panelName: string }) {
  const { state, formAction, pending, onSubmit, errors, submitted } = useForm(grantPanelMembershipAction);
  if (state.status === "saved") return <Outcome state={state} panelName={panelName} />;
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={PANEL_GRANT_FIELDS} />
      <input type="hidden" name="panel" value={panel} />
      <TextInput
        id="email"
        label="Their email address"
        hint="Exactly as their account has it"
        type="email"
        autoComplete="off"
        spellCheck={false}
        width={30}
        defaultValue={submitted("email") ?? ""}
        error={errors.email}
      />
      <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending}>
        Add to the {panelName}
      </Button>
    </form>
  );
}

/** Takes one member off the panel (the access review). */
export function RemovePanelMember({ panel, userId, name }: { panel: Panel; userId: string; name: string }) {
  const { state, formAction, pending, onSubmit } = useForm(removePanelMemberAction);
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate>
      {state.status === "error" ? <p className="body-s text-error font-bold">{state.message}</p> : null}
      <input type="hidden" name="panel" value={panel} />
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" variant="warning" disabled={pending} aria-disabled={pending} className="mb-0">
        Take off<VisuallyHidden> {name}</VisuallyHidden>
      </Button>
    </form>
  );
}
