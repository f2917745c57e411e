import type { Tx } from "../db/transaction";
import { getPrisma } from "../db/client";
import { newId } from "../ids";
import type { Actor } from "../auth/actor";
import { toAuditEventRow } from "../audit/record-audit-event";
import { dateFromJson } from "../identity/identity-settings-view";
import { prepareIncomingIdentifiers, resolveIdentity } from "../identity/resolve-identity";
import {
  applyResolutionDecision,
  describeResolution,
  lockIdentifierValues,
  ResolutionRaceError,
  withResolutionRetry,
  type ResolutionRecordContent,
  type ResolutionSource,
} from "../identity/resolve-record";
import type { IdentifierValue, IncomingIdentifier, MatchedProfile, ResolutionDecision, ResolutionSettings } from "../identity/resolution-types";
import { DUPLICATE_EVIDENCE_SQL_PATTERN, isDuplicateEvidence, normalizeForComparison, proposeDuplicateMerges } from "../merges/propose-duplicate-merges";
import type { TraitValueChange } from "../traits/validate-trait-values";
import { displayNameOf } from "../traits/refresh-display-name";
import { writeTraitValues, type TraitValueSource } from "./write-trait-values";

/** One profile write, validated: E's identifiers (the promoted traits) and the trait values to set. */
export type ProfileWrite = {
  incoming: IncomingIdentifier[];
  /** Values to set (no removals: a create or bulk row only sets). */
  values: TraitValueChange[];
  /** What the write was (a bulk row number …), stored with the resolution. */
  sourceRef?: string;
};

export type ProfileWriteResult = {
  profileId: string;
  created: boolean;
  outcome: ResolutionDecision["outcome"];
  conflicts: string[];
};

export type CreateOrResolveProfilesOptions = {
  storeId: string;
  writes: ProfileWrite[];
  /** The store's identity resolution settings, as the writes were validated against. */
  settings: ResolutionSettings;
  actor: Actor;
  requestId?: string;
  source: ResolutionSource & TraitValueSource;
};

/** Rows per transaction: bounds how long one batch holds its locks (at least 1 ms per row: RowClock). */
const MAX_ROWS_PER_TRANSACTION = 100;

/**
 * Resolves profile writes (POST …/Profiles, bulk rows) one after another, each against the state
 * the earlier ones left, exactly as if each ran `resolveRecord` + `writeTraitValues` +
 * `proposeDuplicateMerges` in its own transaction — but with a handful of statements per batch
 * of rows instead of ten per row:
 *
 * 1. one transaction per batch locks every identifier value of the batch (the same sorted
 *    advisory locks as `resolveRecord`, all at once, so batches cannot deadlock on them), finds
 *    their owners and row-locks those profiles (one statement), then reads the locked profiles'
 *    identifiers, Contact names and duplicate-evidence traits (one statement);
 * 2. rows are decided in order by `resolveIdentity` against that state, kept up to date in memory
 *    with each row's own effects (new profiles, identifiers added and evicted, trait values,
 *    display names) — nobody else can change it: the values are locked, the profiles row-locked;
 * 3. everything the rows wrote goes out in one statement (plus one delete when values were evicted).
 *
 * A row the in-memory state cannot apply ends its batch: a merge or a merge proposal is applied by
 * `applyResolutionDecision` itself after the batch is written (on the decision made from the same
 * state), and a row whose profile could be a duplicate by name (a name and an evidence trait) has
 * `proposeDuplicateMerges` run for it once its batch is written. The next row starts a new batch.
 * A lost race (a matched profile vanished, a unique violation) retries the whole batch.
 */
export async function createOrResolveProfiles(options: CreateOrResolveProfilesOptions): Promise<ProfileWriteResult[]> {
  const prisma = await getPrisma();
  const clock = new RowClock();
  const results: ProfileWriteResult[] = [];
  while (results.length < options.writes.length) {
    const pending = options.writes.slice(results.length, results.length + MAX_ROWS_PER_TRANSACTION);
    results.push(...(await withResolutionRetry(prisma, (tx) => writeBatch(tx, options, pending, clock))));
  }
  return results;
}

/**
 * One millisecond per row, never going back: rows of a batch are decided microseconds apart, but
 * they must keep the order separate transactions would give them wherever times are compared —
 * identifiers' arrival order (fifo/lifo) and, when profiles merge later, "the newer trait value
 * wins". A batch of n rows therefore spans at least n ms, and waits (`settle`) before it commits
 * until the wall clock has caught up, so that nothing written after it can carry an earlier time.
 */
