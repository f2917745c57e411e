import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { resetEnvCache } from "@/lib/env";
import { updateStore } from "@/lib/stores/update-store";
import { runNextJob } from "@/lib/jobs/run-next-job";
import { chooseExtractor } from "@/lib/extraction/choose-extractor";
import { extractConversation } from "@/lib/extraction/extract-conversation";
import { EXTRACTION_JOB_TYPE } from "@/lib/extraction/extraction-job";
import { builtInExtractor } from "@/lib/extraction/extract-with-built-in-rules";
import { newId } from "@/lib/ids";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../helpers/fake-openai-server";

const minute = 60_000;
// "union" and "religion" alone would match the guard's own placeholder ("[removed by Kith: religion, trade union data]").
const SENSITIVE = /diabet|insulin|4111|1111 1111|Teamsters|church|Catholic/i;

type Line = [speaker: "customer" | "agent", text: string];

/** Everything the store holds as text, to prove what the guard kept out. */
async function everythingStoredFor(storeId: string): Promise<string> {
  const prisma = await getPrisma();
  const [observations, revisions, summaries, communications, audits, runs, candidates, jobs, participants] = await Promise.all([
    prisma.observation.findMany({ where: { storeId } }),
    prisma.observationRevision.findMany({ where: { storeId } }),
    prisma.summary.findMany({ where: { storeId } }),
    prisma.communication.findMany({ where: { storeId } }),
    prisma.auditEvent.findMany({ where: { storeId } }),
    prisma.extractionRun.findMany({ where: { storeId } }),
    prisma.traitCandidate.findMany({ where: { storeId } }),
    prisma.job.findMany({ where: { storeId } }),
    prisma.participant.findMany({ where: { storeId } }),
  ]);
  return JSON.stringify([observations, revisions, summaries, communications, audits, runs, candidates, jobs, participants], (_key, value) => (typeof value === "bigint" ? Number(value) : value));
}

/** Runs due extraction jobs until none is left (other test files' closed conversations queue theirs in the shared database too). */
async function runExtractionJobs(): Promise<void> {
  for (let step = 0; step < 5_000; step++) {
    const outcome = await runNextJob({ workerId: "extraction-test", types: [EXTRACTION_JOB_TYPE], backoff: { baseMs: 1, capMs: 2 } });
    if (!outcome) return;
  }
  throw new Error("extraction jobs did not drain");
}

