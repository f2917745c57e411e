import type { Env } from "../env";

export type ProviderStatus = {
  /** `endpoint`: an OpenAI-compatible server; `builtin`: what ships with Kith, offline. */
  kind: "builtin" | "endpoint";
  model: string;
  /** The endpoint's host (and port): never its path, query, user name or password. */
  host: string | null;
  hasApiKey: boolean;
};

export type ProvidersStatus = { llm: ProviderStatus; embeddings: ProviderStatus };

type ProviderEnv = Pick<Env, "KITH_LLM_BASE_URL" | "KITH_LLM_API_KEY" | "KITH_LLM_MODEL" | "KITH_EMBEDDINGS_BASE_URL" | "KITH_EMBEDDINGS_API_KEY" | "KITH_EMBEDDINGS_MODEL">;

function hostOf(baseUrl: string): string | null {
  try {
    return new URL(baseUrl).host || null;
  } catch {
    return null;
  }
}

/**
 * Which extraction model and embeddings model this server uses, for the store settings page:
 * enough to tell what is configured, nothing that is a secret. `embeddingsModel` is the stored
 * model name the embedder reports (`kith-wordnet-v1`, `openai:<model>`).
 */
export function describeProviders(env: ProviderEnv, embeddingsModel: string): ProvidersStatus {
  // The same rule as readLlmConfig: a base URL without a model leaves the built-in extractor on.
  const llm: ProviderStatus =
    env.KITH_LLM_BASE_URL && env.KITH_LLM_MODEL
      ? { kind: "endpoint", model: env.KITH_LLM_MODEL, host: hostOf(env.KITH_LLM_BASE_URL), hasApiKey: Boolean(env.KITH_LLM_API_KEY) }
      : { kind: "builtin", model: "built-in rules", host: null, hasApiKey: false };
  const embeddings: ProviderStatus = env.KITH_EMBEDDINGS_BASE_URL
    ? { kind: "endpoint", model: embeddingsModel, host: hostOf(env.KITH_EMBEDDINGS_BASE_URL), hasApiKey: Boolean(env.KITH_EMBEDDINGS_API_KEY) }
    : { kind: "builtin", model: embeddingsModel, host: null, hasApiKey: false };
  return { llm, embeddings };
}
