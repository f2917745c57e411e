import { prepareIncomingIdentifiers, resolveIdentity } from "./resolve-identity";
import type { IncomingIdentifier, MatchedProfile, ResolutionDecision, ResolutionOutcome, ResolutionSettings } from "./resolution-types";

/*
 * The dry run's pure core: replays recorded traffic, in order and from an empty store, through the
 * pure resolver twice — under the current settings and under edited ones — and reports what would
 * come out differently. Nothing here reads or writes a database.
 *
 * Readings decided here:
 * - Both replays start from nothing, so they answer "had these rules applied to this traffic", not
 *   "what happens to the profiles stored today" (those also hold traffic older than the window).
 * - A replayed profile is named after the record that created it (`P0012`: record 12 of the window),
 *   so the same traffic gives the same names in both replays and the reasons can be read side by side.
 *   The names sort in creation order, which the resolver's survivor rule relies on for ties.
 * - Records are compared by whom they end up with: two records are "together" when they end in one
 *   profile after every merge of the replay. A group of records that one replay keeps together and
 *   the other keeps apart is a merge (together only under the edited rules) or a split (only under
 *   the current ones).
 */

/** One recorded resolution as the replay needs it: what E carried, in arrival order. */
export type ReplayRecord = {
  id: string;
  /** E's identifiers as received (the replay normalises them under each settings). */
  incoming: IncomingIdentifier[];
  /** False for a lookup that may not create a profile (an UNKNOWN participant). */
  createIfMissing: boolean;
  createdAt: Date;
  source: string;
  sourceRef: string | null;
};

/** Something a record said that the rules refused: a value they reject, block, or keep apart. */
export type ReplayIssue = {
  kind: "invalid" | "blocked" | "merge_blocked" | "block_limit_refused" | "owned_by_skipped_profile" | "owned_by_other_profile";
  idType: string;
  value: string;
  message: string;
};

/** How one record came out of one replay. */
export type ReplayedRecord = {
  recordId: string;
  outcome: ResolutionOutcome | "not_found";
  /** The replayed profile the record ends in after every later merge; null for a lookup that found nothing. */
  profileId: string | null;
  issues: ReplayIssue[];
};

export type ReplaySummary = {
  /** Profiles left at the end of the replay. */
  profileCount: number;
  /** Merges the replay applied (auto mode) … */
  mergeCount: number;
  /** … and merges it would have filed for review (review mode). */
  proposedMergeCount: number;
  /** Records with at least one issue. */
  recordsWithIssues: number;
};

/** A record as the report shows it. */
export type DryRunRecordRef = {
  recordId: string;
  /** 1-based position in the replayed window (oldest first): what the P-names refer to. */
  position: number;
  createdAt: Date;
  source: string;
  sourceRef: string | null;
  incoming: IncomingIdentifier[];
};

export type DryRunChangedRecord = DryRunRecordRef & {
  before: { outcome: ReplayedRecord["outcome"]; profileId: string | null; sharedWith: number };
  after: { outcome: ReplayedRecord["outcome"]; profileId: string | null; sharedWith: number };
};

/** Groups of records one replay keeps apart and the other puts in one profile. */
export type DryRunGroupChange = {
  /** The groups as the replay that keeps them apart has them (at least two). */
  groups: { profileId: string; recordCount: number; records: DryRunRecordRef[] }[];
  /** The profile they share in the other replay. */
  sharedProfileId: string;
  /** How many pairs of records change sides: Σ over pairs of groups of the product of their sizes. */
  pairCount: number;
};

export type DryRunIssueChange = DryRunRecordRef & { issues: ReplayIssue[] };

