import type { GuardExclusion } from "./record-guard-exclusions";
import { screenSensitiveContent } from "./screen-sensitive-content";

export type ScreenedItem<T> = { index: number; item: T };

export type ScreenMemoryTextsResult<T> = {
  /** What may be stored: unchanged, or with the sensitive part redacted. */
  kept: ScreenedItem<T>[];
  /** Indexes of what was dropped outright. */
  dropped: { index: number; categories: GuardExclusion["categories"] }[];
  /** One entry per dropped or redacted text (categories only). */
  exclusions: GuardExclusion[];
};

/**
 * Runs the guard over observation or summary texts before anything is stored (SPEC §5), for
 * every extractor and for what the API is given alike.
 */
export function screenMemoryTexts<T extends { content: string }>(items: readonly T[], resourceType: GuardExclusion["resourceType"]): ScreenMemoryTextsResult<T> {
  const result: ScreenMemoryTextsResult<T> = { kept: [], dropped: [], exclusions: [] };
  items.forEach((item, index) => {
    const verdict = screenSensitiveContent(item.content);
    if (verdict.outcome === "keep") {
      result.kept.push({ index, item });
      return;
    }
    result.exclusions.push({ resourceType, outcome: verdict.outcome, categories: verdict.categories });
    if (verdict.outcome === "redact") result.kept.push({ index, item: { ...item, content: verdict.text } });
    else result.dropped.push({ index, categories: verdict.categories });
  });
  return result;
}
