-- AlterTable
ALTER TABLE "stores" ADD COLUMN     "screenCommunications" BOOLEAN NOT NULL DEFAULT true;

