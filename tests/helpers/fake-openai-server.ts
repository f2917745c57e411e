// A real HTTP server on loopback that speaks OpenAI's chat-completions protocol, for tests of the
// LLM extractor (STYLE: fakes only at true external boundaries, and as servers, not mocked functions).
// Each request takes the next scripted answer from a queue; every request is recorded.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

type Usage = { prompt_tokens: number; completion_tokens: number } | null;

/** One scripted behaviour, consumed by one request. */
export type FakeAnswer =
  /** 200 with the value, JSON-encoded, as the assistant's content. */
  | { type: "json"; value: unknown; finishReason?: string; usage?: Usage }
  /** 200 with this exact assistant content (not JSON, truncated JSON, null…). */
  | { type: "content"; content: string | null; finishReason?: string; usage?: Usage }
  /** 200 with a refusal instead of content (structured outputs' way of declining). */
  | { type: "refusal"; refusal: string }
  /** 200 with `choices: []`. */
  | { type: "no-choices" }
  /** 200 with a body that is not a chat completion at all. */
  | { type: "body"; body: string }
  /** An error status (500, 429, 401…) with an OpenAI-style error body unless one is given. */
  | { type: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  /** Nothing for `delayMs` (longer than the client's timeout), then the answer. */
  | { type: "slow"; delayMs: number; answer: FakeAnswer }
  /** The connection is destroyed without a response. */
  | { type: "drop" };

export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (null when it was not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary request fields
  body: any;
  /** Date.now() when the request arrived: tests measure the waits between attempts with it. */
  receivedAt: number;
};

export type FakeOpenAiServer = {
  /** e.g. http://127.0.0.1:41234/v1 — what KITH_LLM_BASE_URL would be. */
  baseUrl: string;
  requests: RecordedRequest[];
  enqueue(...answers: FakeAnswer[]): void;
  /** Scripted answers not yet consumed. */
  pendingAnswers(): number;
  /** Forgets the requests and the unconsumed answers (between tests). */
  reset(): void;
  close(): Promise<void>;
};

/** The default usage a scripted answer reports. */
export const fakeUsage = { prompt_tokens: 10, completion_tokens: 5 };

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeAnswer[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let completionCount = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        // recorded as null: a test asserting on the body fails
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, receivedAt: Date.now() });

      const sendJson = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        if (res.destroyed || res.writableEnded) return;
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(typeof payload === "string" ? payload : JSON.stringify(payload));
      };
      const completion = (message: { content: string | null; refusal: string | null } | null, finishReason: string, usage: Usage | undefined) => {
        completionCount++;
        return {
          id: `chatcmpl-fake-${completionCount}`,
          object: "chat.completion",
          created: Math.floor(Date.now() / 1_000),
          model: (body as { model?: string } | null)?.model ?? "unknown",
          choices: message ? [{ index: 0, message: { role: "assistant", ...message }, finish_reason: finishReason }] : [],
          ...(usage === null ? {} : { usage: { ...(usage ?? fakeUsage), total_tokens: (usage ?? fakeUsage).prompt_tokens + (usage ?? fakeUsage).completion_tokens } }),
        };
      };
      const respond = (answer: FakeAnswer | undefined): void => {
        if (!answer) return sendJson(500, { error: { message: "fake server: no scripted answer left", type: "server_error" } });
        switch (answer.type) {
          case "json":
            return sendJson(200, completion({ content: JSON.stringify(answer.value), refusal: null }, answer.finishReason ?? "stop", answer.usage));
          case "content":
            return sendJson(200, completion({ content: answer.content, refusal: null }, answer.finishReason ?? "stop", answer.usage));
          case "refusal":
            return sendJson(200, completion({ content: null, refusal: answer.refusal }, "stop", undefined));
          case "no-choices":
            return sendJson(200, completion(null, "stop", undefined));
          case "body":
            return sendJson(200, answer.body);
          case "status":
            return sendJson(answer.status, answer.body ?? { error: { message: `fake server: scripted ${answer.status}`, type: "scripted" } }, answer.headers);
          case "slow": {
            const timer = setTimeout(() => {
              timers.delete(timer);
              respond(answer.answer);
            }, answer.delayMs);
            timers.add(timer);
            return;
          }
          case "drop":
            req.socket.destroy();
            return;
        }
      };

      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return sendJson(404, { error: { message: `fake server: no route ${req.method} ${req.url}` } });
      respond(queue.shift());
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    enqueue: (...answers) => void queue.push(...answers),
    pendingAnswers: () => queue.length,
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
