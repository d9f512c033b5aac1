"use client";

import { CheckedForm, useCheckedForm } from "@/components/forms/checked-form";
import { revokeApiClientAction } from "@/lib/api/clients/actions";
import type { RevokeApiClientFormState } from "@/lib/api/clients/form-state";

// Revoking a client, checked first (components/forms/checked-form): the first button asks the
// server what will happen; the check step names it, and only its button revokes.

export function RevokeApiClient({ clientId, version }: { clientId: string; version: number }) {
  const form = useCheckedForm<RevokeApiClientFormState>(revokeApiClientAction);
  return (
    <CheckedForm
      form={form}
      fields={[]}
      hidden={{ clientId, version }}
      submitLabel="Revoke this client"
      submitVariant="warning"
      check={{
        title: "Check before you revoke the client",
        confirmLabel: "Revoke the client",
        confirmVariant: "warning",
        changeLabel: "Keep the client",
      }}
      note={<p className="body-m">The partner system must be given a new client and token to connect again.</p>}
    >
      <p className="body-m">Its next call is refused. A revoked client cannot be restored.</p>
    </CheckedForm>
  );
}
