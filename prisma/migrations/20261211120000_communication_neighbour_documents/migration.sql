-- Recall matches a communication with its neighbours (lib/db/vector.ts, communicationSearchSql):
-- its own lexemes, the turn before it weighted C (¾), the one before that and the two after it
-- weighted B (¼), and its session's date (the day of the conversation's first turn). Composing
-- that document per request took window functions over every turn of the profile's conversations
-- (~20 ms on a 5,000-memory profile). It is stored instead, maintained by triggers so no write
-- path can forget: an insert, an edit of content / occurredAt / conversationId, or a delete
-- recomputes the documents of the conversations it touched (a new turn changes the two before
-- it; a new first turn changes the session date of all) and writes only the rows that differ.
ALTER TABLE "communications" ADD COLUMN "neighbourDocument" tsvector;

-- The documents of the given conversations' turns, recomputed; returns the rows rewritten.
CREATE FUNCTION "kith_refresh_neighbour_documents"(store_ids text[], conversation_ids text[]) RETURNS integer LANGUAGE sql AS $$
  WITH touched AS (
    SELECT DISTINCT s AS "storeId", c AS "conversationId" FROM unnest(store_ids, conversation_ids) AS t(s, c)
  ),
  composed AS (
    -- One conversation at a time through its (storeId, conversationId, occurredAt) index, whatever
    -- the planner guesses of the arrays' sizes.
    SELECT x."storeId", x."id", x.document
    FROM touched t CROSS JOIN LATERAL (
      SELECT y."storeId", y."id",
             y."searchVector"
               || setweight(coalesce(lag(y."searchVector") OVER thread, ''::tsvector), 'C')
               || setweight(coalesce(lag(y."searchVector", 2) OVER thread, ''::tsvector) || coalesce(lead(y."searchVector") OVER thread, ''::tsvector)
                    || coalesce(lead(y."searchVector", 2) OVER thread, ''::tsvector), 'B')
               || to_tsvector('english'::regconfig, to_char(min(y."occurredAt") OVER (), 'FMDD FMMonth YYYY')) AS document
      FROM "communications" y
      WHERE y."storeId" = t."storeId" AND y."conversationId" = t."conversationId"
      WINDOW thread AS (ORDER BY y."occurredAt", y."id")
    ) x
  ),
  written AS (
    UPDATE "communications" c SET "neighbourDocument" = d.document
    FROM composed d
    WHERE c."storeId" = d."storeId" AND c."id" = d."id" AND c."neighbourDocument" IS DISTINCT FROM d.document
    RETURNING 1
  )
  SELECT count(*)::integer FROM written
$$;

CREATE FUNCTION "kith_neighbour_documents_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "kith_refresh_neighbour_documents"(array_agg(n."storeId"), array_agg(n."conversationId")) FROM "new_rows" n;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "kith_neighbour_documents_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Only edits the documents depend on: embedding writes and the refresh's own update change none
  -- of these columns, so they stop here.
  PERFORM "kith_refresh_neighbour_documents"(array_agg(t.s), array_agg(t.c)) FROM (
    SELECT n."storeId" AS s, n."conversationId" AS c FROM "new_rows" n JOIN "old_rows" o ON o."storeId" = n."storeId" AND o."id" = n."id"
    WHERE n."content" IS DISTINCT FROM o."content" OR n."occurredAt" IS DISTINCT FROM o."occurredAt" OR n."conversationId" IS DISTINCT FROM o."conversationId"
    UNION ALL
    SELECT o."storeId", o."conversationId" FROM "new_rows" n JOIN "old_rows" o ON o."storeId" = n."storeId" AND o."id" = n."id"
    WHERE n."occurredAt" IS DISTINCT FROM o."occurredAt" OR n."conversationId" IS DISTINCT FROM o."conversationId"
  ) t HAVING count(*) > 0;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "kith_neighbour_documents_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "kith_refresh_neighbour_documents"(array_agg(o."storeId"), array_agg(o."conversationId")) FROM "old_rows" o;
  RETURN NULL;
END;
$$;

-- Statement-level with transition tables: a bulk insert of many turns recomputes each touched
-- conversation once. (Transition tables rule out an `UPDATE OF` column list, hence the check.)
CREATE TRIGGER "communications_neighbour_documents_insert" AFTER INSERT ON "communications"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "kith_neighbour_documents_after_insert"();
CREATE TRIGGER "communications_neighbour_documents_update" AFTER UPDATE ON "communications"
  REFERENCING OLD TABLE AS "old_rows" NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "kith_neighbour_documents_after_update"();
CREATE TRIGGER "communications_neighbour_documents_delete" AFTER DELETE ON "communications"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "kith_neighbour_documents_after_delete"();

-- Backfill: every existing turn's document.
SELECT "kith_refresh_neighbour_documents"(array_agg(k."storeId"), array_agg(k."conversationId"))
FROM (SELECT DISTINCT "storeId", "conversationId" FROM "communications") k;
