-- Embedding on write (lib/embeddings): rows whose vector is missing (embeddingModel NULL) or made
-- by another model are found through these indexes, one range per (store, model) — a store whose
-- rows are all current costs the embedding job three index probes, not a scan.
CREATE INDEX "communications_storeId_embeddingModel_id_idx" ON "communications"("storeId", "embeddingModel", "id");
CREATE INDEX "observations_storeId_embeddingModel_id_idx" ON "observations"("storeId", "embeddingModel", "id");
CREATE INDEX "summaries_storeId_embeddingModel_id_idx" ON "summaries"("storeId", "embeddingModel", "id");

-- A vector describes the text it was made from: whatever path changes a row's content (API edit,
-- reconciliation, extraction rewriting a summary, merge), the old vector goes with it and the row
-- is embedded again. A trigger, so no write path can forget.
CREATE FUNCTION "kith_clear_stale_embedding"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."content" IS DISTINCT FROM OLD."content" THEN
    NEW."embedding" := NULL;
    NEW."embeddingModel" := NULL;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "communications_clear_stale_embedding" BEFORE UPDATE OF "content" ON "communications"
  FOR EACH ROW EXECUTE FUNCTION "kith_clear_stale_embedding"();
CREATE TRIGGER "observations_clear_stale_embedding" BEFORE UPDATE OF "content" ON "observations"
  FOR EACH ROW EXECUTE FUNCTION "kith_clear_stale_embedding"();
CREATE TRIGGER "summaries_clear_stale_embedding" BEFORE UPDATE OF "content" ON "summaries"
  FOR EACH ROW EXECUTE FUNCTION "kith_clear_stale_embedding"();
