-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('ACTION_ASSIGNED_TO_ME', 'ACTION_ASSIGNED_TO_ORGANISATION', 'ACTION_DUE_TOMORROW', 'ACTIONS_OVERDUE', 'ACTION_COMPLETED', 'ACTION_CANCELLED', 'REFERRAL_AWAITING_TRIAGE', 'REFERRAL_DECIDED', 'REFERRAL_MORE_INFORMATION', 'REFERRAL_WITHDRAWN', 'MEETING_SCHEDULED', 'MEETING_CHANGED', 'MEETING_CANCELLED', 'CASE_SHARED', 'VICTIM_FLAG_RAISED', 'POWER_EXPIRING', 'POWER_BREACHED', 'INVITATION', 'PASSWORD_RESET', 'SIGN_IN_NEW_DEVICE', 'SIGN_IN_THROTTLED', 'TWO_FACTOR_CHANGED', 'PASSWORD_CHANGED');

-- CreateEnum
CREATE TYPE "EmailState" AS ENUM ('NOT_EMAILED', 'PENDING', 'IN_DIGEST', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "NotificationDelivery" AS ENUM ('IMMEDIATELY', 'DAILY_DIGEST', 'OFF');

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "reference" TEXT,
    "organisation" TEXT,
    "link" TEXT NOT NULL,
    "subjectType" TEXT,
    "subjectId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMPTZ(3),
    "emailState" "EmailState" NOT NULL,
    "emailAttempts" INTEGER NOT NULL DEFAULT 0,
    "emailLastError" TEXT,
    "emailSentAt" TIMESTAMPTZ(3),
    "secretLink" TEXT,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "delivery" "NotificationDelivery" NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_emailState_createdAt_idx" ON "Notification"("emailState", "createdAt");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