class RowClock {
  private last = 0;

  /** The next row's time: now, or 1 ms after the previous row's. */
  next(): Date {
    this.last = Math.max(Date.now(), this.last + 1);
    return new Date(this.last);
  }

  /** Waits until the wall clock has reached the last row's time (plus `after` ms). */
  async settle(after = 0): Promise<void> {
    const ahead = this.last + after - Date.now();
    if (ahead > 0) await new Promise((resolve) => setTimeout(resolve, ahead));
  }
}

// ------------------------------------------------------------------ one batch

type HeldIdentifier = { id: string; idType: string; value: string; isUnique: boolean; createdAt: Date; isStored: boolean };

type ProfileState = {
  profileId: string;
  createdAt: Date;
  isNew: boolean;
  /** All its identifiers, oldest first (createdAt, then id), as `resolveIdentity` expects them. */
  identifiers: HeldIdentifier[];
  /** Its Contact names and duplicate-evidence traits: the stored ones, then this batch's writes. */
  traits: Map<string, { traitName: string; value: unknown }>;
  displayName: string | null;
  /** Trait writes applied in this batch (each bumps the profile's version, as `writeTraitValues` does). */
  writes: number;
  updatedAt: Date;
};

const identifierKey = (idType: string, value: string) => `${idType}\u0000${value}`;
const traitKey = (groupName: string, traitName: string) => `${groupName}\u0000${traitName}`;

async function writeBatch(tx: Tx, options: CreateOrResolveProfilesOptions, writes: ProfileWrite[], clock: RowClock): Promise<ProfileWriteResult[]> {
  const { storeId, settings, actor, requestId, source } = options;
  const normalized = writes.map((write) => prepareIncomingIdentifiers(write.incoming, settings).identifiers);
  const allIdentifiers = normalized.flat();
  await lockIdentifierValues(tx, storeId, allIdentifiers);
  const state = await loadBatchState(tx, storeId, allIdentifiers);
  const configByType = new Map(settings.identifierConfigs.map((config) => [config.idType, config]));
  const results: ProfileWriteResult[] = [];

  for (const [index, write] of writes.entries()) {
    const decision = resolveIdentity({ incoming: write.incoming, settings, matches: state.matchesFor(normalized[index]) });
    const resultOf = (profileId: string, created: boolean): ProfileWriteResult => ({ profileId, created, outcome: decision.outcome, conflicts: decision.conflicts.map((conflict) => conflict.message) });

    if (decision.outcome === "merge" || decision.outcome === "propose") {
      // Merges move rows this state does not hold (observations, conversations …): write the
      // batch so far, then let the one-record path apply the decision made on this same state.
      await state.write(tx, storeId);
      // The one-record path stamps its writes with the wall clock: past the earlier rows' times.
      await clock.settle(1);
      const resolution = await applyResolutionDecision(tx, {
        storeId,
        incoming: write.incoming,
        normalized: normalized[index],
        decision,
        settings,
        source,
        sourceRef: write.sourceRef,
        createIfMissing: true,
        actor,
        requestId,
      });
      const profileId = resolution.profileId!;
      const written = await writeTraitValues(tx, storeId, profileId, write.values, source);
      await proposeDuplicateMerges(tx, storeId, profileId, actor, written);
      // The next row (next batch) gets a later millisecond than anything this one wrote.
      clock.next();
      await clock.settle();
      results.push(resultOf(profileId, resolution.created));
      return results;
    }

    // Within the row, time-ordered ids keep E's values in arrival order at one time.
    const now = clock.next();
    const profile = decision.outcome === "create" ? state.addProfile(newId("profile"), now) : state.profile(decision.profileId!);
    for (const evicted of decision.identifiersToEvict) state.removeIdentifier(evicted.profileId, evicted.idType, evicted.value);
    for (const identifier of decision.identifiersToAdd) state.addIdentifier(profile, identifier, configByType.get(identifier.idType)?.enforceUnique ?? true, now, source);
    state.writeTraits(profile, write.values, source, now);
    const created = decision.outcome === "create";
    state.records.push(
      describeResolution({ storeId, actor, requestId, source, sourceRef: write.sourceRef, incoming: write.incoming, normalized: normalized[index], decision, outcome: created ? "CREATED" : "ATTACHED", profileId: profile.profileId, created, createdAt: now }),
    );
    results.push(resultOf(profile.profileId, created));

    // Duplicate detection reads other profiles and their traits: only the database has them, so
    // a row that may propose one is the last of its batch and runs it once the batch is written.
    // Without a name or without an evidence trait of its own, a profile can share no evidence.
    const mayBeDuplicate = normalizeForComparison(profile.displayName) !== null && [...profile.traits.values()].some(isDuplicateEvidence);
    if (mayBeDuplicate) {
      await state.write(tx, storeId);
      await clock.settle();
      await proposeDuplicateMerges(tx, storeId, profile.profileId, actor, { displayName: profile.displayName, createdAt: profile.createdAt });
      return results;
    }
  }
  await state.write(tx, storeId);
  await clock.settle();
  return results;
}

