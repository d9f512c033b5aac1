-- CreateEnum
CREATE TYPE "PanelRequestKind" AS ENUM ('MEMBERSHIP', 'CHAIR', 'PASSWORD_RESET', 'REMOVE_TWO_FACTOR');

-- CreateEnum
CREATE TYPE "PanelRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'REFUSED', 'CANCELLED');

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "emailDomains" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passwordLinkSeenById" UUID;

-- AlterTable
ALTER TABLE "PanelMembership" ADD COLUMN     "approvedById" UUID;

-- AlterTable
ALTER TABLE "PasswordToken" ADD COLUMN     "shownToId" UUID;

-- CreateTable
CREATE TABLE "PanelRequest" (
    "id" UUID NOT NULL,
    "panel" "Panel" NOT NULL,
    "kind" "PanelRequestKind" NOT NULL,
    "userId" UUID NOT NULL,
    "requestedById" UUID NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "PanelRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" UUID,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "PanelRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PanelRequest_panel_status_requestedAt_idx" ON "PanelRequest"("panel", "status", "requestedAt");

-- CreateIndex
CREATE INDEX "PanelRequest_userId_requestedAt_idx" ON "PanelRequest"("userId", "requestedAt");

-- AddForeignKey
ALTER TABLE "PanelRequest" ADD CONSTRAINT "PanelRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelRequest" ADD CONSTRAINT "PanelRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PanelRequest" ADD CONSTRAINT "PanelRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: one open request per user, panel and kind (asking again while one waits is the
-- same request), enforced by the database so two racing requests cannot both be made.
CREATE UNIQUE INDEX "PanelRequest_one_pending_idx" ON "PanelRequest"("userId", "panel", "kind") WHERE "status" = 'PENDING';

-- Each organisation starts with the domains its accounts already use, so nobody is locked out of
-- being edited; administrators then correct the list.
UPDATE "Organisation" o SET "emailDomains" = COALESCE(
  (SELECT array_agg(DISTINCT lower(split_part(u.email, '@', 2)) ORDER BY lower(split_part(u.email, '@', 2)))
     FROM "User" u WHERE u."organisationId" = o.id),
  ARRAY[]::TEXT[]);
