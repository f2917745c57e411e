/**
 * All pgvector SQL lives here. Every vector column is `vector(EMBEDDING_DIMENSIONS)` and stores
 * the name of the model that made it beside it (`embeddingModel`), so a model change re-embeds
 * instead of mixing spaces.
 */
import { Prisma, type Communication, type Observation, type Participant, type Summary } from "./generated/client";
import { PREPARED_STATEMENT } from "./prepared-statements";
import { queryJsonCell } from "./query-json-cell";
import type { DbClient } from "./transaction";
import type { RawQueryRunner } from "./client";

export const EMBEDDING_DIMENSIONS = 384;

/** pgvector's text form of a vector, to be bound as a parameter and cast with `::vector`. */
export function toVectorLiteral(vector: ArrayLike<number>): string {
  if (vector.length !== EMBEDDING_DIMENSIONS) {
    throw new Error(`Expected a ${EMBEDDING_DIMENSIONS}-dimension vector, got ${vector.length}`);
  }
  const parts: string[] = new Array(vector.length);
  for (let index = 0; index < vector.length; index++) {
    const value = vector[index];
    if (!Number.isFinite(value)) throw new Error(`Vector component ${index} is not a finite number`);
    parts[index] = String(value);
  }
  return `[${parts.join(",")}]`;
}

/** Parses pgvector's text form (`[0.1,0.2,…]`) back into numbers. */
export function fromVectorLiteral(text: string): Float32Array {
  const inner = text.trim().replace(/^\[/, "").replace(/\]$/, "");
  return Float32Array.from(inner.length === 0 ? [] : inner.split(",").map(Number));
}

// ---------------------------------------------------------------- recall search (lib/recall)

/**
 * One candidate of a recall search: enough to rank it (lib/recall/fuse-rankings.ts), not the row.
 * `lexicalScore` is Okapi BM25 over PostgreSQL's `english` lexemes (stemming and stop words are the
 * database's; lib/recall/score-bm25.ts is the same formula), 0 when the row holds no query lexeme.
 */
export type RecallSearchRow = {
  id: string;
  occurredAt: Date;
  lexicalScore: number;
  /** Cosine distance (`<=>`) to the query vector; null without a vector of the query's model. */
  distance: number | null;
};

export type RecallSearchOptions = {
  storeId: string;
  profileId: string;
  queryText: string;
  /** The query's vector and the model that made it; null = lexical only. */
  queryVector: { vector: ArrayLike<number>; model: string } | null;
  /** occurredAt ≥ beginDate, < endDate. */
  beginDate?: Date;
  endDate?: Date;
  /** How many rows each side (best BM25, nearest vectors) contributes to fusion. */
  depth: number;
};

export type CommunicationSearchOptions = RecallSearchOptions & { excludeIds?: string[] };

/** BM25's parameters (lib/recall/score-bm25.ts has the same defaults). */
const BM25_K1 = 1.2;
const BM25_B = 0.75;
/**
 * The lexical side uses a query's first lexemes only: a long query (ten inferred turns, newest
 * first) would otherwise match most of a profile's rows; its embedding still reads all of it.
 */
const MAX_QUERY_LEXEMES = 24;

/**
 * A lexeme's frequency in a candidate is its occurrences weighted by the tsvector weight label of
 * each: D (the default: a row's own text, a turn's session date) counts 1; communications add their
 * neighbours' text labelled C (the turn before, ¾) and B (the turn before that and the two after,
 * ¼) — communicationSearchSql. Tuned on LoCoMo (docs/RECALL.md).
 */
export const NEIGHBOUR_TURN_WEIGHTS = { previous: 0.75, other: 0.25 } as const;
const weightedFrequency = Prisma.sql`(coalesce(array_length(u.positions, 1), 1)
        - ${1 - NEIGHBOUR_TURN_WEIGHTS.previous}::float8 * cardinality(array_positions(u.weights, 'C'))
        - ${1 - NEIGHBOUR_TURN_WEIGHTS.other}::float8 * cardinality(array_positions(u.weights, 'B')))::float8 AS frequency`;

