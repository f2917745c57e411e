import { z } from "zod";
import { getPrisma } from "../db/client";
import { systemActor } from "../auth/actor";
import type { Tx } from "../db/transaction";
import { enqueueJob } from "../jobs/enqueue-job";
import { defineJobHandler, PermanentJobError } from "../jobs/define-job-handler";
import { LlmRequestError } from "../llm/request-chat-completion";
import { applyTraitCandidates } from "./apply-trait-candidates";
import { chooseExtractor } from "./choose-extractor";
import { extractConversation } from "./extract-conversation";

export const EXTRACTION_JOB_TYPE = "extraction.run";

const payloadSchema = z.object({ conversationId: z.string().min(1) });

/**
 * Enqueues extraction for conversations that just closed, inside the transaction that closed
 * them (they commit together). One job per conversation: CLOSED is final, so the dedupe key
 * `extraction:<id>` makes a repeated close (a re-sent CLOSED conversation, a sweep racing a PATCH)
 * enqueue nothing more.
 */
export async function enqueueExtractionJobs(tx: Tx, closed: { storeId: string; conversationId: string }[]): Promise<void> {
  for (const { storeId, conversationId } of closed) {
    await enqueueJob(tx, { storeId, type: EXTRACTION_JOB_TYPE, payload: { conversationId }, dedupeKey: `extraction:${conversationId}` });
  }
}

defineJobHandler(EXTRACTION_JOB_TYPE, {
  payloadSchema,
  async run({ storeId, payload, reportProgress }) {
    if (!storeId) throw new PermanentJobError("An extraction job needs a store");
    const { extractor, reconciler } = chooseExtractor();
    try {
      const result = await extractConversation({
        storeId,
        conversationId: payload.conversationId,
        extractor,
        reconciler,
        onProgress: (done, total) => reportProgress({ done, total }),
      });
      const prisma = await getPrisma();
      const store = await prisma.store.findUnique({ where: { id: storeId }, select: { allowExtractedTraits: true } });
      if (store?.allowExtractedTraits) {
        for (const profile of result.profiles) await applyTraitCandidates({ storeId, profileId: profile.profileId, conversationId: payload.conversationId, actor: systemActor });
      }
      return { extractor: extractor.name, ...result };
    } catch (error) {
      // A request the endpoint will never accept (bad key, unknown model …) fails the job now.
      if (error instanceof LlmRequestError && !error.retryable) throw new PermanentJobError(error.message);
      throw error;
    }
  },
});
