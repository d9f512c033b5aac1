import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { InvolvementRole, Panel, Role } from "@/lib/generated/prisma/enums";
import { searchText } from "@/lib/search-text";
import { actorFor, makeOrganisation, makeUser } from "@/tests/support/fixtures";

// Builders for the people tests: people, and every kind of record that links to a person (and so
// makes them visible to someone): incidents, cases, powers, risk assessments, referrals, Community
// Trigger applications, vulnerability markers.

const unique = () => randomUUID().slice(0, 8);

/** An organisation with one user in it, and that user as an actor. */
export async function agency(options: { kind?: Parameters<typeof makeOrganisation>[0]; role?: Role; panels?: Panel[] } = {}) {
  const organisation = await makeOrganisation(options.kind ?? "LOCAL_AUTHORITY");
  const user = await makeUser({ organisationId: organisation.id, role: options.role ?? "OFFICER", panels: options.panels ?? [] });
  return { organisation, user, actor: await actorFor(user.id) };
}

/** Another user in the same organisation. */
export async function colleague(organisationId: string, options: { role?: Role; panels?: Panel[] } = {}) {
  const user = await makeUser({ organisationId, role: options.role ?? "OFFICER", panels: options.panels ?? [] });
  return { user, actor: await actorFor(user.id) };
}

export async function makePerson(options: {
  createdByOrgId: string;
  /** The user who made the profile (null: an older profile whose creator is not known). */
  createdById?: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth?: string | null;
  aliases?: { firstName?: string; lastName: string }[];
  phone?: string | null;
  notes?: string | null;
}) {
  const aliases = options.aliases ?? [];
  return db.person.create({
    data: {
      firstName: options.firstName,
      lastName: options.lastName,
      searchText: searchText(options.firstName, options.lastName, ...aliases.flatMap((a) => [a.firstName, a.lastName])),
      dateOfBirth: options.dateOfBirth ? new Date(`${options.dateOfBirth}T00:00:00Z`) : null,
      phone: options.phone ?? null,
      notes: options.notes ?? null,
      createdByOrgId: options.createdByOrgId,
      createdById: options.createdById ?? null,
      aliases: {
        create: aliases.map((a) => ({
          firstName: a.firstName ?? null,
          lastName: a.lastName,
          searchText: searchText(a.firstName, a.lastName),
        })),
      },
    },
  });
}

/** An incident logged by an organisation, with people in it. */
export async function makeIncident(options: {
  organisationId: string;
  officerId: string;
  people?: [personId: string, role: InvolvementRole][];
  caseId?: string;
  occurredAt?: Date;
}) {
  const occurredAt = options.occurredAt ?? new Date();
  return db.incident.create({
    data: {
      reference: `INC-TEST-${unique()}`,
      occurredAt,
      reportedAt: occurredAt,
      reportMethod: "PHONE",
      category: "PERSONAL",
      type: "INTIMIDATION_HARASSMENT",
      description: "Test incident",
      reportingOrganisationId: options.organisationId,
      reportingOfficerId: options.officerId,
      caseId: options.caseId ?? null,
      people: { create: (options.people ?? []).map(([personId, role]) => ({ personId, role })) },
    },
  });
}

/** A case led by an organisation, with people in it; MARAC cases are restricted. */
export async function makeCase(options: {
  leadOrganisationId: string;
  createdById: string;
  kind?: "ASB" | "MARAC" | "COMMUNITY_TRIGGER";
  people?: [personId: string, role: InvolvementRole][];
  sharedWith?: string[];
}) {
  const kind = options.kind ?? "ASB";
  return db.case.create({
    data: {
      reference: `CASE-TEST-${unique()}`,
      kind,
      title: kind === "MARAC" ? "High-risk domestic abuse" : "Anti-social behaviour",
      leadOrganisationId: options.leadOrganisationId,
      createdById: options.createdById,
      restricted: kind === "MARAC",
      people: { create: (options.people ?? []).map(([personId, role]) => ({ personId, role })) },
      shares: { create: (options.sharedWith ?? []).map((organisationId) => ({ organisationId, sharedById: options.createdById })) },
    },
  });
}

export async function makePower(options: {
  subjectPersonId: string;
  issuingOrganisationId: string;
  issuingOfficerId: string;
  caseId?: string;
}) {
  const kind = await db.powerKind.create({
    data: {
      code: `TEST_${unique()}`,
      name: `Test power ${unique()}`,
      legalBasis: "Test",
      statutory: true,
      hasExpiry: false,
      needsCourt: false,
      appealable: false,
    },
  });
  return db.powerUse.create({
    data: {
      reference: `PWR-TEST-${unique()}`,
      kindId: kind.id,
      subjectPersonId: options.subjectPersonId,
      issuingOrganisationId: options.issuingOrganisationId,
      issuingOfficerId: options.issuingOfficerId,
      caseId: options.caseId ?? null,
      issuedAt: new Date(),
    },
  });
}

export async function makeRiskAssessment(options: { caseId: string; personId: string; assessedById: string; organisationId: string }) {
  return db.riskAssessment.create({
    data: {
      caseId: options.caseId,
      personId: options.personId,
      kind: "ASB_MATRIX",
      answers: {},
      score: 4,
      level: "STANDARD",
      assessedById: options.assessedById,
      organisationId: options.organisationId,
    },
  });
}

export async function makeReferral(options: {
  caseId: string;
  referringOrganisationId: string;
  referringUserId: string;
  victimPersonId?: string;
  perpetratorPersonId?: string;
}) {
  return db.referral.create({
    data: {
      reference: `REF-TEST-${unique()}`,
      caseId: options.caseId,
      panel: "MARAC",
      referringOrganisationId: options.referringOrganisationId,
      referringUserId: options.referringUserId,
      reason: "Test referral",
      victimPersonId: options.victimPersonId ?? null,
      perpetratorPersonId: options.perpetratorPersonId ?? null,
    },
  });
}

export async function makeCommunityTrigger(options: { caseId: string; applicantPersonId: string }) {
  return db.communityTrigger.create({
    data: {
      caseId: options.caseId,
      applicationDate: new Date(),
      applicantPersonId: options.applicantPersonId,
      applicantName: "Test applicant",
    },
  });
}

export async function makeMarker(options: { personId: string; recordedById: string; kind?: string }) {
  return db.vulnerabilityMarker.create({
    data: { personId: options.personId, kind: options.kind ?? "ISOLATION", recordedById: options.recordedById },
  });
}
