import { z } from "zod";
import { dataPlanePageQuery, pageRequestSchema } from "../paging";
import { idTypeSchema } from "../identity/identity-settings-schemas";
import { traitGroupNameSchema } from "../traits/trait-schemas";

/** `traitGroups=Contact,Loyalty` (Twilio: a CSV of 1–256 characters) → the group names. */
export const traitGroupsFilterSchema = z
  .string()
  .min(1)
  .max(256)
  .transform((csv) => [...new Set(csv.split(",").map((name) => name.trim()).filter(Boolean))])
  .pipe(z.array(traitGroupNameSchema).min(1, "names at least one trait group"));

/** GET …/Profiles: profile ids, newest first, up to 1,000 a page. */
export const profileListQuery = dataPlanePageQuery;

/** GET …/Profiles/{profileId}. */
export const profileReadQuery = z.object({
  traitGroups: traitGroupsFilterSchema.optional(),
  /** Kith: `resolution` adds the profile's resolution outcomes and their reasons. */
  include: z
    .string()
    .max(100)
    .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.literal("resolution")))
    .optional(),
});

/** GET …/Profiles/{profileId}/Traits: Twilio lists at most 100 traits a page. */
export const profileTraitsQuery = pageRequestSchema({ maxPageSize: 100 }).extend({ traitGroups: traitGroupsFilterSchema.optional() });

/** POST …/Profiles/Lookup: Twilio's `Identifier` (both fields required, nothing else). */
export const profileLookupSchema = z.strictObject({
  idType: idTypeSchema,
  value: z.string().min(1).max(255),
});

export type ProfileLookupInput = z.infer<typeof profileLookupSchema>;
