import { AppError } from "../errors";

export const ONE_MIB = 1024 * 1024;
export const DEFAULT_BODY_LIMIT = ONE_MIB;
export const BULK_BODY_LIMIT = 10 * ONE_MIB;

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `Request body exceeds the ${Math.round(limit / 1024)} KiB limit`);
}

/**
 * Reads the body as text, refusing more than `limit` bytes: first by Content-Length, then while
 * streaming (a client may lie or send chunked), so an oversized body is never held in memory.
 */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a JSON body; malformed JSON is a 400 that says where it broke. Empty = `undefined`. */
export async function readJson(req: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const text = await readBodyText(req, limit);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("bad_request", `Malformed JSON body: ${(error as Error).message}`);
  }
}

/** Parses an application/x-www-form-urlencoded body (webhooks). */
export async function readForm(req: Request, limit = DEFAULT_BODY_LIMIT): Promise<URLSearchParams> {
  return new URLSearchParams(await readBodyText(req, limit));
}
