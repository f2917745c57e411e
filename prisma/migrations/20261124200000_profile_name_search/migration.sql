-- Duplicate suggestions compare full names case-insensitively within a store.
CREATE INDEX "profiles_storeId_lower_displayName_idx" ON "profiles"("storeId", lower("displayName"));
