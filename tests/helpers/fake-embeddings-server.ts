// A real HTTP server on loopback that speaks OpenAI's /v1/embeddings protocol, for tests of the
// HTTP embedder and of embedding on write (STYLE: fakes only at true external boundaries, as
// servers). Each request takes the next scripted answer; with none left it answers `vectors`.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeEmbeddingsAnswer =
  /** 200 with one deterministic unit vector per input, of `dimensions` numbers (default: the request's `dimensions`, else 384). */
  | { type: "vectors"; dimensions?: number; count?: number; shuffle?: boolean }
  /** An error status with an OpenAI-style error body. */
  | { type: "status"; status: number; message?: string; headers?: Record<string, string> }
  /** Nothing for `delayMs`, then the answer. */
  | { type: "slow"; delayMs: number; answer: FakeEmbeddingsAnswer }
  /** 200 with this body. */
  | { type: "body"; body: string };

export type RecordedEmbeddingsRequest = {
  path: string;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary request fields
  body: any;
  receivedAt: number;
};

export type FakeEmbeddingsServer = {
  /** e.g. http://127.0.0.1:41234/v1 — what KITH_EMBEDDINGS_BASE_URL would be. */
  baseUrl: string;
  requests: RecordedEmbeddingsRequest[];
  enqueue(...answers: FakeEmbeddingsAnswer[]): void;
  reset(): void;
  close(): Promise<void>;
};

/** The vector the fake gives `text`: the same text always gets the same vector. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  let state = 2166136261;
  for (let index = 0; index < text.length; index++) state = Math.imul(state ^ text.charCodeAt(index), 16777619);
  const vector: number[] = [];
  for (let index = 0; index < dimensions; index++) {
    state = Math.imul(state ^ (state >>> 13), 0x5bd1e995) ^ index;
    vector.push(((state >>> 0) / 2 ** 32) * 2 - 1);
  }
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

export async function startFakeEmbeddingsServer(): Promise<FakeEmbeddingsServer> {
  const requests: RecordedEmbeddingsRequest[] = [];
  const queue: FakeEmbeddingsAnswer[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body: { model?: string; input?: string[]; dimensions?: number } | null = null;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        // recorded as null
      }
      requests.push({ path: req.url ?? "", headers: req.headers, body, receivedAt: Date.now() });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        if (res.destroyed || res.writableEnded) return;
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(typeof payload === "string" ? payload : JSON.stringify(payload));
      };
      const respond = (answer: FakeEmbeddingsAnswer): void => {
        switch (answer.type) {
          case "vectors": {
            const inputs = body?.input ?? [];
            const dimensions = answer.dimensions ?? body?.dimensions ?? 384;
            const data = inputs.slice(0, answer.count ?? inputs.length).map((text, index) => ({ object: "embedding", index, embedding: fakeEmbedding(text, dimensions) }));
            if (answer.shuffle) data.reverse();
            return send(200, { object: "list", data, model: body?.model, usage: { prompt_tokens: inputs.length, total_tokens: inputs.length } });
          }
          case "status":
            return send(answer.status, { error: { message: answer.message ?? `fake server: scripted ${answer.status}`, type: "scripted" } }, answer.headers);
          case "body":
            return send(200, answer.body);
          case "slow": {
            const timer = setTimeout(() => {
              timers.delete(timer);
              respond(answer.answer);
            }, answer.delayMs);
            timers.add(timer);
            return;
          }
        }
      };
      if (req.method !== "POST" || req.url !== "/v1/embeddings") return send(404, { error: { message: `fake server: no route ${req.method} ${req.url}` } });
      respond(queue.shift() ?? { type: "vectors" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...answers) => void queue.push(...answers),
    reset() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      requests.length = 0;
      queue.length = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
