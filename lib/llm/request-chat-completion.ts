import { z } from "zod";
import type { ExtractionUsage } from "../extraction/extraction-types";
import { retryDelayMs } from "../jobs/retry-delay";
import { llmDefaults, type LlmConfig } from "./llm-config";
import { emptyLlmUsage } from "./llm-usage";
import { describeFetchError, errorMessageOf, excerpt, redactApiKey, retryAfterMs } from "./http-failure-details";

/**
 * What went wrong with the last attempt: no answer in time, no connection, an HTTP error status,
 * an answer that is not what was asked for, or a configuration that can never work.
 */
export type LlmFailureKind = "timeout" | "network" | "http" | "malformed" | "config";

export type LlmRequestErrorOptions = {
  kind: LlmFailureKind;
  /** False when trying again later cannot help (400, 401, 403, 404…): the job should fail now. */
  retryable: boolean;
  /** The HTTP status of the last attempt, when it got one. */
  status?: number;
  attempts: number;
  /** What the failed attempts cost (tokens are counted when the provider reported them). */
  usage?: ExtractionUsage;
};

/**
 * A chat-completions request that failed for good, after its bounded retries. The message says what
 * was wrong in a sentence (a short excerpt of the answer at most, never the API key).
 */
export class LlmRequestError extends Error {
  readonly kind: LlmFailureKind;
  readonly retryable: boolean;
  readonly status?: number;
  readonly attempts: number;
  readonly usage: ExtractionUsage;

  constructor(message: string, options: LlmRequestErrorOptions) {
    super(message);
    this.name = "LlmRequestError";
    this.kind = options.kind;
    this.retryable = options.retryable;
    this.status = options.status;
    this.attempts = options.attempts;
    this.usage = options.usage ?? emptyLlmUsage();
  }
}

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type ChatCompletionRequest<T> = {
  messages: ChatMessage[];
  /** The response_format schema's name (letters, digits, `_`, `-`); also names the request in errors. */
  schemaName: string;
  /**
   * Validates the answer. Refinements (ranges that depend on the input, lengths, cross-field rules)
   * are checked here but do not reach the JSON Schema, which keeps to what strict mode accepts.
   * Use `.nullable()`, not `.optional()`: strict mode requires every property.
   */
  schema: z.ZodType<T>;
  /** The JSON Schema sent to the model; derived from `schema` when omitted (one source of truth). */
  jsonSchema?: object;
  temperature?: number;
};

export type ChatCompletionResult<T> = { value: T; usage: ExtractionUsage };

/** Excerpts of answers in error messages stay short: a job's lastError is not a log. */
const MAX_ISSUES_SHOWN = 3;

/**
 * The JSON Schema of a zod schema as OpenAI's strict structured outputs accept it: no `$schema`,
 * and no ±2^53 bounds on integers (zod adds them; they say nothing and some servers reject them).
 */
function toResponseJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const json: Record<string, unknown> = z.toJSONSchema(schema, {
    override: ({ jsonSchema }) => {
      if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
      if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
    },
  });
  delete json.$schema;
  return json;
}

// The parts of a chat completion Kith reads; the rest (ids, logprobs…) is ignored.
const chatCompletionSchema = z.object({
  choices: z.array(
    z.object({
      finish_reason: z.string().nullish(),
      message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }).nullish(),
    }),
  ),
  usage: z.object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() }).nullish(),
});

type AttemptFailure = { kind: LlmFailureKind; retryable: boolean; detail: string; status?: number; retryAfterMs?: number };
type AttemptOutcome<T> = { ok: true; value: T } | { ok: false; failure: AttemptFailure };

/**
 * One structured answer from an OpenAI-compatible chat-completions endpoint: POSTs the messages with
 * `response_format: json_schema` (strict), and returns the assistant's content parsed as JSON and
 * validated by `schema`, with what it cost. Each attempt has its own timeout. Timeouts, dropped
 * connections, 429 (after its Retry-After, capped) and 5xx are retried with jittered exponential
 * backoff, and so is an answer that is not what was asked for (not JSON, wrong shape, cut off,
 * refused), up to `maxAttempts` in all; other 4xx fail at once. Throws LlmRequestError.
 */
