import { fromString, typeid } from "typeid-js";
import { AppError } from "./errors";

/**
 * TypeID prefixes. The first seven are Twilio's (SPEC §2); the rest name Kith's own resources the
 * same way so every id says what it is.
 */
export const idPrefixes = {
  store: "mem_store",
  profile: "mem_profile",
  observation: "mem_observation",
  summary: "mem_summary",
  conversation: "conv_conversation",
  participant: "conv_participant",
  communication: "conv_communication",
  identifier: "mem_identifier",
  traitGroup: "mem_traitgroup",
  trait: "mem_trait",
  merge: "mem_merge",
  resolution: "mem_resolution",
  revision: "mem_revision",
  auditEvent: "kith_audit",
  apiKey: "kith_key",
  user: "kith_user",
  job: "kith_job",
  extractionRun: "kith_extraction",
  traitCandidate: "mem_traitcandidate",
} as const;

export type IdKind = keyof typeof idPrefixes;

/** A new, time-sortable id of the given kind (`mem_store_01h…`). */
export function newId(kind: IdKind): string {
  return typeid(idPrefixes[kind]).toString();
}

/** True when `value` is a well-formed TypeID of the given kind. */
export function isIdOf(kind: IdKind, value: string): boolean {
  try {
    fromString(value, idPrefixes[kind]);
    return true;
  } catch {
    return false;
  }
}

/**
 * A malformed id cannot name anything, so it answers as "not found" (like Twilio), not as a
 * validation error: callers cannot tell a typo from a missing resource from another store's id.
 */
export function assertIdOf(kind: IdKind, value: string, label: string): void {
  if (!isIdOf(kind, value)) throw new AppError("not_found", `${label} not found`);
}
