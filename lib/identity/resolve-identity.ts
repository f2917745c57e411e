import { normalizeIdentifier } from "./normalize-identifier";
import type {
  DroppedIdentifier,
  EvictedIdentifier,
  IdentifierValue,
  IncomingIdentifier,
  InvalidIdentifier,
  MatchedProfile,
  ProposedMerge,
  ResolutionConflict,
  ResolutionDecision,
  ResolutionIdentifierConfig,
  ResolutionSettings,
} from "./resolution-types";

/*
 * SPEC §4 as one pure function: E's identifiers, the settings, and every existing profile that owns
 * one of E's values in → a decision out (create / attach / merge / propose) with its reasons. The
 * caller loads the profiles, applies the decision in one transaction, and stores the reasons.
 *
 * Readings of the SPEC where it is silent, decided here:
 * - An idType with no config is invalid (reported in `invalid`, so the API can answer 400): custom
 *   types such as user_id exist only once an admin configures them.
 * - `enforceUnique: false` types are attached but never used to match: such a value (a household
 *   landline) may belong to several people, and matching on it would merge them. The caller's unique
 *   index covers only enforceUnique values, so these may also be attached while others hold them.
 * - A unique value of a type that is not a matching rule, already held by another profile, is not
 *   attached (the unique index forbids two owners) and is reported as a conflict.
 * - If E itself carries more values of a `block` type than its limit (two user_ids), the first
 *   `limit` in E's order are kept and the rest refused before matching: E cannot be one person
 *   under that rule, and refusing the extras keeps every later step within the limit.
 * - A profile that already holds more values of a `block` type than the limit (the limit was lowered
 *   after the fact) is not punished for it: a merge or attach is blocked only when it would give the
 *   type more values than both the limit and what any one involved profile already holds.
 * - `lifo` (evict newest): when a full type receives a value, the most recently added value it
 *   holds makes room, so the oldest values are permanent and the last slot takes each newcomer.
 *   `fifo` evicts the oldest. The incoming value is always kept under both; `block` refuses it.
 * - A value E repeats that the target already holds keeps its original arrival time.
 * - E with no usable identifiers still resolves to `create` (a profile nobody can find by
 *   identifier); whether to create it is the caller's call (ingestion may prefer not to).
 */

export type ResolveIdentityOptions = {
  incoming: IncomingIdentifier[];
  settings: ResolutionSettings;
  /** Every profile that owns any of E's normalised values, with ALL its identifiers. */
  matches: MatchedProfile[];
};

/** E's identifiers after step 1: normalised, blocked and repeated values dropped, in E's order. */
export type PreparedIncomingIdentifiers = {
  identifiers: IdentifierValue[];
  invalid: InvalidIdentifier[];
  dropped: DroppedIdentifier[];
  conflicts: ResolutionConflict[];
  reasons: string[];
};

/**
 * Step 1 of SPEC §4 on its own, so the caller knows which (idType, value) pairs to load owners for
 * before calling resolveIdentity (which runs it again: it is cheap and keeps one entry point).
 */
export function prepareIncomingIdentifiers(incoming: IncomingIdentifier[], settings: ResolutionSettings): PreparedIncomingIdentifiers {
  const configByType = new Map(settings.identifierConfigs.map((config) => [config.idType, config]));
  const prepared: PreparedIncomingIdentifiers = { identifiers: [], invalid: [], dropped: [], conflicts: [], reasons: [] };
  const seen = new Set<string>();
  for (const { idType, value } of incoming) {
    const config = configByType.get(idType);
    if (!config) {
      const reason = `no identifier type "${idType}" is configured for this store`;
      prepared.invalid.push({ idType, value, reason });
      prepared.reasons.push(`ignored ${idType} "${value}": ${reason}`);
      continue;
    }
    const normalized = normalizeIdentifier(value, config.normalization);
    if (!normalized.ok) {
      prepared.invalid.push({ idType, value, reason: `${idType} "${value}" ${normalized.reason}` });
      prepared.reasons.push(`ignored ${idType} "${value}": it ${normalized.reason}`);
      continue;
    }
    const normalizedValue = normalized.value;
    if (blockedValuesOf(config).has(normalizedValue)) {
      prepared.dropped.push({ idType, value, normalizedValue, reason: "blocked" });
      prepared.reasons.push(`dropped ${idType} ${normalizedValue}: it is a blocked value, never used for matching`);
      continue;
    }
    const key = identifierKey(idType, normalizedValue);
    if (seen.has(key)) {
      prepared.dropped.push({ idType, value, normalizedValue, reason: "duplicate" });
      continue;
    }
    seen.add(key);
    if (config.limitPolicy === "block") {
      const kept = prepared.identifiers.filter((identifier) => identifier.idType === idType);
      if (kept.length >= config.limit) {
        const message = `E carries more ${idType} values than its limit of ${config.limit} (block): kept ${kept.map((identifier) => identifier.value).join(", ")}, refused ${normalizedValue}`;
        prepared.conflicts.push({ kind: "block_limit_refused", identifier: { idType, value: normalizedValue }, limit: config.limit, message });
        prepared.reasons.push(message);
        continue;
      }
    }
    prepared.identifiers.push({ idType, value: normalizedValue });
  }
  return prepared;
}

