import { z } from "zod";
import { conversationTimeoutsSchema } from "../stores/store-schemas";
import { identifierConfigSchema } from "../identity/identity-settings-schemas";
import { traitDefinitionSchema } from "../traits/trait-schemas";

// Response shapes, for the OpenAPI document only (responses are built by the domain views).
const timestamp = z.string().datetime();

export const errorSchema = z.object({
  code: z.number().int(),
  message: z.string(),
  more_info: z.string().url(),
  status: z.number().int(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const metaSchema = z.object({
  key: z.string(),
  pageSize: z.number().int(),
  nextToken: z.string().optional(),
  previousToken: z.string().optional(),
});

export const acceptedSchema = z.object({ message: z.string(), statusUrl: z.string().url() });

export const storeSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  status: z.enum(["ACTIVE"]),
  intelligenceServiceId: z.null(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
  autoApproveObservations: z.boolean(),
  allowExtractedTraits: z.boolean(),
  screenCommunications: z.boolean(),
  conversationTimeouts: conversationTimeoutsSchema,
  twilioAuthTokenConfigured: z.boolean(),
});

export const identitySettingsSchema = z.object({
  identifierConfigs: z.array(identifierConfigSchema),
  matchingRules: z.array(z.string()),
  mergeMode: z.enum(["auto", "review"]),
  version: z.number().int(),
  updatedAt: timestamp,
});

export const traitGroupSchema = z.object({
  displayName: z.string(),
  description: z.string().nullable(),
  traits: z.record(z.string(), traitDefinitionSchema).optional(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const operationSchema = z.object({
  operationId: z.string(),
  status: z.enum(["COMPLETED"]),
  createdAt: timestamp,
  completedAt: timestamp,
  statusUrl: z.string().url(),
  result: z.object({ type: z.literal("RESOURCE_ID"), id: z.string().nullable() }),
  action: z.string(),
});

export const auditEventSchema = z.object({
  id: z.string(),
  storeId: z.string().nullable(),
  actorType: z.enum(["USER", "API_KEY", "SYSTEM"]),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  createdAt: timestamp,
});

export const healthSchema = z.object({
  status: z.enum(["ok", "starting", "unavailable"]),
  database: z.object({ kind: z.enum(["embedded", "postgres"]), latencyMs: z.number() }).optional(),
  reason: z.string().optional(),
});

// ---------------------------------------------------------------- profiles (read side, erase, export)

const traitValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);

/** Twilio's Profile (`id`, `createdAt`, `traits`) plus Kith's `updatedAt`, `displayName`, `lastContactAt`. */
export const profileSchema = z.object({
  id: z.string(),
  createdAt: timestamp,
  traits: z.record(z.string(), z.record(z.string(), traitValueSchema)),
  updatedAt: timestamp,
  displayName: z.string().nullable(),
  lastContactAt: timestamp.nullable(),
});

/** Twilio's FullTrait. */
export const flatTraitSchema = z.object({ name: z.string(), value: traitValueSchema, traitGroup: z.string(), timestamp });

/** Twilio's IdentifierSet: normalised values, oldest first. */
export const identifierSetSchema = z.object({ idType: z.string(), values: z.array(z.string()) });

export const profileLookupResultSchema = z.object({ normalizedValue: z.string(), profiles: z.array(z.string()).max(100) });

/** 301/308 for a merged-away profile id (with `Location` and `Canonical-Profile-Id`). */
export const profileMovedSchema = z.object({ message: z.string(), uri: z.string().url() });

export const messageSchema = z.object({ message: z.string() });

/** GET …/Profiles/{id}/Export: everything held about one person. */
export const profileExportSchema = z.object({
  exportedAt: timestamp,
  storeId: z.string(),
  profile: profileSchema,
  traits: z.array(z.object({ traitGroup: z.string(), name: z.string(), value: traitValueSchema, source: z.string(), timestamp })),
  identifiers: z.array(z.object({ idType: z.string(), value: z.string(), source: z.string(), createdAt: timestamp })),
  aliases: z.array(z.object({ aliasId: z.string(), mergeId: z.string(), createdAt: timestamp })),
  observations: z.array(z.object({ id: z.string(), content: z.string(), status: z.string(), occurredAt: timestamp, revisions: z.array(z.object({ version: z.number().int(), content: z.string() }).loose()) }).loose()),
  summaries: z.array(z.object({ id: z.string(), conversationId: z.string().nullable(), content: z.string(), occurredAt: timestamp }).loose()),
  traitCandidates: z.array(z.object({ id: z.string(), traitGroup: z.string(), name: z.string(), value: z.string(), status: z.string() }).loose()),
  extractionRuns: z.array(z.object({ id: z.string(), conversationId: z.string(), extractor: z.string() }).loose()),
  conversations: z.array(
    z
      .object({
        id: z.string(),
        channel: z.string(),
        status: z.string(),
        participants: z.array(z.object({ id: z.string(), type: z.string(), name: z.string().nullable(), addresses: z.unknown(), isSubject: z.boolean(), profileId: z.string().optional() })),
        communications: z.array(z.object({ id: z.string(), participantId: z.string().nullable(), content: z.string(), occurredAt: timestamp }).loose()),
      })
      .loose(),
  ),
  merges: z.array(z.object({ id: z.string(), survivorProfileId: z.string(), sourceProfileId: z.string(), status: z.string(), reason: z.unknown() }).loose()),
  resolutionRecords: z.array(z.object({ id: z.string(), outcome: z.string(), profileId: z.string().nullable(), input: z.unknown(), reasons: z.unknown() }).loose()),
  auditEvents: z.array(auditEventSchema.omit({ storeId: true })),
});

export const mergeSchema = z.object({
  id: z.string(),
  survivorProfileId: z.string(),
  sourceProfileId: z.string(),
  status: z.enum(["PENDING", "APPLIED", "REJECTED", "UNDONE"]),
  proposedBy: z.string(),
  reason: z.unknown(),
  decidedByType: z.enum(["USER", "API_KEY", "SYSTEM"]).nullable(),
  decidedById: z.string().nullable(),
  createdAt: z.string().datetime(),
  decidedAt: z.string().datetime().nullable(),
  undoneAt: z.string().datetime().nullable(),
  undoable: z.boolean(),
});

const resolutionOutcome = z.enum(["create", "attach", "merge", "propose"]);

export const profileWriteResultSchema = z.object({
  id: z.string(),
  message: z.string(),
  created: z.boolean(),
  outcome: resolutionOutcome,
  conflicts: z.array(z.string()),
});

export const profilePatchResultSchema = z.object({
  message: z.string(),
  profileId: z.string(),
  outcome: z.union([resolutionOutcome, z.literal("unchanged")]),
  conflicts: z.array(z.string()),
});

export const bulkResultSchema = z.object({
  message: z.string(),
  results: z.array(
    z.union([
      z.object({ index: z.number().int(), status: z.enum(["created", "attached", "merged", "proposed"]), profileId: z.string(), conflicts: z.array(z.string()) }),
      z.object({ index: z.number().int(), status: z.literal("invalid"), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
    ]),
  ),
});

export const identifierWriteResultSchema = z.object({
  message: z.string(),
  profileId: z.string(),
  normalizedValue: z.string(),
  outcome: resolutionOutcome,
  conflicts: z.array(z.string()),
});

// ---------------------------------------------------------------- conversations

const channelEnum = z.enum(["SMS", "VOICE", "RCS", "WHATSAPP", "EMAIL", "CHAT"]);
const participantTypeEnum = z.enum(["CUSTOMER", "HUMAN_AGENT", "AI_AGENT", "UNKNOWN"]);

/** A participant as sent (`type`, `name`, `addresses`) plus its `id`, resolved `profileId` and the resolution that linked it. */
export const participantSchema = z.object({
  id: z.string(),
  type: participantTypeEnum,
  name: z.string().nullable(),
  addresses: z.array(z.object({ channel: channelEnum, address: z.string() })),
  profileId: z.string().nullable(),
  resolutionId: z.string().nullable(),
  createdAt: timestamp,
});

/** Close to Twilio's Communication: `author` is the participant with the address the message came from. */
export const communicationSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  author: z.object({
    id: z.string().nullable(),
    type: participantTypeEnum.nullable(),
    name: z.string().nullable(),
    channel: channelEnum.nullable(),
    address: z.string().nullable(),
    profileId: z.string().nullable(),
  }),
  content: z.object({ text: z.string() }),
  occurredAt: timestamp,
  createdAt: timestamp,
  resourceId: z.string().nullable(),
});

export const conversationSchema = z.object({
  id: z.string(),
  channel: channelEnum,
  status: z.enum(["ACTIVE", "INACTIVE", "CLOSED"]),
  createdAt: timestamp,
  updatedAt: timestamp,
  lastActivityAt: timestamp,
  inactiveAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  participants: z.array(participantSchema),
});

/** GET …/Jobs/{jobId}: a background job (lib/jobs). */
export const jobSchema = z.object({
  id: z.string(),
  storeId: z.string().nullable(),
  type: z.string(),
  status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"]),
  payload: z.unknown(),
  dedupeKey: z.string().nullable(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: timestamp.describe("Due time: when a QUEUED job (first run or next retry) may start"),
  lastError: z.string().nullable(),
  progress: z.object({ done: z.number(), total: z.number() }).nullable(),
  result: z.unknown(),
  createdAt: timestamp,
  updatedAt: timestamp,
  startedAt: timestamp.nullable().describe("When the running attempt started (RUNNING only)"),
  finishedAt: timestamp.nullable(),
});

/** POST …/Conversations: the conversation, the request's communications with their ids, and what could not identify anyone. */
export const ingestedConversationSchema = conversationSchema.extend({
  communications: z.array(communicationSchema),
  warnings: z.array(z.object({ path: z.string(), message: z.string() })),
});

const observationStatus = z.enum(["PENDING", "APPROVED", "REJECTED"]);

export const observationSchema = z.object({
  id: z.string(),
  content: z.string(),
  source: z.string(),
  occurredAt: timestamp,
  conversationIds: z.array(z.string()),
  createdAt: timestamp,
  updatedAt: timestamp,
  profileId: z.string(),
  kind: z.string().nullable(),
  status: observationStatus,
  confidence: z.number().nullable(),
  communicationIds: z.array(z.string()),
  version: z.number().int(),
  reviewedAt: timestamp.nullable(),
  reviewedById: z.string().nullable(),
});

export const observationRevisionSchema = z.object({
  id: z.string(),
  revisionId: z.string(),
  version: z.number().int(),
  content: z.string(),
  status: observationStatus,
  confidence: z.number().nullable(),
  reason: z.enum(["CREATED", "EDITED", "RECONCILED", "REVIEWED"]),
  actor: z.object({ type: z.enum(["USER", "API_KEY", "SYSTEM"]), id: z.string().nullable() }),
  createdAt: timestamp,
  updatedAt: timestamp,
});

export const observationCreateResultSchema = z.object({
  message: z.string(),
  results: z.array(
    z.union([
      z.object({ index: z.number().int(), outcome: z.enum(["added", "updated", "duplicate"]), observation: observationSchema, reason: z.string() }),
      z.object({ index: z.number().int(), outcome: z.literal("excluded"), categories: z.array(z.string()) }),
    ]),
  ),
  observations: z.array(observationSchema),
});

export const summarySchema = z.object({
  id: z.string(),
  conversationId: z.string().nullable(),
  content: z.string(),
  source: z.string(),
  occurredAt: timestamp,
  createdAt: timestamp,
  updatedAt: timestamp,
  profileId: z.string(),
});

export const summaryCreateResultSchema = z.object({
  message: z.string(),
  results: z.array(
    z.union([
      z.object({ index: z.number().int(), outcome: z.literal("added"), summary: summarySchema }),
      z.object({ index: z.number().int(), outcome: z.literal("excluded"), categories: z.array(z.string()) }),
    ]),
  ),
  summaries: z.array(summarySchema),
});

const usageSchema = z.object({ requests: z.number().int(), promptTokens: z.number().int(), completionTokens: z.number().int(), promptCharacters: z.number().int(), completionCharacters: z.number().int() });

export const storeUsageSchema = z.object({
  providers: z.object({ extractor: z.string(), embeddings: z.string() }),
  excludedByCategory: z.record(z.string(), z.number().int()),
  llm: usageSchema,
  extractionRuns: z.number().int(),
  recentRuns: z.array(
    z.object({
      id: z.string(),
      conversationId: z.string(),
      profileId: z.string(),
      extractor: z.string(),
      added: z.number().int(),
      updated: z.number().int(),
      discarded: z.number().int(),
      excluded: z.number().int(),
      traitCandidates: z.number().int(),
      usage: usageSchema.nullable(),
      durationMs: z.number().int(),
      createdAt: timestamp,
    }),
  ),
});

export const traitCandidateSchema = z.object({
  id: z.string(),
  profileId: z.string(),
  conversationId: z.string(),
  traitGroup: z.string(),
  name: z.string(),
  value: z.string(),
  confidence: z.number(),
  communicationIds: z.array(z.string()),
  status: z.enum(["PENDING", "APPLIED", "REJECTED", "INVALID"]),
  createdAt: timestamp,
  decidedAt: timestamp.nullable(),
});

// ---------------------------------------------------------------- recall (lib/recall)

/** `explain: true`: why an item ranked where it did, every part 0–1. */
export const recallExplanationSchema = z.object({
  lexical: z.number().min(0).max(1).describe("BM25 relative to the best lexical match of this query (0: no query term)"),
  semantic: z.number().min(0).max(1).nullable().describe("Cosine similarity to the query; null when the item has no vector of the current embedding model"),
  recency: z.number().min(0).max(1).describe("½ per 90 days older than the newest candidate"),
  fused: z.number().min(0).max(1).describe("The score: reciprocal rank fusion of both lists plus the recency prior, over the best possible"),
});

const rankedFields = {
  score: z.number().min(0).max(1).optional().describe("0–1; omitted when the results are in recency order (no query and no conversationId)"),
  explain: recallExplanationSchema.optional(),
};

/** A recalled communication: Twilio's Communication with the ids needed to cite it. */
export const recalledCommunicationSchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  resourceId: z.string().nullable(),
  author: z.object({
    participantId: z.string().nullable(),
    profileId: z.string().nullable(),
    name: z.string().nullable(),
    channel: channelEnum.nullable(),
    address: z.string().nullable(),
    type: participantTypeEnum.nullable(),
  }),
  content: z.object({ text: z.string() }),
  occurredAt: timestamp,
  ...rankedFields,
});

export const recallResultSchema = z.object({
  observations: z.array(observationSchema.extend(rankedFields)),
  summaries: z.array(summarySchema.extend(rankedFields)),
  communications: z.array(recalledCommunicationSchema),
  traits: z.record(z.string(), z.record(z.string(), traitValueSchema)).optional().describe("includeTraits: true"),
  meta: z.object({
    queryTime: z.number().int().min(0).describe("milliseconds"),
    query: z.string().nullable().describe("Kith: the text ranked with (given, or inferred from the conversation's last ten turns); null when unranked"),
  }),
});

const handoffCitationSchema = z.object({
  number: z.number().int().min(1),
  kind: z.enum(["observation", "summary"]),
  id: z.string(),
  profileId: z.string(),
  conversationIds: z.array(z.string()),
  communicationIds: z.array(z.string()),
});

/** GET …/Conversations/{id}/Context: the handoff context, as JSON and as a prompt-ready text block. */
export const handoffContextSchema = z.object({
  conversation: z.object({ id: z.string(), channel: channelEnum, status: z.enum(["ACTIVE", "INACTIVE", "CLOSED"]), lastActivityAt: timestamp }),
  customers: z.array(
    z.object({
      profileId: z.string(),
      displayName: z.string().nullable(),
      traits: z.record(z.string(), z.record(z.string(), traitValueSchema)),
      observations: z.array(observationSchema.extend({ ...rankedFields, citation: z.number().int() })),
      summaries: z.array(summarySchema.extend({ ...rankedFields, citation: z.number().int() })),
    }),
  ),
  messages: z.array(recalledCommunicationSchema),
  citations: z.array(handoffCitationSchema).describe("[n] in text is citations[n − 1]"),
  text: z.string().describe("Prompt-ready: customers, traits, memories with [n] citations, recent messages, sources"),
  meta: z.object({ queryTime: z.number().int().min(0), query: z.string().nullable() }),
});
