-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- Cases opened before this column were opened when they were typed in.
UPDATE "Case" SET "openedAt" = "createdAt";

-- AlterTable
ALTER TABLE "TimelineEntry" ADD COLUMN     "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
-- Entries before this column were recorded as they happened. The table is append-only (its
-- trigger refuses UPDATE): lifted for this one statement, inside the migration's transaction.
ALTER TABLE "TimelineEntry" DISABLE TRIGGER "TimelineEntry_append_only";
UPDATE "TimelineEntry" SET "recordedAt" = "occurredAt";
ALTER TABLE "TimelineEntry" ENABLE TRIGGER "TimelineEntry_append_only";

-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "recordedAfterwards" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CaseTransfer" (
    "id" UUID NOT NULL,
    "caseId" UUID NOT NULL,
    "area" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "transferredAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedById" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingCorrection" (
    "id" UUID NOT NULL,
    "meetingId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "correctedById" UUID NOT NULL,
    "correctedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MeetingCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseTransfer_caseId_idx" ON "CaseTransfer"("caseId");

-- CreateIndex
CREATE INDEX "CaseTransfer_transferredAt_idx" ON "CaseTransfer"("transferredAt");

-- CreateIndex
CREATE INDEX "MeetingCorrection_meetingId_correctedAt_idx" ON "MeetingCorrection"("meetingId", "correctedAt");

-- CreateIndex
CREATE INDEX "Case_openedAt_idx" ON "Case"("openedAt");

-- AddForeignKey
ALTER TABLE "CaseTransfer" ADD CONSTRAINT "CaseTransfer_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTransfer" ADD CONSTRAINT "CaseTransfer_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseTransfer" ADD CONSTRAINT "CaseTransfer_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingCorrection" ADD CONSTRAINT "MeetingCorrection_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingCorrection" ADD CONSTRAINT "MeetingCorrection_correctedById_fkey" FOREIGN KEY ("correctedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
