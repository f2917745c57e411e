import { z } from "zod";
import { getPrisma } from "../db/client";
import { findStoresWithRowsToEmbed } from "../db/vector";
import { defineJobHandler, PermanentJobError } from "../jobs/define-job-handler";
import { chooseEmbedder } from "./choose-embedder";
import { EmbeddingRequestError } from "./create-openai-embedder";
import { embedStoreRows } from "./embed-store-rows";
import { EMBEDDING_JOB_TYPE, enqueueEmbeddingJob } from "./enqueue-embedding-job";

defineJobHandler(EMBEDDING_JOB_TYPE, {
  payloadSchema: z.object({}).passthrough(),
  async run({ jobId, storeId, reportProgress }) {
    if (!storeId) throw new PermanentJobError("An embedding job needs a store");
    const prisma = await getPrisma();
    // Give the key up first: whatever is written from now on enqueues the next job, so no write
    // waits behind this run or slips past it.
    await prisma.job.updateMany({ where: { id: jobId }, data: { dedupeKey: null } });
    try {
      return await embedStoreRows({ storeId, embedder: chooseEmbedder(), onProgress: (done, total) => reportProgress({ done, total }) });
    } catch (error) {
      // An endpoint that will never accept the request (bad key, unknown model …) fails the job now.
      if (error instanceof EmbeddingRequestError && !error.retryable) throw new PermanentJobError(error.message);
      throw error;
    }
  },
});

/**
 * At worker start: every store with a row lacking a vector of the current model gets its job —
 * after a change of model (a different KITH_EMBEDDINGS_* setting) this re-embeds everything in the
 * background, and it catches rows whose job was lost. Index probes only when all is current.
 */
export async function enqueueStaleEmbeddingJobs(): Promise<string[]> {
  const prisma = await getPrisma();
  const storeIds = await findStoresWithRowsToEmbed(prisma, chooseEmbedder().model);
  for (const storeId of storeIds) await enqueueEmbeddingJob(prisma, storeId, { delayMs: 0 });
  return storeIds;
}
