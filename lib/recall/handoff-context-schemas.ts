import { z } from "zod";
import { MAX_RECALL_ITEMS } from "./recall-limits";

const limit = (fallback: number) => z.coerce.number().int().min(0).max(MAX_RECALL_ITEMS).default(fallback);

/** GET …/Conversations/{conversationId}/Context query: how much of each part to include. */
export const handoffContextQuery = z.strictObject({
  observationsLimit: limit(10),
  summariesLimit: limit(3),
  /** The conversation's latest messages, shown in thread order. */
  messagesLimit: limit(20),
});

export type HandoffContextQuery = z.infer<typeof handoffContextQuery>;