export async function requestChatCompletion<T>(config: LlmConfig, request: ChatCompletionRequest<T>): Promise<ChatCompletionResult<T>> {
  const url = chatCompletionsUrl(config);
  const jsonSchema = request.jsonSchema ?? toResponseJsonSchema(request.schema);
  const temperature = request.temperature ?? config.temperature;
  const body = JSON.stringify({
    model: config.model,
    messages: request.messages,
    response_format: { type: "json_schema", json_schema: { name: request.schemaName, strict: true, schema: jsonSchema } },
    ...(temperature === undefined ? {} : { temperature }),
  });
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (config.apiKey) headers.authorization = `Bearer ${config.apiKey}`;
  const promptCharacters = request.messages.reduce((sum, message) => sum + message.content.length, 0);

  const usage = emptyLlmUsage();
  const maxAttempts = Number.isFinite(config.maxAttempts) ? Math.max(1, Math.floor(config.maxAttempts)) : 1;
  let failure: AttemptFailure | undefined;
  let attempt = 0;
  while (attempt < maxAttempts) {
    attempt++;
    usage.requests++;
    usage.promptCharacters += promptCharacters;
    const outcome = await attemptOnce(config, url, headers, body, request, usage);
    if (outcome.ok) return { value: outcome.value, usage };
    failure = outcome.failure;
    if (!failure.retryable || attempt >= maxAttempts) break;
    await sleep(delayBeforeRetry(config, attempt, failure));
  }

  const failed = failure!;
  const tries = failed.retryable ? `after ${attempt} attempt${attempt === 1 ? "" : "s"}` : "(not retried)";
  throw new LlmRequestError(`LLM request "${request.schemaName}" to ${config.model} at ${url.host} failed ${tries}: ${redactApiKey(failed.detail, config.apiKey)}`, {
    kind: failed.kind,
    retryable: failed.retryable,
    status: failed.status,
    attempts: attempt,
    usage,
  });
}

function chatCompletionsUrl(config: LlmConfig): URL {
  try {
    return new URL(`${config.baseUrl.replace(/\/+$/, "")}/chat/completions`);
  } catch {
    throw new LlmRequestError(`LLM base URL is not a URL: "${config.baseUrl}"`, { kind: "config", retryable: false, attempts: 0 });
  }
}

async function attemptOnce<T>(
  config: LlmConfig,
  url: URL,
  headers: Record<string, string>,
  body: string,
  request: ChatCompletionRequest<T>,
  usage: ExtractionUsage,
): Promise<AttemptOutcome<T>> {
  let response: Response;
  let text: string;
  try {
    // The signal also bounds reading the body: a server that sends headers and then stalls times out too.
    response = await fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(config.timeoutMs) });
    // Redacted before any excerpt is cut from it, so not even part of the key can show.
    text = redactApiKey(await response.text(), config.apiKey);
  } catch (error) {
    return { ok: false, failure: describeFetchError(error, config.timeoutMs) };
  }

  if (!response.ok) {
    const detail = `HTTP ${response.status}: ${errorMessageOf(text)}`;
    if (response.status === 429) return fail("http", true, detail, response.status, retryAfterMs(response.headers));
    return fail("http", response.status >= 500, detail, response.status);
  }

  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return fail("malformed", true, `the response body is not JSON: ${excerpt(text)}`);
  }
  const completion = chatCompletionSchema.safeParse(envelope);
  if (!completion.success) return fail("malformed", true, `the response is not a chat completion: ${excerpt(text)}`);
  usage.promptTokens += completion.data.usage?.prompt_tokens ?? 0;
  usage.completionTokens += completion.data.usage?.completion_tokens ?? 0;

  const choice = completion.data.choices[0];
  if (!choice) return fail("malformed", true, "the answer has no choices");
  const content = choice.message?.content ?? "";
  usage.completionCharacters += content.length;
  if (choice.message?.refusal) return fail("malformed", true, `the model refused: ${excerpt(choice.message.refusal)}`);
  if (choice.finish_reason === "length") return fail("malformed", true, `the answer was cut off at the token limit (finish_reason "length") after ${content.length} characters`);
  if (choice.finish_reason === "content_filter") return fail("malformed", true, `the answer was withheld by the provider's content filter`);
  if (!content.trim()) return fail("malformed", true, "the answer is empty");

  let value: unknown;
  try {
    value = JSON.parse(withoutCodeFence(content));
  } catch {
    return fail("malformed", true, `the answer is not valid JSON: ${excerpt(content)}`);
  }
  const parsed = request.schema.safeParse(value);
  if (!parsed.success) return fail("malformed", true, `the answer does not match the ${request.schemaName} schema: ${describeIssues(parsed.error)}`);
  return { ok: true, value: parsed.data };
}

function fail(kind: LlmFailureKind, retryable: boolean, detail: string, status?: number, retryAfter?: number): { ok: false; failure: AttemptFailure } {
  return { ok: false, failure: { kind, retryable, detail, status, retryAfterMs: retryAfter } };
}

function delayBeforeRetry(config: LlmConfig, attemptsMade: number, failure: AttemptFailure): number {
  if (failure.retryAfterMs !== undefined) return Math.min(failure.retryAfterMs, config.retryAfterCapMs ?? llmDefaults.retryAfterCapMs);
  return retryDelayMs(attemptsMade, config.backoff ?? llmDefaults.backoff);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Some local models wrap JSON in a Markdown fence despite response_format; the fence is not the answer. */
function withoutCodeFence(content: string): string {
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(content.trim());
  return fenced ? fenced[1] : content;
}

function describeIssues(error: z.ZodError): string {
  const shown = error.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => `${issue.path.join(".") || "(answer)"}: ${issue.message}`);
  const more = error.issues.length - shown.length;
  return shown.join("; ") + (more > 0 ? ` (and ${more} more)` : "");
}

