import { getPrisma } from "../db/client";
import type { Tx } from "../db/transaction";
import { systemActor, type Actor } from "../auth/actor";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import { incrementStoreCounters } from "../usage/increment-store-counters";
import { addLlmUsage } from "../llm/llm-usage";
import { storeObservationCandidates, type DecideFn, type ObservationToStore } from "../observations/store-observation-candidates";
import { buildExtractionInputs, type CustomerExtractionInput } from "./build-extraction-inputs";
import type { ExistingObservation, Extractor, ExtractionResult, ExtractionUsage, ReconciliationDecision } from "./extraction-types";
import { recordGuardExclusions, type GuardExclusion } from "./record-guard-exclusions";
import { screenMemoryTexts } from "./screen-memory-texts";
import { enqueueEmbeddingJob } from "../embeddings/enqueue-embedding-job";

export const EXTRACTION_SOURCE = "extraction";

/**
 * How candidates are reconciled. The built-in rules decide inside the write transaction; a
 * model-backed reconciler decides beforehand on a snapshot (no LLM call inside a transaction),
 * and the write checks that the profile's observations have not changed since (else it retries).
 */
export type Reconciler =
  | { kind: "rules" }
  | {
      kind: "precomputed";
      decide(candidate: ObservationToStore, existing: ExistingObservation[]): Promise<{ decision: ReconciliationDecision; usage: ExtractionUsage | null }>;
    };

export type ExtractConversationOptions = {
  storeId: string;
  conversationId: string;
  extractor: Extractor;
  reconciler?: Reconciler;
  actor?: Actor;
  /** Called after each customer profile, for job progress. */
  onProgress?: (done: number, total: number) => Promise<void>;
};

export type ProfileExtractionOutcome = {
  profileId: string;
  /** False when this conversation, up to the same last message, was already extracted for this profile. */
  ran: boolean;
  runId: string | null;
  added: number;
  updated: number;
  discarded: number;
  excluded: number;
  summaryId: string | null;
  traitCandidates: number;
};

export type ExtractConversationResult = { conversationId: string; profiles: ProfileExtractionOutcome[] };

/** Thrown when the profile's observations changed between a precomputed reconciliation and its write: retry. */
export class ReconciliationRaceError extends Error {
  constructor(profileId: string) {
    super(`The observations of ${profileId} changed while they were being reconciled; retrying`);
    this.name = "ReconciliationRaceError";
  }
}

const fingerprint = (rows: { id: string; version: number }[]) => rows.map((row) => `${row.id}:${row.version}`).sort().join(",");

/**
 * Extracts a closed conversation's memories for each of its CUSTOMER profiles (SPEC §5):
 * observations (guarded, then reconciled with what the profile already has), one summary per
 * conversation per customer, and trait candidates. Idempotent: a profile's run is keyed by
 * (conversation, profile, last communication) and recorded in the same transaction as what it
 * stored, so running it again — a retried job, a duplicate delivery — stores nothing twice.
 * The extractor runs outside any transaction; each profile's results are written in one.
 */
export async function extractConversation({ storeId, conversationId, extractor, reconciler = { kind: "rules" }, actor = systemActor, onProgress }: ExtractConversationOptions): Promise<ExtractConversationResult> {
  const prisma = await getPrisma();
  const conversation = await prisma.conversation.findUnique({ where: { storeId_id: { storeId, id: conversationId } } });
  if (!conversation) return { conversationId, profiles: [] };
  const [participants, communications, store] = await Promise.all([
    prisma.participant.findMany({ where: { storeId, conversationId }, orderBy: { id: "asc" } }),
    prisma.communication.findMany({ where: { storeId, conversationId }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] }),
    prisma.store.findUniqueOrThrow({ where: { id: storeId }, select: { autoApproveObservations: true } }),
  ]);
  const inputs = buildExtractionInputs(conversation, participants, communications);
  const outcomes: ProfileExtractionOutcome[] = [];
  for (const [index, customer] of inputs.entries()) {
    outcomes.push(await extractForProfile({ storeId, customer, extractor, reconciler, actor, status: store.autoApproveObservations ? "APPROVED" : "PENDING" }));
    await onProgress?.(index + 1, inputs.length);
  }
  return { conversationId, profiles: outcomes };
}