describe("capture: extraction after a conversation closes", () => {
  let storeId: string;
  let auth: string;
  let started = Date.now() - 3 * 60 * minute;

  const conversation = (address: string, lines: Line[], options: { status?: string; channel?: string } = {}) => {
    const channel = options.channel ?? "CHAT";
    const prefix = newId("communication").slice(-8);
    started += 30 * minute;
    return {
      channel,
      ...(options.status ? { status: options.status } : {}),
      participants: [
        { type: "CUSTOMER", name: "Dana Whitfield", addresses: [{ channel, address }] },
        { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel, address: "agent-sam" }] },
      ],
      communications: lines.map(([speaker, text], index) => ({
        author: { channel, address: speaker === "customer" ? address : "agent-sam" },
        content: { text },
        occurredAt: new Date(started + index * minute).toISOString(),
        resourceId: `${prefix}-${index}`,
      })),
    };
  };
  const ingest = async (payload: unknown, key = auth) => {
    const response = await callApi("POST", `/v1/Stores/${storeId}/Conversations`, { auth: key, json: payload });
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    return response.body;
  };
  const observationsOf = async (profileId: string) => {
    const prisma = await getPrisma();
    return prisma.observation.findMany({ where: { storeId, profileId }, orderBy: { id: "asc" } });
  };

  const travel: Line[] = [
    ["customer", "Hi, I need to change my flight to Lisbon on May 3."],
    ["agent", "Of course. Would you like a window or an aisle seat?"],
    ["customer", "Aisle please, I always prefer an aisle seat."],
    ["customer", "I'm travelling with my daughter Mia."],
    ["agent", "I've moved you both to the 14:05 flight on May 5, seats 12C and 12D."],
    ["customer", "Great. I was diagnosed with diabetes last year. Please charge my card 4111 1111 1111 1111."],
    ["customer", "I'm a member of the Teamsters union. I go to church on Sundays."],
    ["agent", "Done, the new booking is confirmed."],
    ["customer", "Thanks so much, that's perfect!"],
  ];

  beforeAll(async () => {
    storeId = (await createTestStore("extraction")).id;
    auth = await createTestKey("AGENT", storeId);
  });

  it("closing a conversation enqueues one extraction job; the worker stores observations with provenance, one summary, and nothing sensitive anywhere", async () => {
    const address = `dana-${newId("profile").slice(-6)}`;
    const body = await ingest(conversation(address, travel, { status: "CLOSED" }));
    const profileId = body.participants[0].profileId as string;
    const prisma = await getPrisma();
    const jobs = await prisma.job.findMany({ where: { storeId, type: EXTRACTION_JOB_TYPE, payload: { equals: { conversationId: body.id } } } });
    expect(jobs).toHaveLength(1);

    await runExtractionJobs();
    expect((await prisma.job.findUniqueOrThrow({ where: { id: jobs[0].id } })).status).toBe("SUCCEEDED");

    const observations = await observationsOf(profileId);
    const contents = observations.map((observation) => observation.content);
    expect(contents.some((content) => /aisle seat/i.test(content)), contents.join(" | ")).toBe(true);
    expect(contents.some((content) => /daughter.*Mia/i.test(content)), contents.join(" | ")).toBe(true);
    const communicationIds = body.communications.map((communication: { id: string }) => communication.id);
    const aisle = observations.find((observation) => /aisle seat/i.test(observation.content))!;
    expect(aisle.communicationIds).toContain(communicationIds[2]);
    expect(aisle.conversationIds).toEqual([body.id]);
    for (const observation of observations) {
      expect(observation).toMatchObject({ source: "extraction", status: "PENDING" });
      expect(observation.communicationIds.length).toBeGreaterThan(0);
      for (const id of observation.communicationIds) expect(communicationIds).toContain(id);
      // Never the agent's words as a fact about the customer.
      expect(observation.content).not.toMatch(/14:05|12C/);
    }

    const summaries = await prisma.summary.findMany({ where: { storeId, profileId } });
    expect(summaries).toHaveLength(1);
    expect(summaries[0].conversationId).toBe(body.id);
    expect(summaries[0].content.length).toBeLessThanOrEqual(4096);
    expect(summaries[0].content).toMatch(/chat/i);

    expect(await everythingStoredFor(storeId)).not.toMatch(SENSITIVE);
    const counters = await prisma.storeCounter.findMany({ where: { storeId, name: { startsWith: "guard.excluded." } } });
    expect(counters.map((counter) => counter.name).sort()).toEqual(expect.arrayContaining(["guard.excluded.HEALTH", "guard.excluded.PAYMENT_CARD", "guard.excluded.RELIGION", "guard.excluded.TRADE_UNION"]));
    const excluded = await prisma.auditEvent.findMany({ where: { storeId, action: "communication.excluded" } });
    expect(excluded.length).toBeGreaterThanOrEqual(2);
  });

  it("with screenCommunications off the messages are kept as sent, and the extraction guard still keeps sensitive statements out of memories", async () => {
    const store = await createTestStore("extraction-raw");
    await updateStore({ storeId: store.id, patch: { screenCommunications: false }, actor: systemActor });
    const key = await createTestKey("AGENT", store.id);
    const response = await callApi("POST", `/v1/Stores/${store.id}/Conversations`, { auth: key, json: conversation("raw-dana", travel, { status: "CLOSED" }) });
    expect(response.status).toBe(201);
    const profileId = response.body.participants[0].profileId;
    await runExtractionJobs();
    const prisma = await getPrisma();
    const communications = await prisma.communication.findMany({ where: { storeId: store.id } });
    expect(communications.map((communication) => communication.content).join(" ")).toMatch(/diabetes/);
    const observations = await prisma.observation.findMany({ where: { storeId: store.id, profileId } });
    expect(observations.length).toBeGreaterThan(0);
    const memories = JSON.stringify([observations, await prisma.summary.findMany({ where: { storeId: store.id } }), await prisma.observationRevision.findMany({ where: { storeId: store.id } })]);
    expect(memories).not.toMatch(SENSITIVE);
  });

  it("sending the same conversation again, or running the extraction twice, stores nothing twice", async () => {
    const address = `dana-${newId("profile").slice(-6)}`;
    const payload = conversation(address, travel, { status: "CLOSED" });
    const first = await ingest(payload);
    await runExtractionJobs();
    const prisma = await getPrisma();
    const snapshot = async () => ({
      observations: await prisma.observation.count({ where: { storeId } }),
      revisions: await prisma.observationRevision.count({ where: { storeId } }),
      summaries: await prisma.summary.count({ where: { storeId } }),
      runs: await prisma.extractionRun.count({ where: { storeId } }),
      jobs: await prisma.job.count({ where: { storeId } }),
      communications: await prisma.communication.count({ where: { storeId } }),
    });
    const before = await snapshot();
    const again = await ingest(payload);
    expect(again.id).toBe(first.id);
    await runExtractionJobs();
    // A retried job (at-least-once delivery) and two racing workers.
    await Promise.all([
      extractConversation({ storeId, conversationId: first.id, extractor: builtInExtractor }),
      extractConversation({ storeId, conversationId: first.id, extractor: builtInExtractor }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it("a later conversation that contradicts an earlier preference updates that observation and keeps the old text as a revision", async () => {
    const address = `dana-${newId("profile").slice(-6)}`;
    const first = await ingest(conversation(address, [["customer", "I always prefer an aisle seat."], ["agent", "Noted!"]], { status: "CLOSED" }));
    await runExtractionJobs();
    const profileId = first.participants[0].profileId;
    const [aisle] = (await observationsOf(profileId)).filter((observation) => /aisle/i.test(observation.content));
    expect(aisle).toBeDefined();

    await ingest(conversation(address, [["customer", "Actually I now prefer a window seat."], ["agent", "Updated your profile."]], { status: "CLOSED" }));
    await runExtractionJobs();
    const after = await observationsOf(profileId);
    const updated = after.find((observation) => observation.id === aisle.id)!;
    expect(updated.content).toMatch(/window seat/i);
    expect(updated.version).toBe(2);
    expect(after.filter((observation) => /aisle/i.test(observation.content))).toHaveLength(0);
    const revisions = await callApi("GET", `/v1/Stores/${storeId}/Profiles/${profileId}/Observations/${aisle.id}/Revisions`, { auth });
    expect(revisions.body.revisions.map((revision: { content: string }) => revision.content)).toEqual([updated.content, aisle.content]);
  });

  it("trait candidates are proposed, and written only where the store allows it", async () => {
    const lines: Line[] = [["customer", "Hi, my name is Dana Whitfield and my email is dana.whitfield@example.com"], ["agent", "Thanks Dana, I've noted it."]];
    const address = `dana-${newId("profile").slice(-6)}`;
    const body = await ingest(conversation(address, lines, { status: "CLOSED" }));
    await runExtractionJobs();
    const prisma = await getPrisma();
    const profileId = body.participants[0].profileId;
    const candidates = await prisma.traitCandidate.findMany({ where: { storeId, profileId } });
    expect(candidates.map((candidate) => `${candidate.traitName}=${candidate.value}:${candidate.status}`)).toContain("email=dana.whitfield@example.com:PENDING");
    expect(await prisma.identifier.findMany({ where: { storeId, profileId, idType: "email" } })).toHaveLength(0);

    // An admin sees the proposals and decides: apply writes the trait (and its identifier), reject declines.
    const admin = await createTestKey("ADMIN", storeId);
    const listed = await callApi("GET", `/v1/Stores/${storeId}/Profiles/${profileId}/TraitCandidates?status=PENDING`, { auth: admin });
    expect(listed.status).toBe(200);
    const email = listed.body.traitCandidates.find((candidate: { name: string }) => candidate.name === "email");
    expect(email).toMatchObject({ traitGroup: "Contact", value: "dana.whitfield@example.com", status: "PENDING", profileId });
    expect((await callApi("POST", `/v1/Stores/${storeId}/Profiles/${profileId}/TraitCandidates/${email.id}/Apply`, { auth })).status).toBe(403);
    const decided = await callApi("POST", `/v1/Stores/${storeId}/Profiles/${profileId}/TraitCandidates/${email.id}/Apply`, { auth: admin });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe("APPLIED");
    expect((await prisma.identifier.findMany({ where: { storeId, profileId, idType: "email" } })).map((identifier) => identifier.value)).toEqual(["dana.whitfield@example.com"]);
    expect((await callApi("POST", `/v1/Stores/${storeId}/Profiles/${profileId}/TraitCandidates/${email.id}/Reject`, { auth: admin })).status).toBe(409);
    expect((await callApi("POST", `/v1/Stores/${storeId}/Profiles/${profileId}/TraitCandidates/mem_traitcandidate_01jz0000000000000000000000/Apply`, { auth: admin })).status).toBe(404);
    const others = listed.body.traitCandidates.filter((candidate: { id: string }) => candidate.id !== email.id);
    for (const candidate of others) {
      const rejected = await callApi("POST", `/v1/Stores/${storeId}/Profiles/${profileId}/TraitCandidates/${candidate.id}/Reject`, { auth: admin });
      expect(rejected.body.status).toBe("REJECTED");
    }

    const allowing = await createTestStore("extraction-traits");
    await updateStore({ storeId: allowing.id, patch: { allowExtractedTraits: true }, actor: systemActor });
    const key = await createTestKey("AGENT", allowing.id);
    const written = await callApi("POST", `/v1/Stores/${allowing.id}/Conversations`, { auth: key, json: conversation(address, lines, { status: "CLOSED" }) });
    await runExtractionJobs();
    const allowedProfileId = written.body.participants[0].profileId;
    const emails = await prisma.identifier.findMany({ where: { storeId: allowing.id, idType: "email" } });
    expect(emails.map((identifier) => [identifier.profileId, identifier.value])).toEqual([[allowedProfileId, "dana.whitfield@example.com"]]);
    const applied = await prisma.traitCandidate.findMany({ where: { storeId: allowing.id, traitName: "email" } });
    expect(applied.map((candidate) => candidate.status)).toEqual(["APPLIED"]);
  });

  it("export includes, and erasure removes, what extraction stored about the person", async () => {
    const address = `dana-${newId("profile").slice(-6)}`;
    const body = await ingest(conversation(address, [["customer", "My email is dana.erase@example.com and I prefer an aisle seat."], ["agent", "Noted."]], { status: "CLOSED" }));
    await runExtractionJobs();
    const profileId = body.participants[0].profileId;
    const admin = await createTestKey("ADMIN", storeId);
    const exported = await callApi("GET", `/v1/Stores/${storeId}/Profiles/${profileId}/Export`, { auth: admin });
    expect(exported.status).toBe(200);
    expect(exported.body.traitCandidates.map((candidate: { value: string }) => candidate.value)).toContain("dana.erase@example.com");
    expect(exported.body.extractionRuns).toHaveLength(1);
    expect(exported.body.observations.length).toBeGreaterThan(0);
    expect((await callApi("DELETE", `/v1/Stores/${storeId}/Profiles/${profileId}`, { auth: admin })).status).toBe(202);
    const prisma = await getPrisma();
    expect(await prisma.traitCandidate.count({ where: { storeId, profileId } })).toBe(0);
    expect(await prisma.extractionRun.count({ where: { storeId, profileId } })).toBe(0);
    expect(await prisma.observation.count({ where: { storeId, profileId } })).toBe(0);
    expect(await prisma.summary.count({ where: { storeId, profileId } })).toBe(0);
  });

  it("a store with autoApproveObservations stores extracted observations APPROVED", async () => {
    const store = await createTestStore("extraction-approve");
    await updateStore({ storeId: store.id, patch: { autoApproveObservations: true }, actor: systemActor });
    const key = await createTestKey("AGENT", store.id);
    const response = await callApi("POST", `/v1/Stores/${store.id}/Conversations`, { auth: key, json: conversation("approve-dana", travel, { status: "CLOSED" }) });
    await runExtractionJobs();
    const prisma = await getPrisma();
    const statuses = (await prisma.observation.findMany({ where: { storeId: store.id, profileId: response.body.participants[0].profileId } })).map((row) => row.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(["APPROVED"]));
  });

  describe("with an OpenAI-compatible model", () => {
    let server: FakeOpenAiServer;
    const saved = { ...process.env };
    beforeAll(async () => {
      server = await startFakeOpenAiServer();
    });
    afterAll(async () => {
      await server.close();
      for (const name of ["KITH_LLM_BASE_URL", "KITH_LLM_MODEL", "KITH_LLM_API_KEY", "KITH_LLM_MAX_ATTEMPTS"]) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      resetEnvCache();
    });
    const useModel = () => {
      process.env.KITH_LLM_BASE_URL = server.baseUrl;
      process.env.KITH_LLM_MODEL = "test-model";
      process.env.KITH_LLM_API_KEY = "sk-test";
      process.env.KITH_LLM_MAX_ATTEMPTS = "2";
      resetEnvCache();
      server.reset();
    };

    it("stores the model's observations with their communications, reconciles through the model, and records usage per run", async () => {
      useModel();
      expect(chooseExtractor().extractor.name).toBe("llm:test-model");
      const address = `llm-${newId("profile").slice(-6)}`;
      const body = await ingest(conversation(address, [["customer", "Please always book me an aisle seat."], ["agent", "Will do."], ["customer", "My dog Rex travels with me."]], { status: "CLOSED" }));
      server.enqueue(
        { type: "json", value: { observations: [{ content: "Prefers an aisle seat", kind: "PREFERENCE", confidence: 0.9, turns: [1] }, { content: "Travels with a dog named Rex", kind: "FACT", confidence: 0.8, turns: [3] }], traits: [] }, usage: { prompt_tokens: 120, completion_tokens: 30 } },
        { type: "json", value: { summary: "Chat: asked for aisle seats; travels with a dog." }, usage: { prompt_tokens: 80, completion_tokens: 10 } },
      );
      await runExtractionJobs();
      const profileId = body.participants[0].profileId;
      const observations = await observationsOf(profileId);
      expect(observations.map((observation) => [observation.content, observation.communicationIds])).toEqual([
        ["Prefers an aisle seat", [body.communications[0].id]],
        ["Travels with a dog named Rex", [body.communications[2].id]],
      ]);
      const prisma = await getPrisma();
      const run = await prisma.extractionRun.findFirstOrThrow({ where: { storeId, conversationId: body.id } });
      expect(run.extractor).toBe("llm:test-model");
      expect(run.usage).toMatchObject({ requests: 2, promptTokens: 200, completionTokens: 40 });
      const tokens = await prisma.storeCounter.findUnique({ where: { storeId_name: { storeId, name: "llm.promptTokens" } } });
      expect(Number(tokens?.value)).toBeGreaterThanOrEqual(200);
      // The store's usage page (and its API) shows it; agents may not read it.
      const usage = await callApi("GET", `/v1/Stores/${storeId}/Usage`, { auth: await createTestKey("SUPERVISOR", storeId) });
      expect(usage.status).toBe(200);
      expect(usage.body.llm.promptTokens).toBeGreaterThanOrEqual(200);
      expect(usage.body.providers).toEqual({ extractor: "llm:test-model", embeddings: expect.any(String) });
      expect(usage.body.recentRuns[0]).toMatchObject({ conversationId: body.id, extractor: "llm:test-model", added: 2, usage: { promptTokens: 200 } });
      expect(usage.body.excludedByCategory.HEALTH).toBeGreaterThanOrEqual(1);
      expect((await callApi("GET", `/v1/Stores/${storeId}/Usage`, { auth })).status).toBe(403);

      // A second conversation: the model decides against the profile's observations, by index.
      const second = await ingest(conversation(address, [["customer", "Actually a window seat from now on."]], { status: "CLOSED" }));
      server.enqueue(
        { type: "json", value: { observations: [{ content: "Now prefers a window seat", kind: "PREFERENCE", confidence: 0.9, turns: [1] }], traits: [] } },
        { type: "json", value: { summary: "Chat: switched to window seats." } },
        { type: "json", value: { action: "update", index: observations.findIndex((observation) => /aisle/.test(observation.content)), content: "Now prefers a window seat", kind: "contradiction", reason: "seat changed" } },
      );
      await runExtractionJobs();
      const prompt: string = server.requests[server.requests.length - 1].body.messages.map((message: { content: string }) => message.content).join("\n");
      expect(prompt).not.toMatch(/mem_observation_/);
      const aisle = observations.find((observation) => /aisle/.test(observation.content))!;
      const updated = await prisma.observation.findUniqueOrThrow({ where: { storeId_id: { storeId, id: aisle.id } } });
      expect(updated).toMatchObject({ content: "Now prefers a window seat", version: 2 });
      expect(updated.conversationIds).toEqual([body.id, second.id]);
    });

    it("a malformed answer fails the job visibly and stores nothing", async () => {
      useModel();
      const address = `llm-bad-${newId("profile").slice(-6)}`;
      const body = await ingest(conversation(address, [["customer", "I prefer morning deliveries."]], { status: "CLOSED" }));
      // Every attempt of both job attempts answers something that is not the schema.
      for (let index = 0; index < 20; index++) server.enqueue({ type: "content", content: "{\"observations\": [{\"content\": " });
      const prisma = await getPrisma();
      await prisma.job.updateMany({ where: { storeId, type: EXTRACTION_JOB_TYPE, payload: { equals: { conversationId: body.id } } }, data: { maxAttempts: 2 } });
      for (let attempt = 0; attempt < 2; attempt++) {
        await runExtractionJobs();
        await prisma.job.updateMany({ where: { storeId, status: "QUEUED", type: EXTRACTION_JOB_TYPE }, data: { runAt: new Date(Date.now() - 1000) } });
      }
      await runExtractionJobs();
      const job = await prisma.job.findFirstOrThrow({ where: { storeId, type: EXTRACTION_JOB_TYPE, payload: { equals: { conversationId: body.id } } } });
      expect(job.status).toBe("FAILED");
      expect(job.lastError).toMatch(/malformed|JSON|schema/i);
      const profileId = body.participants[0].profileId;
      expect(await observationsOf(profileId)).toHaveLength(0);
      expect(await prisma.summary.count({ where: { storeId, profileId } })).toBe(0);
      expect(await prisma.extractionRun.count({ where: { storeId, conversationId: body.id } })).toBe(0);
    });
  });
});