/** SPEC §4: who is E? Decides create / attach / merge / propose and explains every step. */
export function resolveIdentity({ incoming, settings, matches }: ResolveIdentityOptions): ResolutionDecision {
  const prepared = prepareIncomingIdentifiers(incoming, settings);
  const configByType = new Map(settings.identifierConfigs.map((config) => [config.idType, config]));
  const profiles = indexProfiles(matches);
  const reasons = [...prepared.reasons];
  const conflicts = [...prepared.conflicts];
  const incomingIdentifiers = prepared.identifiers;

  // ---- step 2: walk E's identifiers in matching-rule priority order
  const targets: IndexedProfile[] = [];
  const skipped: IndexedProfile[] = [];
  const matchList: ResolutionDecision["matches"] = [];
  const matchedBy = new Map<string, IdentifierValue[]>();
  const blockConfigs = orderedConfigs(settings).filter((config) => config.limitPolicy === "block");
  for (const idType of settings.matchingRules) {
    const config = configByType.get(idType);
    const ofType = incomingIdentifiers.filter((identifier) => identifier.idType === idType);
    if (!config || ofType.length === 0) continue;
    if (!config.enforceUnique) {
      reasons.push(`${idType} values may belong to several profiles (enforceUnique: false), so they are attached but never used to match`);
      continue;
    }
    for (const identifier of ofType) {
      for (const profile of ownersOf(profiles, identifier)) {
        matchList.push({ ...identifier, profileId: profile.profileId });
        const already = matchedBy.get(profile.profileId);
        if (already) {
          // Matching one profile through several identifiers counts once.
          already.push(identifier);
          continue;
        }
        matchedBy.set(profile.profileId, [identifier]);
        const violation = findBlockViolation(blockConfigs, targets, profile, incomingIdentifiers);
        if (!violation) {
          targets.push(profile);
          reasons.push(`matched ${profile.profileId} by ${identifier.idType} ${identifier.value}`);
          continue;
        }
        skipped.push(profile);
        const message = describeBlockViolation(violation, targets, profile, identifier, incomingIdentifiers);
        conflicts.push({
          kind: "merge_blocked",
          profileId: profile.profileId,
          matchedBy: identifier,
          limitedIdType: violation.config.idType,
          limit: violation.config.limit,
          existingValues: violation.existingValues,
          conflictingValues: violation.conflictingValues,
          message,
        });
        reasons.push(message);
      }
    }
  }

  // ---- step 3: create, attach, merge or propose
  let outcome: ResolutionDecision["outcome"];
  let targetProfile: IndexedProfile | null = null;
  let merge: ResolutionDecision["merge"] = null;
  const proposedMerges: ProposedMerge[] = [];
  // Profiles whose identifiers the target ends up holding (all targets once merged).
  let holders: IndexedProfile[] = [];
  if (targets.length === 0) {
    outcome = "create";
    reasons.push(incomingIdentifiers.length === 0 ? "created a new profile: E has no usable identifiers, so nothing could match" : "created a new profile: no existing profile could take E");
  } else if (targets.length === 1) {
    outcome = "attach";
    targetProfile = targets[0];
    holders = [targetProfile];
    reasons.push(`attached to ${targetProfile.profileId}`);
  } else {
    const [survivor, ...others] = [...targets].sort(byCreation);
    if (settings.mergeMode === "review") {
      outcome = "propose";
      // The walk added targets in priority order: the first is the highest-priority match.
      targetProfile = targets[0];
      holders = [targetProfile];
      for (const other of others) proposedMerges.push({ survivorProfileId: survivor.profileId, sourceProfileId: other.profileId, matchedBy: matchedBy.get(other.profileId) ?? [] });
      reasons.push(
        `review mode: attached to ${targetProfile.profileId} (the highest-priority match) and proposed merging ${others.map((other) => other.profileId).join(", ")} into ${survivor.profileId} (the earliest created)`,
      );
    } else {
      outcome = "merge";
      targetProfile = survivor;
      holders = targets;
      merge = { survivorProfileId: survivor.profileId, mergedProfileIds: others.map((other) => other.profileId) };
      reasons.push(`merged ${merge.mergedProfileIds.join(", ")} into ${survivor.profileId} (the earliest created)`);
    }
  }

  // ---- step 4: attach E's identifiers that no skipped profile owns, within each type's limit
  const holderIds = new Set(holders.map((holder) => holder.profileId));
  const targetIds = new Set(targets.map((target) => target.profileId));
  const skippedIds = new Set(skipped.map((profile) => profile.profileId));
  const held = new Set(holders.flatMap((holder) => holder.identifiers.map((identifier) => identifierKey(identifier.idType, identifier.value))));
  const candidates: IdentifierValue[] = [];
  for (const identifier of incomingIdentifiers) {
    if (held.has(identifierKey(identifier.idType, identifier.value))) continue;
    const config = configByType.get(identifier.idType)!;
    const owners = ownersOf(profiles, identifier).filter((owner) => !holderIds.has(owner.profileId));
    const skippedOwners = owners.filter((owner) => skippedIds.has(owner.profileId));
    if (skippedOwners.length > 0) {
      for (const owner of skippedOwners) {
        const message = `did not attach ${identifier.idType} ${identifier.value}: it belongs to ${owner.profileId}, which was kept apart`;
        conflicts.push({ kind: "owned_by_skipped_profile", profileId: owner.profileId, identifier, message });
        reasons.push(message);
      }
      continue;
    }
    if (config.enforceUnique && owners.length > 0) {
      for (const owner of owners) {
        if (targetIds.has(owner.profileId)) {
          reasons.push(`${identifier.idType} ${identifier.value} stays on ${owner.profileId} until the proposed merge is decided`);
          continue;
        }
        const message = `did not attach ${identifier.idType} ${identifier.value}: it already belongs to ${owner.profileId} and ${identifier.idType} is not a matching rule, so the two were not matched`;
        conflicts.push({ kind: "owned_by_other_profile", profileId: owner.profileId, identifier, message });
        reasons.push(message);
      }
      continue;
    }
    candidates.push(identifier);
  }
  const limited = applyLimits(orderedConfigs(settings), holders, candidates);
  conflicts.push(...limited.conflicts);
  for (const identifier of limited.added) reasons.push(`added ${identifier.idType} ${identifier.value}`);
  reasons.push(...limited.reasons);

  return {
    outcome,
    profileId: targetProfile?.profileId ?? null,
    merge,
    proposedMerges,
    matches: matchList,
    skippedProfileIds: skipped.map((profile) => profile.profileId),
    identifiersToAdd: limited.added,
    identifiersToEvict: limited.evicted,
    invalid: prepared.invalid,
    dropped: prepared.dropped,
    conflicts,
    reasons,
  };
}

