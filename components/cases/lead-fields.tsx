"use client";

import { useState } from "react";
import { Select } from "@/components/ui/select";
import type { FieldErrors } from "@/lib/errors";

export type LeadOrganisationOption = { id: string; name: string; officers: { id: string; name: string; jobTitle: string | null }[] };

/**
 * An organisation and, optionally, an officer in it: the officer list follows the organisation
 * chosen (the server checks this too). With `fixedOrganisation`, the organisation is shown but
 * cannot be changed here, and only the officer is chosen.
 */
export function OrganisationOfficerFields({
  organisations,
  defaultOrganisationId,
  defaultOfficerId,
  errors,
  names,
  labels,
  organisationHint,
  officerHint,
  fixedOrganisation = false,
}: {
  organisations: LeadOrganisationOption[];
  defaultOrganisationId: string;
  defaultOfficerId: string;
  errors: FieldErrors;
  /** Field names (and ids). */
  names: { organisation: string; officer: string };
  labels: { organisation: string; officer: string; noOfficer: string };
  organisationHint?: string;
  officerHint?: (organisationName: string) => string;
  fixedOrganisation?: boolean;
}) {
  const [organisationId, setOrganisationId] = useState(defaultOrganisationId);
  const organisation = organisations.find((o) => o.id === organisationId);
  return (
    <>
      {fixedOrganisation ? (
        <div className="mb-6 sm:mb-8">
          <p className="body-m font-bold mb-1.5">{labels.organisation}</p>
          <p className="body-m mb-0">{organisation?.name}</p>
          {organisationHint ? <p className="body-m text-ink-secondary mt-1 mb-0">{organisationHint}</p> : null}
          <input type="hidden" name={names.organisation} value={organisationId} />
        </div>
      ) : (
        <Select
          id={names.organisation}
          label={labels.organisation}
          hint={organisationHint}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          value={organisationId}
          onChange={(event) => setOrganisationId(event.currentTarget.value)}
          error={errors[names.organisation]}
        />
      )}
      <Select
        // A new organisation starts with no officer chosen.
        key={organisationId}
        id={names.officer}
        label={labels.officer}
        hint={organisation && officerHint ? officerHint(organisation.name) : undefined}
        placeholder={labels.noOfficer}
        options={(organisation?.officers ?? []).map((u) => ({ value: u.id, label: u.jobTitle ? `${u.name} (${u.jobTitle})` : u.name }))}
        defaultValue={organisationId === defaultOrganisationId ? defaultOfficerId : ""}
        error={errors[names.officer]}
      />
    </>
  );
}

/** The case's lead organisation and lead officer: only the organisation's own people can lead the case. */
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
  return (
    <OrganisationOfficerFields
      organisations={organisations}
      defaultOrganisationId={defaultOrganisationId}
      defaultOfficerId={defaultOfficerId}
      errors={errors}
      names={{ organisation: "leadOrganisationId", officer: "leadOfficerId" }}
      labels={{ organisation: "Lead organisation", officer: "Lead officer (optional)", noOfficer: "Not assigned yet" }}
      organisationHint={organisationHint}
      officerHint={(name) => `Someone in ${name} who works on cases`}
    />
  );
}
