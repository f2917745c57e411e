import { getPrisma } from "../db/client";
import { countRowsToEmbed, EMBEDDED_TABLES, findRowsToEmbed, writeEmbeddings, type EmbeddedTable } from "../db/vector";
import type { Embedder } from "./embedder";

export type EmbedStoreRowsOptions = {
  storeId: string;
  embedder: Embedder;
  /** Rows read, embedded and written per step. */
  batchSize?: number;
  onProgress?: (done: number, total: number) => Promise<void> | void;
};

export type EmbedStoreRowsResult = { model: string; embedded: Record<EmbeddedTable, number> };

/**
 * Embeds every communication, observation and summary of a store that has no vector of
 * `embedder.model` (new rows, rows whose content changed — the trigger cleared their vector — and
 * every row after a model change), in id order, a batch at a time: read, embed outside any
 * transaction, write fenced on the content that was embedded. Idempotent: a second run finds
 * nothing to do, and a row edited meanwhile is left for the next run.
 */
export async function embedStoreRows({ storeId, embedder, batchSize = 128, onProgress }: EmbedStoreRowsOptions): Promise<EmbedStoreRowsResult> {
  const prisma = await getPrisma();
  const model = embedder.model;
  let total = 0;
  for (const table of EMBEDDED_TABLES) total += await countRowsToEmbed(prisma, { table, storeId, model });
  const embedded = { communications: 0, observations: 0, summaries: 0 } satisfies Record<EmbeddedTable, number>;
  let done = 0;
  await onProgress?.(done, total);
  for (const table of EMBEDDED_TABLES) {
    let afterId = "";
    for (;;) {
      const rows = await findRowsToEmbed(prisma, { table, storeId, model, afterId, limit: batchSize });
      if (rows.length === 0) break;
      const vectors = await embedder.embed(rows.map((row) => row.content));
      embedded[table] += await writeEmbeddings(prisma, { table, storeId, model, rows: rows.map((row, index) => ({ ...row, vector: vectors[index] })) });
      afterId = rows[rows.length - 1].id;
      done += rows.length;
      // Rows written while the job runs can push done past the first count.
      total = Math.max(total, done);
      await onProgress?.(done, total);
    }
  }
  return { model, embedded };
}
