import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { LocationKind } from "@/lib/generated/prisma/enums";
import { searchText } from "@/lib/search-text";

// Builders for the places tests: places, and the records that make a place visible to someone
// (an incident at it, a case that includes it).

let sequence = 0;
const nextNumber = () => `${process.pid}${++sequence}`.slice(-6).padStart(6, "0");

export async function makePlace(options: {
  createdByOrgId: string;
  /** The user who recorded the place (null: an older place whose creator is not known). */
  createdById?: string | null;
  addressLine1: string;
  addressLine2?: string | null;
  town?: string;
  postcode?: string | null;
  kind?: LocationKind;
  uprn?: string | null;
}) {
  const town = options.town ?? "London";
  return db.location.create({
    data: {
      addressLine1: options.addressLine1,
      addressLine2: options.addressLine2 ?? null,
      town,
      postcode: options.postcode ?? null,
      kind: options.kind ?? "RESIDENTIAL",
      uprn: options.uprn ?? null,
      searchText: searchText(options.addressLine1, options.addressLine2, town, options.postcode),
      createdByOrgId: options.createdByOrgId,
      createdById: options.createdById ?? null,
    },
  });
}

/** An incident at a place, logged by an officer of the given organisation. */
export async function makeIncidentAt(options: {
  locationId: string;
  organisationId: string;
  officerId: string;
  caseId?: string;
  occurredAt?: Date;
}) {
  const occurredAt = options.occurredAt ?? new Date();
  return db.incident.create({
    data: {
      reference: `INC-TEST-${nextNumber()}-${randomUUID().slice(0, 4)}`,
      occurredAt,
      reportedAt: occurredAt,
      reportMethod: "PHONE",
      category: "NUISANCE",
      type: "NOISE",
      description: "Loud music late at night",
      locationId: options.locationId,
      reportingOrganisationId: options.organisationId,
      reportingOfficerId: options.officerId,
      caseId: options.caseId ?? null,
    },
  });
}

/** A case led by an organisation that includes the given places; MARAC cases are restricted. */
export async function makeCaseWith(options: {
  leadOrganisationId: string;
  createdById: string;
  locationIds: string[];
  kind?: "ASB" | "MARAC";
  sharedWith?: string[];
}) {
  const kind = options.kind ?? "ASB";
  return db.case.create({
    data: {
      reference: `CASE-TEST-${nextNumber()}-${randomUUID().slice(0, 4)}`,
      kind,
      title: kind === "MARAC" ? "High-risk domestic abuse" : "Noise nuisance",
      leadOrganisationId: options.leadOrganisationId,
      createdById: options.createdById,
      restricted: kind === "MARAC",
      locations: { create: options.locationIds.map((locationId) => ({ locationId })) },
      shares: { create: (options.sharedWith ?? []).map((organisationId) => ({ organisationId, sharedById: options.createdById })) },
    },
  });
}
