import { z } from "zod";
import { controlPlanePageQuery } from "../paging";
import { storeCreateSchema, storePatchSchema } from "../stores/store-schemas";
import { identityResolutionSettingsSchema } from "../identity/identity-settings-schemas";
import { traitGroupCreateSchema, traitGroupListQuery, traitGroupPatchSchema } from "../traits/trait-schemas";
import { auditEventListQuery } from "../audit/audit-schemas";
import type { Role } from "../db/generated/enums";
import { manualMergeSchema, mergeListQuery } from "../merges/merge-schemas";
import { identifierCreateSchema, identifierDeleteQuery, identifierUpdateSchema, profileBulkSchema, profileCreateSchema, profilePatchSchema } from "../profiles/profile-write-schemas";
import { profileListQuery, profileLookupSchema, profileReadQuery, profileTraitsQuery } from "../profiles/profile-read-schemas";
import {
  communicationListQuery,
  communicationsAppendSchema,
  conversationCreateSchema,
  conversationListQuery,
  conversationPatchSchema,
} from "../conversations/conversation-schemas";
import { twilioMessageFormSchema } from "../webhooks/twilio-webhook-schemas";
import { communicationSchema, conversationSchema, ingestedConversationSchema } from "./response-schemas";
import { jobListQuery } from "../jobs/job-schemas";
import { observationCreateSchema, observationListQuery, observationPatchSchema, observationRevisionListQuery } from "../observations/observation-schemas";
import { summaryCreateSchema, summaryListQuery, summaryPatchSchema } from "../summaries/summary-schemas";
import { storeUsageSchema, traitCandidateSchema } from "./response-schemas";
import { traitCandidateListQuery } from "../trait-candidates/trait-candidate-schemas";
import { observationCreateResultSchema, observationRevisionSchema, observationSchema, summaryCreateResultSchema, summarySchema } from "./response-schemas";
import { jobSchema } from "./response-schemas";
import { recallRequestSchema } from "../recall/recall-schemas";
import { handoffContextSchema, recallResultSchema } from "./response-schemas";
import { handoffContextQuery } from "../recall/handoff-context-schemas";
import {
  flatTraitSchema,
  identifierSetSchema,
  messageSchema,
  profileExportSchema,
  profileLookupResultSchema,
  profileMovedSchema,
  profileSchema,
} from "./response-schemas";
import {
  acceptedSchema,
  auditEventSchema,
  healthSchema,
  identitySettingsSchema,
  bulkResultSchema,
  errorSchema,
  identifierWriteResultSchema,
  mergeSchema,
  metaSchema,
  profilePatchResultSchema,
  profileWriteResultSchema,
  operationSchema,
  storeSchema,
  traitGroupSchema,
} from "./response-schemas";

export type ApiOperation = {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** OpenAPI path with `{param}` placeholders, exactly as served. */
  path: string;
  summary: string;
  tag: string;
  /** null = no credentials needed. */
  role: Role | null;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The body's media type when it is not JSON (webhooks post forms). */
  bodyMediaType?: "application/x-www-form-urlencoded";
  /** Status → body schema (null = no body), JSON unless `mediaType` says otherwise. */
  responses: Record<number, { description: string; schema: z.ZodType | null; mediaType?: string }>;
  /** Sends or checks ETag / If-Match. */
  etag?: "sends" | "checks";
};

const accepted = (extra: z.ZodRawShape = {}) => acceptedSchema.extend(extra);

/**
 * Every route Kith serves, with the zod schemas its handler validates with. /openapi.json is
 * generated from this list, and a test checks that it names every route file under app/.
 */
