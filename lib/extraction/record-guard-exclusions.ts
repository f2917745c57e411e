import type { DbClient } from "../db/transaction";
import type { Actor } from "../auth/actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { incrementStoreCounters } from "../usage/increment-store-counters";
import type { SensitiveCategory } from "./extraction-types";

export type GuardExclusion = {
  /** What the guard screened: an observation or a summary. */
  resourceType: "observation" | "summary";
  outcome: "redact" | "drop";
  categories: SensitiveCategory[];
};

export type RecordGuardExclusionsOptions = {
  storeId: string;
  profileId: string;
  exclusions: GuardExclusion[];
  /** Where the text came from (`extraction`, `api`) and, for extraction, which conversation. */
  origin: { source: string; conversationId?: string };
  actor: Actor;
  requestId?: string;
};

/**
 * Makes what the guard dropped or redacted visible without keeping it: one `…excluded` audit
 * event per screened text, naming the categories and never the text, and per-category counters
 * (`guard.excluded.<CATEGORY>`) on the store.
 */
export async function recordGuardExclusions(db: DbClient, { storeId, profileId, exclusions, origin, actor, requestId }: RecordGuardExclusionsOptions): Promise<void> {
  if (exclusions.length === 0) return;
  const counts: Record<string, number> = {};
  for (const exclusion of exclusions) {
    for (const category of exclusion.categories) counts[`guard.excluded.${category}`] = (counts[`guard.excluded.${category}`] ?? 0) + 1;
    await recordAuditEvent(db, {
      storeId,
      actor,
      action: `${exclusion.resourceType}.excluded`,
      resourceType: "profile",
      resourceId: profileId,
      after: { outcome: exclusion.outcome === "drop" ? "dropped" : "redacted", categories: exclusion.categories, ...origin },
      requestId,
    });
  }
  await incrementStoreCounters(db, storeId, counts);
}
