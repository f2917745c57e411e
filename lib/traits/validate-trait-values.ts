import type { FieldIssue } from "../errors";
import type { TraitDefinitionInput } from "./trait-schemas";

/** Twilio's limits on trait values (docs/reference/twilio-memory-api-notes.md §3). */
export const MAX_TRAIT_STRING_LENGTH = 1024;
export const MAX_TRAIT_ARRAY_ITEMS = 100;

export type TraitScalar = string | number | boolean;
/** What a trait holds once validated: a scalar, or a flat array of one scalar type. */
export type TraitValue = TraitScalar | TraitScalar[];

/** A store's group with its definitions; `TraitGroupView` (readTraitGroupView) fits as is. */
export type TraitGroupDefinitions = { displayName: string; traits?: Record<string, TraitDefinitionInput> };

/** `{ Contact: { email: "ada@example.com", phone: null } }`: `null` removes the trait. */
export type TraitValuesInput = Readonly<Record<string, unknown>>;

/** One validated change: set `value`, or remove the trait when `value` is null. */
export type TraitValueChange = { groupName: string; traitName: string; value: TraitValue | null };

/**
 * A value of a trait with `idTypePromotion`, to become an identifier. Raw, as sent: the caller
 * normalises it with the identifier type's config (identity resolution does).
 */
export type TraitPromotion = { idType: string; value: string; groupName: string; traitName: string };

export type ValidateTraitValuesResult =
  | { ok: true; values: TraitValueChange[]; promotions: TraitPromotion[] }
  | { ok: false; issues: FieldIssue[] };

/**
 * Checks trait values against the store's trait definitions (SPEC §2; Twilio's TraitDefinition):
 * known group and trait, the declared `dataType`, the definition's `validationRule`, and Twilio's
 * size limits. Collects every issue (paths like `traits.Contact.email`) rather than stopping at
 * the first, so a client can fix a whole form at once. Pure: the write side loads the groups.
 *
 * Promotions: every non-null value of a promoted trait. Strings as sent, numbers in decimal, each
 * item of an array likewise; booleans never (`true` identifies no one). Repeats are listed once.
 */
export function validateTraitValues(groups: readonly TraitGroupDefinitions[], input: TraitValuesInput, basePath = "traits"): ValidateTraitValuesResult {
  const groupsByName = new Map(groups.map((group) => [group.displayName, group]));
  const issues: FieldIssue[] = [];
  const values: TraitValueChange[] = [];
  const promotions: TraitPromotion[] = [];
  const promoted = new Set<string>();

  for (const [groupName, groupInput] of Object.entries(input)) {
    const groupPath = `${basePath}.${groupName}`;
    const group = groupsByName.get(groupName);
    if (!group) {
      issues.push({ path: groupPath, message: `unknown trait group "${groupName}"` });
      continue;
    }
    if (!isPlainObject(groupInput)) {
      issues.push({ path: groupPath, message: "must be an object of trait names to values" });
      continue;
    }
    for (const [traitName, raw] of Object.entries(groupInput)) {
      const path = `${groupPath}.${traitName}`;
      const definition = Object.hasOwn(group.traits ?? {}, traitName) ? group.traits![traitName] : undefined;
      if (!definition) {
        issues.push({ path, message: `"${traitName}" is not a trait of group "${groupName}"` });
        continue;
      }
      if (raw === null) {
        values.push({ groupName, traitName, value: null });
        continue;
      }
      const checked = checkValue(definition, raw, path);
      if (checked.issues.length > 0) {
        issues.push(...checked.issues);
        continue;
      }
      values.push({ groupName, traitName, value: checked.value! });
      if (definition.idTypePromotion) {
        for (const value of promotableValues(checked.value!)) {
          const key = `${definition.idTypePromotion}\u0000${value}`;
          if (promoted.has(key)) continue;
          promoted.add(key);
          promotions.push({ idType: definition.idTypePromotion, value, groupName, traitName });
        }
      }
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, values, promotions };
}

type Checked = { value?: TraitValue; issues: FieldIssue[] };

function checkValue(definition: TraitDefinitionInput, raw: unknown, path: string): Checked {
  switch (definition.dataType) {
    case "STRING":
      return checkString(definition, raw, path);
    case "NUMBER":
      return checkNumber(definition, raw, path);
    case "BOOLEAN":
      return typeof raw === "boolean" ? { value: raw, issues: [] } : { issues: [{ path, message: `must be a boolean, not ${describeType(raw)}` }] };
    case "ARRAY":
      return checkArray(definition, raw, path);
  }
}

// Lengths count characters (code points), as a person would, not UTF-16 units.
const characterCount = (value: string) => [...value].length;

function checkString(definition: TraitDefinitionInput, raw: unknown, path: string): Checked {
  if (typeof raw !== "string") return { issues: [{ path, message: `must be a string, not ${describeType(raw)}` }] };
  const issues: FieldIssue[] = [];
  const length = characterCount(raw);
  if (length > MAX_TRAIT_STRING_LENGTH) issues.push({ path, message: `is ${length} characters long; a trait value is at most ${MAX_TRAIT_STRING_LENGTH}` });
  const rule = definition.validationRule?.ruleType === "STRING" ? definition.validationRule : undefined;
  if (rule?.minLength !== undefined && length < rule.minLength) issues.push({ path, message: `must be at least ${rule.minLength} characters long` });
  if (rule?.maxLength !== undefined && length > rule.maxLength) issues.push({ path, message: `must be at most ${rule.maxLength} characters long` });
  if (rule?.pattern !== undefined && !matches(rule.pattern, raw)) issues.push({ path, message: `does not match the pattern ${rule.pattern}` });
  return issues.length > 0 ? { issues } : { value: raw, issues };
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    // Definitions are validated when saved; a pattern that no longer compiles accepts nothing.
    return false;
  }
}