export type DryRunReport = {
  recordCount: number;
  before: ReplaySummary;
  after: ReplaySummary;
  /** Records whose profile would be shared with a different set of records (or none). */
  changedRecordCount: number;
  changedRecords: DryRunChangedRecord[];
  /** Together only under the edited settings. */
  mergeCount: number;
  mergedPairCount: number;
  merges: DryRunGroupChange[];
  /** Together only under the current settings. */
  splitCount: number;
  splitPairCount: number;
  splits: DryRunGroupChange[];
  /** Records the edited settings would refuse something of that the current ones accept: the new issues. */
  newlyRejectedCount: number;
  newlyRejected: DryRunIssueChange[];
  /** The reverse: issues under the current settings that the edited ones no longer have. */
  noLongerRejectedCount: number;
  noLongerRejected: DryRunIssueChange[];
  /** How many of each list the report carries at most (the counts above are always complete). */
  exampleLimit: number;
};

export const DRY_RUN_EXAMPLE_LIMIT = 50;
/** Records listed per group of a merge or split. */
const RECORDS_PER_GROUP = 5;

export type CompareIdentitySettingsReplaysOptions = {
  /** Oldest first: the order they were resolved in. */
  records: ReplayRecord[];
  currentSettings: ResolutionSettings;
  editedSettings: ResolutionSettings;
  exampleLimit?: number;
};

/** Replays the records under both settings and reports the differences (pure). */
export function compareIdentitySettingsReplays({ records, currentSettings, editedSettings, exampleLimit = DRY_RUN_EXAMPLE_LIMIT }: CompareIdentitySettingsReplaysOptions): DryRunReport {
  const before = replayRecords(records, currentSettings);
  const after = replayRecords(records, editedSettings);
  const refs = records.map((record, index): DryRunRecordRef => ({
    recordId: record.id,
    position: index + 1,
    createdAt: record.createdAt,
    source: record.source,
    sourceRef: record.sourceRef,
    incoming: record.incoming,
  }));

  const beforeMembers = membersByProfile(before.records);
  const afterMembers = membersByProfile(after.records);
  const changedRecords: DryRunChangedRecord[] = [];
  let changedRecordCount = 0;
  records.forEach((_, index) => {
    const old = before.records[index];
    const edited = after.records[index];
    if (sameMembers(old.profileId ? beforeMembers.get(old.profileId)! : null, edited.profileId ? afterMembers.get(edited.profileId)! : null)) return;
    changedRecordCount++;
    if (changedRecords.length >= exampleLimit) return;
    changedRecords.push({
      ...refs[index],
      before: { outcome: old.outcome, profileId: old.profileId, sharedWith: old.profileId ? beforeMembers.get(old.profileId)!.length - 1 : 0 },
      after: { outcome: edited.outcome, profileId: edited.profileId, sharedWith: edited.profileId ? afterMembers.get(edited.profileId)!.length - 1 : 0 },
    });
  });

  const merges = groupChanges(afterMembers, before.records, refs);
  const splits = groupChanges(beforeMembers, after.records, refs);

  const newlyRejected: DryRunIssueChange[] = [];
  const noLongerRejected: DryRunIssueChange[] = [];
  let newlyRejectedCount = 0;
  let noLongerRejectedCount = 0;
  records.forEach((_, index) => {
    const oldKeys = new Set(before.records[index].issues.map(issueKey));
    const newKeys = new Set(after.records[index].issues.map(issueKey));
    const added = after.records[index].issues.filter((issue) => !oldKeys.has(issueKey(issue)));
    const removed = before.records[index].issues.filter((issue) => !newKeys.has(issueKey(issue)));
    if (added.length > 0) {
      newlyRejectedCount++;
      if (newlyRejected.length < exampleLimit) newlyRejected.push({ ...refs[index], issues: added });
    }
    if (removed.length > 0) {
      noLongerRejectedCount++;
      if (noLongerRejected.length < exampleLimit) noLongerRejected.push({ ...refs[index], issues: removed });
    }
  });

  return {
    recordCount: records.length,
    before: before.summary,
    after: after.summary,
    changedRecordCount,
    changedRecords,
    mergeCount: merges.length,
    mergedPairCount: merges.reduce((sum, change) => sum + change.pairCount, 0),
    merges: merges.slice(0, exampleLimit),
    splitCount: splits.length,
    splitPairCount: splits.reduce((sum, change) => sum + change.pairCount, 0),
    splits: splits.slice(0, exampleLimit),
    newlyRejectedCount,
    newlyRejected,
    noLongerRejectedCount,
    noLongerRejected,
    exampleLimit,
  };
}

