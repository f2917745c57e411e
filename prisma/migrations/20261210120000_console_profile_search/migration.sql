-- The console's profile search (lib/console/search-console-profiles.ts) matches prefixes,
-- case-insensitively: `LIKE 'ada%'` can only use a btree index built with text_pattern_ops
-- (whatever the database's collation), so each searched column gets one.

-- Display name starts with the query.
CREATE INDEX "profiles_storeId_lower_displayName_pattern_idx" ON "profiles"("storeId", lower("displayName") text_pattern_ops);

-- A trait value starts with the query. Cut to 200 characters: a btree entry must stay well under
-- a page, and no one types more than that into a search box.
CREATE INDEX "trait_values_storeId_value_pattern_idx" ON "trait_values"("storeId", left(lower("value" #>> '{}'), 200) text_pattern_ops);

-- An identifier value starts with the query (exact, normalised matches use the existing
-- (storeId, idType, value) index).
CREATE INDEX "identifiers_storeId_value_pattern_idx" ON "identifiers"("storeId", "value" text_pattern_ops);
