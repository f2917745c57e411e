-- Kith's initial schema: generated from prisma/schema.prisma by tools/prisma-diff, then the hand-written
-- parts at the end (generated full-text columns, partial unique index, GIN indexes).

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "vector";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SUPERVISOR', 'AGENT');

-- CreateEnum
CREATE TYPE "StoreStatus" AS ENUM ('ACTIVE', 'DELETING');

-- CreateEnum
CREATE TYPE "MergeMode" AS ENUM ('AUTO', 'REVIEW');

-- CreateEnum
CREATE TYPE "LimitPolicy" AS ENUM ('FIFO', 'LIFO', 'BLOCK');

-- CreateEnum
CREATE TYPE "Normalization" AS ENUM ('EMAIL', 'PHONE', 'TRIM', 'NONE');

-- CreateEnum
CREATE TYPE "TraitDataType" AS ENUM ('STRING', 'NUMBER', 'BOOLEAN', 'ARRAY');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('SMS', 'VOICE', 'RCS', 'WHATSAPP', 'EMAIL', 'CHAT');

-- CreateEnum
CREATE TYPE "ConversationStatus" AS ENUM ('ACTIVE', 'INACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "ParticipantType" AS ENUM ('CUSTOMER', 'HUMAN_AGENT', 'AI_AGENT', 'UNKNOWN');

-- CreateEnum
CREATE TYPE "ObservationStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "MergeStatus" AS ENUM ('PENDING', 'APPLIED', 'REJECTED', 'UNDONE');

-- CreateEnum
CREATE TYPE "ResolutionOutcome" AS ENUM ('CREATED', 'ATTACHED', 'MERGED', 'PROPOSED', 'CONFLICT', 'LOOKED_UP', 'NOT_FOUND');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'API_KEY', 'SYSTEM');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "stores" (
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "description" TEXT,
    "status" "StoreStatus" NOT NULL DEFAULT 'ACTIVE',
    "autoApproveObservations" BOOLEAN NOT NULL DEFAULT false,
    "allowExtractedTraits" BOOLEAN NOT NULL DEFAULT false,
    "conversationTimeouts" JSONB NOT NULL,
    "twilioAuthToken" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "stores_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_resolution_settings" (
    "storeId" TEXT NOT NULL,
    "mergeMode" "MergeMode" NOT NULL DEFAULT 'AUTO',
    "matchingRules" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "identity_resolution_settings_pkey" PRIMARY KEY ("storeId")
);

-- CreateTable
CREATE TABLE "identifier_configs" (
    "storeId" TEXT NOT NULL,
    "idType" TEXT NOT NULL,
    "normalization" "Normalization" NOT NULL,
    "limit" INTEGER NOT NULL,
    "limitPolicy" "LimitPolicy" NOT NULL,
    "enforceUnique" BOOLEAN NOT NULL DEFAULT true,
    "blockedValues" TEXT[],

    CONSTRAINT "identifier_configs_pkey" PRIMARY KEY ("storeId","idType")
);

-- CreateTable
CREATE TABLE "trait_groups" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trait_groups_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "trait_definitions" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "dataType" "TraitDataType" NOT NULL,
    "description" TEXT,
    "validationRule" JSONB,
    "idTypePromotion" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "trait_definitions_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "profiles" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "displayName" TEXT,
    "lastContactAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "profiles_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "profile_aliases" (
    "storeId" TEXT NOT NULL,
    "aliasId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "mergeId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "profile_aliases_pkey" PRIMARY KEY ("storeId","aliasId")
);

-- CreateTable
CREATE TABLE "trait_values" (
    "storeId" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "groupName" TEXT NOT NULL,
    "traitName" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "trait_values_pkey" PRIMARY KEY ("storeId","profileId","groupName","traitName")
);

-- CreateTable
CREATE TABLE "identifiers" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "idType" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "isUnique" BOOLEAN NOT NULL DEFAULT true,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identifiers_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "resolution_records" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "outcome" "ResolutionOutcome" NOT NULL,
    "profileId" TEXT,
    "input" JSONB NOT NULL,
    "reasons" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "sourceRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "resolution_records_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "merges" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "survivorProfileId" TEXT NOT NULL,
    "sourceProfileId" TEXT NOT NULL,
    "status" "MergeStatus" NOT NULL,
    "proposedBy" TEXT NOT NULL,
    "reason" JSONB NOT NULL,
    "undoData" JSONB,
    "decidedByType" "ActorType",
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "undoneAt" TIMESTAMP(3),

    CONSTRAINT "merges_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "status" "ConversationStatus" NOT NULL DEFAULT 'ACTIVE',
    "threadKey" TEXT,
    "attributes" JSONB,
    "lastActivityAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "inactiveAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "participants" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "type" "ParticipantType" NOT NULL,
    "name" TEXT,
    "addresses" JSONB NOT NULL,
    "profileId" TEXT,
    "resolutionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "participants_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "communications" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "participantId" TEXT,
    "authorChannel" "Channel",
    "authorAddress" TEXT,
    "content" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "resourceId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "embedding" vector(384),
    "embeddingModel" TEXT,
    "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "content")) STORED,

    CONSTRAINT "communications_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "observations" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT,
    "status" "ObservationStatus" NOT NULL DEFAULT 'PENDING',
    "confidence" DOUBLE PRECISION,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "conversationIds" TEXT[],
    "communicationIds" TEXT[],
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "reviewedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "embedding" vector(384),
    "embeddingModel" TEXT,
    "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "content")) STORED,

    CONSTRAINT "observations_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "observation_revisions" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "observationId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "status" "ObservationStatus" NOT NULL,
    "confidence" DOUBLE PRECISION,
    "reason" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "observation_revisions_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "summaries" (
    "storeId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "profileId" TEXT NOT NULL,
    "conversationId" TEXT,
    "content" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "embedding" vector(384),
    "embeddingModel" TEXT,
    "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, "content")) STORED,

    CONSTRAINT "summaries_pkey" PRIMARY KEY ("storeId","id")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "id" TEXT NOT NULL,
    "storeId" TEXT,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "disabledAt" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "storeId" TEXT,
    "role" "Role" NOT NULL,
    "secretHash" TEXT NOT NULL,
    "createdByType" "ActorType" NOT NULL,
    "createdById" TEXT,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "jobs" (
    "id" TEXT NOT NULL,
    "storeId" TEXT,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupeKey" TEXT,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lastError" TEXT,
    "progress" JSONB,
    "result" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "store_counters" (
    "storeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "store_counters_pkey" PRIMARY KEY ("storeId","name")
);

-- CreateIndex
CREATE UNIQUE INDEX "stores_displayName_key" ON "stores"("displayName");

-- CreateIndex
CREATE UNIQUE INDEX "trait_groups_storeId_name_key" ON "trait_groups"("storeId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "trait_definitions_storeId_groupId_name_key" ON "trait_definitions"("storeId", "groupId", "name");

-- CreateIndex
CREATE INDEX "profiles_storeId_createdAt_idx" ON "profiles"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "profiles_storeId_displayName_idx" ON "profiles"("storeId", "displayName");

-- CreateIndex
CREATE INDEX "profile_aliases_storeId_profileId_idx" ON "profile_aliases"("storeId", "profileId");

-- CreateIndex
CREATE INDEX "trait_values_storeId_groupName_traitName_idx" ON "trait_values"("storeId", "groupName", "traitName");

-- CreateIndex
CREATE INDEX "identifiers_storeId_idType_value_idx" ON "identifiers"("storeId", "idType", "value");

-- CreateIndex
CREATE UNIQUE INDEX "identifiers_storeId_profileId_idType_value_key" ON "identifiers"("storeId", "profileId", "idType", "value");

-- CreateIndex
CREATE INDEX "resolution_records_storeId_createdAt_idx" ON "resolution_records"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "resolution_records_storeId_profileId_idx" ON "resolution_records"("storeId", "profileId");

-- CreateIndex
CREATE INDEX "merges_storeId_status_createdAt_idx" ON "merges"("storeId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "conversations_storeId_status_lastActivityAt_idx" ON "conversations"("storeId", "status", "lastActivityAt");

-- CreateIndex
CREATE INDEX "conversations_storeId_threadKey_status_idx" ON "conversations"("storeId", "threadKey", "status");

-- CreateIndex
CREATE INDEX "conversations_storeId_createdAt_idx" ON "conversations"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "participants_storeId_conversationId_idx" ON "participants"("storeId", "conversationId");

-- CreateIndex
CREATE INDEX "participants_storeId_profileId_idx" ON "participants"("storeId", "profileId");

-- CreateIndex
CREATE INDEX "communications_storeId_conversationId_occurredAt_idx" ON "communications"("storeId", "conversationId", "occurredAt");

-- CreateIndex
CREATE INDEX "communications_storeId_participantId_idx" ON "communications"("storeId", "participantId");

-- CreateIndex
CREATE UNIQUE INDEX "communications_storeId_resourceId_key" ON "communications"("storeId", "resourceId");

-- CreateIndex
CREATE INDEX "observations_storeId_profileId_occurredAt_idx" ON "observations"("storeId", "profileId", "occurredAt");

-- CreateIndex
CREATE INDEX "observations_storeId_status_createdAt_idx" ON "observations"("storeId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "observation_revisions_storeId_observationId_version_key" ON "observation_revisions"("storeId", "observationId", "version");

-- CreateIndex
CREATE INDEX "summaries_storeId_profileId_occurredAt_idx" ON "summaries"("storeId", "profileId", "occurredAt");

-- CreateIndex
CREATE INDEX "summaries_storeId_conversationId_idx" ON "summaries"("storeId", "conversationId");

-- CreateIndex
CREATE INDEX "audit_events_storeId_createdAt_idx" ON "audit_events"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "audit_events_storeId_resourceType_resourceId_idx" ON "audit_events"("storeId", "resourceType", "resourceId");

-- CreateIndex
CREATE INDEX "audit_events_storeId_actorId_idx" ON "audit_events"("storeId", "actorId");

-- CreateIndex
CREATE INDEX "audit_events_requestId_idx" ON "audit_events"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "api_keys_storeId_idx" ON "api_keys"("storeId");

-- CreateIndex
CREATE INDEX "jobs_status_runAt_idx" ON "jobs"("status", "runAt");

-- CreateIndex
CREATE INDEX "jobs_storeId_type_createdAt_idx" ON "jobs"("storeId", "type", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "jobs_storeId_dedupeKey_key" ON "jobs"("storeId", "dedupeKey");

-- AddForeignKey
ALTER TABLE "identity_resolution_settings" ADD CONSTRAINT "identity_resolution_settings_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identifier_configs" ADD CONSTRAINT "identifier_configs_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trait_groups" ADD CONSTRAINT "trait_groups_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trait_definitions" ADD CONSTRAINT "trait_definitions_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trait_definitions" ADD CONSTRAINT "trait_definitions_storeId_groupId_fkey" FOREIGN KEY ("storeId", "groupId") REFERENCES "trait_groups"("storeId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile_aliases" ADD CONSTRAINT "profile_aliases_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "profile_aliases" ADD CONSTRAINT "profile_aliases_storeId_profileId_fkey" FOREIGN KEY ("storeId", "profileId") REFERENCES "profiles"("storeId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trait_values" ADD CONSTRAINT "trait_values_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trait_values" ADD CONSTRAINT "trait_values_storeId_profileId_fkey" FOREIGN KEY ("storeId", "profileId") REFERENCES "profiles"("storeId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identifiers" ADD CONSTRAINT "identifiers_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identifiers" ADD CONSTRAINT "identifiers_storeId_profileId_fkey" FOREIGN KEY ("storeId", "profileId") REFERENCES "profiles"("storeId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "resolution_records" ADD CONSTRAINT "resolution_records_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "merges" ADD CONSTRAINT "merges_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participants" ADD CONSTRAINT "participants_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participants" ADD CONSTRAINT "participants_storeId_conversationId_fkey" FOREIGN KEY ("storeId", "conversationId") REFERENCES "conversations"("storeId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "participants" ADD CONSTRAINT "participants_storeId_profileId_fkey" FOREIGN KEY ("storeId", "profileId") REFERENCES "profiles"("storeId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communications" ADD CONSTRAINT "communications_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communications" ADD CONSTRAINT "communications_storeId_conversationId_fkey" FOREIGN KEY ("storeId", "conversationId") REFERENCES "conversations"("storeId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communications" ADD CONSTRAINT "communications_storeId_participantId_fkey" FOREIGN KEY ("storeId", "participantId") REFERENCES "participants"("storeId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observations" ADD CONSTRAINT "observations_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observations" ADD CONSTRAINT "observations_storeId_profileId_fkey" FOREIGN KEY ("storeId", "profileId") REFERENCES "profiles"("storeId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_revisions" ADD CONSTRAINT "observation_revisions_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "observation_revisions" ADD CONSTRAINT "observation_revisions_storeId_observationId_fkey" FOREIGN KEY ("storeId", "observationId") REFERENCES "observations"("storeId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "summaries" ADD CONSTRAINT "summaries_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "summaries" ADD CONSTRAINT "summaries_storeId_profileId_fkey" FOREIGN KEY ("storeId", "profileId") REFERENCES "profiles"("storeId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "summaries" ADD CONSTRAINT "summaries_storeId_conversationId_fkey" FOREIGN KEY ("storeId", "conversationId") REFERENCES "conversations"("storeId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "store_counters" ADD CONSTRAINT "store_counters_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "stores"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- ---------------------------------------------------------------- hand-written

-- A value of a type whose config has enforceUnique belongs to at most one profile in its store.
-- This index is what makes concurrent resolutions of the same identifier end in one profile.
CREATE UNIQUE INDEX "identifiers_unique_value_key" ON "identifiers"("storeId", "idType", "value") WHERE "isUnique";

-- Full-text search over the texts recall ranks (lexical side of hybrid recall).
CREATE INDEX "communications_searchVector_idx" ON "communications" USING GIN ("searchVector");
CREATE INDEX "observations_searchVector_idx" ON "observations" USING GIN ("searchVector");
CREATE INDEX "summaries_searchVector_idx" ON "summaries" USING GIN ("searchVector");

-- Claiming the next due job (FOR UPDATE SKIP LOCKED) reads only queued rows.
CREATE INDEX "jobs_due_idx" ON "jobs"("runAt") WHERE "status" = 'QUEUED';
