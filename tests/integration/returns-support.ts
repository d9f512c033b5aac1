import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { CaseKind, PowerStatus, BreachAction, MeetingStatus } from "@/lib/generated/prisma/enums";

// Hand-built records for the returns tests: rows written straight into the tables, so each test
// states every date that matters and the right answers can be worked out by hand.

let counter = 0;
const next = () => `${++counter}`.padStart(6, "0");

export const utc = (iso: string) => new Date(iso);
export const day = (ymd: string) => new Date(`${ymd}T00:00:00Z`);

export async function makeKind(code: string, name: string, sortOrder: number) {
  return db.powerKind.create({
    data: {
      code: `${code}_${randomUUID().slice(0, 6)}`,
      name,
      legalBasis: "ASB, Crime and Policing Act 2014",
      statutory: true,
      hasExpiry: true,
      needsCourt: false,
      appealable: true,
      sortOrder,
    },
  });
}

export async function makeCase(options: {
  organisationId: string;
  createdById: string;
  kind?: CaseKind;
  restricted?: boolean;
  title?: string;
  sharedWith?: string[];
  withdrawnFrom?: string[];
}) {
  return db.case.create({
    data: {
      reference: `CASE-2099-${next()}`,
      kind: options.kind ?? "ASB",
      title: options.title ?? "Noise from Flat 12",
      leadOrganisationId: options.organisationId,
      createdById: options.createdById,
      restricted: options.restricted ?? false,
      shares: {
        create: [
          ...(options.sharedWith ?? []).map((organisationId) => ({ organisationId, sharedById: options.createdById })),
          ...(options.withdrawnFrom ?? []).map((organisationId) => ({
            organisationId,
            sharedById: options.createdById,
            withdrawnAt: new Date(),
          })),
        ],
      },
    },
  });
}

export type PowerSpec = {
  kindId: string;
  organisationId: string;
  officerId: string;
  issuedAt: Date;
  expiresAt?: Date;
  caseId?: string;
  /** The person the power was issued to; without one, it was issued to a business. */
  subjectPersonId?: string;
  status?: PowerStatus;
  changes?: { to: PowerStatus; at: Date; automatic?: boolean }[];
  breaches?: { at: Date; action: BreachAction }[];
};

export async function makePower(spec: PowerSpec) {
  return db.powerUse.create({
    data: {
      reference: `PWR-2099-${next()}`,
      kindId: spec.kindId,
      subjectPersonId: spec.subjectPersonId ?? null,
      subjectBusinessName: spec.subjectPersonId ? null : "The Crown public house",
      issuingOrganisationId: spec.organisationId,
      issuingOfficerId: spec.officerId,
      issuedAt: spec.issuedAt,
      expiresAt: spec.expiresAt ?? null,
      caseId: spec.caseId ?? null,
      status: spec.status ?? "ISSUED",
      statusChanges: {
        create: [
          { fromStatus: null, toStatus: "ISSUED", changedAt: spec.issuedAt, changedById: spec.officerId },
          ...(spec.changes ?? []).map((c) => ({ toStatus: c.to, changedAt: c.at, changedById: c.automatic ? null : spec.officerId })),
        ],
      },
      breaches: { create: (spec.breaches ?? []).map((b) => ({ breachedAt: b.at, actionTaken: b.action, recordedById: spec.officerId })) },
    },
  });
}

export async function makeTrigger(options: {
  organisationId: string;
  createdById: string;
  applicationDate: Date;
  thresholdMet: boolean;
  reviewDate?: Date;
  recommendations?: string;
}) {
  const c = await makeCase({
    organisationId: options.organisationId,
    createdById: options.createdById,
    kind: "COMMUNITY_TRIGGER",
    title: "Community Trigger application",
  });
  await db.communityTrigger.create({
    data: {
      caseId: c.id,
      applicationDate: options.applicationDate,
      applicantName: "A resident",
      thresholdMet: options.thresholdMet,
      reviewCarriedOut: Boolean(options.reviewDate),
      reviewDate: options.reviewDate ?? null,
      recommendations: options.recommendations ?? null,
    },
  });
  return c;
}

export async function makeMeeting(options: { panel: "CCM" | "MARAC"; startsAt: Date; chairId: string; status?: MeetingStatus }) {
  return db.meeting.create({
    data: {
      reference: `MTG-2099-${next()}`,
      panel: options.panel,
      startsAt: options.startsAt,
      chairId: options.chairId,
      status: options.status ?? "CLOSED",
    },
  });
}