// ------------------------------------------------------------------ one replay

type ReplayedProfile = MatchedProfile;

export type Replay = { records: ReplayedRecord[]; summary: ReplaySummary };

/** Resolves the records one after another against an in-memory store that starts empty. */
export function replayRecords(records: ReplayRecord[], settings: ResolutionSettings): Replay {
  const profiles = new Map<string, ReplayedProfile>();
  const owners = new Map<string, Set<string>>();
  const mergedInto = new Map<string, string>();
  let arrival = 0;
  let mergeCount = 0;
  let proposedMergeCount = 0;
  const nextArrivalId = () => String(++arrival).padStart(8, "0");

  const own = (idType: string, value: string, profileId: string) => {
    const key = identifierKey(idType, value);
    let set = owners.get(key);
    if (!set) owners.set(key, (set = new Set()));
    set.add(profileId);
  };
  const disown = (idType: string, value: string, profileId: string) => owners.get(identifierKey(idType, value))?.delete(profileId);

  const replayed: { recordId: string; outcome: ReplayedRecord["outcome"]; profileId: string | null; issues: ReplayIssue[] }[] = [];
  records.forEach((record, index) => {
    const prepared = prepareIncomingIdentifiers(record.incoming, settings);
    const matchedIds = new Set<string>();
    for (const identifier of prepared.identifiers) for (const profileId of owners.get(identifierKey(identifier.idType, identifier.value)) ?? []) matchedIds.add(profileId);
    // Copies: the resolver reads them, and the replay changes its own profiles below.
    const matches = [...matchedIds].map((profileId) => {
      const profile = profiles.get(profileId)!;
      return { ...profile, identifiers: profile.identifiers.map((identifier) => ({ ...identifier })) };
    });
    const decision = resolveIdentity({ incoming: record.incoming, settings, matches });
    const issues = issuesOf(decision);

    if (decision.outcome === "create" && !record.createIfMissing) {
      replayed.push({ recordId: record.id, outcome: "not_found", profileId: null, issues });
      return;
    }
    let profileId = decision.profileId;
    if (decision.outcome === "create") {
      profileId = replayedProfileName(index + 1);
      profiles.set(profileId, { profileId, createdAt: record.createdAt, identifiers: [] });
    }
    // As resolveRecord applies a decision: evictions, then merges, then additions.
    for (const evicted of decision.identifiersToEvict) {
      const profile = profiles.get(evicted.profileId);
      if (!profile) continue;
      profile.identifiers = profile.identifiers.filter((identifier) => identifier.idType !== evicted.idType || identifier.value !== evicted.value);
      disown(evicted.idType, evicted.value, evicted.profileId);
    }
    if (decision.merge) {
      const survivor = profiles.get(decision.merge.survivorProfileId)!;
      for (const sourceId of decision.merge.mergedProfileIds) {
        const source = profiles.get(sourceId)!;
        // A value both hold (enforceUnique: false types) stays once, as mergeProfileInto keeps it.
        const held = new Set(survivor.identifiers.map((identifier) => identifierKey(identifier.idType, identifier.value)));
        for (const identifier of source.identifiers) {
          disown(identifier.idType, identifier.value, sourceId);
          own(identifier.idType, identifier.value, survivor.profileId);
          if (!held.has(identifierKey(identifier.idType, identifier.value))) survivor.identifiers.push(identifier);
        }
        survivor.identifiers.sort((a, b) => a.addedAt.getTime() - b.addedAt.getTime() || compareStrings(a.id ?? "", b.id ?? ""));
        profiles.delete(sourceId);
        mergedInto.set(sourceId, survivor.profileId);
        mergeCount++;
      }
    }
    proposedMergeCount += decision.proposedMerges.length;
    const target = profileId ? profiles.get(profileId) : undefined;
    if (target) {
      for (const identifier of decision.identifiersToAdd) {
        target.identifiers.push({ idType: identifier.idType, value: identifier.value, addedAt: record.createdAt, id: nextArrivalId() });
        own(identifier.idType, identifier.value, target.profileId);
      }
    }
    replayed.push({ recordId: record.id, outcome: decision.outcome, profileId, issues });
  });

  // Where each record ends up: through every merge that happened after it.
  const finalProfile = (profileId: string): string => {
    let current = profileId;
    for (let next = mergedInto.get(current); next; next = mergedInto.get(current)) current = next;
    return current;
  };
  const results = replayed.map((record) => ({ ...record, profileId: record.profileId ? finalProfile(record.profileId) : null }));
  return {
    records: results,
    summary: { profileCount: profiles.size, mergeCount, proposedMergeCount, recordsWithIssues: results.filter((record) => record.issues.length > 0).length },
  };
}

