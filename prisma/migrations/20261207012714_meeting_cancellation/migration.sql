-- AlterTable
ALTER TABLE "Meeting" ADD COLUMN     "cancellationReason" TEXT,
ADD COLUMN     "cancelledAt" TIMESTAMPTZ(3),
ADD COLUMN     "cancelledById" UUID;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_cancelledById_fkey" FOREIGN KEY ("cancelledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Meetings cancelled before these columns existed: their reason, who and when were kept only in
-- the meeting's CANCELLED audit entry (lib/meetings cancelMeeting), read back from there. Copied
-- here so the meeting holds its own record; the audit entry stays as it is (append-only).
UPDATE "Meeting" m
SET "cancelledAt" = a."at", "cancelledById" = a."userId", "cancellationReason" = a."detail"->>'reason'
FROM (
  SELECT DISTINCT ON ("entityId") "entityId", "at", "userId", "detail"
  FROM "AuditEvent"
  WHERE "entityType" = 'Meeting' AND "action" = 'UPDATE' AND "detail"->'status'->>'to' = 'CANCELLED'
  ORDER BY "entityId", "at" DESC, "id" DESC
) a
WHERE m."status" = 'CANCELLED' AND m."cancelledAt" IS NULL AND a."entityId" = m."id"::text;
