import { z } from "zod";
import { idTypeSchema } from "../identity/identity-settings-schemas";
import { controlPlanePageQuery } from "../paging";

export const MAX_TRAIT_GROUPS = 50;
export const MAX_TRAITS_PER_GROUP = 95;

export const traitDataTypes = ["STRING", "NUMBER", "BOOLEAN", "ARRAY"] as const;

/** Twilio's validation rules, selected by `ruleType`. */
export const validationRuleSchema = z.discriminatedUnion("ruleType", [
  z.strictObject({
    ruleType: z.literal("STRING"),
    pattern: z
      .string()
      .max(1000)
      .refine((pattern) => {
        try {
          new RegExp(pattern);
          return true;
        } catch {
          return false;
        }
      }, "not a valid regular expression")
      .optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).optional(),
  }),
  z.strictObject({ ruleType: z.literal("NUMBER"), min: z.number().optional(), max: z.number().optional() }),
  z.strictObject({ ruleType: z.literal("BOOLEAN") }),
  z.strictObject({ ruleType: z.literal("ARRAY"), minItems: z.number().int().min(0).optional(), maxItems: z.number().int().min(0).max(100).optional() }),
]);

export const traitNameSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, "1–64 letters, digits or underscores, starting with a letter");

export const traitDefinitionSchema = z
  .strictObject({
    dataType: z.enum(traitDataTypes),
    description: z.string().max(1024).optional(),
    validationRule: validationRuleSchema.optional(),
    /** Values of this trait also become identifiers of this type. */
    idTypePromotion: idTypeSchema.optional(),
  })
  .refine((definition) => !definition.validationRule || definition.validationRule.ruleType === definition.dataType, {
    message: "validationRule.ruleType must match dataType",
    path: ["validationRule", "ruleType"],
  });

export const traitGroupNameSchema = z.string().regex(/^[a-zA-Z0-9_.-]{1,64}$/, "1–64 letters, digits, '_', '-' or '.'");

const traitMap = <T extends z.ZodType>(definition: T) =>
  z.record(traitNameSchema, definition).refine((traits) => Object.keys(traits).length <= MAX_TRAITS_PER_GROUP, `at most ${MAX_TRAITS_PER_GROUP} traits per group`);

export const traitGroupCreateSchema = z.strictObject({
  displayName: traitGroupNameSchema,
  description: z.string().max(1024).optional(),
  traits: traitMap(traitDefinitionSchema).default({}),
});

/** PATCH merges traits by name; `{ "dataType": "" }` deletes one (Twilio's convention). */
export const traitGroupPatchSchema = z.strictObject({
  description: z.string().max(1024).nullable().optional(),
  traits: traitMap(z.union([traitDefinitionSchema, z.strictObject({ dataType: z.literal("") })])).optional(),
});

export type TraitDefinitionInput = z.infer<typeof traitDefinitionSchema>;
export type TraitGroupCreateInput = z.infer<typeof traitGroupCreateSchema>;
export type TraitGroupPatchInput = z.infer<typeof traitGroupPatchSchema>;

export const traitGroupListQuery = controlPlanePageQuery.extend({
  includeTraits: z.enum(["true", "false"]).default("false").transform((value) => value === "true"),
});
