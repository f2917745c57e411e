import { getDatabase, type RawQueryRunner } from "../db/client";
import type { PrismaClient } from "../db/generated/client";
import { searchRecallLists, type RecallSearchOptions, type RecallSearchRow } from "../db/vector";
import type { Actor } from "../auth/actor";
import type { Embedder } from "../embeddings/embedder";
import { AppError } from "../errors";
import { isIdOf } from "../ids";
import { toObservationView } from "../observations/observation-view";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import { toProfileTraits } from "../profiles/profile-view";
import { toSummaryView } from "../summaries/summary-view";
import { buildQueryFromTurns, QUERY_TURNS } from "./build-query-from-turns";
import { fusionParametersFor, type FusedCandidate } from "./fuse-rankings";
import { rankSearchRows } from "./rank-search-rows";
import { readSessionTail, type SessionRow } from "./read-session-tail";
import { getRecallEmbedder } from "./recall-embedder";
import { recallRequestSchema, type RecallInput, type RecallRequest } from "./recall-schemas";
import { toRecalledCommunication, type Ranked, type RecallResult, type RecalledCommunication } from "./recall-views";

export type RecallOptions = {
  storeId: string;
  profileId: string;
  caller: Actor;
  /** The query embedder; defaults to the process's (getRecallEmbedder). null = lexical only. */
  embedder?: Embedder | null;
} & RecallInput;

/** How many rows each side (best BM25, nearest vectors) contributes to fusion, at least. */
const SEMANTIC_DEPTH = 100;

type DateRange = { beginDate?: Date; endDate?: Date };

/**
 * POST …/Profiles/{profileId}/Recall (SPEC §6). With a query — given, or inferred from the
 * conversation's last ten turns — each kind of memory is searched in one statement (lexical
 * lexemes and exact cosine distance over the profile's own rows: lib/db/vector.ts), ranked by
 * BM25 + vector similarity fused with a recency prior (fuse-rankings.ts), cut at
 * `relevanceThreshold` and the limits. The searches return their candidates' rows, and share
 * statements (searchRecallLists): one for the profile check, observations and summaries, one for
 * communications. Without either: the newest items, unscored. REJECTED observations never come back.
 */
export async function recall({ storeId, profileId, caller, embedder, ...input }: RecallOptions): Promise<RecallResult> {
  const started = performance.now();
  void caller; // a read: nothing to audit, but whose memory is read is always named
  const request = recallRequestSchema.parse(input);
  const database = await getDatabase();
  const prisma = database.prisma;
  const dates: DateRange = { beginDate: request.beginDate ? new Date(request.beginDate) : undefined, endDate: request.endDate ? new Date(request.endDate) : undefined };
  const givenQuery = request.query?.trim() ?? "";
  // With a query and no conversation, the profile check rides along in the search statement
  // (below); otherwise it comes first, so that its error (404, 308) comes before the conversation's.
  const profileCheckedLater = givenQuery.length > 0 && !request.conversationId;
  const session = request.conversationId ? await readSession(database, storeId, profileId, request.conversationId, Math.max(QUERY_TURNS, request.communicationsLimit)) : null;
  if (!profileCheckedLater && !session) await findProfileOrThrow(prisma, { storeId, profileId });

  const queryText = givenQuery || (session ? buildQueryFromTurns([...session].reverse().slice(-QUERY_TURNS).map((row) => ({ text: row.content }))) : "");
  const ranked = queryText.length > 0;
  if (!ranked) return { ...(await readUnranked(prisma, { storeId, profileId, request, dates, session })), meta: { queryTime: Math.round(performance.now() - started), query: null } };

  const queryVector = await embedQuery(embedder === undefined ? await getRecallEmbedder() : embedder, queryText);
  const search: Omit<RecallSearchOptions, "depth"> = { storeId, profileId, queryText, queryVector, ...dates };
  const cut = (rows: RecallSearchRow[], limit: number) => rankSearchRows(rows, fusionParametersFor(queryVector?.model)).filter((item) => item.score >= request.relevanceThreshold).slice(0, limit);
  const depth = (limit: number) => Math.max(SEMANTIC_DEPTH, limit * 2);
  const limits = { observations: request.observationsLimit, summaries: request.summariesLimit, communications: request.searchCommunications ? request.communicationsLimit : 0 };
  // An inferred query is the session's own last turns: finding them again would say nothing new.
  const excludeIds = givenQuery ? [] : (session ?? []).slice(0, QUERY_TURNS).map((row) => row.id);

  // Two statements at most, run side by side on PostgreSQL's pool: the communications' search (the
  // heaviest: neighbour windows) apart from the profile check, observations and summaries.
  const [memories, communicationLists, traitValues] = await Promise.all([
    profileCheckedLater || limits.observations > 0 || limits.summaries > 0
      ? searchRecallLists(database, {
          storeId,
          profileId,
          checkProfile: profileCheckedLater,
          observations: limits.observations > 0 ? { ...search, depth: depth(limits.observations) } : undefined,
          summaries: limits.summaries > 0 ? { ...search, depth: depth(limits.summaries) } : undefined,
        })
      : null,
    limits.communications > 0 ? searchRecallLists(database, { storeId, profileId, communications: { ...search, excludeIds, depth: depth(limits.communications) } }) : null,
    request.includeTraits ? readTraits(prisma, storeId, profileId) : undefined,
  ]);
  if (memories?.profileFound === false) await findProfileOrThrow(prisma, { storeId, profileId }); // throws: not found, or merged away (308)

  const communications = (): RecalledCommunication[] => {
    if (communicationLists) {
      const found = communicationLists.communications;
      return inFusedOrder(cut(found, limits.communications), found, request.explain, (item) => toRecalledCommunication(item.row, item.author));
    }
    // The current conversation's latest messages, in thread order (Twilio's session memory).
    if (session && request.communicationsLimit > 0 && !request.searchCommunications) return sessionMessages(session, request.communicationsLimit, dates);
    return [];
  };
  const observations = memories?.observations ?? [];
  const summaries = memories?.summaries ?? [];
  return {
    observations: limits.observations > 0 ? inFusedOrder(cut(observations, limits.observations), observations, request.explain, (item) => toObservationView(item.row)) : [],
    summaries: limits.summaries > 0 ? inFusedOrder(cut(summaries, limits.summaries), summaries, request.explain, (item) => toSummaryView(item.row)) : [],
    communications: communications(),
    ...(traitValues ? { traits: traitValues } : {}),
    meta: { queryTime: Math.round(performance.now() - started), query: queryText },
  };
}