// ------------------------------------------------------------------ the batch's view of the store

type LockedProfileRow = { id: string; createdAt: string; displayName: string | null };
type IdentifierRow = { id: string; profileId: string; idType: string; value: string; isUnique: boolean; createdAt: string };
type TraitRow = { profileId: string; groupName: string; traitName: string; value: unknown };

/**
 * Finds the owners of the (already locked) values and row-locks them, in id order so that merges
 * cannot deadlock, in one statement; then, in a second one (so that it reads after any lock it
 * waited for), their identifiers and the traits that make display names and duplicate evidence.
 */
async function loadBatchState(tx: Tx, storeId: string, identifiers: IdentifierValue[]): Promise<BatchState> {
  const state = new BatchState();
  if (identifiers.length === 0) return state;
  const [owners] = await tx.$queryRaw<{ owners: number; profiles: LockedProfileRow[] }[]>`
    WITH "owners" AS (
      SELECT DISTINCT i."profileId" FROM "identifiers" i
      JOIN unnest(${identifiers.map((identifier) => identifier.idType)}::text[], ${identifiers.map((identifier) => identifier.value)}::text[]) AS w("idType", "value")
        ON i."idType" = w."idType" AND i."value" = w."value"
      WHERE i."storeId" = ${storeId}),
    "locked" AS (
      SELECT p."id", p."createdAt", p."displayName" FROM "profiles" p
      WHERE p."storeId" = ${storeId} AND p."id" IN (SELECT "profileId" FROM "owners")
      ORDER BY p."id" FOR UPDATE)
    SELECT (SELECT count(*)::int FROM "owners") AS "owners", coalesce((SELECT json_agg("locked") FROM "locked"), '[]'::json) AS "profiles"`;
  // An owner that vanished while we waited for its lock was merged or erased: decide again.
  if (owners.profiles.length !== owners.owners) throw new ResolutionRaceError();
  if (owners.profiles.length === 0) return state;

  const profileIds = owners.profiles.map((profile) => profile.id);
  const [held] = await tx.$queryRaw<{ identifiers: IdentifierRow[]; traits: TraitRow[] }[]>`
    SELECT
      (SELECT coalesce(json_agg(json_build_object('id', i."id", 'profileId', i."profileId", 'idType', i."idType", 'value', i."value", 'isUnique', i."isUnique", 'createdAt', i."createdAt")
          ORDER BY i."createdAt", i."id"), '[]'::json)
        FROM "identifiers" i WHERE i."storeId" = ${storeId} AND i."profileId" = ANY(${profileIds}::text[])) AS "identifiers",
      (SELECT coalesce(json_agg(json_build_object('profileId', t."profileId", 'groupName', t."groupName", 'traitName', t."traitName", 'value', t."value")), '[]'::json)
        FROM "trait_values" t WHERE t."storeId" = ${storeId} AND t."profileId" = ANY(${profileIds}::text[])
          AND ((t."groupName" = 'Contact' AND t."traitName" IN ('firstName', 'lastName')) OR t."traitName" ~* ${DUPLICATE_EVIDENCE_SQL_PATTERN})) AS "traits"`;
  for (const row of owners.profiles) {
    state.profiles.set(row.id, { profileId: row.id, createdAt: dateFromJson(row.createdAt), isNew: false, identifiers: [], traits: new Map(), displayName: row.displayName, writes: 0, updatedAt: new Date() });
  }
  for (const row of held.identifiers) {
    const profile = state.profiles.get(row.profileId)!;
    profile.identifiers.push({ id: row.id, idType: row.idType, value: row.value, isUnique: row.isUnique, createdAt: dateFromJson(row.createdAt), isStored: true });
    state.addOwner(row.idType, row.value, row.profileId);
  }
  for (const row of held.traits) state.profiles.get(row.profileId)!.traits.set(traitKey(row.groupName, row.traitName), { traitName: row.traitName, value: row.value });
  return state;
}

