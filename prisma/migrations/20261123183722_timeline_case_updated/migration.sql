-- AlterEnum
ALTER TYPE "TimelineKind" ADD VALUE 'CASE_UPDATED';
