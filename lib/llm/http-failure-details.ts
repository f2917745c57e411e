// What the OpenAI-compatible clients (chat completions in lib/llm, embeddings in lib/embeddings)
// say about a failed request: short excerpts, the provider's own reason, when to retry, and never
// the API key. One copy, so both clients report failures alike.

const MAX_EXCERPT_CHARS = 160;

/** A body or answer shortened for an error message: whitespace flattened, at most 160 characters, quoted. */
export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_EXCERPT_CHARS ? `${JSON.stringify(flat.slice(0, MAX_EXCERPT_CHARS))}… (${flat.length} characters)` : JSON.stringify(flat);
}

/** Providers put the reason in `{ error: { message } }` (OpenAI), `{ error: "…" }` (Ollama) or plain text. */
export function errorMessageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === "string" ? body.error : (body.error?.message ?? body.message);
    if (typeof message === "string" && message) return excerpt(message);
  } catch {
    // not JSON: show the text itself
  }
  return text.trim() ? excerpt(text) : "(empty body)";
}

/** `retry-after-ms` (OpenAI's) or `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers): number | undefined {
  const milliseconds = Number.parseFloat(headers.get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** A fetch that threw: a timeout, or a network error with undici's reason (ECONNREFUSED, "other side closed"…). Both are retryable. */
export function describeFetchError(error: unknown, timeoutMs: number): { kind: "timeout" | "network"; retryable: true; detail: string } {
  if (error instanceof Error && error.name === "TimeoutError") return { kind: "timeout", retryable: true, detail: `no answer within ${timeoutMs} ms` };
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return { kind: "network", retryable: true, detail: `network error (${reason})` };
}

/** A provider may echo the key it rejected; it never reaches an error message or a job's lastError. */
export function redactApiKey(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length >= 4 ? text.split(apiKey).join("[redacted]") : text;
}
