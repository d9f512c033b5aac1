-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('INCIDENTS', 'PEOPLE', 'PLACES');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('CHECKING', 'CHECKED', 'IMPORTING', 'IMPORTED', 'FAILED', 'DISCARDED');

-- CreateEnum
CREATE TYPE "ImportMatchKind" AS ENUM ('PERSON', 'PLACE');

-- CreateTable
CREATE TABLE "DataImport" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "createdById" UUID NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'CHECKING',
    "checkedRows" INTEGER NOT NULL DEFAULT 0,
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "problemCount" INTEGER NOT NULL DEFAULT 0,
    "importedUpTo" INTEGER NOT NULL DEFAULT 0,
    "createdCount" INTEGER NOT NULL DEFAULT 0,
    "updatedCount" INTEGER NOT NULL DEFAULT 0,
    "unchangedCount" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "checkedAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "DataImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportFileChunk" (
    "importId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "ImportFileChunk_pkey" PRIMARY KEY ("importId","seq")
);

-- CreateTable
CREATE TABLE "ImportProblem" (
    "id" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "column" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "ImportProblem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportMatch" (
    "id" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "kind" "ImportMatchKind" NOT NULL,
    "key" TEXT NOT NULL,
    "firstRow" INTEGER NOT NULL,
    "rowCount" INTEGER NOT NULL DEFAULT 1,
    "candidateIds" UUID[],
    "suggestedId" UUID,
    "decidedId" UUID,
    "decidedNew" BOOLEAN NOT NULL DEFAULT false,
    "decided" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ImportMatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportedRecord" (
    "id" UUID NOT NULL,
    "organisationId" UUID NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "sourceReference" TEXT NOT NULL,
    "recordId" UUID NOT NULL,
    "importId" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "rowHash" TEXT NOT NULL,
    "recordVersion" INTEGER NOT NULL,
    "links" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ImportedRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DataImport_organisationId_createdAt_idx" ON "DataImport"("organisationId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ImportProblem_importId_row_idx" ON "ImportProblem"("importId", "row");

-- CreateIndex
CREATE UNIQUE INDEX "ImportMatch_importId_kind_key_key" ON "ImportMatch"("importId", "kind", "key");

-- CreateIndex
CREATE INDEX "ImportedRecord_recordId_idx" ON "ImportedRecord"("recordId");

-- CreateIndex
CREATE UNIQUE INDEX "ImportedRecord_organisationId_kind_sourceReference_key" ON "ImportedRecord"("organisationId", "kind", "sourceReference");

-- AddForeignKey
ALTER TABLE "DataImport" ADD CONSTRAINT "DataImport_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DataImport" ADD CONSTRAINT "DataImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportFileChunk" ADD CONSTRAINT "ImportFileChunk_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DataImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportProblem" ADD CONSTRAINT "ImportProblem_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DataImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportMatch" ADD CONSTRAINT "ImportMatch_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DataImport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportedRecord" ADD CONSTRAINT "ImportedRecord_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportedRecord" ADD CONSTRAINT "ImportedRecord_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DataImport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
