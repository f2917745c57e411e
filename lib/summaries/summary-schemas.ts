import { z } from "zod";
import { pageRequestSchema } from "../paging";
import { memoryContentSchema, memorySourceSchema } from "../observations/observation-schemas";

/** Request shapes of the ConversationSummaries API (Twilio's SummaryCore / SummaryCorePatch). */

export const MAX_SUMMARIES_PER_CREATE = 10;

const conversationIdSchema = z.string().min(1).max(64);

export const summaryCreateItemSchema = z.strictObject({
  content: memoryContentSchema,
  conversationId: conversationIdSchema,
  occurredAt: z.iso.datetime({ offset: true }),
  source: memorySourceSchema.optional(),
});

export const summaryCreateSchema = z.strictObject({
  summaries: z.array(summaryCreateItemSchema).min(1).max(MAX_SUMMARIES_PER_CREATE),
});

export const summaryPatchSchema = z
  .strictObject({
    content: memoryContentSchema.optional(),
    source: memorySourceSchema.optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    conversationId: conversationIdSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, "the patch changes nothing: give at least one field");

export const summaryListQuery = pageRequestSchema({ maxPageSize: 50 }).extend({
  conversationId: conversationIdSchema.optional(),
});

export type SummaryCreateItem = z.infer<typeof summaryCreateItemSchema>;
export type SummaryPatch = z.infer<typeof summaryPatchSchema>;
export type SummaryListQuery = z.infer<typeof summaryListQuery>;
