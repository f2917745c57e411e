import { readEnv } from "../env";
import type { LlmConfig } from "../llm/llm-config";
import { builtInExtractor } from "./extract-with-built-in-rules";
import { createLlmExtractor } from "./extract-with-llm";
import { decideReconciliationWithLlm } from "./reconcile-with-llm";
import type { Extractor } from "./extraction-types";
import type { Reconciler } from "./extract-conversation";
import { measureTextSimilarity } from "./measure-text-similarity";

/** The model sees the closest observations only: a long profile would not fit, or would drown the decision. */
const MAX_OBSERVATIONS_FOR_MODEL = 20;

export type ChosenExtractor = { extractor: Extractor; reconciler: Reconciler };

/** The configured model endpoint (KITH_LLM_BASE_URL + KITH_LLM_MODEL), or null for the built-in rules. */
export function readLlmConfig(): LlmConfig | null {
  const env = readEnv();
  if (!env.KITH_LLM_BASE_URL || !env.KITH_LLM_MODEL) return null;
  return {
    baseUrl: env.KITH_LLM_BASE_URL.replace(/\/+$/, ""),
    apiKey: env.KITH_LLM_API_KEY,
    model: env.KITH_LLM_MODEL,
    timeoutMs: env.KITH_LLM_TIMEOUT_SECONDS * 1000,
    maxAttempts: env.KITH_LLM_MAX_ATTEMPTS,
  };
}

/**
 * SPEC §5: the built-in, offline, deterministic extractor by default; any OpenAI-compatible
 * chat-completions endpoint when one is configured — then reconciliation asks the model too.
 */
export function chooseExtractor(config: LlmConfig | null = readLlmConfig()): ChosenExtractor {
  if (!config) return { extractor: builtInExtractor, reconciler: { kind: "rules" } };
  return {
    extractor: createLlmExtractor(config),
    reconciler: {
      kind: "precomputed",
      decide: (candidate, existing) => {
        const nearest = [...existing]
          .map((observation) => ({ observation, similarity: measureTextSimilarity(candidate.content, observation.content) }))
          .sort((a, b) => b.similarity - a.similarity)
          .slice(0, MAX_OBSERVATIONS_FOR_MODEL)
          .map(({ observation }) => observation);
        return decideReconciliationWithLlm(config, { content: candidate.content, kind: candidate.kind, occurredAt: candidate.occurredAt }, nearest);
      },
    },
  };
}
