import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor-type";
import type { CaseKind, InvolvementRole } from "@/lib/generated/prisma/enums";
import { openCase } from "@/lib/cases/data";
import type { NewCaseInput } from "@/lib/cases/schema";
import { agency, colleague, makePerson } from "@/tests/support/people-fixtures";
import { makePlace } from "@/tests/support/places-fixtures";

// Builders for the case and timeline tests. Incidents get references in the real format
// (INC-2099-000001), so they can be linked by reference as officers do.

export { agency, colleague, makePerson, makePlace };

let incidentNumber = 0;

export async function makeIncident(options: {
  organisationId: string;
  officerId: string;
  people?: [personId: string, role: InvolvementRole][];
  locationId?: string;
  caseId?: string;
}) {
  const occurredAt = new Date(Date.now() - 60 * 60 * 1000);
  return db.incident.create({
    data: {
      reference: `INC-2099-${String(++incidentNumber).padStart(6, "0")}`,
      occurredAt,
      reportedAt: occurredAt,
      reportMethod: "PHONE",
      category: "NUISANCE",
      type: "NOISE",
      description: "Loud music late at night",
      locationId: options.locationId ?? null,
      reportingOrganisationId: options.organisationId,
      reportingOfficerId: options.officerId,
      caseId: options.caseId ?? null,
      people: { create: (options.people ?? []).map(([personId, role]) => ({ personId, role })) },
    },
  });
}

/** What the new-case form sends, with sensible defaults for the actor's own organisation. */
export function caseInput(actor: Actor, overrides: Partial<NewCaseInput> = {}): NewCaseInput {
  return {
    kind: "ASB" as CaseKind,
    title: "Noise from Flat 12 Cordwainer Court",
    summary: "Late-night parties every weekend.",
    riskLevel: "MEDIUM",
    leadOrganisationId: actor.organisationId,
    leadOfficerId: actor.userId,
    incidentIds: [],
    incidentReferences: [],
    people: [],
    placeIds: [],
    ...overrides,
  };
}

/** Opens a case through the data layer, as the form would. */
export async function open(actor: Actor, overrides: Partial<NewCaseInput> = {}) {
  return openCase(actor, caseInput(actor, overrides), randomUUID());
}

export async function timelineOf(caseId: string) {
  return db.timelineEntry.findMany({ where: { caseId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] });
}

export async function auditOf(caseId: string) {
  return db.auditEvent.findMany({ where: { entityType: "Case", entityId: caseId }, orderBy: { id: "asc" } });
}