type PendingTraitValue = { profileId: string; groupName: string; traitName: string; value: unknown; source: string; updatedAt: Date };

class BatchState {
  readonly profiles = new Map<string, ProfileState>();
  private readonly owners = new Map<string, Set<string>>();
  private readonly evictedIdentifierIds: string[] = [];
  private readonly traitValues = new Map<string, PendingTraitValue>();
  private readonly identifierSources = new Map<string, string>();
  readonly records: ResolutionRecordContent[] = [];

  addOwner(idType: string, value: string, profileId: string): void {
    const key = identifierKey(idType, value);
    const owners = this.owners.get(key) ?? new Set<string>();
    owners.add(profileId);
    this.owners.set(key, owners);
  }

  /** Every profile that owns one of these values, with all its identifiers (what resolveIdentity takes). */
  matchesFor(identifiers: IdentifierValue[]): MatchedProfile[] {
    const ids = new Set<string>();
    for (const identifier of identifiers) for (const id of this.owners.get(identifierKey(identifier.idType, identifier.value)) ?? []) ids.add(id);
    return [...ids].sort().map((id) => {
      const profile = this.profile(id);
      return { profileId: id, createdAt: profile.createdAt, identifiers: profile.identifiers.map((identifier) => ({ idType: identifier.idType, value: identifier.value, addedAt: identifier.createdAt, id: identifier.id })) };
    });
  }

  profile(profileId: string): ProfileState {
    const profile = this.profiles.get(profileId);
    if (!profile) throw new Error(`Profile ${profileId} is not part of this resolution batch`);
    return profile;
  }

  addProfile(profileId: string, createdAt: Date): ProfileState {
    const profile: ProfileState = { profileId, createdAt, isNew: true, identifiers: [], traits: new Map(), displayName: null, writes: 0, updatedAt: createdAt };
    this.profiles.set(profileId, profile);
    return profile;
  }

  addIdentifier(profile: ProfileState, identifier: IdentifierValue, isUnique: boolean, at: Date, source: string): void {
    const id = newId("identifier");
    profile.identifiers.push({ id, idType: identifier.idType, value: identifier.value, isUnique, createdAt: at, isStored: false });
    this.identifierSources.set(id, source);
    this.addOwner(identifier.idType, identifier.value, profile.profileId);
  }

  removeIdentifier(profileId: string, idType: string, value: string): void {
    const profile = this.profile(profileId);
    const position = profile.identifiers.findIndex((held) => held.idType === idType && held.value === value);
    if (position === -1) return;
    const [removed] = profile.identifiers.splice(position, 1);
    if (removed.isStored) this.evictedIdentifierIds.push(removed.id);
    this.owners.get(identifierKey(idType, value))?.delete(profileId);
  }

  /** As `writeTraitValues`: the values set (the newest write wins), the display name, the version. */
  writeTraits(profile: ProfileState, values: TraitValueChange[], source: string, at: Date): void {
    for (const change of values) {
      if (change.value === null) continue;
      profile.traits.set(traitKey(change.groupName, change.traitName), { traitName: change.traitName, value: change.value });
      this.traitValues.set(`${profile.profileId}\u0000${traitKey(change.groupName, change.traitName)}`, { profileId: profile.profileId, ...change, source, updatedAt: at });
    }
    profile.displayName = displayNameOf(profile.traits.get(traitKey("Contact", "firstName"))?.value, profile.traits.get(traitKey("Contact", "lastName"))?.value);
    profile.writes++;
    profile.updatedAt = at;
  }

