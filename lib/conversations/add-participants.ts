import { Prisma, type Participant } from "../db/generated/client";
import { sqlJson, sqlTimestamp } from "../db/sql-values";
import type { Tx } from "../db/transaction";
import type { Actor } from "../auth/actor";
import type { FieldIssue } from "../errors";
import { newId } from "../ids";
import type { IdentityResolutionSettingsView } from "../identity/identity-settings-view";
import { identifierTypeForChannel, stripChannelScheme } from "../identity/normalize-identifier";
import { prepareIncomingIdentifiers } from "../identity/resolve-identity";
import { resolveRecord } from "../identity/resolve-record";
import { addressMatchKey, type NormalizationByIdType } from "./address-match-key";
import type { AddressView } from "./conversation-view";
import type { ParticipantInput } from "./conversation-schemas";

export type AddParticipantsOptions = {
  storeId: string;
  conversationId: string;
  participants: ParticipantInput[];
  /** The conversation's participants so far: an incoming one that matches one of them is that one. */
  existing: Participant[];
  settings: IdentityResolutionSettingsView;
  normalizations: NormalizationByIdType;
  actor: Actor;
  requestId?: string;
};

export type AddParticipantsResult = {
  /** One per incoming participant, in order: the matched existing row or the new one. */
  participants: Participant[];
  added: Participant[];
  /** Addresses that identify no one (unparseable, blocked) and resolution conflicts, per participant. */
  warnings: FieldIssue[];
  /** A resolution merged profiles (participants stored earlier may now point at another profile). */
  merged: boolean;
};

function keysOf(addresses: AddressView[], normalizations: NormalizationByIdType): Set<string> {
  return new Set(addresses.map((entry) => addressMatchKey(entry.channel, entry.address, normalizations)));
}

/**
 * An incoming participant is an existing one when both have the same type and share an address
 * (after normalisation), or — for participants without addresses, such as a bot — the same name.
 */
function findSameParticipant(pool: Participant[], input: ParticipantInput, normalizations: NormalizationByIdType): Participant | undefined {
  const inputKeys = keysOf(input.addresses, normalizations);
  return pool.find((candidate) => {
    if (candidate.type !== input.type) return false;
    const candidateAddresses = (candidate.addresses ?? []) as AddressView[];
    if (inputKeys.size === 0) return candidateAddresses.length === 0 && candidate.name === (input.name ?? null);
    return [...keysOf(candidateAddresses, normalizations)].some((key) => inputKeys.has(key));
  });
}

/**
 * Adds a conversation's participants inside the caller's transaction, resolving each new one's
 * addresses as SPEC §4 says: a CUSTOMER is resolved (all its addresses are one record, so a
 * customer with a phone and an e-mail is one profile) and created when nothing matches; an
 * UNKNOWN is only looked up; agents are never resolved. A customer none of whose addresses can
 * identify anyone (unparseable, blocked) is still recorded — the resolution record keeps the
 * conflict — but no empty, unfindable profile is created for it.
 */
export async function addParticipants(tx: Tx, options: AddParticipantsOptions): Promise<AddParticipantsResult> {
  const { storeId, conversationId, settings, normalizations, actor, requestId } = options;
  const pool = [...options.existing];
  const participants: Participant[] = [];
  const added: Participant[] = [];
  const warnings: FieldIssue[] = [];
  let merged = false;
  const baseTime = Date.now();
  // New rows are inserted together (one statement), but before any later resolution: a merge
  // moves the conversation links of the profiles it folds, which must include earlier rows.
  let unsaved: Participant[] = [];
  const save = async () => {
    if (unsaved.length === 0) return;
    const rows = unsaved.map(
      (row) =>
        Prisma.sql`(${row.storeId}, ${row.id}, ${row.conversationId}, ${row.type}::"ParticipantType", ${row.name}, ${sqlJson(row.addresses)}, ${row.profileId}, ${row.resolutionId}, ${sqlTimestamp(row.createdAt)})`,
    );
    await tx.$executeRaw`INSERT INTO "participants" ("storeId", "id", "conversationId", "type", "name", "addresses", "profileId", "resolutionId", "createdAt") VALUES ${Prisma.join(rows)}`;
    unsaved = [];
  };

  for (const [index, input] of options.participants.entries()) {
    const same = findSameParticipant(pool, input, normalizations);
    if (same) {
      participants.push(same);
      continue;
    }
    const id = newId("participant");
    let profileId: string | null = null;
    let resolutionId: string | null = null;
    const path = `participants.${index}.addresses`;
    if ((input.type === "CUSTOMER" || input.type === "UNKNOWN") && input.addresses.length > 0) {
      const incoming = input.addresses.map((entry) => ({ idType: identifierTypeForChannel(entry.channel), value: stripChannelScheme(entry.address) }));
      const usable = prepareIncomingIdentifiers(incoming, settings).identifiers.length > 0;
      await save();
      const resolution = await resolveRecord(tx, {
        storeId,
        incoming,
        source: "CONVERSATION",
        sourceRef: id,
        createIfMissing: input.type === "CUSTOMER" && usable,
        actor,
        requestId,
        settings,
      });
      profileId = resolution.profileId;
      resolutionId = resolution.resolutionId;
      if (resolution.decision.merge) merged = true;
      for (const invalid of resolution.decision.invalid) warnings.push({ path, message: `not used to identify the participant: ${invalid.reason}` });
      for (const dropped of resolution.decision.dropped) if (dropped.reason === "blocked") warnings.push({ path, message: `${dropped.idType} ${dropped.normalizedValue} is a blocked value, not used to identify the participant` });
      for (const conflict of resolution.decision.conflicts) warnings.push({ path, message: conflict.message });
      if (input.type === "CUSTOMER" && !usable) warnings.push({ path, message: "no address can identify this customer, so it is not linked to a profile" });
    }
    const row: Participant = {
      storeId,
      id,
      conversationId,
      type: input.type,
      name: input.name ?? null,
      // As the database returns it: JSON.
      addresses: JSON.parse(JSON.stringify(input.addresses)) as Prisma.JsonValue,
      profileId,
      resolutionId,
      // Distinct, increasing times keep the request's order as the participants' order.
      createdAt: new Date(baseTime + index),
    };
    unsaved.push(row);
    pool.push(row);
    participants.push(row);
    added.push(row);
  }
  await save();
  return { participants, added, warnings, merged };
}
