-- The console's conversation list (lib/console/list-console-conversations.ts) shows a store's
-- conversations latest activity first, keyset-paged over (lastActivityAt, id): this index serves
-- it without a status filter (with one, conversations_storeId_status_lastActivityAt_idx does).
CREATE INDEX "conversations_storeId_lastActivityAt_id_idx" ON "conversations"("storeId", "lastActivityAt", "id");
