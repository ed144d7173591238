-- AlterTable
ALTER TABLE "documents" ADD COLUMN     "errorCode" TEXT;

