import { parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import type { Channel } from "../db/generated/enums";

/** Twilio's normalisation names, as the identity settings API spells them. */
export type IdentifierNormalization = "email" | "phone" | "trim" | "none";

export type NormalizeIdentifierOptions = {
  /** How a phone number without a country code is read. SPEC §4: US/NANP. */
  defaultCountry?: CountryCode;
};

/** Never thrown: a bad value is a 400 on the API and a recorded conflict on ingestion. */
export type NormalizeIdentifierResult = { ok: true; value: string } | { ok: false; reason: string };

/** SPEC §3: an identifier value is at most 255 characters (Twilio's limit), checked after normalisation. */
export const MAX_IDENTIFIER_VALUE_LENGTH = 255;

// Far beyond any real identifier: refuse before spending time parsing megabytes of input.
const MAX_RAW_INPUT_LENGTH = 1024;

const channelSchemePrefix = /^\s*(whatsapp|rcs|sms|tel):/i;

/** `whatsapp:+44…` → `+44…`: a channel address's scheme never becomes part of an identifier (SPEC §4). */
export function stripChannelScheme(address: string): string {
  return address.replace(channelSchemePrefix, "");
}

const identifierTypeByChannel: Record<Channel, string> = {
  SMS: "phone",
  VOICE: "phone",
  RCS: "phone",
  WHATSAPP: "whatsapp",
  EMAIL: "email",
  CHAT: "chat",
};

/** SPEC §4: which identifier type a participant's address on this channel is. */
export function identifierTypeForChannel(channel: Channel): string {
  return identifierTypeByChannel[channel];
}

/**
 * Turns a raw identifier value into the one form it is stored and matched in (SPEC §4), or says
 * why it cannot be one. Pure and total: it never throws for bad input.
 */
export function normalizeIdentifier(value: string, normalization: IdentifierNormalization, options: NormalizeIdentifierOptions = {}): NormalizeIdentifierResult {
  if (value.length > MAX_RAW_INPUT_LENGTH) return { ok: false, reason: `is ${value.length} characters long; an identifier is at most ${MAX_IDENTIFIER_VALUE_LENGTH}` };
  const result = normalizeByKind(value, normalization, options);
  if (result.ok && result.value.length > MAX_IDENTIFIER_VALUE_LENGTH) {
    return { ok: false, reason: `is ${result.value.length} characters long after normalisation; an identifier is at most ${MAX_IDENTIFIER_VALUE_LENGTH}` };
  }
  return result;
}

function normalizeByKind(value: string, normalization: IdentifierNormalization, options: NormalizeIdentifierOptions): NormalizeIdentifierResult {
  switch (normalization) {
    case "email":
      return normalizeEmail(value);
    case "phone":
      return normalizePhone(value, options.defaultCountry ?? "US");
    case "trim": {
      const trimmed = value.trim();
      return trimmed ? { ok: true, value: trimmed } : { ok: false, reason: "is empty" };
    }
    case "none":
      // Kept exactly as given, but a blank value identifies no one.
      return value.trim() ? { ok: true, value } : { ok: false, reason: "is empty" };
  }
}

// Deliberately loose on the local part (RFC 5321 allows far more than any regex people write):
// one @, no whitespace, and a domain of dot-separated non-empty labels with at least one dot.
const emailShape = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

function normalizeEmail(value: string): NormalizeIdentifierResult {
  const email = value.trim().toLowerCase();
  if (!email) return { ok: false, reason: "is empty" };
  if (!emailShape.test(email)) return { ok: false, reason: "is not an email address (expected one @, no spaces, and a domain such as example.com)" };
  return { ok: true, value: email };
}

/*
 * Why isPossible() and not isValid(): isValid() checks the number against libphonenumber's table
 * of ranges currently assigned in each country. That table lags reality (new mobile ranges) and
 * excludes the ranges set aside for fiction and testing (UK 07700 900xxx, which our demo data and
 * many CRMs' test records use), so it would turn away real customers and seed data alike. An
 * identifier is a key to recognise someone by, not a number we must be able to dial, so the right
 * test is "could this be a complete number in that country" — isPossible(), a length check per
 * country — plus NANP's own structure rule below, which catches the classic `123-456-7890` junk.
 * Letters-only, too short ("555-0123") and too long strings all fail it.
 */
function normalizePhone(raw: string, defaultCountry: CountryCode): NormalizeIdentifierResult {
  const value = stripChannelScheme(raw).trim();
  if (!value) return { ok: false, reason: "is empty" };
  // extract: false — the whole value must be a phone number, not merely contain one ("call 415…").
  let phone = parsePhoneNumberFromString(value, { defaultCountry, extract: false });
  if (!phone?.isPossible()) {
    // Twilio reads a long digit string without "+" as international when it cannot be a national
    // number ("447700900123" from a spreadsheet that ate the plus sign).
    const digits = value.replace(/[\s().-]/g, "");
    if (/^[1-9]\d{10,14}$/.test(digits)) {
      const international = parsePhoneNumberFromString(`+${digits}`, { extract: false });
      if (international?.isPossible()) phone = international;
    }
  }
  if (!phone) return { ok: false, reason: "is not a phone number" };
  if (!phone.isPossible()) return { ok: false, reason: "is not a complete phone number (wrong number of digits for its country; numbers without a country code are read as US)" };
  if (phone.ext) return { ok: false, reason: `has an extension (${phone.ext}); a phone identifier must reach one person, and E.164 has no extensions` };
  // NANP numbers are NXX-NXX-XXXX: neither the area code nor the exchange starts with 0 or 1.
  if (phone.countryCallingCode === "1" && !/^[2-9]\d{2}[2-9]\d{6}$/.test(phone.nationalNumber)) {
    return { ok: false, reason: "is not a North American number (area code and exchange cannot start with 0 or 1)" };
  }
  return { ok: true, value: phone.number };
}
