import { z } from "zod";
import { OrganisationKind } from "@/lib/generated/prisma/enums";
import { isEmailDomain } from "@/lib/organisations/domains";
import { ZVersion } from "@/lib/forms";

// Organisation administration inputs, shared by the admin forms and their server actions.

// The admin form reads the kinds' words beside the schema it posts.
export { ORGANISATION_KIND_LABELS } from "./labels";

const yes = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v.includes("yes") : v === "yes"));

export const ZOrganisationForm = z.object({
  name: z.string().trim().min(1, "Enter the organisation's name").max(200, "Name must be 200 characters or fewer"),
  shortName: z.string().trim().min(1, "Enter a short name").max(20, "Short name must be 20 characters or fewer"),
  kind: z.enum(OrganisationKind, { error: "Choose the kind of organisation" }),
  emailDomains: z
    .string({ error: "Enter the organisation's email domains" })
    .max(1000, "Email domains must be 1000 characters or fewer")
    .transform((raw) =>
      [
        ...new Set(
          raw
            .toLowerCase()
            .split(/[\s,;]+/)
            .filter(Boolean),
        ),
      ].sort(),
    )
    .pipe(
      z
        .array(z.string())
        .min(1, "Enter at least one email domain, for example met.kingsmere.example")
        .max(20, "Enter 20 email domains or fewer")
        .refine((list) => list.every(isEmailDomain), "Enter each email domain like met.kingsmere.example, separated by commas"),
    ),
  mfaRequired: yes,
});
export type OrganisationInput = z.output<typeof ZOrganisationForm>;
export const ORGANISATION_FIELDS = ["name", "shortName", "kind", "emailDomains", "mfaRequired"] as const;

export const ZOrganisationEditForm = ZOrganisationForm.extend({ organisationId: z.uuid(), version: ZVersion });

export const ZOrganisationActiveForm = z.object({ organisationId: z.uuid(), active: z.enum(["yes", "no"]).transform((v) => v === "yes") });

export const ZMfaForAllForm = z.object({ requiredForAll: yes });
