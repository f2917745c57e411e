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
