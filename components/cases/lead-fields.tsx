"use client";

import { useState } from "react";
import { Select } from "@/components/ui/select";
import type { FieldErrors } from "@/lib/errors";

export type LeadOrganisationOption = { id: string; name: string; officers: { id: string; name: string; jobTitle: string | null }[] };

/**
 * The lead organisation and lead officer. The officer list follows the organisation chosen: only
 * its own people can lead the case (the server checks this too).
 */
export function LeadFields({
  organisations,
  defaultOrganisationId,
  defaultOfficerId,
  errors,
  organisationHint = "The organisation responsible for the case. It decides who else can see it and when it closes.",
}: {
  organisationHint?: string;
  organisations: LeadOrganisationOption[];
  defaultOrganisationId: string;
  defaultOfficerId: string;
  errors: FieldErrors;
}) {
  const [organisationId, setOrganisationId] = useState(defaultOrganisationId);
  const organisation = organisations.find((o) => o.id === organisationId);
  return (
    <>
      <Select
        id="leadOrganisationId"
        label="Lead organisation"
        hint={organisationHint}
        options={organisations.map((o) => ({ value: o.id, label: o.name }))}
        value={organisationId}
        onChange={(event) => setOrganisationId(event.currentTarget.value)}
        error={errors.leadOrganisationId}
      />
      <Select
        // A new organisation starts with no officer chosen.
        key={organisationId}
        id="leadOfficerId"
        label="Lead officer (optional)"
        hint={organisation ? `Someone in ${organisation.name} who works on cases` : undefined}
        placeholder="Not assigned yet"
        options={(organisation?.officers ?? []).map((u) => ({ value: u.id, label: u.jobTitle ? `${u.name} (${u.jobTitle})` : u.name }))}
        defaultValue={organisationId === defaultOrganisationId ? defaultOfficerId : ""}
        error={errors.leadOfficerId}
      />
    </>
  );
}