type UnrankedOptions = { storeId: string; profileId: string; request: RecallRequest; dates: DateRange; session: SessionRow[] | null };

/** Neither a query nor a conversation to infer one from: the newest items, unscored. */
async function readUnranked(prisma: PrismaClient, { storeId, profileId, request, dates, session }: UnrankedOptions): Promise<Omit<RecallResult, "meta">> {
  const occurredAt = { ...(dates.beginDate ? { gte: dates.beginDate } : {}), ...(dates.endDate ? { lt: dates.endDate } : {}) };
  const newestFirst = [{ occurredAt: "desc" as const }, { id: "desc" as const }];
  const limit = request.communicationsLimit;
  const [observations, summaries, communications, traits] = await Promise.all([
    request.observationsLimit === 0 ? [] : prisma.observation.findMany({ where: { storeId, profileId, status: { not: "REJECTED" }, occurredAt }, orderBy: newestFirst, take: request.observationsLimit }),
    request.summariesLimit === 0 ? [] : prisma.summary.findMany({ where: { storeId, profileId, occurredAt }, orderBy: newestFirst, take: request.summariesLimit }),
    limit === 0
      ? []
      : session
        ? sessionMessages(session, limit, dates)
        : request.searchCommunications
          ? prisma.communication
              .findMany({ where: { storeId, occurredAt, conversation: { participants: { some: { profileId } } } }, orderBy: newestFirst, take: limit, include: { participant: true } })
              .then((rows) => rows.map((row) => toRecalledCommunication(row, row.participant)))
          : [],
    request.includeTraits ? readTraits(prisma, storeId, profileId) : undefined,
  ]);
  return { observations: observations.map(toObservationView), summaries: summaries.map(toSummaryView), communications, ...(traits ? { traits } : {}) };
}

/** The current conversation's latest messages in range, in thread order (Twilio's session memory). */
function sessionMessages(session: SessionRow[], limit: number, { beginDate, endDate }: DateRange): RecalledCommunication[] {
  return session
    .filter((row) => (!beginDate || row.occurredAt >= beginDate) && (!endDate || row.occurredAt < endDate))
    .slice(0, limit)
    .reverse()
    .map((row) => toRecalledCommunication(row, row.participant));
}

async function readTraits(prisma: PrismaClient, storeId: string, profileId: string) {
  const rows = await prisma.traitValue.findMany({ where: { storeId, profileId }, select: { groupName: true, traitName: true, value: true } });
  return toProfileTraits(rows);
}

/**
 * The conversation's latest `take` messages, newest first, after the profile check (its error —
 * 404, 308 — comes before the conversation's); a conversation of another store is a bad request.
 */
async function readSession(database: RawQueryRunner & { prisma: PrismaClient }, storeId: string, profileId: string, conversationId: string, take: number): Promise<SessionRow[]> {
  const tail = isIdOf("profile", profileId) && isIdOf("conversation", conversationId) ? await readSessionTail(database, { storeId, profileId, conversationId, take }) : null;
  if (!tail?.profileFound) await findProfileOrThrow(database.prisma, { storeId, profileId }); // throws unless the profile exists
  if (!tail?.conversationFound) {
    throw new AppError("bad_request", `Conversation ${conversationId} not found in this store`, { details: [{ path: "conversationId", message: "no conversation with this id in this store" }] });
  }
  return tail.rows;
}

async function embedQuery(embedder: Embedder | null, queryText: string): Promise<RecallSearchOptions["queryVector"]> {
  if (!embedder) return null;
  try {
    const [vector] = await embedder.embed([queryText]);
    return vector ? { vector, model: embedder.model } : null;
  } catch (error) {
    // Recall still answers, lexically, when the embeddings endpoint is down.
    console.warn(`recall: embedding the query with ${embedder.model} failed, ranking lexically only: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** Rows in ranking order with their score (4 decimals) and, when asked, the explanation. */
function inFusedOrder<Row extends { id: string }, View>(fused: FusedCandidate[], rows: Row[], explain: boolean, toView: (row: Row) => View): (View & Ranked)[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return fused.flatMap((item) => {
    const row = byId.get(item.id);
    if (!row) return [];
    const score = round(item.score);
    const explanation = explain
      ? { lexical: round(item.explanation.lexical), semantic: item.explanation.semantic === null ? null : round(item.explanation.semantic), recency: round(item.explanation.recency), fused: score }
      : undefined;
    return [{ ...toView(row), score, ...(explanation ? { explain: explanation } : {}) }];
  });
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
