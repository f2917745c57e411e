import { z } from "zod";
import { pageRequestSchema } from "../paging";
import { MAX_MEMORY_CONTENT_CHARS, observationKinds } from "../extraction/extraction-types";

/**
 * Request shapes of the Observations API: Twilio's ObservationCreateRequest / ObservationBase
 * (content, source, occurredAt, conversationIds) plus Kith's review fields. The same schemas
 * validate the routes and generate /openapi.json.
 */

export const MAX_OBSERVATIONS_PER_CREATE = 10;

/** Twilio's `source`: 1–100 characters of letters, digits, space, `_`, `.`, `-`. */
export const memorySourceSchema = z.string().min(1).max(100).regex(/^[a-zA-Z0-9 _.-]+$/, "letters, digits, spaces, _ . - only");
export const memoryContentSchema = z.string().trim().min(1, "must not be empty").max(MAX_MEMORY_CONTENT_CHARS);
export const observationStatusSchema = z.enum(["PENDING", "APPROVED", "REJECTED"]);
const conversationIdsSchema = z.array(z.string().min(1).max(64)).max(10);
const communicationIdsSchema = z.array(z.string().min(1).max(64)).max(100);

export const observationCreateItemSchema = z.strictObject({
  content: memoryContentSchema,
  source: memorySourceSchema,
  occurredAt: z.iso.datetime({ offset: true }),
  conversationIds: conversationIdsSchema.optional(),
  /** Kith: what the observation is about. */
  kind: z.enum(observationKinds).optional(),
  /** Kith: 0–1. */
  confidence: z.number().min(0).max(1).optional(),
  /** Kith: the communications it came from. */
  communicationIds: communicationIdsSchema.optional(),
  /** Kith: review status to start in (default APPROVED: the caller vouches for it). */
  status: observationStatusSchema.optional(),
});

export const observationCreateSchema = z.strictObject({
  observations: z.array(observationCreateItemSchema).min(1).max(MAX_OBSERVATIONS_PER_CREATE),
});

export const observationPatchSchema = z
  .strictObject({
    content: memoryContentSchema.optional(),
    source: memorySourceSchema.optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    conversationIds: conversationIdsSchema.optional(),
    kind: z.enum(observationKinds).optional(),
    /** Kith: review (APPROVED / REJECTED / back to PENDING); records the reviewer and time. */
    status: observationStatusSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, "the patch changes nothing: give at least one field");

/** Twilio pages observations 1–50 at a time. */
export const observationListQuery = pageRequestSchema({ maxPageSize: 50 }).extend({
  source: memorySourceSchema.optional(),
  /** inclusive */
  createdAfter: z.iso.datetime({ offset: true }).optional(),
  /** exclusive */
  createdBefore: z.iso.datetime({ offset: true }).optional(),
  conversationId: z.string().min(1).max(64).optional(),
  status: observationStatusSchema.optional(),
});

export const observationRevisionListQuery = pageRequestSchema({ maxPageSize: 50 });

export type ObservationCreateItem = z.infer<typeof observationCreateItemSchema>;
export type ObservationPatch = z.infer<typeof observationPatchSchema>;
export type ObservationListQuery = z.infer<typeof observationListQuery>;
