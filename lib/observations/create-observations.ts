import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import { recordGuardExclusions } from "../extraction/record-guard-exclusions";
import { screenMemoryTexts } from "../extraction/screen-memory-texts";
import type { SensitiveCategory } from "../extraction/extraction-types";
import { checkProvenanceIds } from "./check-provenance-ids";
import type { ObservationCreateItem } from "./observation-schemas";
import { storeObservationCandidates } from "./store-observation-candidates";
import { toObservationView, type ObservationView } from "./observation-view";

export type CreateObservationsOptions = { storeId: string; profileId: string; observations: ObservationCreateItem[]; actor: Actor; requestId?: string };

/** What became of each observation sent, in request order. */
export type ObservationCreateResult =
  | { index: number; outcome: "added" | "updated" | "duplicate"; observation: ObservationView; reason: string }
  | { index: number; outcome: "excluded"; categories: SensitiveCategory[] };

/**
 * POST …/Observations (≤ 10): each is screened by the guard (special-category or payment data is
 * dropped, or redacted where the rest is worth keeping), then reconciled against the profile's
 * observations like extraction output — added, merged into one it contradicts or enriches, or
 * recognised as a duplicate. All in one transaction: the whole call is stored or nothing is.
 */
export async function createObservations({ storeId, profileId, observations, actor, requestId }: CreateObservationsOptions): Promise<ObservationCreateResult[]> {
  requireRole(actor, "AGENT");
  const prisma = await getPrisma();
  const screened = screenMemoryTexts(observations, "observation");
  return prisma.$transaction(async (tx) => {
    const profile = await findProfileOrThrow(tx, { storeId, profileId });
    await checkProvenanceIds(tx, storeId, observations, "observations");
    await recordGuardExclusions(tx, { storeId, profileId: profile.id, exclusions: screened.exclusions, origin: { source: "api" }, actor, requestId });
    const stored = await storeObservationCandidates(tx, {
      storeId,
      profileId: profile.id,
      actor,
      requestId,
      candidates: screened.kept.map(({ item }) => ({
        content: item.content,
        kind: item.kind ?? "OTHER",
        confidence: item.confidence ?? null,
        occurredAt: new Date(item.occurredAt),
        source: item.source,
        conversationIds: item.conversationIds ?? [],
        communicationIds: item.communicationIds ?? [],
        status: item.status ?? "APPROVED",
      })),
    });
    const results: ObservationCreateResult[] = screened.dropped.map(({ index, categories }) => ({ index, outcome: "excluded", categories }));
    screened.kept.forEach(({ index }, position) => {
      const { decision, observation } = stored[position];
      const outcome = decision.action === "add" ? "added" : decision.action === "update" ? "updated" : "duplicate";
      results.push({ index, outcome, observation: toObservationView(observation!), reason: decision.reason });
    });
    return results.sort((a, b) => a.index - b.index);
  });
}