export const apiOperations: ApiOperation[] = [
  {
    method: "get", path: "/api/health", summary: "Liveness and database check: 200 only when ready", tag: "Operations", role: null,
    responses: { 200: { description: "Ready", schema: healthSchema }, 503: { description: "Starting or database unavailable", schema: healthSchema } },
  },
  {
    method: "get", path: "/openapi.json", summary: "This document", tag: "Operations", role: null,
    responses: { 200: { description: "OpenAPI 3.1 document", schema: null } },
  },
  {
    method: "get", path: "/v1/ControlPlane/Stores", summary: "List the memory stores the caller may see (ids, newest first)", tag: "Stores", role: "AGENT",
    query: controlPlanePageQuery,
    responses: { 200: { description: "Store ids", schema: z.object({ stores: z.array(z.string()), meta: metaSchema }) } },
  },
  {
    method: "post", path: "/v1/ControlPlane/Stores", summary: "Create a memory store (applied at once; Twilio's 202 plus the store)", tag: "Stores", role: "ADMIN",
    body: storeCreateSchema,
    responses: { 202: { description: "Created", schema: accepted({ id: z.string(), store: storeSchema }) }, 409: { description: "Name taken (520045)", schema: null } },
  },
  {
    method: "get", path: "/v1/ControlPlane/Stores/{storeId}", summary: "Read a memory store", tag: "Stores", role: "AGENT", etag: "sends",
    responses: { 200: { description: "The store", schema: storeSchema } },
  },
  {
    method: "patch", path: "/v1/ControlPlane/Stores/{storeId}", summary: "Update a store's name, description and Kith settings", tag: "Stores", role: "ADMIN", etag: "checks",
    body: storePatchSchema,
    responses: { 202: { description: "Updated", schema: accepted({ store: storeSchema }) }, 412: { description: "If-Match does not match (520043)", schema: null } },
  },
  {
    method: "delete", path: "/v1/ControlPlane/Stores/{storeId}", summary: "Delete a store and everything in it", tag: "Stores", role: "ADMIN",
    responses: { 202: { description: "Deleted", schema: accepted({ id: z.string() }) } },
  },
  {
    method: "get", path: "/v1/ControlPlane/Stores/{storeId}/IdentityResolutionSettings", summary: "Identifier configs, matching rules and merge mode", tag: "Identity resolution", role: "AGENT", etag: "sends",
    responses: { 200: { description: "Settings", schema: identitySettingsSchema } },
  },
  {
    method: "put", path: "/v1/ControlPlane/Stores/{storeId}/IdentityResolutionSettings", summary: "Replace the identity resolution settings", tag: "Identity resolution", role: "ADMIN", etag: "checks",
    body: identityResolutionSettingsSchema,
    responses: { 202: { description: "Saved", schema: accepted({ identityResolutionSettings: identitySettingsSchema }) }, 412: { description: "If-Match does not match (520043)", schema: null } },
  },
  {
    method: "get", path: "/v1/ControlPlane/Stores/{storeId}/TraitGroups", summary: "List trait groups", tag: "Traits", role: "AGENT",
    query: traitGroupListQuery,
    responses: { 200: { description: "Trait groups", schema: z.object({ traitGroups: z.array(traitGroupSchema), meta: metaSchema }) } },
  },
  {
    method: "post", path: "/v1/ControlPlane/Stores/{storeId}/TraitGroups", summary: "Create a trait group with its trait definitions", tag: "Traits", role: "ADMIN",
    body: traitGroupCreateSchema,
    responses: { 202: { description: "Created", schema: accepted({ traitGroup: traitGroupSchema }) }, 409: { description: "Name taken (520055)", schema: null } },
  },
  {
    method: "get", path: "/v1/ControlPlane/Stores/{storeId}/TraitGroups/{traitGroupName}", summary: "Read a trait group", tag: "Traits", role: "AGENT", etag: "sends",
    responses: { 200: { description: "The group", schema: z.object({ traitGroup: traitGroupSchema, meta: metaSchema }) } },
  },
  {
    method: "patch", path: "/v1/ControlPlane/Stores/{storeId}/TraitGroups/{traitGroupName}", summary: 'Merge trait definitions into a group (`{"dataType": ""}` deletes one)', tag: "Traits", role: "ADMIN", etag: "checks",
    body: traitGroupPatchSchema,
    responses: { 202: { description: "Updated", schema: accepted({ traitGroup: traitGroupSchema }) } },
  },
  {
    method: "delete", path: "/v1/ControlPlane/Stores/{storeId}/TraitGroups/{traitGroupName}", summary: "Delete a trait group (409 while profiles hold its values)", tag: "Traits", role: "ADMIN",
    responses: { 202: { description: "Deleted", schema: acceptedSchema }, 409: { description: "Values still held", schema: null } },
  },
  {
    method: "get", path: "/v1/ControlPlane/Operations/{operationId}", summary: "Status of a control-plane write (Kith applies writes at once: always COMPLETED)", tag: "Operations", role: "AGENT",
    responses: { 200: { description: "Operation", schema: operationSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/AuditEvents", summary: "The store's audit trail", tag: "Audit", role: "SUPERVISOR",
    query: auditEventListQuery,
    responses: { 200: { description: "Audit events", schema: z.object({ auditEvents: z.array(auditEventSchema), meta: metaSchema }) } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles", summary: "List profile ids, newest first", tag: "Profiles", role: "AGENT",
    query: profileListQuery,
    responses: { 200: { description: "Profile ids", schema: z.object({ profiles: z.array(z.string()), meta: metaSchema }) } },
  },
  {
    method: "post", path: "/v1/Stores/{storeId}/Profiles/Lookup", summary: "Find the profiles holding an identifier (the value is normalised first)", tag: "Profiles", role: "AGENT",
    body: profileLookupSchema,
    responses: { 200: { description: "The normalised value and the canonical ids holding it (empty when none)", schema: profileLookupResultSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}", summary: "Read a profile with its traits (header Canonical-Profile-Id)", tag: "Profiles", role: "AGENT",
    query: profileReadQuery,
    responses: { 200: { description: "The profile", schema: profileSchema }, 301: { description: "Merged into another profile: see Location and Canonical-Profile-Id", schema: profileMovedSchema } },
  },
  {
    method: "delete", path: "/v1/Stores/{storeId}/Profiles/{profileId}", summary: "Erase the person: traits, identifiers, observations, summaries, aliases; their conversations stay, unlinked", tag: "Profiles", role: "ADMIN",
    responses: { 202: { description: "Erased", schema: messageSchema }, 308: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Traits", summary: "A profile's traits, flattened, newest change first", tag: "Profiles", role: "AGENT",
    query: profileTraitsQuery,
    responses: { 200: { description: "Traits", schema: z.object({ traits: z.array(flatTraitSchema), meta: metaSchema }) }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Identifiers", summary: "A profile's identifiers by type, values in arrival order", tag: "Profiles", role: "AGENT",
    responses: { 200: { description: "Identifier sets", schema: z.object({ identifiers: z.array(identifierSetSchema) }) }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Identifiers/{idType}", summary: "One identifier type's values (404 when the profile has none)", tag: "Profiles", role: "AGENT",
    responses: { 200: { description: "Identifier set", schema: identifierSetSchema }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Export", summary: "Everything held about one person, as one JSON document (right of access)", tag: "Profiles", role: "ADMIN",
    responses: { 200: { description: "The export", schema: profileExportSchema }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Observations", summary: "The profile's observations, newest first; filter by source, createdAfter (inclusive), createdBefore (exclusive), conversationId, status", tag: "Observations", role: "AGENT",
    query: observationListQuery,
    responses: { 200: { description: "Observations", schema: z.object({ observations: z.array(observationSchema), meta: metaSchema }) }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "post", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Observations", summary: "Add up to 10 observations: screened by the guard (special-category and payment data excluded), then reconciled (added, merged into a contradicted or enriched one, or a duplicate)", tag: "Observations", role: "AGENT",
    body: observationCreateSchema,
    responses: { 202: { description: "Stored (or excluded), one result per observation sent", schema: observationCreateResultSchema }, 400: { description: "Invalid, or unknown conversation/communication ids", schema: errorSchema }, 308: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Observations/{observationId}", summary: "One observation with its provenance and review state", tag: "Observations", role: "AGENT",
    responses: { 200: { description: "The observation", schema: observationSchema }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "patch", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Observations/{observationId}", summary: "Edit (content, source, occurredAt, conversationIds, kind) and/or review (status APPROVED/REJECTED/PENDING); keeps a revision", tag: "Observations", role: "AGENT",
    body: observationPatchSchema,
    responses: { 202: { description: "Updated", schema: z.object({ message: z.string(), observation: observationSchema }) }, 400: { description: "Invalid, or content the guard refuses", schema: errorSchema }, 308: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "delete", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Observations/{observationId}", summary: "Delete an observation and its revisions (reject it instead to stop it being re-extracted)", tag: "Observations", role: "AGENT",
    responses: { 202: { description: "Deleted", schema: messageSchema }, 308: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Observations/{observationId}/Revisions", summary: "Every state the observation has been in, newest first (the first is the current one)", tag: "Observations", role: "AGENT",
    query: observationRevisionListQuery,
    responses: { 200: { description: "Revisions", schema: z.object({ revisions: z.array(observationRevisionSchema), meta: metaSchema }) }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/ConversationSummaries", summary: "The profile's conversation summaries, newest first; filter by conversationId", tag: "Observations", role: "AGENT",
    query: summaryListQuery,
    responses: { 200: { description: "Summaries", schema: z.object({ summaries: z.array(summarySchema), meta: metaSchema }) }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "post", path: "/v1/Stores/{storeId}/Profiles/{profileId}/ConversationSummaries", summary: "Add up to 10 summaries of this store's conversations (screened by the guard)", tag: "Observations", role: "AGENT",
    body: summaryCreateSchema,
    responses: { 202: { description: "Stored (or excluded), one result per summary sent", schema: summaryCreateResultSchema }, 400: { description: "Invalid, or an unknown conversation", schema: errorSchema }, 308: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/ConversationSummaries/{summaryId}", summary: "One summary", tag: "Observations", role: "AGENT",
    responses: { 200: { description: "The summary", schema: summarySchema }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "patch", path: "/v1/Stores/{storeId}/Profiles/{profileId}/ConversationSummaries/{summaryId}", summary: "Edit a summary (content screened by the guard)", tag: "Observations", role: "AGENT",
    body: summaryPatchSchema,
    responses: { 202: { description: "Updated", schema: z.object({ message: z.string(), summary: summarySchema }) }, 308: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "delete", path: "/v1/Stores/{storeId}/Profiles/{profileId}/ConversationSummaries/{summaryId}", summary: "Delete a summary", tag: "Observations", role: "AGENT",
    responses: { 202: { description: "Deleted", schema: messageSchema }, 308: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "post", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Recall", summary: "Recall: the memories that matter for a query (given, or inferred from the conversation's last ten turns) — hybrid lexical (BM25) + semantic (pgvector) ranking fused with a recency prior, scores 0–1; without either, the newest items unscored. REJECTED observations never come back", tag: "Recall", role: "AGENT",
    body: recallRequestSchema,
    responses: {
      200: { description: "Observations, summaries and communications, best first (header Canonical-Profile-Id)", schema: recallResultSchema },
      400: { description: "Invalid (query over 1,024 characters, a limit outside 0–100, …), or a conversationId that is not this store's", schema: errorSchema },
      308: { description: "Merged into another profile", schema: profileMovedSchema },
    },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Profiles/{profileId}/TraitCandidates", summary: "Contact traits (name, email, phone) extraction proposed for this person, newest first; filter by status", tag: "Observations", role: "SUPERVISOR",
    query: traitCandidateListQuery,
    responses: { 200: { description: "Trait candidates", schema: z.object({ traitCandidates: z.array(traitCandidateSchema), meta: metaSchema }) }, 301: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  ...(["Apply", "Reject"] as const).map((verb): ApiOperation => ({
    method: "post", path: `/v1/Stores/{storeId}/Profiles/{profileId}/TraitCandidates/{candidateId}/${verb}`, tag: "Observations", role: "ADMIN",
    summary: verb === "Apply" ? "Write the proposed trait to the profile, as a PATCH would (identity resolution runs)" : "Decline the proposed trait",
    responses: { 200: { description: "The decided candidate", schema: traitCandidateSchema }, 400: { description: "The value does not pass the trait's rules", schema: errorSchema }, 409: { description: "Not PENDING", schema: errorSchema } },
  })),
  {
    method: "get", path: "/v1/Stores/{storeId}/Merges", summary: "Merge queue (status=PENDING) and merge history", tag: "Merges", role: "SUPERVISOR",
    query: mergeListQuery,
    responses: { 200: { description: "Merges", schema: z.object({ merges: z.array(mergeSchema), meta: metaSchema }) } },
  },
  ...(["Approve", "Reject", "Undo"] as const).map((verb): ApiOperation => ({
    method: "post", path: `/v1/Stores/{storeId}/Merges/{mergeId}/${verb}`, tag: "Merges", role: "ADMIN",
    summary: { Approve: "Apply a proposed merge", Reject: "Decline a proposed merge", Undo: "Undo an applied merge, restoring both profiles" }[verb],
    responses: { 200: { description: "The merge", schema: mergeSchema }, 409: { description: "Not in a state that allows this (or a user_id rule forbids it)", schema: null } },
  })),
  {
    method: "post", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Merge", summary: "Fold another profile into this one (it survives); block rules apply", tag: "Merges", role: "ADMIN",
    body: manualMergeSchema,
    responses: { 201: { description: "Applied merge", schema: mergeSchema }, 308: { description: "Merged into another profile", schema: null }, 409: { description: "Already one profile, or a block rule forbids it", schema: null } },
  },
  {
    method: "post", path: "/v1/Stores/{storeId}/Profiles", summary: "Create-or-resolve a profile from traits: identity resolution runs on the promoted traits", tag: "Profiles", role: "AGENT",
    body: profileCreateSchema,
    responses: { 202: { description: "Resolved (created, attached, merged or proposed) and written", schema: profileWriteResultSchema } },
  },
  {
    method: "patch", path: "/v1/Stores/{storeId}/Profiles/{profileId}", summary: "Patch traits (null removes); promoted values go through identity resolution", tag: "Profiles", role: "AGENT",
    body: profilePatchSchema,
    responses: { 202: { description: "Written (profileId names the survivor if a merge happened)", schema: profilePatchResultSchema }, 308: { description: "Merged into another profile", schema: profileMovedSchema } },
  },
  {
    method: "put", path: "/v1/Stores/{storeId}/Profiles/Bulk", summary: "Up to 1,000 profiles, each resolved like a create, with a per-row outcome (body ≤ 10 MiB)", tag: "Profiles", role: "AGENT",
    body: profileBulkSchema,
    responses: { 202: { description: "Per-row results", schema: bulkResultSchema } },
  },
  {
    method: "post", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Identifiers", summary: "Add an identifier through identity resolution (may merge; 409 when a rule refuses it)", tag: "Profiles", role: "AGENT",
    body: identifierCreateSchema,
    responses: { 202: { description: "Added", schema: identifierWriteResultSchema }, 308: { description: "Merged into another profile", schema: profileMovedSchema }, 409: { description: "A rule kept the value off this profile", schema: null } },
  },
  {
    method: "patch", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Identifiers/{idType}", summary: "Replace oldValue by newValue (one transaction)", tag: "Profiles", role: "AGENT",
    body: identifierUpdateSchema,
    responses: { 202: { description: "Replaced", schema: identifierWriteResultSchema }, 409: { description: "A rule kept the new value off this profile", schema: null } },
  },
  {
    method: "delete", path: "/v1/Stores/{storeId}/Profiles/{profileId}/Identifiers/{idType}", summary: "Remove all values (removeAll=true), one named value (value=…), or one chosen by the limit policy", tag: "Profiles", role: "AGENT",
    query: identifierDeleteQuery,
    responses: { 202: { description: "Removed values", schema: z.object({ message: z.string(), idType: z.string(), removed: z.array(z.string()) }) } },
  },
  {
    method: "post", path: "/v1/Stores/{storeId}/Conversations", summary: "Ingest a whole conversation: participants resolved to profiles (CUSTOMER), looked up (UNKNOWN) or not (agents), communications stored; idempotent by resourceId", tag: "Conversations", role: "AGENT",
    body: conversationCreateSchema,
    responses: {
      201: { description: "Created (header Location)", schema: ingestedConversationSchema },
      200: { description: "A communication's resourceId named an existing conversation: that one, with only what was new added", schema: ingestedConversationSchema },
      409: { description: "The resourceIds belong to several conversations, to one on another channel, or new messages for a CLOSED one", schema: null },
    },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Conversations", summary: "List conversations with their participants, newest first; filter by status, channel, profileId", tag: "Conversations", role: "AGENT",
    query: conversationListQuery,
    responses: { 200: { description: "Conversations", schema: z.object({ conversations: z.array(conversationSchema), meta: metaSchema }) } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Conversations/{conversationId}", summary: "Read a conversation with its participants", tag: "Conversations", role: "AGENT",
    responses: { 200: { description: "The conversation", schema: conversationSchema } },
  },
  {
    method: "patch", path: "/v1/Stores/{storeId}/Conversations/{conversationId}", summary: "Change the status (ACTIVE ⇄ INACTIVE → CLOSED; CLOSED is final)", tag: "Conversations", role: "AGENT",
    body: conversationPatchSchema,
    responses: { 200: { description: "The conversation", schema: conversationSchema }, 409: { description: "The conversation is CLOSED", schema: null } },
  },
  {
    method: "post", path: "/v1/Stores/{storeId}/Conversations/{conversationId}/Communications", summary: "Append communications (≤ 1,000; authors must be participants); idempotent by resourceId", tag: "Conversations", role: "AGENT",
    body: communicationsAppendSchema,
    responses: {
      201: { description: "Stored (the request's communications with their ids)", schema: z.object({ communications: z.array(communicationSchema) }) },
      200: { description: "Every communication was already stored", schema: z.object({ communications: z.array(communicationSchema) }) },
      409: { description: "A resourceId belongs to another conversation, or the conversation is CLOSED", schema: null },
    },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Conversations/{conversationId}/Communications", summary: "The thread by occurredAt, oldest first unless orderBy=DESC", tag: "Conversations", role: "AGENT",
    query: communicationListQuery,
    responses: { 200: { description: "Communications", schema: z.object({ communications: z.array(communicationSchema), meta: metaSchema }) } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Conversations/{conversationId}/Context", summary: "Handoff context: for each CUSTOMER of the conversation, traits and the observations and summaries recall ranks highest for its last ten turns, with their sources; the recent messages; and all of it as a prompt-ready text block with [n] citations", tag: "Recall", role: "AGENT",
    query: handoffContextQuery,
    responses: { 200: { description: "The context", schema: handoffContextSchema }, 404: { description: "No such conversation in this store", schema: errorSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Usage", summary: "Guard exclusions by category, model usage (requests, tokens, characters) and the latest 20 extraction runs", tag: "Jobs", role: "SUPERVISOR",
    responses: { 200: { description: "Usage", schema: storeUsageSchema } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Jobs", summary: "The store's background jobs (extraction …), newest first; filter by status, type", tag: "Jobs", role: "SUPERVISOR",
    query: jobListQuery,
    responses: { 200: { description: "Jobs", schema: z.object({ jobs: z.array(jobSchema), meta: metaSchema }) } },
  },
  {
    method: "get", path: "/v1/Stores/{storeId}/Jobs/{jobId}", summary: "One job: state, attempts, last error, progress, result", tag: "Jobs", role: "SUPERVISOR",
    responses: { 200: { description: "The job", schema: jobSchema } },
  },
  {
    method: "post", path: "/webhooks/twilio/{storeId}/messaging",
    summary: "Twilio Messaging webhook (SMS, MMS, WhatsApp, RCS): checks X-Twilio-Signature with the store's twilioAuthToken, adds the message to the open conversation of its address pair (de-duplicated by MessageSid)",
    tag: "Webhooks", role: null,
    body: twilioMessageFormSchema, bodyMediaType: "application/x-www-form-urlencoded",
    responses: {
      200: { description: "Stored, or already stored (a retry): empty TwiML", schema: z.string(), mediaType: "text/xml" },
      400: { description: "A signed request without the fields a message needs", schema: errorSchema },
      403: { description: "Unknown store, no twilioAuthToken on the store, or a missing or wrong X-Twilio-Signature: nothing stored", schema: errorSchema },
      413: { description: "Body over 1 MiB", schema: errorSchema },
    },
  },
];
