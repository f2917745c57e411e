import type { Normalization } from "../../lib/db/generated/enums";
import { normalizeIdentifier, type IdentifierNormalization } from "../../lib/identity/normalize-identifier";

const expected: Record<Normalization, string> = { EMAIL: "an email address", PHONE: "an E.164 phone number", TRIM: "an identifier", NONE: "an identifier" };

/**
 * Normalises a builder's identifier value exactly as identity resolution does (SPEC §4), so seed
 * and test data can never hold a raw value. Unlike resolution it throws: a builder given a value
 * that cannot be an identifier is a bug in the seed or the test, not customer input.
 */
export function normalizeBuilderIdentifier(normalization: Normalization, raw: string): string {
  const result = normalizeIdentifier(raw, normalization.toLowerCase() as IdentifierNormalization);
  if (!result.ok) throw new Error(`Not ${expected[normalization]}: "${raw}" ${result.reason}`);
  return result.value;
}
