// Seed and test data builders (STYLE.md: tests build their data with the same builders as the seed).
export { buildStore, type BuildStoreOverrides } from "./build-store";
export { buildProfile } from "./build-profile";
export { buildProfiles, type BuildProfileOptions, type BuildIdentifierInput, type BuiltProfile } from "./build-profiles";
export { buildConversation } from "./build-conversation";
export {
  buildConversations,
  type BuildConversationOptions,
  type BuildParticipantInput,
  type BuildCommunicationInput,
  type BuildAddress,
  type BuiltConversation,
} from "./build-conversations";
export { createSeededRandom, type SeededRandom } from "./create-seeded-random";
export { normalizeBuilderIdentifier } from "./normalize-builder-identifier";
