import type { ZodError } from "zod";
import type { IdentityResolutionSettingsInput } from "@/lib/identity/identity-settings-schemas";

// The editor's working copy of the rules, as the form holds it (text fields stay text until
// submitted), and the conversions to and from the settings the server validates.

export const normalizations = ["email", "phone", "trim", "none"] as const;
export const limitPolicies = ["fifo", "lifo", "block"] as const;

export type ConfigDraft = {
  /** Stable across renames and reorders (React key, field ids). */
  key: string;
  idType: string;
  /** Types already saved keep their name; renaming one would orphan its identifiers. */
  isNew: boolean;
  normalization: (typeof normalizations)[number];
  /** As typed: validated on submit. */
  limit: string;
  limitPolicy: (typeof limitPolicies)[number];
  enforceUnique: boolean;
  /** One value per line. */
  blockedValues: string;
};

export type RulesDraft = {
  configs: ConfigDraft[];
  /** Identifier types used for matching, highest priority first. */
  matchingRules: string[];
  mergeMode: "auto" | "review";
};

export type EditableSettings = Pick<IdentityResolutionSettingsInput, "identifierConfigs" | "matchingRules" | "mergeMode">;

export function draftFromSettings(settings: EditableSettings): RulesDraft {
  return {
    configs: settings.identifierConfigs.map((config) => ({
      key: `saved-${config.idType}`,
      idType: config.idType,
      isNew: false,
      normalization: config.normalization,
      limit: String(config.limit),
      limitPolicy: config.limitPolicy,
      enforceUnique: config.enforceUnique,
      blockedValues: config.blockedValues.join("\n"),
    })),
    matchingRules: [...settings.matchingRules],
    mergeMode: settings.mergeMode,
  };
}

/** A whole number as typed, else NaN (which the schema refuses with a field error). */
function parseLimit(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** The draft as the settings body the server validates (identityResolutionSettingsSchema). */
export function draftToSettingsBody(draft: RulesDraft) {
  return {
    identifierConfigs: draft.configs.map((config) => ({
      idType: config.idType.trim(),
      normalization: config.normalization,
      limit: parseLimit(config.limit),
      limitPolicy: config.limitPolicy,
      enforceUnique: config.enforceUnique,
      blockedValues: config.blockedValues
        .split("\n")
        .map((value) => value.trim())
        .filter((value) => value !== ""),
    })),
    matchingRules: [...draft.matchingRules],
    mergeMode: draft.mergeMode,
  };
}

/** Field errors by dotted path (`identifierConfigs.2.limit`), the first message per field. */
export function fieldErrorsOf(error: ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join(".") || "form";
    errors[path] ??= issue.code === "invalid_type" && path.endsWith(".limit") ? "Enter a whole number from 1 to 100" : issue.message;
  }
  return errors;
}

/** The first error of a field or of anything under it (`identifierConfigs.1.blockedValues.3`). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const nested = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
  return nested ? errors[nested] : undefined;
}

/** The list with one item moved from `from` to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const target = Math.max(0, Math.min(items.length - 1, to));
  if (from < 0 || from >= items.length || from === target) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(target, 0, moved);
  return next;
}