/** `P0012`: the profile record 12 of the window created. Zero-padded so names sort in creation order. */
export function replayedProfileName(position: number): string {
  return `P${String(position).padStart(4, "0")}`;
}

function issuesOf(decision: ResolutionDecision): ReplayIssue[] {
  const issues: ReplayIssue[] = [];
  for (const invalid of decision.invalid) issues.push({ kind: "invalid", idType: invalid.idType, value: invalid.value, message: invalid.reason });
  for (const dropped of decision.dropped) {
    if (dropped.reason !== "blocked") continue;
    issues.push({ kind: "blocked", idType: dropped.idType, value: dropped.normalizedValue, message: `${dropped.idType} ${dropped.normalizedValue} is a blocked value, never used for matching` });
  }
  for (const conflict of decision.conflicts) {
    const identifier = conflict.kind === "merge_blocked" ? conflict.matchedBy : conflict.identifier;
    issues.push({ kind: conflict.kind, idType: identifier.idType, value: identifier.value, message: conflict.message });
  }
  return issues;
}

// Profile names differ between the replays, so an issue is the same issue by its kind and value.
function issueKey(issue: ReplayIssue): string {
  return `${issue.kind}\u0000${issue.idType}\u0000${issue.value}`;
}

function identifierKey(idType: string, value: string): string {
  return `${idType}\u0000${value}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Record indexes per final profile, in record order. */
function membersByProfile(records: ReplayedRecord[]): Map<string, number[]> {
  const members = new Map<string, number[]>();
  records.forEach((record, index) => {
    if (!record.profileId) return;
    const list = members.get(record.profileId);
    if (list) list.push(index);
    else members.set(record.profileId, [index]);
  });
  return members;
}

function sameMembers(a: number[] | null, b: number[] | null): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * Each profile of `together` whose records the other replay (`apart`) spreads over several
 * profiles: those profiles' groups, largest first. Records with no profile in `apart` are left out.
 */
function groupChanges(together: Map<string, number[]>, apart: ReplayedRecord[], refs: DryRunRecordRef[]): DryRunGroupChange[] {
  const changes: DryRunGroupChange[] = [];
  for (const [sharedProfileId, members] of together) {
    const groups = new Map<string, number[]>();
    for (const index of members) {
      const profileId = apart[index].profileId;
      if (!profileId) continue;
      const list = groups.get(profileId);
      if (list) list.push(index);
      else groups.set(profileId, [index]);
    }
    if (groups.size < 2) continue;
    const sizes = [...groups.values()].map((group) => group.length);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const pairCount = sizes.reduce((sum, size) => sum + size * (total - size), 0) / 2;
    changes.push({
      sharedProfileId,
      pairCount,
      groups: [...groups.entries()]
        .sort((a, b) => b[1].length - a[1].length || a[1][0] - b[1][0])
        .map(([profileId, indexes]) => ({ profileId, recordCount: indexes.length, records: indexes.slice(0, RECORDS_PER_GROUP).map((index) => refs[index]) })),
    });
  }
  return changes.sort((a, b) => b.pairCount - a.pairCount || a.groups[0].records[0].position - b.groups[0].records[0].position);
}
