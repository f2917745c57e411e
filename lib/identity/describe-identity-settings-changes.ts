import type { ResolutionIdentifierConfig } from "./resolution-types";

/** The parts of the settings an admin edits (the settings view and validated input both fit). */
export type ComparableIdentitySettings = {
  identifierConfigs: ResolutionIdentifierConfig[];
  matchingRules: string[];
  mergeMode: "auto" | "review";
};

/**
 * What saving `after` over `before` would change, one plain sentence each (for the confirmation
 * before a save). Empty when nothing changes. Pure: configs are compared by idType, values as given
 * (pass validated settings so blocked values are compared in normalised form).
 */
export function describeIdentitySettingsChanges(before: ComparableIdentitySettings, after: ComparableIdentitySettings): string[] {
  const changes: string[] = [];
  const beforeByType = new Map(before.identifierConfigs.map((config) => [config.idType, config]));
  const afterByType = new Map(after.identifierConfigs.map((config) => [config.idType, config]));

  for (const config of after.identifierConfigs) {
    const old = beforeByType.get(config.idType);
    if (!old) {
      changes.push(`Adds identifier type ${config.idType} (${config.normalization}, limit ${config.limit}, ${config.limitPolicy}, ${config.enforceUnique ? "unique" : "not unique"})`);
      continue;
    }
    if (old.normalization !== config.normalization) changes.push(`${config.idType}: normalisation ${old.normalization} → ${config.normalization}`);
    if (old.limit !== config.limit) changes.push(`${config.idType}: limit ${old.limit} → ${config.limit}`);
    if (old.limitPolicy !== config.limitPolicy) changes.push(`${config.idType}: limit policy ${old.limitPolicy} → ${config.limitPolicy}`);
    if (old.enforceUnique !== config.enforceUnique) changes.push(`${config.idType}: ${config.enforceUnique ? "values become unique (one profile each)" : "values may belong to several profiles (no longer unique)"}`);
    const added = config.blockedValues.filter((value) => !old.blockedValues.includes(value));
    const removed = old.blockedValues.filter((value) => !config.blockedValues.includes(value));
    if (added.length > 0) changes.push(`${config.idType}: blocks ${listValues(added)}`);
    if (removed.length > 0) changes.push(`${config.idType}: unblocks ${listValues(removed)}`);
  }
  for (const config of before.identifierConfigs) {
    if (!afterByType.has(config.idType)) changes.push(`Removes identifier type ${config.idType}`);
  }
  if (before.matchingRules.join("\u0000") !== after.matchingRules.join("\u0000")) {
    changes.push(`Matching rules: ${before.matchingRules.join(" > ")} → ${after.matchingRules.join(" > ")}`);
  }
  if (before.mergeMode !== after.mergeMode) changes.push(`Merge mode: ${before.mergeMode} → ${after.mergeMode}`);
  return changes;
}

const SHOWN_VALUES = 5;

function listValues(values: string[]): string {
  const shown = values.slice(0, SHOWN_VALUES).join(", ");
  return values.length > SHOWN_VALUES ? `${shown} and ${values.length - SHOWN_VALUES} more` : shown;
}