// ------------------------------------------------------------------ helpers

type IndexedProfile = MatchedProfile & { keys: Set<string> };

function identifierKey(idType: string, value: string): string {
  return `${idType}\u0000${value}`;
}

// Earliest created first, ties by id: the survivor rule and every "which first" in this file.
function byCreation(a: MatchedProfile, b: MatchedProfile): number {
  return a.createdAt.getTime() - b.createdAt.getTime() || compareStrings(a.profileId, b.profileId);
}

// Code-unit order, not localeCompare: the same on every machine whatever its locale.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One entry per profile (a caller may list a profile twice), ordered by creation. */
function indexProfiles(matches: MatchedProfile[]): IndexedProfile[] {
  const byId = new Map<string, IndexedProfile>();
  for (const profile of matches) {
    const existing = byId.get(profile.profileId);
    const entry = existing ?? { ...profile, identifiers: [], keys: new Set<string>() };
    for (const identifier of profile.identifiers) {
      const key = identifierKey(identifier.idType, identifier.value);
      if (entry.keys.has(key)) continue;
      entry.keys.add(key);
      entry.identifiers.push(identifier);
    }
    byId.set(profile.profileId, entry);
  }
  return [...byId.values()].sort(byCreation);
}

function ownersOf(profiles: IndexedProfile[], identifier: IdentifierValue): IndexedProfile[] {
  const key = identifierKey(identifier.idType, identifier.value);
  return profiles.filter((profile) => profile.keys.has(key));
}

