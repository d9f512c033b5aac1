import { z } from "zod";
import { OrganisationKind } from "@/lib/generated/prisma/enums";

// Organisation administration inputs, shared by the admin forms and their server actions.

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  POLICE: "Police",
  LOCAL_AUTHORITY: "Local authority",
  HOUSING_PROVIDER: "Housing provider",
  FIRE: "Fire and rescue",
  HEALTH: "Health",
  PROBATION: "Probation",
  VOLUNTARY_SECTOR: "Voluntary sector",
  OTHER_AREA: "Partnership in another area",
  OTHER: "Other",
};

const yes = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.includes("yes") : v === "yes"));

export const ZOrganisationForm = z.object({
  name: z.string().trim().min(1, "Enter the organisation's name").max(200, "Name must be 200 characters or fewer"),
  shortName: z
    .string()
    .trim()
    .min(1, "Enter a short name")
    .max(20, "Short name must be 20 characters or fewer"),
  kind: z.enum(OrganisationKind, { error: "Choose the kind of organisation" }),
  mfaRequired: yes,
});
export type OrganisationInput = z.output<typeof ZOrganisationForm>;
export const ORGANISATION_FIELDS = ["name", "shortName", "kind", "mfaRequired"] as const;

export const ZOrganisationEditForm = ZOrganisationForm.extend({ organisationId: z.uuid(), version: z.coerce.number().int().min(1) });

export const ZOrganisationActiveForm = z.object({ organisationId: z.uuid(), active: z.enum(["yes", "no"]).transform((v) => v === "yes") });

export const ZMfaForAllForm = z.object({ requiredForAll: yes });