type ExtractForProfileOptions = { storeId: string; customer: CustomerExtractionInput; extractor: Extractor; reconciler: Reconciler; actor: Actor; status: "PENDING" | "APPROVED" };

async function extractForProfile({ storeId, customer, extractor, reconciler, actor, status }: ExtractForProfileOptions): Promise<ProfileExtractionOutcome> {
  const prisma = await getPrisma();
  const { profileId, input, throughCommunicationId } = customer;
  const skipped: ProfileExtractionOutcome = { profileId, ran: false, runId: null, added: 0, updated: 0, discarded: 0, excluded: 0, summaryId: null, traitCandidates: 0 };
  const runKey = { storeId, conversationId: input.conversationId, profileId, throughCommunicationId };
  if (await prisma.extractionRun.findUnique({ where: { storeId_conversationId_profileId_throughCommunicationId: runKey }, select: { id: true } })) return skipped;

  const started = Date.now();
  const result: ExtractionResult = await extractor.extract(input);
  const screenedObservations = screenMemoryTexts(result.observations, "observation");
  const screenedSummary = screenMemoryTexts(result.summary ? [result.summary] : [], "summary");
  const exclusions: GuardExclusion[] = [...screenedObservations.exclusions, ...screenedSummary.exclusions];
  const candidates: ObservationToStore[] = screenedObservations.kept.map(({ item }) => ({
    content: item.content,
    kind: item.kind,
    confidence: item.confidence,
    occurredAt: item.occurredAt,
    source: EXTRACTION_SOURCE,
    conversationIds: [input.conversationId],
    communicationIds: item.communicationIds,
    status,
  }));

  let usage = result.usage;
  let decide: DecideFn | undefined;
  let expectedFingerprint: string | null = null;
  if (reconciler.kind === "precomputed" && candidates.length > 0) {
    const rows = await prisma.observation.findMany({ where: { storeId, profileId } });
    expectedFingerprint = fingerprint(rows);
    const existing = rows.map((row): ExistingObservation => ({ id: row.id, content: row.content, kind: row.kind as ExistingObservation["kind"], status: row.status, occurredAt: row.occurredAt }));
    const decisions: ReconciliationDecision[] = [];
    for (const candidate of candidates) {
      const decided = await reconciler.decide(candidate, existing);
      decisions.push(decided.decision);
      // null = no model involved (the built-in extractor), which the run records as no usage.
      if (decided.usage) usage = addLlmUsage(...(usage ? [usage] : []), decided.usage);
    }
    let next = 0;
    decide = () => decisions[next++];
  }

  const summary = screenedSummary.kept[0]?.item ?? null;
  return prisma.$transaction(
    async (tx: Tx): Promise<ProfileExtractionOutcome> => {
      const runId = newId("extractionRun");
      // The run's key is claimed first: a concurrent duplicate waits here, then finds it taken.
      const claimed = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO "extraction_runs" ("storeId", "id", "conversationId", "profileId", "throughCommunicationId", "extractor", "createdAt")
        VALUES (${storeId}, ${runId}, ${input.conversationId}, ${profileId}, ${throughCommunicationId}, ${extractor.name}, now() AT TIME ZONE 'UTC')
        ON CONFLICT ("storeId", "conversationId", "profileId", "throughCommunicationId") DO NOTHING
        RETURNING "id"`;
      if (claimed.length === 0) return skipped;
      const profile = await tx.profile.findUnique({ where: { storeId_id: { storeId, id: profileId } }, select: { id: true } });
      // Erased (or merged away) since the conversation closed: nothing to attach memories to.
      if (!profile) return { ...skipped, ran: true, runId };

      if (expectedFingerprint !== null) {
        await tx.$queryRaw`SELECT "id" FROM "profiles" WHERE "storeId" = ${storeId} AND "id" = ${profileId} FOR UPDATE`;
        const now = await tx.observation.findMany({ where: { storeId, profileId }, select: { id: true, version: true } });
        if (fingerprint(now) !== expectedFingerprint) throw new ReconciliationRaceError(profileId);
      }
      const stored = await storeObservationCandidates(tx, { storeId, profileId, candidates, actor, decide });
      await recordGuardExclusions(tx, { storeId, profileId, exclusions, origin: { source: EXTRACTION_SOURCE, conversationId: input.conversationId }, actor });

      let summaryId: string | null = null;
      if (summary) {
        // One extracted summary per conversation per customer: a later run replaces its text.
        const existing = await tx.summary.findFirst({ where: { storeId, profileId, conversationId: input.conversationId, source: EXTRACTION_SOURCE }, select: { id: true } });
        const occurredAt = input.turns[input.turns.length - 1].occurredAt;
        summaryId = existing?.id ?? newId("summary");
        if (existing) await tx.summary.update({ where: { storeId_id: { storeId, id: existing.id } }, data: { content: summary.content, occurredAt } });
        else await tx.summary.create({ data: { storeId, id: summaryId, profileId, conversationId: input.conversationId, content: summary.content, source: EXTRACTION_SOURCE, occurredAt } });
        await enqueueEmbeddingJob(tx, storeId);
      }

      let traitCandidates = 0;
      for (const candidate of result.traitCandidates) {
        const inserted = await tx.$executeRaw`
          INSERT INTO "trait_candidates" ("storeId", "id", "profileId", "conversationId", "groupName", "traitName", "value", "confidence", "communicationIds", "status", "createdAt")
          VALUES (${storeId}, ${newId("traitCandidate")}, ${profileId}, ${input.conversationId}, ${candidate.groupName}, ${candidate.traitName}, ${candidate.value}, ${candidate.confidence}, ${candidate.communicationIds}::text[], 'PENDING', now() AT TIME ZONE 'UTC')
          ON CONFLICT ("storeId", "profileId", "conversationId", "groupName", "traitName", "value") DO NOTHING`;
        traitCandidates += inserted;
      }

      const added = stored.filter((outcome) => outcome.decision.action === "add").length;
      const updated = stored.filter((outcome) => outcome.decision.action === "update").length;
      const discarded = stored.length - added - updated;
      await tx.extractionRun.update({
        where: { storeId_id: { storeId, id: runId } },
        data: {
          observationsAdded: added,
          observationsUpdated: updated,
          observationsDiscarded: discarded,
          excluded: exclusions.map((exclusion) => ({ resourceType: exclusion.resourceType, outcome: exclusion.outcome, categories: exclusion.categories })),
          summaryId,
          traitCandidates,
          usage: usage ?? undefined,
          durationMs: Date.now() - started,
        },
      });
      if (usage) {
        await incrementStoreCounters(tx, storeId, {
          "llm.requests": usage.requests,
          "llm.promptTokens": usage.promptTokens,
          "llm.completionTokens": usage.completionTokens,
          "llm.promptCharacters": usage.promptCharacters,
          "llm.completionCharacters": usage.completionCharacters,
        });
      }
      await recordAuditEvent(tx, {
        storeId, actor, action: "extraction.run", resourceType: "conversation", resourceId: input.conversationId,
        after: { runId, profileId, extractor: extractor.name, added, updated, discarded, excluded: exclusions.length, summaryId, traitCandidates },
      });
      return { profileId, ran: true, runId, added, updated, discarded, excluded: exclusions.length, summaryId, traitCandidates };
    },
    { timeout: 30_000 },
  );
}
