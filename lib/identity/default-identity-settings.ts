import type { IdentityResolutionSettingsInput } from "./identity-settings-schemas";

/** SPEC §4 defaults: user_id (limit 1, block) > email > whatsapp > phone > chat (limit 100, fifo). */
export const defaultIdentitySettings: IdentityResolutionSettingsInput = {
  identifierConfigs: [
    { idType: "user_id", matchingAlgo: "exact", normalization: "trim", limit: 1, limitPolicy: "block", enforceUnique: true, blockedValues: [] },
    { idType: "email", matchingAlgo: "exact", normalization: "email", limit: 100, limitPolicy: "fifo", enforceUnique: true, blockedValues: [] },
    { idType: "whatsapp", matchingAlgo: "exact", normalization: "phone", limit: 100, limitPolicy: "fifo", enforceUnique: true, blockedValues: [] },
    { idType: "phone", matchingAlgo: "exact", normalization: "phone", limit: 100, limitPolicy: "fifo", enforceUnique: true, blockedValues: [] },
    { idType: "chat", matchingAlgo: "exact", normalization: "trim", limit: 100, limitPolicy: "fifo", enforceUnique: true, blockedValues: [] },
  ],
  matchingRules: ["user_id", "email", "whatsapp", "phone", "chat"],
  mergeMode: "auto",
};
