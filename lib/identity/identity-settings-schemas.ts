import { z } from "zod";
import { normalizeIdentifier } from "./normalize-identifier";

export const MAX_IDENTIFIER_TYPES = 15;

export const idTypeSchema = z.string().regex(/^[a-zA-Z0-9_-]{2,30}$/, "2–30 letters, digits, hyphens or underscores");

/** One identifier type's config, in the API's (Twilio's, lower-case) vocabulary plus Kith's additions. */
export const identifierConfigSchema = z.strictObject({
  idType: idTypeSchema,
  /** Twilio's field; Kith matches exactly (fuzzy matching is never applied automatically). */
  matchingAlgo: z.literal("exact", { error: 'only "exact" matching is supported' }).default("exact"),
  normalization: z.enum(["email", "phone", "trim", "none"]).default("trim"),
  limit: z.number().int().min(1).max(100).default(100),
  /** Kith adds `block`: never exceed the limit (merge protection). */
  limitPolicy: z.enum(["fifo", "lifo", "block"]).default("fifo"),
  enforceUnique: z.boolean().default(true),
  /** Values never used for matching (e.g. a shop's own number). Kith's addition. */
  blockedValues: z.array(z.string().trim().min(1).max(255)).max(1000).default([]),
});

export const identityResolutionSettingsSchema = z
  .strictObject({
    identifierConfigs: z.array(identifierConfigSchema).min(1).max(MAX_IDENTIFIER_TYPES),
    /** Identifier types in priority order, highest first. */
    matchingRules: z.array(idTypeSchema).min(1).max(MAX_IDENTIFIER_TYPES),
    /** `auto` merges at once (Twilio's behaviour); `review` files PENDING merges for an admin. */
    mergeMode: z.enum(["auto", "review"]).default("auto"),
  })
  .superRefine((settings, context) => {
    const types = settings.identifierConfigs.map((config) => config.idType);
    types.forEach((type, index) => {
      if (types.indexOf(type) !== index) context.addIssue({ code: "custom", path: ["identifierConfigs", index, "idType"], message: `duplicate idType "${type}"` });
    });
    // Blocked values are compared with normalised identifiers, so they are stored normalised too.
    settings.identifierConfigs.forEach((config, configIndex) => {
      config.blockedValues.forEach((value, valueIndex) => {
        const normalized = normalizeIdentifier(value, config.normalization);
        if (!normalized.ok) context.addIssue({ code: "custom", path: ["identifierConfigs", configIndex, "blockedValues", valueIndex], message: normalized.reason });
      });
    });
    settings.matchingRules.forEach((rule, index) => {
      if (!types.includes(rule)) context.addIssue({ code: "custom", path: ["matchingRules", index], message: `"${rule}" has no identifier config` });
      if (settings.matchingRules.indexOf(rule) !== index) context.addIssue({ code: "custom", path: ["matchingRules", index], message: `duplicate rule "${rule}"` });
    });
  })
  .transform((settings) => ({
    ...settings,
    identifierConfigs: settings.identifierConfigs.map((config) => ({
      ...config,
      blockedValues: [...new Set(config.blockedValues.map((value) => {
        const normalized = normalizeIdentifier(value, config.normalization);
        return normalized.ok ? normalized.value : value;
      }))],
    })),
  }));

export type IdentifierConfigInput = z.infer<typeof identifierConfigSchema>;
export type IdentityResolutionSettingsInput = z.infer<typeof identityResolutionSettingsSchema>;
