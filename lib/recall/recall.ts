import { getPrisma } from "../db/client";
import type { Communication, Participant, PrismaClient } from "../db/generated/client";
import { searchCommunications, searchObservations, searchSummaries, type RecallSearchOptions, type RecallSearchRow } from "../db/vector";
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
import { getRecallEmbedder } from "./recall-embedder";
import { recallRequestSchema, type RecallInput } from "./recall-schemas";
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
 * `relevanceThreshold` and the limits, then read in one statement. Without either: the newest
 * items, unscored. REJECTED observations never come back.
 */
export async function recall({ storeId, profileId, caller, embedder, ...input }: RecallOptions): Promise<RecallResult> {
  const started = performance.now();
  void caller; // a read: nothing to audit, but whose memory is read is always named
  const request = recallRequestSchema.parse(input);
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const dates: DateRange = { beginDate: request.beginDate ? new Date(request.beginDate) : undefined, endDate: request.endDate ? new Date(request.endDate) : undefined };

  const session = request.conversationId ? await readSessionTail(prisma, storeId, request.conversationId, Math.max(QUERY_TURNS, request.communicationsLimit)) : null;
  const givenQuery = request.query?.trim() ?? "";
  const queryText = givenQuery || (session ? buildQueryFromTurns([...session].reverse().slice(-QUERY_TURNS).map((row) => ({ text: row.content }))) : "");
  const ranked = queryText.length > 0;

  const queryVector = ranked ? await embedQuery(embedder === undefined ? await getRecallEmbedder() : embedder, queryText) : null;
  const search: Omit<RecallSearchOptions, "depth"> = { storeId, profileId: profile.id, queryText, queryVector, ...dates };
  const cut = (rows: RecallSearchRow[], limit: number) => rankSearchRows(rows, fusionParametersFor(queryVector?.model)).filter((item) => item.score >= request.relevanceThreshold).slice(0, limit);
  const depth = (limit: number) => Math.max(SEMANTIC_DEPTH, limit * 2);
  const inRange = (date: Date) => (!dates.beginDate || date >= dates.beginDate) && (!dates.endDate || date < dates.endDate);
  const occurredAt = { ...(dates.beginDate ? { gte: dates.beginDate } : {}), ...(dates.endDate ? { lt: dates.endDate } : {}) };
  const newestFirst = [{ occurredAt: "desc" as const }, { id: "desc" as const }];

  const observations = async () => {
    if (request.observationsLimit === 0) return [];
    if (!ranked) {
      const rows = await prisma.observation.findMany({ where: { storeId, profileId: profile.id, status: { not: "REJECTED" }, occurredAt }, orderBy: newestFirst, take: request.observationsLimit });
      return rows.map(toObservationView);
    }
    const fused = cut(await searchObservations(prisma, { ...search, depth: depth(request.observationsLimit) }), request.observationsLimit);
    const rows = fused.length ? await prisma.observation.findMany({ where: { storeId, id: { in: fused.map((item) => item.id) }, status: { not: "REJECTED" } } }) : [];
    return inFusedOrder(fused, rows, request.explain, toObservationView);
  };

  const summaries = async () => {
    if (request.summariesLimit === 0) return [];
    if (!ranked) {
      const rows = await prisma.summary.findMany({ where: { storeId, profileId: profile.id, occurredAt }, orderBy: newestFirst, take: request.summariesLimit });
      return rows.map(toSummaryView);
    }
    const fused = cut(await searchSummaries(prisma, { ...search, depth: depth(request.summariesLimit) }), request.summariesLimit);
    const rows = fused.length ? await prisma.summary.findMany({ where: { storeId, id: { in: fused.map((item) => item.id) } } }) : [];
    return inFusedOrder(fused, rows, request.explain, toSummaryView);
  };

  const communications = async (): Promise<RecalledCommunication[]> => {
    const limit = request.communicationsLimit;
    if (limit === 0) return [];
    if (request.searchCommunications && ranked) {
      // An inferred query is the session's own last turns: finding them again would say nothing new.
      const excludeIds = givenQuery ? [] : (session ?? []).slice(0, QUERY_TURNS).map((row) => row.id);
      const fused = cut(await searchCommunications(prisma, { ...search, excludeIds, depth: depth(limit) }), limit);
      const rows = fused.length ? await prisma.communication.findMany({ where: { storeId, id: { in: fused.map((item) => item.id) } }, include: { participant: true } }) : [];
      return inFusedOrder(fused, rows, request.explain, (row) => toRecalledCommunication(row, row.participant));
    }
    if (session) {
      // The current conversation's latest messages, in thread order (Twilio's session memory).
      return session
        .filter((row) => inRange(row.occurredAt))
        .slice(0, limit)
        .reverse()
        .map((row) => toRecalledCommunication(row, row.participant));
    }
    if (request.searchCommunications) {
      const rows = await prisma.communication.findMany({
        where: { storeId, occurredAt, conversation: { participants: { some: { profileId: profile.id } } } },
        orderBy: newestFirst,
        take: limit,
        include: { participant: true },
      });
      return rows.map((row) => toRecalledCommunication(row, row.participant));
    }
    return [];
  };

  const traits = async () => {
    if (!request.includeTraits) return undefined;
    const rows = await prisma.traitValue.findMany({ where: { storeId, profileId: profile.id }, select: { groupName: true, traitName: true, value: true } });
    return toProfileTraits(rows);
  };

  const [observationItems, summaryItems, communicationItems, traitValues] = await Promise.all([observations(), summaries(), communications(), traits()]);
  return {
    observations: observationItems,
    summaries: summaryItems,
    communications: communicationItems,
    ...(traitValues ? { traits: traitValues } : {}),
    meta: { queryTime: Math.round(performance.now() - started), query: ranked ? queryText : null },
  };
}

type SessionRow = Communication & { participant: Participant | null };

/** The conversation's latest `take` messages, newest first; a conversation of another store is a bad request. */
async function readSessionTail(prisma: PrismaClient, storeId: string, conversationId: string, take: number): Promise<SessionRow[]> {
  const conversation = isIdOf("conversation", conversationId)
    ? await prisma.conversation.findUnique({
        where: { storeId_id: { storeId, id: conversationId } },
        select: { id: true, communications: { orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take, include: { participant: true } } },
      })
    : null;
  if (!conversation) {
    throw new AppError("bad_request", `Conversation ${conversationId} not found in this store`, { details: [{ path: "conversationId", message: "no conversation with this id in this store" }] });
  }
  return conversation.communications;
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
