import { Prisma } from "../db/generated/client";
import { sqlStateOf, isUniqueViolation } from "../db/database-error";
import { sqlJson, sqlTimestamp } from "../db/sql-values";
import type { Tx } from "../db/transaction";
import { newId } from "../ids";
import type { Actor } from "../auth/actor";
import { auditEventInsertSql, recordAuditEvent, type AuditEventInput } from "../audit/record-audit-event";
import { dateFromJson, readIdentitySettingsView } from "./identity-settings-view";
import { prepareIncomingIdentifiers, resolveIdentity } from "./resolve-identity";
import { mergeProfileInto } from "./merge-profile-into";
import type { IdentifierValue, IncomingIdentifier, MatchedProfile, ResolutionDecision, ResolutionSettings } from "./resolution-types";

export type ResolutionSource = "API" | "CONVERSATION" | "WEBHOOK" | "BULK" | "IMPORT" | "TRAIT_PROMOTION";

export type ResolveRecordOptions = {
  storeId: string;
  /** E's identifiers as received (normalised here). */
  incoming: IncomingIdentifier[];
  source: ResolutionSource;
  /** What E was: a participant id, a bulk row number … (shown with the outcome). */
  sourceRef?: string;
  /**
   * When nothing matches: create a profile (CUSTOMER participants, profile creates) or only look
   * up (UNKNOWN participants: SPEC §4 says they are looked up, never created).
   */
  createIfMissing: boolean;
  /**
   * A known profile E belongs to (identifiers or promoted traits added to it): its identifiers
   * join E's, so the rules run over the whole person, and it is the target when nothing else is.
   */
  anchorProfileId?: string;
  actor: Actor;
  requestId?: string;
  /**
   * The store's settings when the caller has already read them in this request (they are read
   * here otherwise): saves the same two reads on the hot ingest paths.
   */
  settings?: ResolutionSettings;
};

export type ResolveRecordResult = {
  /** The profile E resolved to; null when nothing matched and nothing was created. */
  profileId: string | null;
  created: boolean;
  decision: ResolutionDecision;
  resolutionId: string;
};

/** A matched profile vanished (merged or erased) while this transaction waited for its lock. */
export class ResolutionRaceError extends Error {
  constructor() {
    super("A matched profile changed while resolving; retry");
    this.name = "ResolutionRaceError";
  }
}

function json(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

async function readResolutionSettings(tx: Tx, storeId: string): Promise<ResolutionSettings> {
  const view = await readIdentitySettingsView(tx, storeId);
  if (!view) throw new Error(`Store ${storeId} has no identity resolution settings`);
  return view;
}

/**
 * Serialises every resolution that touches one of these values: transaction-scoped advisory
 * locks, one per (store, type, value), taken in sorted order so two records sharing values can
 * never deadlock. Two concurrent records with a common identifier therefore run one after the
 * other, and the second sees the first's profile: they end in one profile, never two.
 */
export async function lockIdentifierValues(tx: Tx, storeId: string, identifiers: { idType: string; value: string }[]): Promise<void> {
  const keys = [...new Set(identifiers.map((identifier) => `${storeId}/${identifier.idType}/${identifier.value}`))].sort();
  if (keys.length === 0) return;
  if (keys.length === 1) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${keys[0]}, 0))`;
    return;
  }
  // One round trip; the ordinality keeps the JavaScript sort order above as the locking order.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(key, 0)) FROM (SELECT key FROM unnest(${keys}::text[]) WITH ORDINALITY AS t(key, n) ORDER BY n) AS ordered`;
}

/**
 * The profiles that own any of E's (already locked) values, plus the anchor, row-locked in id order
 * (a merge or erase of one of them in flight finishes first; merges cannot deadlock) in the same
 * statement that finds them; then, in a second one (reading after any lock it waited for), all
 * their identifiers. Hand-written SQL: this runs for every message a customer sends.
 */
