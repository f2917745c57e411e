/** How much newer memories are preferred: half the weight every `halfLifeDays`. Pure. */
export const DEFAULT_RECENCY_HALF_LIFE_DAYS = 90;

const dayMs = 86_400_000;

/**
 * 1 for an item as new as the reference time, ½ one half-life older, → 0 for very old ones; items
 * newer than the reference (clock skew, future-dated) count as 1.
 */
export function recencyPrior(occurredAt: Date, reference: Date, halfLifeDays = DEFAULT_RECENCY_HALF_LIFE_DAYS): number {
  const ageDays = Math.max(0, reference.getTime() - occurredAt.getTime()) / dayMs;
  return Math.pow(0.5, ageDays / halfLifeDays);
}
