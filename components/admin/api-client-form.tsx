"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Checkboxes } from "@/components/ui/checkboxes";
import { DateInput, datePartId, type DateInputValue } from "@/components/ui/date-input";
import { NotificationBanner } from "@/components/ui/notification-banner";
import { TextInput } from "@/components/ui/text-input";
import { WarningText } from "@/components/ui/warning-text";
import { FormProblems } from "@/components/forms/form-problems";
import { SubmitOrCancel } from "@/components/forms/submit-or-cancel";
import { useForm } from "@/components/forms/use-form";
import { createApiClientAction } from "@/lib/api/clients/actions";
import type { NewApiClientFormState } from "@/lib/api/clients/form-state";
import { DEFAULT_RATE_LIMIT, MAX_CLIENT_YEARS, MAX_RATE_LIMIT, NEW_API_CLIENT_FIELDS } from "@/lib/api/clients/schema";
import { API_SCOPES, scopeLabel } from "@/lib/api/clients/scopes";

// Making an API client. On success the token is shown this once, from the action's answer (it is
// in no URL and nowhere else), with how the partner system sends it.

const IDLE: NewApiClientFormState = { status: "idle" };
const hrefFor = (field: string) => (field === "expires" ? `#${datePartId("expires", "day")}` : `#${field}`);

export function NewApiClientForm({ defaultExpiry }: { defaultExpiry: DateInputValue }) {
  const { state, formAction, pending, onSubmit, errors, submitted, submittedAll } = useForm(createApiClientAction, IDLE);
  if (state.status === "saved" && state.token && state.clientId) {
    return <TokenIssued name={submitted("name") ?? "The API client"} clientId={state.clientId} token={state.token} />;
  }
  const typedExpiry = state.values
    ? { day: submitted("expires-day"), month: submitted("expires-month"), year: submitted("expires-year") }
    : null;
  return (
    <form method="post" action={formAction} onSubmit={onSubmit} noValidate className="max-w-[40rem]">
      <FormProblems state={state} fields={NEW_API_CLIENT_FIELDS} hrefFor={hrefFor} />
      <TextInput
        id="name"
        label="Name"
        hint="The partner system it is for, such as “Police records link”. Records it writes and the audit trail name it."
        autoComplete="off"
        defaultValue={submitted("name") ?? ""}
        error={errors.name}
      />
      <Checkboxes
        name="scopes"
        legend="What it may do"
        hint="Choose only what the partner system needs. It never reaches more than your organisation's officers can."
        items={API_SCOPES.map((scope) => ({ value: scope, label: scopeLabel(scope) }))}
        defaultValues={submittedAll("scopes") ?? []}
        error={errors.scopes}
      />
      <TextInput
        id="allowedRange"
        label="Addresses it calls from (optional)"
        hint="One address or range, such as 203.0.113.0/24. Calls from anywhere else are refused. Leave blank to accept any address."
        autoComplete="off"
        spellCheck={false}
        width={20}
        defaultValue={submitted("allowedRange") ?? ""}
        error={errors.allowedRange}
      />
      <TextInput
        id="rateLimitPerMinute"
        label="Calls a minute (optional)"
        hint={`Calls beyond this are refused until the next minute. From 1 to ${MAX_RATE_LIMIT}; leave blank for ${DEFAULT_RATE_LIMIT}.`}
        inputMode="numeric"
        autoComplete="off"
        width={5}
        defaultValue={submitted("rateLimitPerMinute") ?? ""}
        error={errors.rateLimitPerMinute}
      />
      <DateInput
        id="expires"
        legend="Expiry date"
        hint={`The last day it works, at most ${MAX_CLIENT_YEARS} years from today. For example, 27 3 2027.`}
        defaultValue={typedExpiry ?? defaultExpiry}
        error={errors.expires}
      />
      <SubmitOrCancel pending={pending} cancelHref="/admin/api-clients">
        Make the API client
      </SubmitOrCancel>
    </form>
  );
}

/** The token, this once, with how it is used. */
function TokenIssued({ name, clientId, token }: { name: string; clientId: string; token: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <>
      <NotificationBanner variant="success" heading={`${name} has been made`}>
        <p className="body-m">Give its token to the partner system&apos;s administrator now, by a secure route.</p>
      </NotificationBanner>
      <h2 className="heading-m">Its token</h2>
      <WarningText>
        This is the only time the token is shown. We keep only a fingerprint of it, so nobody can read it again. If it is lost, revoke this
        client and make a new one.
      </WarningText>
      <code className="block mb-4 p-4 border-2 border-border-input bg-white body-m font-mono break-all">{token}</code>
      <Button
        type="button"
        variant="secondary"
        onClick={() =>
          navigator.clipboard?.writeText(token).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        Copy the token
      </Button>
      <p role="status" className="body-s">
        {copied ? "Copied to the clipboard" : ""}
      </p>
      <h2 className="heading-m">How the partner system uses it</h2>
      <p className="body-m">
        It sends the token with every call to this service&apos;s API (the{" "}
        <Link href="/admin/api" className="link-no-visited">
          API reference
        </Link>{" "}
        describes it), in this header:
      </p>
      <p className="body-m">
        <code className="font-mono break-all">Authorization: Bearer &lt;token&gt;</code>
      </p>
      <p className="body-m">
        Calls are refused once the client is revoked or has expired, or when they come from outside its addresses. MARAC cases are never
        included unless a chair of the MARAC grants it access.
      </p>
      <p className="body-m">
        <Link href={`/admin/api-clients/${clientId}`} className="link-no-visited">
          Go to {name}&apos;s details
        </Link>
      </p>
      <p className="body-m">
        {/* A plain link: a full load starts a fresh, empty form. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/admin/api-clients/new" className="link-no-visited">
          Make another API client
        </a>
      </p>
    </>
  );
}
