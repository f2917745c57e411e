import type { Normalization } from "../../lib/db/generated/enums";

// A channel address may arrive with its scheme (`whatsapp:+44…`); identifiers never keep it (SPEC §4).
const schemePrefix = /^(whatsapp|rcs|sms|tel):/i;

/**
 * Normalises a builder's identifier value the way identity resolution will (SPEC §4), strictly
 * enough that seed and test data can never hold a raw value: emails are trimmed and lowercased,
 * phones must already be E.164 (or a 10-digit NANP number, read as US). Anything else throws.
 */
export function normalizeBuilderIdentifier(normalization: Normalization, raw: string): string {
  const value = raw.trim().replace(schemePrefix, "");
  switch (normalization) {
    case "EMAIL": {
      const email = value.toLowerCase();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`Not an email address: "${raw}"`);
      return email;
    }
    case "PHONE": {
      const digits = value.replace(/[\s().-]/g, "");
      if (/^\+[1-9]\d{7,14}$/.test(digits)) return digits;
      if (/^[2-9]\d{9}$/.test(digits)) return `+1${digits}`;
      if (/^1[2-9]\d{9}$/.test(digits)) return `+${digits}`;
      throw new Error(`Not an E.164 phone number: "${raw}"`);
    }
    case "TRIM":
      if (!value) throw new Error("An identifier value cannot be empty");
      return value;
    case "NONE":
      return raw;
  }
}
