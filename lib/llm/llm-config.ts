import type { RetryBackoff } from "../jobs/retry-delay";

/**
 * How to reach an OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, Ollama, vLLM…).
 * The caller builds it from KITH_LLM_BASE_URL / KITH_LLM_API_KEY / KITH_LLM_MODEL; requests go to
 * `${baseUrl}/chat/completions`, e.g. baseUrl "http://localhost:11434/v1" or "https://api.openai.com/v1".
 */
export type LlmConfig = {
  baseUrl: string;
  /** Sent as `Authorization: Bearer …` when set (a local Ollama needs none). */
  apiKey?: string;
  model: string;
  /** Per attempt, covering the answer's body as well as its headers. */
  timeoutMs: number;
  /** Attempts per request, the first included (1 = never retry). */
  maxAttempts: number;
  /** Waits between attempts (equal-jitter exponential, as for jobs); defaults to llmDefaults.backoff. */
  backoff?: RetryBackoff;
  /** A 429's Retry-After is honoured up to this many ms; defaults to llmDefaults.retryAfterCapMs. */
  retryAfterCapMs?: number;
  /**
   * Sampling temperature for extraction and reconciliation. Unset = not sent (the provider's
   * default), because some models (OpenAI's reasoning models) reject any value but their own.
   */
  temperature?: number;
};

/** Production defaults for what the environment does not say. */
export const llmDefaults = {
  /** A local model on a CPU can take minutes over a long conversation. */
  timeoutMs: 120_000,
  maxAttempts: 3,
  backoff: { baseMs: 1_000, capMs: 20_000 } satisfies RetryBackoff,
  retryAfterCapMs: 30_000,
} as const;
