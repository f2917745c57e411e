-- The review queue's "lowest confidence first" order (lib/observations/list-pending-observations.ts):
-- a store's PENDING observations by confidence, unscored first, then id. Without this index every
-- page read and sorted all of them (30,000 on the seed:large store: ≈ 200 ms on PostgreSQL). Not
-- in schema.prisma: Prisma's @@index cannot say NULLS FIRST.
CREATE INDEX "observations_storeId_status_confidence_id_idx" ON "observations"("storeId", "status", "confidence" ASC NULLS FIRST, "id");