function recallSqlTimestamp(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

function occurredAtFilter(column: Prisma.Sql, { beginDate, endDate }: RecallSearchOptions): Prisma.Sql {
  return Prisma.sql`${beginDate ? Prisma.sql`AND ${column} >= ${recallSqlTimestamp(beginDate)}` : Prisma.empty} ${endDate ? Prisma.sql`AND ${column} < ${recallSqlTimestamp(endDate)}` : Prisma.empty}`;
}

function distanceColumn(alias: string, queryVector: RecallSearchOptions["queryVector"]): Prisma.Sql {
  if (!queryVector) return Prisma.sql`NULL::float8`;
  const table = Prisma.raw(alias);
  return Prisma.sql`CASE WHEN ${table}."embeddingModel" = ${queryVector.model} AND ${table}."embedding" IS NOT NULL THEN ${table}."embedding" <=> ${toVectorLiteral(queryVector.vector)}::vector END`;
}

// The profile's rows are read through their (storeId, profileId, occurredAt) index and every one is
// compared: the semantic side is an exact nearest-neighbour search over the profile's own vectors
// (no approximate index over the whole store, whose recall would depend on other customers' rows).
// The lexical side is BM25 computed here: the rows holding any of the query's first 24 lexemes are
// unnested to those lexemes' counts; document frequencies, the collection's size and average length
// come from the same rows. Only the best `depth` of each side leave the database; ties at the cut
// (equal scores or distances: repeated texts) go by id, so which rows make it never depends on the
// plan. Each step reads the one before it, never a join back to the candidates, and the steps
// read more than once are materialized: the embedded database is never ANALYZEd unless an admin
// does it, and with no statistics the planner's nested loops had re-run an aggregate or a sort once
// per candidate (3× slower on LoCoMo's data: docs/PERFORMANCE.md, recall fourth pass). (Exported
// for the neighbour-document equivalence test.)
//
// The rows holding a query lexeme are found one of two ways, for speed only (the rows and scores
// are the same — a test holds the two to each other). By default, row by row with `@@` in the one
// pass over the profile's rows, which keeps a document only when it matches, so the materialized
// candidates stay small. With `joinLexemes`, every document's lexemes are hash-joined to the terms:
// faster for a long query over long documents — communications' neighbour documents with an
// inferred query of ten turns (−20 % on both databases), slower for observations or a short query
// (docs/PERFORMANCE.md, recall fourth pass).
export const LONG_QUERY_WORDS = 20;

/** Whether a query is long enough for communicationSearchSql to join lexemes rather than match `@@` row by row. */
export function isLongQuery(queryText: string): boolean {
  return queryText.split(/\s+/).filter(Boolean).length > LONG_QUERY_WORDS;
}

export function rankedSelect(candidates: Prisma.Sql, queryText: string, depth: number, { joinLexemes = false } = {}): Prisma.Sql {
  const matchedDocument = joinLexemes ? Prisma.sql`c.document` : Prisma.sql`CASE WHEN c.document @@ (SELECT q.matcher FROM query q) THEN c.document END`;
  const hitsFrom = joinLexemes
    ? Prisma.sql`FROM candidates c CROSS JOIN LATERAL unnest(c.matched_document) u JOIN (SELECT unnest(q.terms) AS lexeme FROM query q) t ON t.lexeme = u.lexeme`
    : Prisma.sql`FROM candidates c CROSS JOIN query q CROSS JOIN LATERAL unnest(c.matched_document) u
      WHERE c.matched_document IS NOT NULL AND u.lexeme = ANY(q.terms)`;
  return Prisma.sql`
    WITH query AS (
      SELECT q.terms,
             CASE WHEN cardinality(q.terms) > 0
               THEN array_to_string(ARRAY(SELECT '''' || replace(replace(t, '\\', '\\\\'), '''', '''''') || '''' FROM unnest(q.terms) t), ' | ')::tsquery
             END AS matcher
      FROM (SELECT ARRAY(SELECT u.lexeme FROM unnest(to_tsvector('english', ${queryText})) u ORDER BY u.positions[1] LIMIT ${MAX_QUERY_LEXEMES}) AS terms) q
    ),
    candidates AS MATERIALIZED (
      SELECT c."id", c."occurredAt", c.distance, length(c.document) AS document_length, ${matchedDocument} AS matched_document
      FROM (${candidates}) c
    ),
    collection AS MATERIALIZED (SELECT count(*)::float8 AS size, greatest(avg(document_length), 1)::float8 AS average_length FROM candidates),
    hits AS (SELECT c."id", c."occurredAt", c.distance, u.lexeme, ${weightedFrequency}, c.document_length::float8 AS length ${hitsFrom}),
    document_frequency AS MATERIALIZED (SELECT lexeme, count(*)::float8 AS count FROM hits GROUP BY lexeme),
    lexical AS (
      SELECT h."id", h."occurredAt", h.distance, sum(
               ln(1 + (k.size - d.count + 0.5) / (d.count + 0.5))
               * (h.frequency * (${BM25_K1}::float8 + 1)) / (h.frequency + ${BM25_K1}::float8 * (1 - ${BM25_B}::float8 + ${BM25_B}::float8 * h.length / k.average_length))
             ) AS score
      FROM hits h JOIN document_frequency d USING (lexeme) CROSS JOIN collection k
      GROUP BY h."id", h."occurredAt", h.distance ORDER BY score DESC, h."id" LIMIT ${depth}
    ),
    semantic AS (SELECT c."id", c."occurredAt", c.distance FROM candidates c WHERE c.distance IS NOT NULL ORDER BY c.distance, c."id" LIMIT ${depth})
    SELECT w."id", w."occurredAt", w.distance, max(w.score)::float8 AS "lexicalScore"
    FROM (SELECT "id", "occurredAt", distance, score FROM lexical UNION ALL SELECT "id", "occurredAt", distance, 0::float8 FROM semantic) w
    GROUP BY w."id", w."occurredAt", w.distance`;
}

/** The statement behind searchObservations (exported for the EXPLAIN check in tests). */
export function observationSearchSql(options: RecallSearchOptions): Prisma.Sql {
  const { storeId, profileId, queryText, queryVector, depth } = options;
  return rankedSelect(
    Prisma.sql`
      SELECT o."id", o."occurredAt", o."searchVector" AS document, ${distanceColumn("o", queryVector)} AS distance
      FROM "observations" o
      WHERE o."storeId" = ${storeId} AND o."profileId" = ${profileId} AND o."status" <> 'REJECTED'::"ObservationStatus"
      ${occurredAtFilter(Prisma.sql`o."occurredAt"`, options)}`,
    queryText,
    depth,
  );
}

/** The statement behind searchSummaries. */
export function summarySearchSql(options: RecallSearchOptions): Prisma.Sql {
  const { storeId, profileId, queryText, queryVector, depth } = options;
  return rankedSelect(
    Prisma.sql`
      SELECT s."id", s."occurredAt", s."searchVector" AS document, ${distanceColumn("s", queryVector)} AS distance
      FROM "summaries" s
      WHERE s."storeId" = ${storeId} AND s."profileId" = ${profileId}
      ${occurredAtFilter(Prisma.sql`s."occurredAt"`, options)}`,
    queryText,
    depth,
  );
}

/**
 * The statement behind searchCommunications: every communication of every conversation the
 * profile took part in. Each turn is matched with its neighbours' text — the turn before it (¾),
 * the one before that and the two after it (¼ each: NEIGHBOUR_TURN_WEIGHTS) — and its session's
 * date (the day of the conversation's first turn), because the answer "Yeah, last Tuesday!" is
 * found by the question around it (docs/RECALL.md); the turn itself is what comes back, and its
 * vector is its own. That composed document is stored on write (`neighbourDocument`, kept by the
 * triggers of migration 20261211120000_communication_neighbour_documents), so the search reads
 * the profile's turns through their index with no window over them.
 */
export function communicationSearchSql(options: CommunicationSearchOptions): Prisma.Sql {
  const { storeId, profileId, queryText, queryVector, depth, excludeIds = [] } = options;
  return rankedSelect(
    Prisma.sql`
      SELECT c."id", c."occurredAt", c."neighbourDocument" AS document, ${distanceColumn("c", queryVector)} AS distance
      FROM "communications" c
      WHERE c."storeId" = ${storeId}
        AND c."conversationId" IN (SELECT p."conversationId" FROM "participants" p WHERE p."storeId" = ${storeId} AND p."profileId" = ${profileId})
        AND NOT (c."id" = ANY(${excludeIds}::text[])) ${occurredAtFilter(Prisma.sql`c."occurredAt"`, options)}`,
    queryText,
    depth,
    { joinLexemes: isLongQuery(queryText) },
  );
}

type RawSearchRow = Omit<RecallSearchRow, "distance" | "lexicalScore"> & { distance: number | string | null; lexicalScore: number | string };

async function runRecallSearch(db: { $queryRaw<T>(query: Prisma.Sql): Promise<T> }, sql: Prisma.Sql): Promise<RecallSearchRow[]> {
  const rows = await db.$queryRaw<RawSearchRow[]>(sql);
  return rows.map((row) => ({ ...row, distance: row.distance === null ? null : Number(row.distance), lexicalScore: Number(row.lexicalScore) }));
}

/** Recall's search over the profile's observations (never REJECTED ones). */
export function searchObservations(db: { $queryRaw<T>(query: Prisma.Sql): Promise<T> }, options: RecallSearchOptions): Promise<RecallSearchRow[]> {
  return runRecallSearch(db, observationSearchSql(options));
}

/** Recall's search over the profile's conversation summaries. */
export function searchSummaries(db: { $queryRaw<T>(query: Prisma.Sql): Promise<T> }, options: RecallSearchOptions): Promise<RecallSearchRow[]> {
  return runRecallSearch(db, summarySearchSql(options));
}

/** Recall's search over the communications of the profile's conversations. */
export function searchCommunications(db: { $queryRaw<T>(query: Prisma.Sql): Promise<T> }, options: CommunicationSearchOptions): Promise<RecallSearchRow[]> {
  return runRecallSearch(db, communicationSearchSql(options));
}

// ---- Recall's lists in one statement (lib/recall/recall.ts) ----

/** A communication's author as recall shows it (the participant row's fields it needs). */
export type RecallAuthor = Pick<Participant, "profileId" | "name" | "type">;

export type RecallListsOptions = {
  storeId: string;
  profileId: string;
  /** Also answer whether the profile exists in the store (`profileFound`), saving its own statement. */
  checkProfile?: boolean;
  observations?: RecallSearchOptions;
  summaries?: RecallSearchOptions;
  communications?: CommunicationSearchOptions;
};

export type RecallListsResult = {
  /** null unless checkProfile. */
  profileFound: boolean | null;
  observations: Array<RecallSearchRow & { row: Observation }>;
  summaries: Array<RecallSearchRow & { row: Summary }>;
  communications: Array<RecallSearchRow & { row: Communication; author: RecallAuthor | null }>;
};

/** A timestamp column as milliseconds since the epoch (exact: extract() is numeric; columns are UTC, as Prisma reads them). */
function epochMilliseconds(column: string): string {
  return `(extract(epoch FROM ${column}) * 1000)::int8`;
}

/** One JSON array of a list's candidates: its search row (`r`) and the columns recall returns, `fields` being SQL per key. */
function listJson(candidates: Prisma.Sql, join: Prisma.Sql, fields: Record<string, string>): Prisma.Sql {
  const pairs = Object.entries({ id: `r."id"`, occurredAt: epochMilliseconds(`r."occurredAt"`), distance: `r.distance`, lexicalScore: `r."lexicalScore"`, ...fields }).map(
    ([key, sql]) => `'${key}', ${sql}`,
  );
  return Prisma.sql`(SELECT coalesce(json_agg(json_build_object(${Prisma.raw(pairs.join(", "))})), '[]'::json) FROM (${candidates}) r ${join})`;
}

const times = (alias: string) => ({ createdAt: epochMilliseconds(`${alias}."createdAt"`) });

type JsonSearchRow = { id: string; occurredAt: number; distance: number | string | null; lexicalScore: number | string; createdAt: number };
type JsonObservation = JsonSearchRow & Omit<Observation, "storeId" | "occurredAt" | "createdAt" | "updatedAt" | "reviewedAt"> & { updatedAt: number; reviewedAt: number | null };
type JsonSummary = JsonSearchRow & Omit<Summary, "storeId" | "occurredAt" | "createdAt" | "updatedAt"> & { updatedAt: number };
type JsonCommunication = JsonSearchRow & Omit<Communication, "storeId" | "occurredAt" | "createdAt"> & { author: RecallAuthor | null };

function toSearchRow(item: JsonSearchRow): RecallSearchRow {
  return { id: item.id, occurredAt: new Date(item.occurredAt), distance: item.distance === null ? null : Number(item.distance), lexicalScore: Number(item.lexicalScore) };
}

/** The statement behind searchRecallLists, null when it has nothing to read (exported for EXPLAIN in tests and benchmarks). */
export function recallListsSql(options: RecallListsOptions): Prisma.Sql | null {
  const { storeId, profileId } = options;
  const parts: Prisma.Sql[] = [];
  if (options.checkProfile) parts.push(Prisma.sql`'profileFound', EXISTS (SELECT 1 FROM "profiles" p WHERE p."storeId" = ${storeId} AND p."id" = ${profileId})`);
  if (options.observations) {
    parts.push(Prisma.sql`'observations', ${listJson(observationSearchSql(options.observations), Prisma.sql`JOIN "observations" o ON o."storeId" = ${storeId} AND o."id" = r."id"`, {
      ...times("o"), updatedAt: epochMilliseconds(`o."updatedAt"`), reviewedAt: epochMilliseconds(`o."reviewedAt"`),
      profileId: `o."profileId"`, content: `o."content"`, source: `o."source"`, kind: `o."kind"`, status: `o."status"`, confidence: `o."confidence"`,
      conversationIds: `o."conversationIds"`, communicationIds: `o."communicationIds"`, version: `o."version"`, reviewedById: `o."reviewedById"`, embeddingModel: `o."embeddingModel"`,
    })}`);
  }
  if (options.summaries) {
    parts.push(Prisma.sql`'summaries', ${listJson(summarySearchSql(options.summaries), Prisma.sql`JOIN "summaries" s ON s."storeId" = ${storeId} AND s."id" = r."id"`, {
      ...times("s"), updatedAt: epochMilliseconds(`s."updatedAt"`),
      profileId: `s."profileId"`, conversationId: `s."conversationId"`, content: `s."content"`, source: `s."source"`, embeddingModel: `s."embeddingModel"`,
    })}`);
  }
  if (options.communications) {
    const join = Prisma.sql`JOIN "communications" c ON c."storeId" = ${storeId} AND c."id" = r."id" LEFT JOIN "participants" a ON a."storeId" = c."storeId" AND a."id" = c."participantId"`;
    parts.push(Prisma.sql`'communications', ${listJson(communicationSearchSql(options.communications), join, {
      ...times("c"), conversationId: `c."conversationId"`, participantId: `c."participantId"`, authorChannel: `c."authorChannel"`, authorAddress: `c."authorAddress"`,
      content: `c."content"`, resourceId: `c."resourceId"`, embeddingModel: `c."embeddingModel"`,
      author: `CASE WHEN a."id" IS NOT NULL THEN json_build_object('profileId', a."profileId", 'name', a."name", 'type', a."type") END`,
    })}`);
  }
  return parts.length === 0 ? null : Prisma.sql`${PREPARED_STATEMENT}SELECT json_build_object(${Prisma.join(parts, ", ")}) AS lists`;
}

/**
 * The searches of several recall lists — and, when asked, whether the profile exists — in one
 * statement, answered as one JSON value: each list's candidates (the best `depth` lexical and
 * semantic rows, exactly as the search… functions above) with the columns recall returns, so the
 * winners need no second read. Each statement costs ~0.5 ms of Node.js CPU in Prisma and the
 * driver, and each result cell a little more — most of a small profile's recall
 * (docs/PERFORMANCE.md); a single JSON cell is parsed natively.
 */
export async function searchRecallLists(db: RawQueryRunner, options: RecallListsOptions): Promise<RecallListsResult> {
  const { storeId } = options;
  const sql = recallListsSql(options);
  const result: RecallListsResult = { profileFound: options.checkProfile ? false : null, observations: [], summaries: [], communications: [] };
  if (!sql) return result;
  const parsed = (await queryJsonCell<{ profileFound?: boolean; observations?: JsonObservation[]; summaries?: JsonSummary[]; communications?: JsonCommunication[] }>(db, sql))!;
  if (options.checkProfile) result.profileFound = parsed.profileFound === true;
  for (const { distance, lexicalScore, occurredAt, createdAt, updatedAt, reviewedAt, ...row } of parsed.observations ?? []) {
    const search = toSearchRow({ id: row.id, occurredAt, distance, lexicalScore, createdAt });
    result.observations.push({
      ...search,
      row: { storeId, ...row, occurredAt: search.occurredAt, createdAt: new Date(createdAt), updatedAt: new Date(updatedAt), reviewedAt: reviewedAt === null ? null : new Date(reviewedAt) },
    });
  }
  for (const { distance, lexicalScore, occurredAt, createdAt, updatedAt, ...row } of parsed.summaries ?? []) {
    const search = toSearchRow({ id: row.id, occurredAt, distance, lexicalScore, createdAt });
    result.summaries.push({ ...search, row: { storeId, ...row, occurredAt: search.occurredAt, createdAt: new Date(createdAt), updatedAt: new Date(updatedAt) } });
  }
  for (const { distance, lexicalScore, occurredAt, createdAt, author, ...row } of parsed.communications ?? []) {
    const search = toSearchRow({ id: row.id, occurredAt, distance, lexicalScore, createdAt });
    result.communications.push({ ...search, row: { storeId, ...row, occurredAt: search.occurredAt, createdAt: new Date(createdAt) }, author });
  }
  return result;
}

// ---- Embedding on write (lib/embeddings/embed-store-rows.ts) ----

/** The tables that carry `embedding vector(384)` + `embeddingModel`, each with its text in `content`. */
export const EMBEDDED_TABLES = ["communications", "observations", "summaries"] as const;
export type EmbeddedTable = (typeof EMBEDDED_TABLES)[number];

function embeddedTable(table: EmbeddedTable): Prisma.Sql {
  if (!EMBEDDED_TABLES.includes(table)) throw new Error(`Not an embedded table: ${table}`);
  return Prisma.raw(`"${table}"`);
}

export type RowToEmbed = { id: string; content: string };

/**
 * Up to `limit` rows of a store, after `afterId` in id order, whose vector is missing or was made
 * by another model than `model`. Three index ranges on (storeId, embeddingModel, id) — NULL,
 * below and above `model` — so current rows are never read.
 */
export async function findRowsToEmbed(
  db: DbClient,
  { table, storeId, model, afterId = "", limit }: { table: EmbeddedTable; storeId: string; model: string; afterId?: string; limit: number },
): Promise<RowToEmbed[]> {
  const from = embeddedTable(table);
  return db.$queryRaw<RowToEmbed[]>`
    SELECT "id", "content" FROM (
      (SELECT "id", "content" FROM ${from} WHERE "storeId" = ${storeId} AND "embeddingModel" IS NULL AND "id" > ${afterId} ORDER BY "id" LIMIT ${limit})
      UNION ALL
      (SELECT "id", "content" FROM ${from} WHERE "storeId" = ${storeId} AND "embeddingModel" < ${model} AND "id" > ${afterId} ORDER BY "id" LIMIT ${limit})
      UNION ALL
      (SELECT "id", "content" FROM ${from} WHERE "storeId" = ${storeId} AND "embeddingModel" > ${model} AND "id" > ${afterId} ORDER BY "id" LIMIT ${limit})
    ) AS "pending" ORDER BY "id" LIMIT ${limit}`;
}

/** How many rows of a store findRowsToEmbed would still return (the job's progress total). */
export async function countRowsToEmbed(db: DbClient, { table, storeId, model }: { table: EmbeddedTable; storeId: string; model: string }): Promise<number> {
  const from = embeddedTable(table);
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM ${from}
    WHERE "storeId" = ${storeId} AND ("embeddingModel" IS NULL OR "embeddingModel" < ${model} OR "embeddingModel" > ${model})`;
  return row?.count ?? 0;
}

/**
 * Stores the vectors of one batch in one statement. Fenced: a row is written only while its
 * content is still the text that was embedded (an edit since then cleared its model, and the
 * next run embeds the new text) and its vector is not already `model`'s (a repeated job writes
 * nothing). Returns the rows written.
 */
export async function writeEmbeddings(
  db: DbClient,
  { table, storeId, model, rows }: { table: EmbeddedTable; storeId: string; model: string; rows: Array<RowToEmbed & { vector: ArrayLike<number> }> },
): Promise<number> {
  if (rows.length === 0) return 0;
  const target = embeddedTable(table);
  return db.$executeRaw`
    UPDATE ${target} AS "row" SET "embedding" = "batch"."vector"::vector, "embeddingModel" = ${model}
    FROM (SELECT unnest(${rows.map((row) => row.id)}::text[]) AS "id", unnest(${rows.map((row) => row.content)}::text[]) AS "content",
                 unnest(${rows.map((row) => toVectorLiteral(row.vector))}::text[]) AS "vector") AS "batch"
    WHERE "row"."storeId" = ${storeId} AND "row"."id" = "batch"."id" AND "row"."content" = "batch"."content"
      AND "row"."embeddingModel" IS DISTINCT FROM ${model}`;
}

/** Stores with at least one row whose vector is missing or of another model (a few index probes per store). */
export async function findStoresWithRowsToEmbed(db: DbClient, model: string): Promise<string[]> {
  const probes = EMBEDDED_TABLES.map((table) => {
    const from = embeddedTable(table);
    return Prisma.sql`EXISTS (SELECT 1 FROM ${from} WHERE "storeId" = "stores"."id" AND "embeddingModel" IS NULL)
      OR EXISTS (SELECT 1 FROM ${from} WHERE "storeId" = "stores"."id" AND "embeddingModel" < ${model})
      OR EXISTS (SELECT 1 FROM ${from} WHERE "storeId" = "stores"."id" AND "embeddingModel" > ${model})`;
  });
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT "id" FROM "stores" WHERE ${Prisma.join(probes, " OR ")} ORDER BY "id"`;
  return rows.map((row) => row.id);
}