  /** Writes what the batch's rows did: evictions, then everything else in one statement. */
  async write(tx: Tx, storeId: string): Promise<void> {
    if (this.records.length === 0) return;
    if (this.evictedIdentifierIds.length > 0) {
      await tx.$executeRaw`DELETE FROM "identifiers" WHERE "storeId" = ${storeId} AND "id" = ANY(${this.evictedIdentifierIds}::text[])`;
    }
    const profiles = [...this.profiles.values()];
    const batch = {
      createdProfiles: profiles.filter((profile) => profile.isNew).map((profile) => ({ id: profile.profileId, displayName: profile.displayName, version: 1 + profile.writes, createdAt: profile.createdAt, updatedAt: profile.updatedAt })),
      updatedProfiles: profiles.filter((profile) => !profile.isNew && profile.writes > 0).map((profile) => ({ id: profile.profileId, displayName: profile.displayName, writes: profile.writes, updatedAt: profile.updatedAt })),
      identifiers: profiles.flatMap((profile) =>
        profile.identifiers
          .filter((identifier) => !identifier.isStored)
          .map((identifier) => ({ id: identifier.id, profileId: profile.profileId, idType: identifier.idType, value: identifier.value, isUnique: identifier.isUnique, source: this.identifierSources.get(identifier.id), createdAt: identifier.createdAt })),
      ),
      traitValues: [...this.traitValues.values()],
      resolutions: this.records.map((record) => ({ ...record, audit: undefined })),
      auditEvents: this.records.flatMap((record) => (record.audit ? [{ ...toAuditEventRow(record.audit), createdAt: record.createdAt }] : [])),
    };
    // One statement: data-modifying CTEs run together and their foreign keys are checked at its
    // end, so identifiers and trait values may reference profiles inserted beside them.
    await tx.$executeRaw`
      WITH "batch" AS (SELECT ${JSON.stringify(batch)}::jsonb AS "data"),
      "createdProfiles" AS (
        INSERT INTO "profiles" ("storeId", "id", "displayName", "version", "createdAt", "updatedAt")
        SELECT ${storeId}, r."id", r."displayName", r."version", r."createdAt" AT TIME ZONE 'UTC', r."updatedAt" AT TIME ZONE 'UTC'
        FROM "batch", jsonb_to_recordset("batch"."data"->'createdProfiles') AS r("id" text, "displayName" text, "version" int, "createdAt" timestamptz, "updatedAt" timestamptz)),
      "updatedProfiles" AS (
        UPDATE "profiles" AS p SET "displayName" = r."displayName", "version" = p."version" + r."writes", "updatedAt" = r."updatedAt" AT TIME ZONE 'UTC'
        FROM "batch", jsonb_to_recordset("batch"."data"->'updatedProfiles') AS r("id" text, "displayName" text, "writes" int, "updatedAt" timestamptz)
        WHERE p."storeId" = ${storeId} AND p."id" = r."id"),
      "identifiers" AS (
        INSERT INTO "identifiers" ("storeId", "id", "profileId", "idType", "value", "isUnique", "source", "createdAt")
        SELECT ${storeId}, r."id", r."profileId", r."idType", r."value", r."isUnique", r."source", r."createdAt" AT TIME ZONE 'UTC'
        FROM "batch", jsonb_to_recordset("batch"."data"->'identifiers') AS r("id" text, "profileId" text, "idType" text, "value" text, "isUnique" boolean, "source" text, "createdAt" timestamptz)),
      "traitValues" AS (
        INSERT INTO "trait_values" ("storeId", "profileId", "groupName", "traitName", "value", "source", "updatedAt")
        SELECT ${storeId}, r."profileId", r."groupName", r."traitName", r."value", r."source", r."updatedAt" AT TIME ZONE 'UTC'
        FROM "batch", jsonb_to_recordset("batch"."data"->'traitValues') AS r("profileId" text, "groupName" text, "traitName" text, "value" jsonb, "source" text, "updatedAt" timestamptz)
        ON CONFLICT ("storeId", "profileId", "groupName", "traitName") DO UPDATE SET "value" = EXCLUDED."value", "source" = EXCLUDED."source", "updatedAt" = EXCLUDED."updatedAt"),
      "resolutions" AS (
        INSERT INTO "resolution_records" ("storeId", "id", "outcome", "profileId", "input", "reasons", "source", "sourceRef", "createdAt")
        SELECT ${storeId}, r."id", r."outcome"::"ResolutionOutcome", r."profileId", r."input", r."reasons", r."source", r."sourceRef", r."createdAt" AT TIME ZONE 'UTC'
        FROM "batch", jsonb_to_recordset("batch"."data"->'resolutions') AS r("id" text, "outcome" text, "profileId" text, "input" jsonb, "reasons" jsonb, "source" text, "sourceRef" text, "createdAt" timestamptz))
      INSERT INTO "audit_events" ("id", "storeId", "actorType", "actorId", "actorLabel", "action", "resourceType", "resourceId", "before", "after", "requestId", "createdAt")
      SELECT r."id", r."storeId", r."actorType"::"ActorType", r."actorId", r."actorLabel", r."action", r."resourceType", r."resourceId", r."before", r."after", r."requestId", r."createdAt" AT TIME ZONE 'UTC'
      FROM "batch", jsonb_to_recordset("batch"."data"->'auditEvents') AS r("id" text, "storeId" text, "actorType" text, "actorId" text, "actorLabel" text, "action" text, "resourceType" text, "resourceId" text, "before" jsonb, "after" jsonb, "requestId" text, "createdAt" timestamptz)`;
  }
}