/** Configs in matching-rule order, then the others by name: a stable order for checks and output. */
function orderedConfigs(settings: ResolutionSettings): ResolutionIdentifierConfig[] {
  const rank = (idType: string) => {
    const index = settings.matchingRules.indexOf(idType);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...settings.identifierConfigs].sort((a, b) => rank(a.idType) - rank(b.idType) || compareStrings(a.idType, b.idType));
}

// Blocked values are configured by hand ("+1 303 555 0100"): compare them in normalised form.
// Cached per array, since a store may block up to 1,000 values and resolution runs per message.
const blockedValueCache = new WeakMap<string[], Set<string>>();

function blockedValuesOf(config: ResolutionIdentifierConfig): Set<string> {
  let blocked = blockedValueCache.get(config.blockedValues);
  if (!blocked) {
    blocked = new Set(
      config.blockedValues.map((value) => {
        const normalized = normalizeIdentifier(value, config.normalization);
        return normalized.ok ? normalized.value : value.trim();
      }),
    );
    blockedValueCache.set(config.blockedValues, blocked);
  }
  return blocked;
}

function distinctValues(idType: string, identifiers: Iterable<{ idType: string; value: string }>): string[] {
  const values: string[] = [];
  for (const identifier of identifiers) if (identifier.idType === idType && !values.includes(identifier.value)) values.push(identifier.value);
  return values;
}

type BlockViolation = { config: ResolutionIdentifierConfig; existingValues: string[]; conflictingValues: string[] };

/** Would target set + candidate + E hold more values of a `block` type than it may? */
function findBlockViolation(blockConfigs: ResolutionIdentifierConfig[], targets: IndexedProfile[], candidate: IndexedProfile, incoming: IdentifierValue[]): BlockViolation | null {
  for (const config of blockConfigs) {
    const existingValues = distinctValues(config.idType, [...incoming, ...targets.flatMap((target) => target.identifiers)]);
    const conflictingValues = distinctValues(config.idType, candidate.identifiers).filter((value) => !existingValues.includes(value));
    const largestHeld = Math.max(0, ...[...targets, candidate].map((profile) => distinctValues(config.idType, profile.identifiers).length));
    if (existingValues.length + conflictingValues.length > Math.max(config.limit, largestHeld)) return { config, existingValues, conflictingValues };
  }
  return null;
}

function describeBlockViolation(violation: BlockViolation, targets: IndexedProfile[], candidate: IndexedProfile, matchedBy: IdentifierValue, incoming: IdentifierValue[]): string {
  const { config, existingValues, conflictingValues } = violation;
  const idType = config.idType;
  const fromIncoming = distinctValues(idType, incoming);
  const holdingTargets = targets.filter((target) => distinctValues(idType, target.identifiers).some((value) => !fromIncoming.includes(value)));
  const holders = [...(fromIncoming.length > 0 ? ["E"] : []), ...holdingTargets.map((target) => target.profileId)];
  const subject = holders.length === 1 && holders[0] === "E" ? "E said" : holders.length === 1 ? `${holders[0]} has` : `${holders.join(" and ")} have`;
  const plural = config.limit === 1 ? "value" : "values";
  return (
    `${subject} ${idType}=${existingValues.join(", ")}, but ${candidate.profileId} (matched by ${matchedBy.idType} ${matchedBy.value}) ` +
    `has ${idType}=${conflictingValues.join(", ")}; ${idType} allows ${config.limit} ${plural} per profile (block), so ${candidate.profileId} was kept apart`
  );
}