function checkNumber(definition: TraitDefinitionInput, raw: unknown, path: string): Checked {
  if (typeof raw !== "number" || !Number.isFinite(raw)) return { issues: [{ path, message: `must be a number, not ${describeType(raw)}` }] };
  const issues: FieldIssue[] = [];
  const rule = definition.validationRule?.ruleType === "NUMBER" ? definition.validationRule : undefined;
  if (rule?.min !== undefined && raw < rule.min) issues.push({ path, message: `must be at least ${rule.min}` });
  if (rule?.max !== undefined && raw > rule.max) issues.push({ path, message: `must be at most ${rule.max}` });
  return issues.length > 0 ? { issues } : { value: raw, issues };
}

function checkArray(definition: TraitDefinitionInput, raw: unknown, path: string): Checked {
  if (!Array.isArray(raw)) return { issues: [{ path, message: `must be an array, not ${describeType(raw)}` }] };
  const issues: FieldIssue[] = [];
  if (raw.length > MAX_TRAIT_ARRAY_ITEMS) issues.push({ path, message: `has ${raw.length} items; an array trait holds at most ${MAX_TRAIT_ARRAY_ITEMS}` });
  const rule = definition.validationRule?.ruleType === "ARRAY" ? definition.validationRule : undefined;
  if (rule?.minItems !== undefined && raw.length < rule.minItems) issues.push({ path, message: `must have at least ${rule.minItems} items` });
  if (rule?.maxItems !== undefined && raw.length > rule.maxItems) issues.push({ path, message: `must have at most ${rule.maxItems} items` });

  // Items: strings, numbers or booleans, all of one type (Twilio: no nesting, no objects).
  const firstType = raw.length > 0 ? typeof raw[0] : undefined;
  raw.forEach((item: unknown, index) => {
    const itemPath = `${path}.${index}`;
    if (typeof item === "string") {
      const length = characterCount(item);
      if (length > MAX_TRAIT_STRING_LENGTH) issues.push({ path: itemPath, message: `is ${length} characters long; a trait value is at most ${MAX_TRAIT_STRING_LENGTH}` });
    } else if (typeof item === "number") {
      if (!Number.isFinite(item)) issues.push({ path: itemPath, message: "must be a finite number" });
    } else if (typeof item !== "boolean") {
      issues.push({ path: itemPath, message: `must be a string, number or boolean, not ${describeType(item)}` });
      return;
    }
    if (typeof item !== firstType) issues.push({ path: itemPath, message: `must be a ${firstType} like the first item: an array holds one type` });
  });
  return issues.length > 0 ? { issues } : { value: raw as TraitScalar[], issues };
}

function promotableValues(value: TraitValue): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((item) => (typeof item === "string" ? [item] : typeof item === "number" ? [String(item)] : []));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  return `a ${typeof value}`;
}
