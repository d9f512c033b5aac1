"use client";

import { Button } from "@/components/ui/button";
import { FormProblems } from "@/components/forms/form-problems";
import { LinkSent, RequestSent } from "@/components/admin/link-sent";
import { useForm } from "@/components/forms/use-form";
import { reissueInvitationAction, userAccountAction } from "@/lib/users/actions";
import type { UserAction } from "@/lib/users/schema";

const LABELS: Record<UserAction, { button: string; variant: "secondary" | "warning"; explain: string }> = {
  "reset-password": {
    button: "Reset password",
    variant: "secondary",
    explain:
      "E-mails them a one-time link to set a new password, and signs them out everywhere. Two-factor sign-in stays on if they use it. For a MARAC member this asks a MARAC chair to approve it first.",
  },
  "end-sessions": {
    button: "Sign out everywhere",
    variant: "secondary",
    explain: "Ends every session they have, on every device (a lost laptop, a shared computer).",
  },
  disable: {
    button: "Disable account",
    variant: "warning",
    explain: "They are signed out at once and cannot sign in until the account is enabled again.",
  },
  enable: { button: "Enable account", variant: "secondary", explain: "They can sign in again with their existing password." },
  "remove-two-factor": {
    button: "Remove two-factor sign-in",
    variant: "warning",
    explain:
      "Only when they have lost their phone and their recovery codes, and you have checked who is asking. They are signed out, and set it up again when they next sign in if it is required. For a MARAC member this asks a MARAC chair to approve it.",
  },
};

/** One account action (a button with its explanation); a reset says where its link was e-mailed. */
export function UserAccountAction({ userId, action, userName }: { userId: string; action: UserAction; userName: string }) {
  const { state, formAction, pending, onSubmit } = useForm(userAccountAction);
  const label = LABELS[action];
  if (state.status === "saved" && state.sentTo) {
    return <LinkSent heading={`Password reset link sent to ${userName}`} sentTo={state.sentTo} expiresIn="24 hours" />;
  }
  if (state.status === "saved" && state.requested) return <RequestSent changes={state.requested} />;
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="mb-6">
      <FormProblems state={state} fields={[]} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="action" value={action} />
      <p className="body-m mb-2">{label.explain}</p>
      <Button type="submit" variant={label.variant} disabled={pending} aria-disabled={pending} className="mb-0">
        {label.button}
      </Button>
    </form>
  );
}

export function ReissueInvitation({ userId, userName }: { userId: string; userName: string }) {
  const { state, formAction, pending, onSubmit } = useForm(reissueInvitationAction);
  if (state.status === "saved" && state.sentTo) {
    return <LinkSent heading={`New invitation sent to ${userName}`} sentTo={state.sentTo} expiresIn="3 days" />;
  }
  if (state.status === "saved" && state.requested) return <RequestSent changes={state.requested} />;
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="mb-6">
      <FormProblems state={state} fields={[]} />
      <input type="hidden" name="userId" value={userId} />
      <p className="body-m mb-2">They have not set a password yet. A new invitation e-mail replaces the old link.</p>
      <Button type="submit" variant="secondary" disabled={pending} aria-disabled={pending} className="mb-0">
        Send a new invitation
      </Button>
    </form>
  );
}