async function loadMatchedProfiles(tx: Tx, storeId: string, identifiers: { idType: string; value: string }[], anchorProfileId?: string): Promise<MatchedProfile[]> {
  if (identifiers.length === 0 && !anchorProfileId) return [];
  const [found] = await tx.$queryRaw<{ owners: number; profiles: { id: string; createdAt: string }[] }[]>`
    WITH "owners" AS (
      SELECT i."profileId" AS "id" FROM "identifiers" i
      JOIN unnest(${identifiers.map((identifier) => identifier.idType)}::text[], ${identifiers.map((identifier) => identifier.value)}::text[]) AS w("idType", "value")
        ON i."idType" = w."idType" AND i."value" = w."value"
      WHERE i."storeId" = ${storeId}
      UNION SELECT unnest(${anchorProfileId ? [anchorProfileId] : []}::text[])),
    "locked" AS (
      SELECT p."id", p."createdAt" FROM "profiles" p
      WHERE p."storeId" = ${storeId} AND p."id" IN (SELECT "id" FROM "owners")
      ORDER BY p."id" FOR UPDATE)
    SELECT (SELECT count(*)::int FROM "owners") AS "owners", coalesce((SELECT json_agg("locked") FROM "locked"), '[]'::json) AS "profiles"`;
  // An owner that vanished while we waited for its lock was merged or erased: decide again.
  if (found.profiles.length !== found.owners) throw new ResolutionRaceError();
  if (found.profiles.length === 0) return [];
  const profileIds = found.profiles.map((profile) => profile.id);
  const held = await tx.$queryRaw<{ id: string; profileId: string; idType: string; value: string; createdAt: Date }[]>`
    SELECT "id", "profileId", "idType", "value", "createdAt" FROM "identifiers"
    WHERE "storeId" = ${storeId} AND "profileId" = ANY(${profileIds}::text[]) ORDER BY "createdAt", "id"`;
  return found.profiles
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((profile) => ({
      profileId: profile.id,
      createdAt: dateFromJson(profile.createdAt),
      identifiers: held
        .filter((identifier) => identifier.profileId === profile.id)
        .map((identifier) => ({ idType: identifier.idType, value: identifier.value, addedAt: identifier.createdAt, id: identifier.id })),
    }));
}

const outcomeOf = { create: "CREATED", attach: "ATTACHED", merge: "MERGED", propose: "PROPOSED" } as const;

export type RecordedOutcome = "CREATED" | "ATTACHED" | "MERGED" | "PROPOSED" | "NOT_FOUND" | "LOOKED_UP";

export type ResolutionRecordContent = {
  id: string;
  outcome: RecordedOutcome;
  profileId: string | null;
  input: unknown;
  reasons: unknown;
  source: ResolutionSource;
  sourceRef: string | null;
  createdAt: Date;
  /** The audit event of a resolution that wrote something (none for NOT_FOUND / LOOKED_UP). */
  audit: AuditEventInput | null;
};

/**
 * What a resolution stores about itself: the resolution record (outcome, input, reasons) and its
 * audit event. One definition for the one-record path below and the batched profile writes.
 */
export function describeResolution(options: {
  storeId: string;
  actor: Actor;
  requestId?: string;
  source: ResolutionSource;
  sourceRef?: string;
  incoming: IncomingIdentifier[];
  normalized: IdentifierValue[];
  decision: ResolutionDecision;
  outcome: RecordedOutcome;
  profileId: string | null;
  created: boolean;
  createdAt: Date;
}): ResolutionRecordContent {
  const { decision, outcome } = options;
  return {
    id: newId("resolution"),
    outcome,
    profileId: outcome === "NOT_FOUND" ? null : options.profileId,
    input: { incoming: options.incoming, normalized: options.normalized },
    reasons: { reasons: decision.reasons, conflicts: decision.conflicts, invalid: decision.invalid, dropped: decision.dropped },
    source: options.source,
    sourceRef: options.sourceRef ?? null,
    createdAt: options.createdAt,
    audit:
      outcome === "NOT_FOUND" || outcome === "LOOKED_UP"
        ? null
        : {
            storeId: options.storeId,
            actor: options.actor,
            action: options.created ? "profile.create" : "profile.resolve",
            resourceType: "profile",
            resourceId: options.profileId,
            after: { outcome, added: decision.identifiersToAdd, evicted: decision.identifiersToEvict, conflicts: decision.conflicts.map((conflict) => conflict.message) },
            requestId: options.requestId,
          },
  };
}

/**
 * Resolves one incoming record (a participant, a profile create, a bulk row) to a profile and
 * applies the decision of SPEC §4 inside the caller's transaction: create, attach, merge (the
 * earliest profile survives) or propose a merge for review; identifiers added and evicted; the
 * outcome and its reasons stored as a resolution record and in the audit trail. Run it through
 * `withResolutionRetry` so a lost race re-reads and decides again.
 */
