-- CreateTable
CREATE TABLE "extraction_runs" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "throughCommunicationId" TEXT NOT NULL,
    "extractor" TEXT NOT NULL,
    "observationsAdded" INTEGER NOT NULL DEFAULT 0,
    "observationsUpdated" INTEGER NOT NULL DEFAULT 0,
    "observationsDiscarded" INTEGER NOT NULL DEFAULT 0,
    "excluded" JSONB NOT NULL DEFAULT '[]',
    "summaryId" TEXT,
    "traitCandidates" INTEGER NOT NULL DEFAULT 0,
    "usage" JSONB,
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "extraction_runs_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "trait_candidates" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "traitName" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "communicationIds" TEXT[],
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "trait_candidates_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateIndex
CREATE INDEX "extraction_runs_storeId_profileId_idx" ON "extraction_runs"("storeId", "profileId");

-- CreateIndex
CREATE INDEX "extraction_runs_storeId_createdAt_idx" ON "extraction_runs"("storeId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "extraction_runs_storeId_conversationId_profileId_throughCom_key" ON "extraction_runs"("storeId", "conversationId", "profileId", "throughCommunicationId");

-- CreateIndex
CREATE INDEX "trait_candidates_storeId_profileId_idx" ON "trait_candidates"("storeId", "profileId");

-- CreateIndex
CREATE UNIQUE INDEX "trait_candidates_storeId_profileId_conversationId_groupName_key" ON "trait_candidates"("storeId", "profileId", "conversationId", "groupName", "traitName", "value");

-- AddForeignKey
ALTER TABLE "extraction_runs" ADD CONSTRAINT "extraction_runs_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trait_candidates" ADD CONSTRAINT "trait_candidates_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

