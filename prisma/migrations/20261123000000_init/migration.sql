-- The first migration: the whole schema of prisma/schema.prisma (as kept beside this file in
-- schema.prisma), the pg_trgm extension its GIN indexes need, and the append-only guard on the
-- audit trail and case timelines.

-- Trigram search on "searchText" columns (GIN gin_trgm_ops indexes below).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "OrganisationKind" AS ENUM ('POLICE', 'LOCAL_AUTHORITY', 'HOUSING_PROVIDER', 'FIRE', 'HEALTH', 'PROBATION', 'VOLUNTARY_SECTOR', 'OTHER_AREA', 'OTHER');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'MANAGER', 'CHAIR', 'OFFICER', 'VIEWER');

-- CreateEnum
CREATE TYPE "Panel" AS ENUM ('CCM', 'MARAC');

-- CreateEnum
CREATE TYPE "PasswordTokenPurpose" AS ENUM ('INVITE', 'RESET');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'NON_BINARY', 'OTHER', 'NOT_KNOWN');

-- CreateEnum
CREATE TYPE "LocationKind" AS ENUM ('RESIDENTIAL', 'BUSINESS', 'PUBLIC_SPACE', 'ESTATE', 'TRANSPORT', 'OTHER');

-- CreateEnum
CREATE TYPE "ReportMethod" AS ENUM ('PHONE', 'ONLINE', 'EMAIL', 'IN_PERSON', 'PATROL', 'PARTNER_REFERRAL', 'OTHER');

-- CreateEnum
CREATE TYPE "AsbCategory" AS ENUM ('PERSONAL', 'NUISANCE', 'ENVIRONMENTAL');

-- CreateEnum
CREATE TYPE "AsbType" AS ENUM ('ROWDY_INCONSIDERATE', 'NOISE', 'STREET_DRINKING', 'BEGGING', 'DRUG_USE_DEALING', 'VEHICLE_NUISANCE', 'LITTERING_FLY_TIPPING', 'CRIMINAL_DAMAGE_GRAFFITI', 'INTIMIDATION_HARASSMENT', 'HATE_MOTIVATED', 'OTHER');

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('STANDARD', 'MEDIUM', 'HIGH');

-- CreateEnum
CREATE TYPE "InvolvementRole" AS ENUM ('VICTIM', 'PERPETRATOR', 'WITNESS', 'REPORTER', 'OTHER');

-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('ASB', 'CCM', 'MARAC', 'COMMUNITY_TRIGGER');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'UNDER_REVIEW', 'MONITORING', 'CLOSED');

-- CreateEnum
CREATE TYPE "ClosureReason" AS ENUM ('RESOLVED', 'NO_FURTHER_ACTION', 'ENFORCEMENT_COMPLETE', 'TRANSFERRED_OUT', 'VICTIM_DISENGAGED', 'DUPLICATE', 'OTHER');

-- CreateEnum
CREATE TYPE "ActionStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TimelineKind" AS ENUM ('CASE_OPENED', 'INCIDENT_LINKED', 'INCIDENT_UNLINKED', 'PERSON_ADDED', 'PERSON_REMOVED', 'LOCATION_ADDED', 'LOCATION_REMOVED', 'SHARED', 'SHARE_WITHDRAWN', 'ACTION_CREATED', 'ACTION_UPDATED', 'ACTION_COMPLETED', 'ACTION_CANCELLED', 'NOTE', 'DOCUMENT_ADDED', 'RISK_ASSESSED', 'STATUS_CHANGED', 'POWER_ISSUED', 'POWER_STATUS_CHANGED', 'POWER_BREACHED', 'REFERRED', 'TRIAGED', 'DISCUSSED_AT_MEETING', 'COMMUNITY_TRIGGER_UPDATED', 'CORRECTION');

-- CreateEnum
CREATE TYPE "RiskAssessmentKind" AS ENUM ('ASB_MATRIX', 'DASH');