export async function resolveRecord(tx: Tx, options: ResolveRecordOptions): Promise<ResolveRecordResult> {
  const { storeId } = options;
  const settings = options.settings ?? (await readResolutionSettings(tx, storeId));
  let incoming = options.incoming;
  if (options.anchorProfileId) {
    const held = await tx.identifier.findMany({ where: { storeId, profileId: options.anchorProfileId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { idType: true, value: true } });
    incoming = [...held, ...incoming];
  }
  const prepared = prepareIncomingIdentifiers(incoming, settings);
  await lockIdentifierValues(tx, storeId, prepared.identifiers);
  const matches = await loadMatchedProfiles(tx, storeId, prepared.identifiers, options.anchorProfileId);
  const decision = resolveIdentity({ incoming, settings, matches });
  return applyResolutionDecision(tx, { ...options, settings, incoming, normalized: prepared.identifiers, decision });
}

export type ApplyResolutionDecisionOptions = Omit<ResolveRecordOptions, "settings"> & {
  settings: ResolutionSettings;
  /** E's identifiers as the decision saw them (with the anchor's, when anchored). */
  incoming: IncomingIdentifier[];
  /** Their normalised values (step 1 of SPEC §4), as locked and matched. */
  normalized: IdentifierValue[];
  /** resolveIdentity's decision, made on the current, locked rows of this transaction. */
  decision: ResolutionDecision;
};

/**
 * Applies a decision made in this transaction (identifier values locked, matched profiles
 * row-locked and read after the locks): creates, evicts, merges, proposes, adds identifiers, and
 * stores the resolution record with its audit event.
 */
export async function applyResolutionDecision(tx: Tx, options: ApplyResolutionDecisionOptions): Promise<ResolveRecordResult> {
  const { storeId, actor, settings, decision } = options;
  if (options.anchorProfileId && decision.outcome === "create") {
    // The anchor holds no identifier yet and nothing else matched: E is the anchor.
    decision.outcome = "attach";
    decision.profileId = options.anchorProfileId;
    decision.reasons.push(`attached to ${options.anchorProfileId}, the profile the identifiers were added to`);
  }
  const configByType = new Map(settings.identifierConfigs.map((config) => [config.idType, config]));

  let profileId = decision.profileId;
  let created = false;
  let recordedOutcome: RecordedOutcome = outcomeOf[decision.outcome];
  const now = new Date();
  // Writes that can go out with the resolution record, as data-modifying CTEs of its statement
  // (their foreign keys are checked at its end): the new profile, evictions, additions.
  const writes: Prisma.Sql[] = [];
  if (decision.outcome === "create" && !options.createIfMissing) {
    recordedOutcome = "NOT_FOUND";
  } else {
    if (decision.outcome === "create") {
      profileId = newId("profile");
      created = true;
      writes.push(Prisma.sql`"newProfile" AS (INSERT INTO "profiles" ("storeId", "id", "createdAt", "updatedAt") VALUES (${storeId}, ${profileId}, ${sqlTimestamp(now)}, ${sqlTimestamp(now)}))`);
    } else if (!options.createIfMissing && decision.identifiersToAdd.length === 0 && decision.outcome === "attach") {
      recordedOutcome = "LOOKED_UP";
    }
    // Evictions first (they may name a profile about to be merged), then merges, then additions.
    if (decision.identifiersToEvict.length > 0) {
      const evicted = Prisma.join(decision.identifiersToEvict.map((identifier) => Prisma.sql`(${identifier.profileId}, ${identifier.idType}, ${identifier.value})`));
      const eviction = Prisma.sql`DELETE FROM "identifiers" WHERE "storeId" = ${storeId} AND ("profileId", "idType", "value") IN (VALUES ${evicted})`;
      if (decision.merge || decision.proposedMerges.length > 0) await tx.$executeRaw`${eviction}`;
      else writes.push(Prisma.sql`"evicted" AS (${eviction})`);
    }
    if (decision.merge) {
      for (const sourceProfileId of decision.merge.mergedProfileIds) {
        const mergeId = await mergeProfileInto(tx, {
          storeId,
          survivorProfileId: decision.merge.survivorProfileId,
          sourceProfileId,
          proposedBy: "RESOLVER",
          reason: { matches: decision.matches.filter((match) => match.profileId === sourceProfileId || match.profileId === decision.merge!.survivorProfileId), source: options.source, sourceRef: options.sourceRef ?? null },
          decidedBy: { type: actor.type, id: actor.id },
        });
        await recordAuditEvent(tx, {
          storeId,
          actor,
          action: "profile.merge",
          resourceType: "profile",
          resourceId: decision.merge.survivorProfileId,
          after: { mergeId, survivorProfileId: decision.merge.survivorProfileId, sourceProfileId, reasons: decision.reasons },
          requestId: options.requestId,
        });
      }
    }
    for (const proposal of decision.proposedMerges) {
      const mergeId = newId("merge");
      await tx.merge.create({
        data: {
          storeId,
          id: mergeId,
          survivorProfileId: proposal.survivorProfileId,
          sourceProfileId: proposal.sourceProfileId,
          status: "PENDING",
          proposedBy: "RESOLVER",
          reason: json({ matchedBy: proposal.matchedBy, source: options.source, sourceRef: options.sourceRef ?? null }),
        },
      });
      await recordAuditEvent(tx, { storeId, actor, action: "merge.propose", resourceType: "merge", resourceId: mergeId, after: proposal, requestId: options.requestId });
    }
    if (profileId && decision.identifiersToAdd.length > 0) {
      // One time for the record; the ids, generated in E's order and time-ordered, keep it as the
      // arrival order (identifiers are read by createdAt, then id).
      const addedAt = sqlTimestamp(new Date());
      const rows = decision.identifiersToAdd.map(
        (identifier) =>
          Prisma.sql`(${storeId}, ${newId("identifier")}, ${profileId}, ${identifier.idType}, ${identifier.value}, ${configByType.get(identifier.idType)?.enforceUnique ?? true}, ${options.source}, ${addedAt})`,
      );
      writes.push(Prisma.sql`"added" AS (INSERT INTO "identifiers" ("storeId", "id", "profileId", "idType", "value", "isUnique", "source", "createdAt") VALUES ${Prisma.join(rows)})`);
    }
  }

  // The resolution record and its audit event, with the writes above: one statement, one round trip.
  const record = describeResolution({ ...options, normalized: options.normalized, outcome: recordedOutcome, profileId, created, createdAt: new Date() });
  const resolutionInsert = Prisma.sql`INSERT INTO "resolution_records" ("storeId", "id", "outcome", "profileId", "input", "reasons", "source", "sourceRef", "createdAt")
    VALUES (${storeId}, ${record.id}, ${record.outcome}::"ResolutionOutcome", ${record.profileId}, ${sqlJson(record.input)},
      ${sqlJson(record.reasons)}, ${record.source}, ${record.sourceRef}, ${sqlTimestamp(record.createdAt)})`;
  if (record.audit) {
    writes.push(Prisma.sql`"resolution" AS (${resolutionInsert})`);
    await tx.$executeRaw`WITH ${Prisma.join(writes)} ${auditEventInsertSql(record.audit, record.createdAt).sql}`;
  } else if (writes.length > 0) {
    await tx.$executeRaw`WITH ${Prisma.join(writes)} ${resolutionInsert}`;
  } else {
    await tx.$executeRaw`${resolutionInsert}`;
  }
  return { profileId: record.profileId, created, decision, resolutionId: record.id };
}

const MAX_ATTEMPTS = 8;

/**
 * A short random wait before trying again: transactions that lost the same race would otherwise
 * retry in lockstep and lose it again (seen with 20 concurrent chains of shared identifiers).
 */
function waitBeforeRetry(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(200, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ResolutionRaceError) return true;
  // A unique violation on an identifier (a value another transaction just took) or a
  // serialisation failure / deadlock reported by PostgreSQL — from the query builder or from
  // hand-written SQL alike: decide again on fresh data.
  if (isUniqueViolation(error) || (error as { code?: string }).code === "P2034") return true;
  const sqlState = sqlStateOf(error);
  return sqlState === "40001" || sqlState === "40P01";
}

/**
 * Runs `work` in a transaction, again on a lost race (up to 8 times, after a jittered wait): the retry re-reads
 * everything, so the decision is always made on committed data.
 */
export async function withResolutionRetry<T>(prisma: { $transaction<R>(fn: (tx: Tx) => Promise<R>, options?: { timeout?: number; maxWait?: number }): Promise<R> }, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(work, { timeout: 30_000, maxWait: 30_000 });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await waitBeforeRetry(attempt);
    }
  }
}
