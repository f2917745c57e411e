import type { Channel } from "../db/generated/enums";
import { identifierTypeForChannel, normalizeIdentifier, stripChannelScheme, type IdentifierNormalization } from "../identity/normalize-identifier";

/** The store's normalisation per identifier type (from its identity resolution settings). */
export type NormalizationByIdType = ReadonlyMap<string, IdentifierNormalization>;

/**
 * The key under which two channel addresses are "the same address": the identifier type of the
 * channel plus the value normalised as the store normalises that type. So `+1 (415) 555-0123` on
 * SMS, `14155550123` on VOICE and `tel:+14155550123` are one address, `whatsapp:+44…` matches
 * `+44…` on WhatsApp, and e-mail is case-blind. An address that cannot be normalised still has a
 * key (its scheme-less, trimmed, lower-cased text), so an author can name such a participant too.
 */
export function addressMatchKey(channel: Channel, address: string, normalizations: NormalizationByIdType): string {
  const idType = identifierTypeForChannel(channel);
  const normalized = normalizeIdentifier(stripChannelScheme(address), normalizations.get(idType) ?? "trim");
  return `${idType}\u0000${normalized.ok ? normalized.value : stripChannelScheme(address).trim().toLowerCase()}`;
}