-- CreateEnum
CREATE TYPE "PowerStatus" AS ENUM ('ISSUED', 'COMPLIED', 'BREACHED', 'APPEALED', 'VARIED', 'DISCHARGED', 'EXPIRED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "BreachAction" AS ENUM ('FPN', 'PROSECUTION', 'WARNING', 'NONE');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'MORE_INFO_REQUESTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "MaracGround" AS ENUM ('VISIBLE_HIGH_RISK', 'PROFESSIONAL_JUDGEMENT', 'POTENTIAL_ESCALATION', 'REPEAT');

-- CreateEnum
CREATE TYPE "TransferDirection" AS ENUM ('NONE', 'TRANSFER_IN', 'TRANSFER_OUT');

-- CreateEnum
CREATE TYPE "MeetingStatus" AS ENUM ('SCHEDULED', 'IN_PROGRESS', 'CLOSED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AgendaReason" AS ENUM ('REFERRAL', 'REVIEW');

-- CreateEnum
CREATE TYPE "AuditAction" AS ENUM ('VIEW', 'CREATE', 'UPDATE', 'DELETE', 'EXPORT', 'SIGN_IN', 'SIGN_IN_FAILURE', 'SIGN_OUT', 'ACCESS_REFUSED');

-- CreateTable
CREATE TABLE "Organisation" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT NOT NULL,
    "kind" "OrganisationKind" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "mfaRequired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "jobTitle" TEXT,
    "phone" TEXT,
    "organisationId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT,
    "passwordSetAt" TIMESTAMPTZ(3),
    "active" BOOLEAN NOT NULL DEFAULT true,
    "disabledAt" TIMESTAMPTZ(3),
    "sessionVersion" INTEGER NOT NULL DEFAULT 1,
    "totpSecret" TEXT,
    "totpEnabledAt" TIMESTAMPTZ(3),
    "totpLastStep" BIGINT,
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PanelMembership" (
    "userId" UUID NOT NULL,
    "panel" "Panel" NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addedById" UUID,

    CONSTRAINT "PanelMembership_pkey" PRIMARY KEY ("userId","panel")
);

-- CreateTable
CREATE TABLE "UserSession" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "UserSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailureAt" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("scope","key")
);

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordToken" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "purpose" "PasswordTokenPurpose" NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ReferenceCounter" (
    "prefix" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReferenceCounter_pkey" PRIMARY KEY ("prefix","year")
);

