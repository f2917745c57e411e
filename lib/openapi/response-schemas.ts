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
