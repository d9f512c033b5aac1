-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "createdById" UUID;

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "createdById" UUID;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Location" ADD CONSTRAINT "Location_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Profiles and places made before these columns existed: their creator is the user of their
-- CREATE audit entry (lib/people createPersonInTransaction, lib/places createPlaceInTransaction
-- write one in the same transaction as the row), when that user belongs to the organisation
-- recorded as the creator. Rows with no such entry (seeded, imported) stay null: their creating
-- organisation still decides, as before (lib/people/access, lib/places/access).
UPDATE "Person" p
SET "createdById" = a."userId"
FROM (
  SELECT DISTINCT ON ("entityId") "entityId", "userId", "organisationId"
  FROM "AuditEvent"
  WHERE "entityType" = 'Person' AND "action" = 'CREATE' AND "userId" IS NOT NULL
  ORDER BY "entityId", "at", "id"
) a
WHERE p."createdById" IS NULL AND a."entityId" = p."id"::text AND a."organisationId" = p."createdByOrgId";

UPDATE "Location" l
SET "createdById" = a."userId"
FROM (
  SELECT DISTINCT ON ("entityId") "entityId", "userId", "organisationId"
  FROM "AuditEvent"
  WHERE "entityType" = 'Location' AND "action" = 'CREATE' AND "userId" IS NOT NULL
  ORDER BY "entityId", "at", "id"
) a
WHERE l."createdById" IS NULL AND a."entityId" = l."id"::text AND a."organisationId" = l."createdByOrgId";
