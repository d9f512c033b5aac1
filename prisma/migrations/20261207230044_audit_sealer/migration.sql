-- The audit trail is chained by a sealer after commit instead of under one advisory lock taken by
-- every audited view and write (lib/audit/README.md). The links move from "AuditEvent" to the
-- append-only "AuditSeal"; every existing entry keeps its link, in id order, as seq 1, 2, 3, …

-- CreateTable
CREATE TABLE "AuditSeal" (
    "seq" BIGINT NOT NULL,
    "entryId" BIGINT NOT NULL,
    "xact" BIGINT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "sealedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditSeal_pkey" PRIMARY KEY ("seq")
);

-- The chain as it stands (its hashes are unchanged: the seal covers the previous hash and the
-- entry's content, not where the link is kept). Entries written before sealing have xact 0.
INSERT INTO "AuditSeal" ("seq", "entryId", "xact", "prevHash", "hash")
SELECT row_number() OVER (ORDER BY "id"), "id", 0, "prevHash", "hash" FROM "AuditEvent";

-- DropIndex
DROP INDEX "AuditEvent_hash_key";

-- AlterTable (DROP COLUMN and ADD COLUMN fire no row trigger: the append-only triggers stay on)
ALTER TABLE "AuditEvent" DROP COLUMN "hash",
DROP COLUMN "prevHash",
ADD COLUMN     "mac" TEXT,
ADD COLUMN     "xact" BIGINT NOT NULL DEFAULT 0;
ALTER TABLE "AuditEvent" ALTER COLUMN "xact" SET DEFAULT ((pg_current_xact_id())::text)::bigint;

-- CreateIndex
CREATE UNIQUE INDEX "AuditSeal_entryId_key" ON "AuditSeal"("entryId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditSeal_hash_key" ON "AuditSeal"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_xact_id_idx" ON "AuditEvent"("xact", "id");

-- AddForeignKey
ALTER TABLE "AuditSeal" ADD CONSTRAINT "AuditSeal_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "AuditEvent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only, as the trail itself (the function is the first migration's).
CREATE TRIGGER "AuditSeal_append_only"
  BEFORE UPDATE OR DELETE ON "AuditSeal"
  FOR EACH ROW EXECUTE FUNCTION "refuse_append_only_change"();

CREATE TRIGGER "AuditSeal_no_truncate"
  BEFORE TRUNCATE ON "AuditSeal"
  FOR EACH STATEMENT EXECUTE FUNCTION "refuse_append_only_change"();
