"use client";

import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Checkboxes } from "@/components/ui/checkboxes";
import { Radios } from "@/components/ui/radios";
import { Select } from "@/components/ui/select";
import { TextInput } from "@/components/ui/text-input";
import { FormProblems } from "@/components/forms/form-problems";
import { LinkSent, RequestSent } from "@/components/admin/link-sent";
import { panelChoices } from "@/components/admin/user-access-form";
import { useForm } from "@/components/forms/use-form";
import { inviteUserAction } from "@/lib/users/actions";
import { INVITE_USER_FIELDS, ROLE_HINTS } from "@/lib/users/schema";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

/** Inviting a user: on success, where the invitation was e-mailed. */
export function InviteUserForm({ organisations, roles }: { organisations: { id: string; name: string }[]; roles: Role[] }) {
  const { state, formAction, pending, onSubmit, errors, submitted, submittedAll } = useForm(inviteUserAction);
  if (state.status === "saved" && state.sentTo) {
    const name = submitted("name") ?? "the new user";
    return (
      <>
        <LinkSent heading={`${name} has been invited`} sentTo={state.sentTo} expiresIn="3 days" />
        {state.requested?.length ? <RequestSent changes={state.requested} /> : null}
        <p className="body-m">
          <Link href={`/admin/users/${submitted("userId")}`} className="link-no-visited">
            Go to {name}&apos;s details
          </Link>
        </p>
        <p className="body-m">
          {/* A plain link: a full load starts a fresh, empty form. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/admin/users/new" className="link-no-visited">
            Invite another user
          </a>
        </p>
      </>
    );
  }
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={INVITE_USER_FIELDS} />
      <TextInput id="name" label="Full name" autoComplete="off" defaultValue={submitted("name") ?? ""} error={errors.name} />
      <TextInput
        id="email"
        label="Email address"
        hint="Their work address. They sign in with it."
        type="email"
        autoComplete="off"
        spellCheck={false}
        width={30}
        defaultValue={submitted("email") ?? ""}
        error={errors.email}
      />
      <TextInput id="jobTitle" label="Job title (optional)" defaultValue={submitted("jobTitle") ?? ""} error={errors.jobTitle} />
      {organisations.length === 1 ? (
        <>
          <input type="hidden" name="organisationId" value={organisations[0]!.id} />
          <p className="body-m">
            <strong className="font-bold">Organisation:</strong> {organisations[0]!.name}
          </p>
        </>
      ) : (
        <Select
          id="organisationId"
          label="Organisation"
          placeholder="Choose an organisation"
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          defaultValue={submitted("organisationId") ?? ""}
          error={errors.organisationId}
        />
      )}
      <Radios
        name="role"
        legend="Role"
        items={roles.map((r) => ({ value: r, label: ROLE_LABELS[r], hint: ROLE_HINTS[r] }))}
        defaultValue={submitted("role") ?? null}
        error={errors.role}
      />
      <Checkboxes
        name="panels"
        legend="Panels (optional)"
        hint="Panel members see that panel's referrals, meetings and restricted cases."
        items={panelChoices()}
        defaultValues={submittedAll("panels") ?? []}
        error={errors.panels}
      />
      <Button type="submit" disabled={pending} aria-disabled={pending}>
        Invite user
      </Button>
    </form>
  );
}
