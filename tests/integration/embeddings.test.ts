import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { fromVectorLiteral, type EmbeddedTable } from "@/lib/db/vector";
import { resetEnvCache } from "@/lib/env";
import { newId } from "@/lib/ids";
import { runNextJob } from "@/lib/jobs/run-next-job";
import { createWordnetEmbedder, WORDNET_EMBEDDER_MODEL } from "@/lib/embeddings/create-wordnet-embedder";
import { enqueueStaleEmbeddingJobs } from "@/lib/embeddings/embeddings-job";
import { EMBEDDING_JOB_DEDUPE_KEY, EMBEDDING_JOB_TYPE } from "@/lib/embeddings/enqueue-embedding-job";
import { dotProduct } from "@/lib/embeddings/hash-features";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";
import { startFakeEmbeddingsServer, type FakeEmbeddingsServer } from "../helpers/fake-embeddings-server";

type StoredRow = { id: string; content: string; embeddingModel: string | null; embedding: string | null };

describe("embedding on write (background job)", () => {
  let storeId: string;
  let auth: string;
  let profileId: string;
  let server: FakeEmbeddingsServer;
  const offline = createWordnetEmbedder();

  const rowsOf = async (table: EmbeddedTable): Promise<StoredRow[]> => {
    const prisma = await getPrisma();
    return prisma.$queryRawUnsafe<StoredRow[]>(`SELECT "id", "content", "embeddingModel", "embedding"::text AS "embedding" FROM "${table}" WHERE "storeId" = $1 ORDER BY "id"`, storeId);
  };
  const queuedJobs = async () => (await getPrisma()).job.findMany({ where: { storeId, type: EMBEDDING_JOB_TYPE, status: "QUEUED" } });
  /** Makes this store's queued job due and runs embedding jobs until it is done; returns it. */
  const runStoreJob = async () => {
    const prisma = await getPrisma();
    const [job] = await queuedJobs();
    expect(job, "an embedding job is queued").toBeDefined();
    await prisma.job.updateMany({ where: { id: job.id }, data: { runAt: new Date(Date.now() - 1_000) } });
    for (let step = 0; step < 20; step++) {
      const outcome = await runNextJob({ workerId: "embeddings-test", types: [EMBEDDING_JOB_TYPE], backoff: { baseMs: 1, capMs: 2 } });
      if (!outcome) break;
      if (outcome.jobId === job.id) {
        expect(outcome.status, outcome.error).toBe("SUCCEEDED");
        break;
      }
    }
    return prisma.job.findUniqueOrThrow({ where: { id: job.id } });
  };
  const expectEmbeddedOffline = async (rows: StoredRow[]) => {
    const expected = await offline.embed(rows.map((row) => row.content));
    rows.forEach((row, index) => {
      expect(row.embeddingModel).toBe(WORDNET_EMBEDDER_MODEL);
      const stored = fromVectorLiteral(row.embedding!);
      expect(stored).toHaveLength(384);
      expect(dotProduct(stored, expected[index])).toBeGreaterThan(0.9999);
    });
  };

  beforeAll(async () => {
    storeId = (await createTestStore("embeddings")).id;
    auth = await createTestKey("AGENT", storeId);
    server = await startFakeEmbeddingsServer();
  });
  afterAll(async () => {
    delete process.env.KITH_EMBEDDINGS_BASE_URL;
    delete process.env.KITH_EMBEDDINGS_MODEL;
    resetEnvCache();
    await server.close();
  });

  it("ingesting queues one job per store; the job embeds every new communication with the offline model", async () => {
    const lines = ["I adopted a puppy last week!", "Congrats! What breed is it?", "A beagle, we named him Oscar."];
    const ingest = async (texts: string[]) => {
      const prefix = newId("communication").slice(-8);
      const response = await callApi("POST", `/v1/Stores/${storeId}/Conversations`, {
        auth,
        json: {
          channel: "CHAT",
          participants: [{ type: "CUSTOMER", name: "Dana Whitfield", addresses: [{ channel: "CHAT", address: `dana-${prefix}` }] }, { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel: "CHAT", address: "agent-sam" }] }],
          communications: texts.map((text, index) => ({ author: { channel: "CHAT", address: index % 2 ? "agent-sam" : `dana-${prefix}` }, content: { text }, occurredAt: new Date(Date.now() - (10 - index) * 60_000).toISOString(), resourceId: `${prefix}-${index}` })),
        },
      });
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
      return response.body;
    };
    const first = await ingest(lines);
    profileId = first.participants.find((participant: { type: string }) => participant.type === "CUSTOMER").profileId;
    await ingest(["Second conversation, same store"]);
    const queued = await queuedJobs();
    expect(queued).toHaveLength(1);
    expect(queued[0].dedupeKey).toBe(EMBEDDING_JOB_DEDUPE_KEY);
    expect((await rowsOf("communications")).every((row) => row.embedding === null && row.embeddingModel === null)).toBe(true);

    const job = await runStoreJob();
    expect(job.dedupeKey).toBeNull();
    expect(job.progress).toEqual({ done: 4, total: 4 });
    expect(job.result).toMatchObject({ model: WORDNET_EMBEDDER_MODEL, embedded: { communications: 4, observations: 0, summaries: 0 } });
    await expectEmbeddedOffline(await rowsOf("communications"));
    // Nothing left: a write after the job ran queues a new one; no write, no job.
    expect(await queuedJobs()).toHaveLength(0);
  });

  it("observations and summaries are embedded; a content edit clears the vector at once and the next job embeds the new text", async () => {
    const observationsPath = `/v1/Stores/${storeId}/Profiles/${profileId}/Observations`;
    const created = await callApi("POST", observationsPath, { auth, json: { observations: [{ content: "Has a beagle named Oscar", source: "api", occurredAt: new Date().toISOString() }, { content: "Prefers an aisle seat", source: "api", occurredAt: new Date().toISOString() }] } });
    expect(created.status).toBe(202);
    const conversationId = (await (await getPrisma()).communication.findFirstOrThrow({ where: { storeId } })).conversationId;
    const summary = await callApi("POST", `/v1/Stores/${storeId}/Profiles/${profileId}/ConversationSummaries`, { auth, json: { summaries: [{ content: "Chat about a new puppy.", conversationId, occurredAt: new Date().toISOString() }] } });
    expect(summary.status, JSON.stringify(summary.body)).toBe(202);
    const job = await runStoreJob();
    expect(job.result).toMatchObject({ embedded: { communications: 0, observations: 2, summaries: 1 } });
    await expectEmbeddedOffline([...(await rowsOf("observations")), ...(await rowsOf("summaries"))]);

    const [observation] = created.body.observations;
    const before = (await rowsOf("observations")).find((row) => row.id === observation.id)!;
    const edited = await callApi("PATCH", `${observationsPath}/${observation.id}`, { auth, json: { content: "Has two beagles, Oscar and Ruby" } });
    expect(edited.status).toBeLessThan(300);
    const cleared = (await rowsOf("observations")).find((row) => row.id === observation.id)!;
    expect(cleared).toMatchObject({ embedding: null, embeddingModel: null, content: "Has two beagles, Oscar and Ruby" });
    // A status-only change keeps the vector (the text did not change).
    const other = created.body.observations[1];
    await callApi("PATCH", `${observationsPath}/${other.id}`, { auth, json: { status: "REJECTED" } });
    expect((await rowsOf("observations")).find((row) => row.id === other.id)!.embeddingModel).toBe(WORDNET_EMBEDDER_MODEL);

    const again = await runStoreJob();
    expect(again.result).toMatchObject({ embedded: { communications: 0, observations: 1, summaries: 0 } });
    const after = (await rowsOf("observations")).find((row) => row.id === observation.id)!;
    await expectEmbeddedOffline([after]);
    expect(after.embedding).not.toBe(before.embedding);
  });

  it("a change of model re-embeds every row of the store in the background, with progress", async () => {
    const total = (await rowsOf("communications")).length + (await rowsOf("observations")).length + (await rowsOf("summaries")).length;
    process.env.KITH_EMBEDDINGS_BASE_URL = server.baseUrl;
    process.env.KITH_EMBEDDINGS_MODEL = "fake-embedder";
    process.env.KITH_EMBEDDINGS_BATCH_SIZE = "2";
    resetEnvCache();
    try {
      expect(await enqueueStaleEmbeddingJobs()).toContain(storeId);
      const job = await runStoreJob();
      expect(job.progress).toEqual({ done: total, total });
      const rows = [...(await rowsOf("communications")), ...(await rowsOf("observations")), ...(await rowsOf("summaries"))];
      expect(rows.every((row) => row.embeddingModel === "openai:fake-embedder" && row.embedding !== null)).toBe(true);
      const inputs = server.requests.flatMap((request) => request.body.input as string[]);
      expect(new Set(inputs)).toEqual(new Set(rows.map((row) => row.content)));
      expect(Math.max(...server.requests.map((request) => request.body.input.length))).toBe(2);
      // Running it again finds nothing to do.
      const requestsBefore = server.requests.length;
      expect(await enqueueStaleEmbeddingJobs()).not.toContain(storeId);
      expect(server.requests.length).toBe(requestsBefore);
    } finally {
      delete process.env.KITH_EMBEDDINGS_BASE_URL;
      delete process.env.KITH_EMBEDDINGS_MODEL;
      delete process.env.KITH_EMBEDDINGS_BATCH_SIZE;
      resetEnvCache();
    }
  });
});
