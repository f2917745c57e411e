import { defaultIdentitySettings } from "@/lib/identity/default-identity-settings";
import type { MatchedProfile, ResolutionIdentifierConfig, ResolutionSettings } from "@/lib/identity/resolution-types";

/** Midnight UTC on day `n` of 2024: readable, ordered creation and arrival times for tests. */
export function day(n: number): Date {
  return new Date(Date.UTC(2024, 0, 1 + n));
}

export type BuildResolutionSettingsOptions = {
  /** Per type: changes to SPEC §4's default config, or a whole new type (trim, limit 100, fifo). */
  configs?: Record<string, Partial<Omit<ResolutionIdentifierConfig, "idType">>>;
  matchingRules?: string[];
  mergeMode?: ResolutionSettings["mergeMode"];
};

/** SPEC §4's default settings, with the changes a test needs. */
export function buildResolutionSettings({ configs = {}, matchingRules, mergeMode = "auto" }: BuildResolutionSettingsOptions = {}): ResolutionSettings {
  const identifierConfigs: ResolutionIdentifierConfig[] = defaultIdentitySettings.identifierConfigs.map((config) => ({ ...config, ...configs[config.idType] }));
  for (const [idType, config] of Object.entries(configs)) {
    if (identifierConfigs.some((existing) => existing.idType === idType)) continue;
    identifierConfigs.push({ idType, normalization: "trim", limit: 100, limitPolicy: "fifo", enforceUnique: true, blockedValues: [], ...config });
  }
  return { identifierConfigs, matchingRules: matchingRules ?? defaultIdentitySettings.matchingRules, mergeMode };
}

/** `[idType, normalised value, addedAt?]`; without a time, identifiers arrive a minute apart after creation. */
export type BuildIdentifier = [idType: string, value: string, addedAt?: Date];

/** An existing profile as the caller would load it for resolveIdentity. */
export function buildMatchedProfile(profileId: string, createdAt: Date, identifiers: BuildIdentifier[] = []): MatchedProfile {
  return {
    profileId,
    createdAt,
    identifiers: identifiers.map(([idType, value, addedAt], index) => ({ idType, value, addedAt: addedAt ?? new Date(createdAt.getTime() + (index + 1) * 60_000) })),
  };
}
