import { z } from "zod";
import { MAX_BULK_PROFILES } from "./bulk-upsert-profiles";

/** `{ "Contact": { "email": "ada@example.com" } }`: values are checked against the trait schema later. */
export const traitValuesSchema = z.record(z.string().max(64), z.record(z.string().max(64), z.unknown()));

export const profileCreateSchema = z.strictObject({ traits: traitValuesSchema });

export const profileBulkSchema = z.strictObject({
  profiles: z.array(profileCreateSchema).min(1).max(MAX_BULK_PROFILES),
});

/** PATCH …/Profiles/{id}: merge semantics; `null` removes a trait. */
export const profilePatchSchema = z.strictObject({ traits: traitValuesSchema });

/** POST …/Identifiers (Twilio's `Identifier`). */
export const identifierCreateSchema = z.strictObject({
  idType: z.string().min(2).max(30),
  value: z.string().min(1).max(255),
});

/** PATCH …/Identifiers/{idType} (Twilio's `IdentifierUpdate`). */
export const identifierUpdateSchema = z.strictObject({
  idType: z.string().min(2).max(30),
  oldValue: z.string().min(1).max(255),
  newValue: z.string().min(1).max(255),
});

/** DELETE …/Identifiers/{idType}: `removeAll` (Twilio's) or one named `value` (Kith's). */
export const identifierDeleteQuery = z.object({
  removeAll: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
  value: z.string().min(1).max(255).optional(),
});
