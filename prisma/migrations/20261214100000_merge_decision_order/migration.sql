-- The merge queue's history tabs (lib/merges/list-merges.ts with order "decided" / "undone"): a
-- store's APPLIED or REJECTED merges newest decision first, its UNDONE merges newest undo first,
-- keyset-paged over (time, id). A merge proposed long ago and approved today belongs at the top
-- of Applied; ordered by id (when it was recorded) it sank to wherever its proposal was.
CREATE INDEX "merges_storeId_status_decidedAt_id_idx" ON "merges"("storeId", "status", "decidedAt", "id");
CREATE INDEX "merges_storeId_status_undoneAt_id_idx" ON "merges"("storeId", "status", "undoneAt", "id");
