import { z } from "zod";
import { DEFAULT_COMMUNICATIONS_LIMIT, DEFAULT_OBSERVATIONS_LIMIT, DEFAULT_SUMMARIES_LIMIT, MAX_RECALL_ITEMS, MAX_RECALL_QUERY_CHARS } from "./recall-limits";

const limit = (fallback: number) => z.number().int().min(0).max(MAX_RECALL_ITEMS).default(fallback);

/**
 * Twilio's MemoryRetrievalRequest (all optional) plus Kith's `searchCommunications`,
 * `includeTraits` and `explain`. The same schema validates the route and generates /openapi.json.
 */
export const recallRequestSchema = z
  .strictObject({
    /** If omitted (or blank) with a conversationId, the query is inferred from its last ten turns. */
    query: z.string().max(MAX_RECALL_QUERY_CHARS).optional(),
    /** The current conversation: its latest messages (communicationsLimit) and query inference. */
    conversationId: z.string().min(1).max(64).optional(),
    /** occurredAt, inclusive */
    beginDate: z.iso.datetime({ offset: true }).optional(),
    /** occurredAt, exclusive */
    endDate: z.iso.datetime({ offset: true }).optional(),
    observationsLimit: limit(DEFAULT_OBSERVATIONS_LIMIT),
    summariesLimit: limit(DEFAULT_SUMMARIES_LIMIT),
    communicationsLimit: limit(DEFAULT_COMMUNICATIONS_LIMIT),
    /** 0–1; applies only when results are ranked. */
    relevanceThreshold: z.number().min(0).max(1).default(0),
    /** Kith: rank the communications of every conversation the profile took part in, not only the current one's latest. */
    searchCommunications: z.boolean().default(false),
    /** Kith: add the profile's traits. */
    includeTraits: z.boolean().default(false),
    /** Kith: each ranked item's lexical, semantic, recency and fused parts. */
    explain: z.boolean().default(false),
  })
  .refine((request) => !request.beginDate || !request.endDate || new Date(request.beginDate) < new Date(request.endDate), {
    message: "beginDate must be before endDate",
    path: ["endDate"],
  });

export type RecallRequest = z.infer<typeof recallRequestSchema>;
/** What a caller may leave out: everything, as in the JSON body. */
export type RecallInput = z.input<typeof recallRequestSchema>;
