-- AlterEnum
ALTER TYPE "ImportKind" ADD VALUE 'POWERS';