type LimitResult = { added: IdentifierValue[]; evicted: EvictedIdentifier[]; conflicts: ResolutionConflict[]; reasons: string[] };

type Slot = { value: string; addedAt: number; arrival: string; ownerIds: string[]; isNew: boolean };

/**
 * Adds the candidates type by type as if they arrived one after another now, evicting per the
 * type's policy. Works on the holders' combined values, so a merge that brings more values than
 * the limit is trimmed too. Returns additions in E's order.
 */
function applyLimits(configs: ResolutionIdentifierConfig[], holders: IndexedProfile[], candidates: IdentifierValue[]): LimitResult {
  const result: LimitResult = { added: [], evicted: [], conflicts: [], reasons: [] };
  const kept = new Set<string>();
  for (const config of configs) {
    const incoming = candidates.filter((identifier) => identifier.idType === config.idType);
    const slots = existingSlots(config.idType, holders);
    const isOverLimit = slots.length > config.limit;
    if (incoming.length === 0 && !isOverLimit) continue;
    if (config.limitPolicy === "block") {
      // Never evicts. A profile already over the limit (lowered later) keeps what it has but may not grow.
      // Step 2 already kept apart any profile that would break the limit, so this is a safety net.
      const allowed = Math.max(config.limit, slots.length);
      for (const identifier of incoming) {
        if (slots.length >= allowed) {
          const message = `did not attach ${config.idType} ${identifier.value}: the profile already holds ${slots.map((slot) => slot.value).join(", ")} and ${config.idType} allows ${config.limit} (block)`;
          result.conflicts.push({ kind: "block_limit_refused", identifier, limit: config.limit, message });
          result.reasons.push(message);
          continue;
        }
        slots.push({ value: identifier.value, addedAt: Number.POSITIVE_INFINITY, arrival: "", ownerIds: [], isNew: true });
        kept.add(identifierKey(config.idType, identifier.value));
      }
      continue;
    }
    const policy = config.limitPolicy;
    const evictOne = (): void => {
      // fifo: the oldest goes; lifo: the newest goes (slots are kept in arrival order).
      const victim = policy === "fifo" ? slots.shift()! : slots.pop()!;
      if (victim.isNew) {
        kept.delete(identifierKey(config.idType, victim.value));
        result.reasons.push(`did not keep ${config.idType} ${victim.value}: a later value of E took its place (${policy}, limit ${config.limit})`);
        return;
      }
      for (const profileId of victim.ownerIds) result.evicted.push({ idType: config.idType, value: victim.value, profileId, policy });
      result.reasons.push(`evicted ${config.idType} ${victim.value} (${policy}: ${policy === "fifo" ? "oldest" : "newest"} of ${config.limit} allowed)`);
    };
    while (slots.length > config.limit) evictOne();
    for (const identifier of incoming) {
      if (slots.length >= config.limit) evictOne();
      slots.push({ value: identifier.value, addedAt: Number.POSITIVE_INFINITY, arrival: "", ownerIds: [], isNew: true });
      kept.add(identifierKey(config.idType, identifier.value));
    }
  }
  result.added = candidates.filter((identifier) => kept.has(identifierKey(identifier.idType, identifier.value)));
  return result;
}

/**
 * The holders' values of one type, oldest first, one slot per distinct value. Values added in the
 * same millisecond keep their arrival order (their time-ordered row ids); without ids, by value.
 */
function existingSlots(idType: string, holders: IndexedProfile[]): Slot[] {
  const byValue = new Map<string, Slot>();
  for (const holder of holders) {
    for (const identifier of holder.identifiers) {
      if (identifier.idType !== idType) continue;
      const addedAt = identifier.addedAt.getTime();
      const arrival = identifier.id ?? "";
      const slot = byValue.get(identifier.value);
      if (slot) {
        if (addedAt < slot.addedAt || (addedAt === slot.addedAt && compareStrings(arrival, slot.arrival) < 0)) Object.assign(slot, { addedAt, arrival });
        slot.ownerIds.push(holder.profileId);
      } else {
        byValue.set(identifier.value, { value: identifier.value, addedAt, arrival, ownerIds: [holder.profileId], isNew: false });
      }
    }
  }
  return [...byValue.values()].sort((a, b) => a.addedAt - b.addedAt || compareStrings(a.arrival, b.arrival) || compareStrings(a.value, b.value));
}
