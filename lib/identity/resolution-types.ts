import type { IdentifierConfigInput } from "./identity-settings-schemas";

/** The part of an identifier config resolution reads (the settings view and its input both fit). */
export type ResolutionIdentifierConfig = Pick<IdentifierConfigInput, "idType" | "normalization" | "limit" | "limitPolicy" | "enforceUnique" | "blockedValues">;

export type ResolutionSettings = {
  identifierConfigs: ResolutionIdentifierConfig[];
  /** Identifier types used for matching, highest priority first. */
  matchingRules: string[];
  mergeMode: "auto" | "review";
};

/** One identifier as the incoming record E carried it (raw: not yet normalised). */
export type IncomingIdentifier = { idType: string; value: string };

/** A normalised identifier value of a configured type. */
export type IdentifierValue = { idType: string; value: string };

/** An existing profile that owns at least one of E's normalised values, with ALL its identifiers. */
export type MatchedProfile = {
  profileId: string;
  createdAt: Date;
  /**
   * Oldest first. `id` is the identifier's row id: time-ordered (UUIDv7, increasing within a
   * process), it keeps the arrival order of values added in the same millisecond.
   */
  identifiers: { idType: string; value: string; addedAt: Date; id?: string }[];
};

export type InvalidIdentifier = { idType: string; value: string; reason: string };

/** A value left out before matching: blocked by the store, or a repeat of one already in E. */
export type DroppedIdentifier = { idType: string; value: string; normalizedValue: string; reason: "blocked" | "duplicate" };

export type ResolutionConflict =
  | {
      /** Q matched, but taking it into the target set would break a `block` limit: Q was kept apart. */
      kind: "merge_blocked";
      profileId: string;
      matchedBy: IdentifierValue;
      limitedIdType: string;
      limit: number;
      /** The limited type's values already on the target set and E … */
      existingValues: string[];
      /** … and Q's values that would have joined them. */
      conflictingValues: string[];
      message: string;
    }
  | {
      /** E's value belongs to a profile that was kept apart, so it is not attached anywhere. */
      kind: "owned_by_skipped_profile";
      profileId: string;
      identifier: IdentifierValue;
      message: string;
    }
  | {
      /** A unique value of a type not used for matching already belongs to another profile. */
      kind: "owned_by_other_profile";
      profileId: string;
      identifier: IdentifierValue;
      message: string;
    }
  | {
      /** Attaching the value would exceed its type's `block` limit: refused, never evicting. */
      kind: "block_limit_refused";
      identifier: IdentifierValue;
      limit: number;
      message: string;
    };

/** An identifier to delete because its type's fifo/lifo limit is full; `profileId` owns it now. */
export type EvictedIdentifier = IdentifierValue & { profileId: string; policy: "fifo" | "lifo" };

/** A PENDING merge for an admin (review mode); approving it folds the source into the survivor. */
export type ProposedMerge = { survivorProfileId: string; sourceProfileId: string; matchedBy: IdentifierValue[] };

export type ResolutionOutcome = "create" | "attach" | "merge" | "propose";

/** What to do with one incoming record, and why: plain data the caller applies in one transaction. */
export type ResolutionDecision = {
  outcome: ResolutionOutcome;
  /** The profile E ends up in: null when a new one is to be created. */
  profileId: string | null;
  /** For `merge`: the earliest-created target survives, the others are folded into it. */
  merge: { survivorProfileId: string; mergedProfileIds: string[] } | null;
  /** For `propose`: one PENDING merge per profile that would be folded into the survivor. */
  proposedMerges: ProposedMerge[];
  /** Which of E's identifiers matched which profile, in matching-rule priority order. */
  matches: (IdentifierValue & { profileId: string })[];
  /** Profiles E matched but that were kept apart (see `conflicts`). */
  skippedProfileIds: string[];
  /** Normalised values to add to the target, in E's order, none already on it. */
  identifiersToAdd: IdentifierValue[];
  identifiersToEvict: EvictedIdentifier[];
  invalid: InvalidIdentifier[];
  dropped: DroppedIdentifier[];
  conflicts: ResolutionConflict[];
  /** Human sentences explaining every step, in the order they were taken. */
  reasons: string[];
};
