import { getPrisma } from "../db/client";
import type { ExtractionUsage } from "../extraction/extraction-types";
import { sensitiveCategories, type SensitiveCategory } from "../extraction/extraction-types";
import { listStoreCounters } from "./list-store-counters";
import { chooseExtractor } from "../extraction/choose-extractor";
import { chooseEmbedder } from "../embeddings/choose-embedder";

export type ExtractionRunView = {
  id: string;
  conversationId: string;
  profileId: string;
  extractor: string;
  added: number;
  updated: number;
  discarded: number;
  excluded: number;
  traitCandidates: number;
  usage: ExtractionUsage | null;
  durationMs: number;
  createdAt: Date;
};

export type StoreUsage = {
  /** What this process extracts and embeds with: "builtin" or "llm:<model>"; the embedder's model name. */
  providers: { extractor: string; embeddings: string };
  /** What the guard kept out, per category, since the store was created. */
  excludedByCategory: Record<SensitiveCategory, number>;
  /** Model usage summed over every extraction run (zero with the built-in extractor). */
  llm: ExtractionUsage;
  extractionRuns: number;
  /** The latest runs, newest first. */
  recentRuns: ExtractionRunView[];
};

export type GetStoreUsageOptions = { storeId: string; recentRuns?: number };

/** A store's usage page: guard exclusions, model tokens and characters, and the latest extraction runs. */
export async function getStoreUsage({ storeId, recentRuns = 20 }: GetStoreUsageOptions): Promise<StoreUsage> {
  const prisma = await getPrisma();
  const [counters, runs, runCount] = await Promise.all([
    listStoreCounters({ storeId }),
    prisma.extractionRun.findMany({ where: { storeId }, orderBy: { id: "desc" }, take: recentRuns }),
    prisma.extractionRun.count({ where: { storeId } }),
  ]);
  const excludedByCategory = Object.fromEntries(sensitiveCategories.map((category) => [category, counters[`guard.excluded.${category}`] ?? 0])) as Record<SensitiveCategory, number>;
  return {
    providers: { extractor: chooseExtractor().extractor.name, embeddings: chooseEmbedder().model },
    excludedByCategory,
    llm: {
      requests: counters["llm.requests"] ?? 0,
      promptTokens: counters["llm.promptTokens"] ?? 0,
      completionTokens: counters["llm.completionTokens"] ?? 0,
      promptCharacters: counters["llm.promptCharacters"] ?? 0,
      completionCharacters: counters["llm.completionCharacters"] ?? 0,
    },
    extractionRuns: runCount,
    recentRuns: runs.map((run) => ({
      id: run.id,
      conversationId: run.conversationId,
      profileId: run.profileId,
      extractor: run.extractor,
      added: run.observationsAdded,
      updated: run.observationsUpdated,
      discarded: run.observationsDiscarded,
      excluded: Array.isArray(run.excluded) ? run.excluded.length : 0,
      traitCandidates: run.traitCandidates,
      usage: (run.usage as ExtractionUsage | null) ?? null,
      durationMs: run.durationMs,
      createdAt: run.createdAt,
    })),
  };
}