-- CreateTable
CREATE TABLE "FormSubmission" (
    "key" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FormSubmission_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,
    "dateOfBirth" DATE,
    "gender" "Gender",
    "ethnicity" TEXT,
    "isRaciallyMinoritised" BOOLEAN,
    "isLgbt" BOOLEAN,
    "hasDisability" BOOLEAN,
    "phone" TEXT,
    "email" TEXT,
    "addressId" UUID,
    "notes" TEXT,
    "mergedIntoId" UUID,
    "mergedAt" TIMESTAMPTZ(3),
    "createdByOrgId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonAlias" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT NOT NULL,
    "searchText" TEXT NOT NULL,

    CONSTRAINT "PersonAlias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VulnerabilityMarker" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "VulnerabilityMarker_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Location" (
    "id" UUID NOT NULL,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "town" TEXT NOT NULL,
    "postcode" TEXT,
    "uprn" TEXT,
    "latitude" DECIMAL(9,6),
    "longitude" DECIMAL(9,6),
    "kind" "LocationKind" NOT NULL,
    "searchText" TEXT NOT NULL,
    "createdByOrgId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "reportMethod" "ReportMethod" NOT NULL,
    "category" "AsbCategory" NOT NULL,
    "type" "AsbType" NOT NULL,
    "description" TEXT NOT NULL,
    "locationId" UUID,
    "reportingOrganisationId" UUID NOT NULL,
    "reportingOfficerId" UUID NOT NULL,
    "riskLevel" "RiskLevel" NOT NULL DEFAULT 'STANDARD',
    "caseId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentPerson" (
    "incidentId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "role" "InvolvementRole" NOT NULL,

    CONSTRAINT "IncidentPerson_pkey" PRIMARY KEY ("incidentId","personId","role")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "kind" "CaseKind" NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT,
    "leadOrganisationId" UUID NOT NULL,
    "leadOfficerId" UUID,
    "status" "CaseStatus" NOT NULL DEFAULT 'OPEN',
    "closureReason" "ClosureReason",
    "closureNote" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "riskLevel" "RiskLevel" NOT NULL DEFAULT 'STANDARD',
    "restricted" BOOLEAN NOT NULL DEFAULT false,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseShare" (
    "caseId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "sharedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sharedById" UUID NOT NULL,
    "withdrawnAt" TIMESTAMPTZ(3),

    CONSTRAINT "CaseShare_pkey" PRIMARY KEY ("caseId","organisationId")
);

-- CreateTable
CREATE TABLE "CasePerson" (
    "caseId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "role" "InvolvementRole" NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CasePerson_pkey" PRIMARY KEY ("caseId","personId","role")
);

-- CreateTable
CREATE TABLE "CaseLocation" (
    "caseId" UUID NOT NULL,
    "locationId" UUID NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CaseLocation_pkey" PRIMARY KEY ("caseId","locationId")
);

-- CreateTable
CREATE TABLE "CaseAction" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT,
    "assignedOrganisationId" UUID NOT NULL,
    "assignedUserId" UUID,
    "dueDate" DATE NOT NULL,
    "status" "ActionStatus" NOT NULL DEFAULT 'OPEN',
    "outcome" TEXT,
    "cancelReason" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "meetingId" UUID,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "CaseAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" BIGSERIAL NOT NULL,
    "caseId" UUID NOT NULL,
    "kind" "TimelineKind" NOT NULL,
    "summary" TEXT NOT NULL,
    "detail" JSONB,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "correctsEntryId" BIGINT,
    "actorUserId" UUID NOT NULL,
    "actorOrganisationId" UUID NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseDocument" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "description" TEXT,
    "uploadedById" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "uploadedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseDocumentContent" (
    "documentId" UUID NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "CaseDocumentContent_pkey" PRIMARY KEY ("documentId")
);

-- CreateTable
CREATE TABLE "RiskAssessment" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "personId" UUID,
    "kind" "RiskAssessmentKind" NOT NULL,
    "answers" JSONB NOT NULL,
    "score" INTEGER NOT NULL,
    "level" "RiskLevel" NOT NULL,
    "notes" TEXT,
    "assessedById" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "assessedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RiskAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommunityTrigger" (
    "caseId" UUID NOT NULL,
    "applicationDate" DATE NOT NULL,
    "applicantPersonId" UUID,
    "applicantName" TEXT NOT NULL,
    "thresholdMet" BOOLEAN NOT NULL DEFAULT false,
    "reviewDate" DATE,
    "reviewCarriedOut" BOOLEAN NOT NULL DEFAULT false,
    "recommendations" TEXT,
    "escalationRequested" BOOLEAN NOT NULL DEFAULT false,
    "escalationOutcome" TEXT,

    CONSTRAINT "CommunityTrigger_pkey" PRIMARY KEY ("caseId")
);

-- CreateTable
CREATE TABLE "QualifyingComplaint" (
    "id" UUID NOT NULL,
    "triggerCaseId" UUID NOT NULL,
    "incidentId" UUID,
    "incidentDate" DATE NOT NULL,
    "complaintDate" DATE NOT NULL,
    "madeTo" TEXT NOT NULL,
    "problem" TEXT NOT NULL,

    CONSTRAINT "QualifyingComplaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PowerKind" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "legalBasis" TEXT NOT NULL,
    "statutory" BOOLEAN NOT NULL,
    "hasExpiry" BOOLEAN NOT NULL,
    "needsCourt" BOOLEAN NOT NULL,
    "appealable" BOOLEAN NOT NULL,
    "allowsBusinessSubject" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PowerKind_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PowerUse" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "kindId" UUID NOT NULL,
    "subjectPersonId" UUID,
    "subjectBusinessName" TEXT,
    "locationId" UUID,
    "caseId" UUID,
    "pspoId" UUID,
    "issuingOrganisationId" UUID NOT NULL,
    "issuingOfficerId" UUID NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "conditions" TEXT,
    "courtName" TEXT,
    "hearingAt" TIMESTAMPTZ(3),
    "status" "PowerStatus" NOT NULL DEFAULT 'ISSUED',
    "statusChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PowerUse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PowerStatusChange" (
    "id" UUID NOT NULL,
    "powerId" UUID NOT NULL,
    "fromStatus" "PowerStatus",
    "toStatus" "PowerStatus" NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL,
    "changedById" UUID,
    "note" TEXT,

    CONSTRAINT "PowerStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PowerBreach" (
    "id" UUID NOT NULL,
    "powerId" UUID NOT NULL,
    "breachedAt" TIMESTAMPTZ(3) NOT NULL,
    "actionTaken" "BreachAction" NOT NULL,
    "notes" TEXT,
    "recordedById" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PowerBreach_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pspo" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "area" TEXT NOT NULL,
    "locationId" UUID,
    "prohibitions" TEXT NOT NULL,
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "organisationId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Pspo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "caseId" UUID NOT NULL,
    "panel" "Panel" NOT NULL,
    "referringOrganisationId" UUID NOT NULL,
    "referringUserId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "grounds" "MaracGround"[],
    "isRepeat" BOOLEAN NOT NULL DEFAULT false,
    "victimPersonId" UUID,
    "perpetratorPersonId" UUID,
    "childrenInHousehold" INTEGER,
    "transferDirection" "TransferDirection" NOT NULL DEFAULT 'NONE',
    "transferArea" TEXT,
    "status" "ReferralStatus" NOT NULL DEFAULT 'PENDING',
    "triageNote" TEXT,
    "triagedById" UUID,
    "triagedAt" TIMESTAMPTZ(3),
    "referredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferralTriage" (
    "id" UUID NOT NULL,
    "referralId" UUID NOT NULL,
    "outcome" "ReferralStatus" NOT NULL,
    "note" TEXT,
    "decidedById" UUID NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferralTriage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" UUID NOT NULL,
    "reference" TEXT NOT NULL,
    "panel" "Panel" NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "venue" TEXT,
    "chairId" UUID NOT NULL,
    "status" "MeetingStatus" NOT NULL DEFAULT 'SCHEDULED',
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingAttendee" (
    "meetingId" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "attendeeNames" TEXT,
    "present" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "MeetingAttendee_pkey" PRIMARY KEY ("meetingId","organisationId")
);

-- CreateTable
CREATE TABLE "AgendaItem" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "referralId" UUID,
    "position" INTEGER NOT NULL,
    "reason" "AgendaReason" NOT NULL,
    "discussionSummary" TEXT,
    "decision" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "AgendaItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" "AuditAction" NOT NULL,
    "userId" UUID,
    "organisationId" UUID,
    "entityType" TEXT,
    "entityId" TEXT,
    "detail" JSONB,
    "ip" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_name_key" ON "Organisation"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_shortName_key" ON "Organisation"("shortName");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_organisationId_role_idx" ON "User"("organisationId", "role");

-- CreateIndex
CREATE INDEX "PanelMembership_panel_idx" ON "PanelMembership"("panel");

-- CreateIndex
CREATE INDEX "UserSession_userId_revokedAt_idx" ON "UserSession"("userId", "revokedAt");

-- CreateIndex
CREATE INDEX "RecoveryCode_userId_idx" ON "RecoveryCode"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "PasswordToken_tokenHash_key" ON "PasswordToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordToken_userId_idx" ON "PasswordToken"("userId");

-- CreateIndex
CREATE INDEX "Person_searchText_idx" ON "Person" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Person_lastName_firstName_idx" ON "Person"("lastName", "firstName");

-- CreateIndex
CREATE INDEX "Person_dateOfBirth_idx" ON "Person"("dateOfBirth");

-- CreateIndex
CREATE INDEX "Person_mergedIntoId_idx" ON "Person"("mergedIntoId");

-- CreateIndex
CREATE INDEX "PersonAlias_personId_idx" ON "PersonAlias"("personId");

-- CreateIndex
CREATE INDEX "PersonAlias_searchText_idx" ON "PersonAlias" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "VulnerabilityMarker_personId_removedAt_idx" ON "VulnerabilityMarker"("personId", "removedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Location_uprn_key" ON "Location"("uprn");

-- CreateIndex
CREATE INDEX "Location_postcode_idx" ON "Location"("postcode");

-- CreateIndex
CREATE INDEX "Location_searchText_idx" ON "Location" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_reference_key" ON "Incident"("reference");

-- CreateIndex
CREATE INDEX "Incident_reportingOrganisationId_occurredAt_idx" ON "Incident"("reportingOrganisationId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_occurredAt_idx" ON "Incident"("occurredAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_locationId_occurredAt_idx" ON "Incident"("locationId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "Incident_caseId_idx" ON "Incident"("caseId");

-- CreateIndex
CREATE INDEX "Incident_category_type_occurredAt_idx" ON "Incident"("category", "type", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "IncidentPerson_personId_role_idx" ON "IncidentPerson"("personId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Case_reference_key" ON "Case"("reference");

-- CreateIndex
CREATE INDEX "Case_leadOrganisationId_status_idx" ON "Case"("leadOrganisationId", "status");

-- CreateIndex
CREATE INDEX "Case_kind_status_idx" ON "Case"("kind", "status");

-- CreateIndex
CREATE INDEX "Case_restricted_idx" ON "Case"("restricted");

-- CreateIndex
CREATE INDEX "Case_createdAt_idx" ON "Case"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "CaseShare_organisationId_withdrawnAt_idx" ON "CaseShare"("organisationId", "withdrawnAt");

-- CreateIndex
CREATE INDEX "CasePerson_personId_idx" ON "CasePerson"("personId");

-- CreateIndex
CREATE INDEX "CaseLocation_locationId_idx" ON "CaseLocation"("locationId");

-- CreateIndex
CREATE INDEX "CaseAction_assignedOrganisationId_status_dueDate_idx" ON "CaseAction"("assignedOrganisationId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "CaseAction_assignedUserId_status_dueDate_idx" ON "CaseAction"("assignedUserId", "status", "dueDate");

-- CreateIndex
CREATE INDEX "CaseAction_caseId_status_idx" ON "CaseAction"("caseId", "status");

-- CreateIndex
CREATE INDEX "CaseAction_meetingId_idx" ON "CaseAction"("meetingId");

-- CreateIndex
CREATE INDEX "TimelineEntry_caseId_occurredAt_id_idx" ON "TimelineEntry"("caseId", "occurredAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "TimelineEntry_caseId_kind_idx" ON "TimelineEntry"("caseId", "kind");

-- CreateIndex
CREATE INDEX "TimelineEntry_caseId_actorOrganisationId_idx" ON "TimelineEntry"("caseId", "actorOrganisationId");

-- CreateIndex
CREATE INDEX "CaseDocument_caseId_idx" ON "CaseDocument"("caseId");

-- CreateIndex
CREATE INDEX "RiskAssessment_caseId_kind_assessedAt_idx" ON "RiskAssessment"("caseId", "kind", "assessedAt" DESC);

-- CreateIndex
CREATE INDEX "CommunityTrigger_applicationDate_idx" ON "CommunityTrigger"("applicationDate");

-- CreateIndex
CREATE INDEX "QualifyingComplaint_triggerCaseId_idx" ON "QualifyingComplaint"("triggerCaseId");

-- CreateIndex
CREATE UNIQUE INDEX "PowerKind_code_key" ON "PowerKind"("code");

-- CreateIndex
CREATE UNIQUE INDEX "PowerKind_name_key" ON "PowerKind"("name");

-- CreateIndex
CREATE UNIQUE INDEX "PowerUse_reference_key" ON "PowerUse"("reference");

-- CreateIndex
CREATE INDEX "PowerUse_issuedAt_idx" ON "PowerUse"("issuedAt");

-- CreateIndex
CREATE INDEX "PowerUse_issuingOrganisationId_issuedAt_idx" ON "PowerUse"("issuingOrganisationId", "issuedAt");

-- CreateIndex
CREATE INDEX "PowerUse_kindId_issuedAt_idx" ON "PowerUse"("kindId", "issuedAt");

-- CreateIndex
CREATE INDEX "PowerUse_expiresAt_idx" ON "PowerUse"("expiresAt");

-- CreateIndex
CREATE INDEX "PowerUse_subjectPersonId_idx" ON "PowerUse"("subjectPersonId");

-- CreateIndex
CREATE INDEX "PowerUse_caseId_idx" ON "PowerUse"("caseId");

-- CreateIndex
CREATE INDEX "PowerStatusChange_powerId_idx" ON "PowerStatusChange"("powerId");

-- CreateIndex
CREATE INDEX "PowerStatusChange_toStatus_changedAt_idx" ON "PowerStatusChange"("toStatus", "changedAt");

-- CreateIndex
CREATE INDEX "PowerBreach_powerId_idx" ON "PowerBreach"("powerId");

-- CreateIndex
CREATE INDEX "PowerBreach_breachedAt_idx" ON "PowerBreach"("breachedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Pspo_reference_key" ON "Pspo"("reference");

-- CreateIndex
CREATE INDEX "Pspo_endsOn_idx" ON "Pspo"("endsOn");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_reference_key" ON "Referral"("reference");

-- CreateIndex
CREATE INDEX "Referral_panel_status_referredAt_idx" ON "Referral"("panel", "status", "referredAt");

-- CreateIndex
CREATE INDEX "Referral_caseId_idx" ON "Referral"("caseId");

-- CreateIndex
CREATE INDEX "Referral_victimPersonId_panel_referredAt_idx" ON "Referral"("victimPersonId", "panel", "referredAt");

-- CreateIndex
CREATE INDEX "Referral_referringUserId_idx" ON "Referral"("referringUserId");

-- CreateIndex
CREATE INDEX "ReferralTriage_referralId_idx" ON "ReferralTriage"("referralId");

-- CreateIndex
CREATE UNIQUE INDEX "Meeting_reference_key" ON "Meeting"("reference");

-- CreateIndex
CREATE INDEX "Meeting_panel_startsAt_idx" ON "Meeting"("panel", "startsAt");

-- CreateIndex
CREATE INDEX "AgendaItem_meetingId_position_idx" ON "AgendaItem"("meetingId", "position");

-- CreateIndex
CREATE INDEX "AgendaItem_caseId_idx" ON "AgendaItem"("caseId");

-- CreateIndex
CREATE UNIQUE INDEX "AgendaItem_meetingId_caseId_key" ON "AgendaItem"("meetingId", "caseId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_userId_at_idx" ON "AuditEvent"("userId", "at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_organisationId_at_idx" ON "AuditEvent"("organisationId", "at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_at_idx" ON "AuditEvent"("entityType", "entityId", "at" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at" DESC);

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelMembership" ADD CONSTRAINT "PanelMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserSession" ADD CONSTRAINT "UserSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordToken" ADD CONSTRAINT "PasswordToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FormSubmission" ADD CONSTRAINT "FormSubmission_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_addressId_fkey" FOREIGN KEY ("addressId") REFERENCES "Location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_mergedIntoId_fkey" FOREIGN KEY ("mergedIntoId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_createdByOrgId_fkey" FOREIGN KEY ("createdByOrgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonAlias" ADD CONSTRAINT "PersonAlias_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VulnerabilityMarker" ADD CONSTRAINT "VulnerabilityMarker_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VulnerabilityMarker" ADD CONSTRAINT "VulnerabilityMarker_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_createdByOrgId_fkey" FOREIGN KEY ("createdByOrgId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reportingOrganisationId_fkey" FOREIGN KEY ("reportingOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_reportingOfficerId_fkey" FOREIGN KEY ("reportingOfficerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPerson" ADD CONSTRAINT "IncidentPerson_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentPerson" ADD CONSTRAINT "IncidentPerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_leadOrganisationId_fkey" FOREIGN KEY ("leadOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_leadOfficerId_fkey" FOREIGN KEY ("leadOfficerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseShare" ADD CONSTRAINT "CaseShare_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseShare" ADD CONSTRAINT "CaseShare_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CasePerson" ADD CONSTRAINT "CasePerson_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CasePerson" ADD CONSTRAINT "CasePerson_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseLocation" ADD CONSTRAINT "CaseLocation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseLocation" ADD CONSTRAINT "CaseLocation_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAction" ADD CONSTRAINT "CaseAction_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAction" ADD CONSTRAINT "CaseAction_assignedOrganisationId_fkey" FOREIGN KEY ("assignedOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAction" ADD CONSTRAINT "CaseAction_assignedUserId_fkey" FOREIGN KEY ("assignedUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAction" ADD CONSTRAINT "CaseAction_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseAction" ADD CONSTRAINT "CaseAction_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_actorOrganisationId_fkey" FOREIGN KEY ("actorOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDocument" ADD CONSTRAINT "CaseDocument_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseDocumentContent" ADD CONSTRAINT "CaseDocumentContent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "CaseDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAssessment" ADD CONSTRAINT "RiskAssessment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAssessment" ADD CONSTRAINT "RiskAssessment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAssessment" ADD CONSTRAINT "RiskAssessment_assessedById_fkey" FOREIGN KEY ("assessedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskAssessment" ADD CONSTRAINT "RiskAssessment_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityTrigger" ADD CONSTRAINT "CommunityTrigger_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommunityTrigger" ADD CONSTRAINT "CommunityTrigger_applicantPersonId_fkey" FOREIGN KEY ("applicantPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualifyingComplaint" ADD CONSTRAINT "QualifyingComplaint_triggerCaseId_fkey" FOREIGN KEY ("triggerCaseId") REFERENCES "CommunityTrigger"("caseId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualifyingComplaint" ADD CONSTRAINT "QualifyingComplaint_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerUse" ADD CONSTRAINT "PowerUse_kindId_fkey" FOREIGN KEY ("kindId") REFERENCES "PowerKind"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerUse" ADD CONSTRAINT "PowerUse_subjectPersonId_fkey" FOREIGN KEY ("subjectPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerUse" ADD CONSTRAINT "PowerUse_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerUse" ADD CONSTRAINT "PowerUse_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerUse" ADD CONSTRAINT "PowerUse_pspoId_fkey" FOREIGN KEY ("pspoId") REFERENCES "Pspo"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerUse" ADD CONSTRAINT "PowerUse_issuingOrganisationId_fkey" FOREIGN KEY ("issuingOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerUse" ADD CONSTRAINT "PowerUse_issuingOfficerId_fkey" FOREIGN KEY ("issuingOfficerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerStatusChange" ADD CONSTRAINT "PowerStatusChange_powerId_fkey" FOREIGN KEY ("powerId") REFERENCES "PowerUse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerBreach" ADD CONSTRAINT "PowerBreach_powerId_fkey" FOREIGN KEY ("powerId") REFERENCES "PowerUse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PowerBreach" ADD CONSTRAINT "PowerBreach_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pspo" ADD CONSTRAINT "Pspo_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pspo" ADD CONSTRAINT "Pspo_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_referringOrganisationId_fkey" FOREIGN KEY ("referringOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_referringUserId_fkey" FOREIGN KEY ("referringUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_triagedById_fkey" FOREIGN KEY ("triagedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_victimPersonId_fkey" FOREIGN KEY ("victimPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_perpetratorPersonId_fkey" FOREIGN KEY ("perpetratorPersonId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralTriage" ADD CONSTRAINT "ReferralTriage_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralTriage" ADD CONSTRAINT "ReferralTriage_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_chairId_fkey" FOREIGN KEY ("chairId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendee" ADD CONSTRAINT "MeetingAttendee_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingAttendee" ADD CONSTRAINT "MeetingAttendee_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgendaItem" ADD CONSTRAINT "AgendaItem_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ───────────────────────────── Append-only tables (hand-written) ─────────────────────────────
-- "AuditEvent" (hash-chained audit trail) and "TimelineEntry" (case history) record what
-- happened. The database itself refuses to change or remove their rows, whatever the
-- application does; a correction is a new row (TimelineEntry kind CORRECTION). Only the table
-- owner can lift this (ALTER TABLE ... DISABLE TRIGGER), which is a deliberate, visible act.
-- "TimelineEntry" rows reference "Case" with ON DELETE RESTRICT, so a case with a timeline cannot
-- be deleted either; close it instead.

CREATE FUNCTION "refuse_append_only_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on "%" refused: the table is append-only', TG_OP, TG_TABLE_NAME
    USING HINT = 'Insert a new row (a correction) instead of changing or removing one.';
END;
$$;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_append_only_change"();

CREATE TRIGGER "TimelineEntry_append_only"
  BEFORE UPDATE OR DELETE ON "TimelineEntry"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();

CREATE TRIGGER "TimelineEntry_no_truncate"
  BEFORE TRUNCATE ON "TimelineEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_append_only_change"();
