import { beforeAll, describe, expect, it } from "vitest";
import { getPrisma } from "@/lib/db/client";
import { systemActor } from "@/lib/auth/actor";
import { isUniqueViolation } from "@/lib/db/database-error";
import { resolveRecord, withResolutionRetry } from "@/lib/identity/resolve-record";
import { bulkUpsertProfiles, type BulkRowResult } from "@/lib/profiles/bulk-upsert-profiles";
import { createOrResolveProfile, loadProfileWriteSchema, prepareProfileTraits, toProfileWriteOrThrow } from "@/lib/profiles/create-or-resolve-profile";
import { writeTraitValues } from "@/lib/profiles/write-trait-values";
import { proposeDuplicateMerges } from "@/lib/merges/propose-duplicate-merges";
import { isAppError } from "@/lib/errors";
import { toErrorBody } from "@/lib/http/error-response";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

/*
 * Profile writes are resolved in batches (lib/profiles/create-or-resolve-profiles.ts): one
 * transaction decides many rows in memory and writes them in one statement. These tests hold it to
 * the one-row-per-transaction path it replaced — resolveRecord + writeTraitValues +
 * proposeDuplicateMerges, still the code every other writer uses — on the same random rows: the
 * same per-row outcomes and conflicts, and the same profiles, identifiers (in order), traits,
 * display names, versions, aliases, merges, resolution records and audit events.
 */

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
}

type Person = { first: string; last: string; address?: string; userId?: string; emails: string[]; phones: string[]; chats: string[]; landline?: string; whatsapp?: string };
type Row = { traits: Record<string, Record<string, unknown>> };

const FIRST = ["Ada", "Grace", "Alan", "Zoe", "Priya", "Mateo"];
const LAST = ["Lovelace", "Hopper", "Quinn", "Patel"];
const STREETS = ["12 Elm St.", "1 Main Street", "99 Oak Ave"];

function messyPhone(random: Random, digits: string): string {
  const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
  return random.pick([`(${area}) ${exchange}-${line}`, `${area}.${exchange}.${line}`, `+1 ${area} ${exchange} ${line}`, `1${area}${exchange}${line}`]);
}

function messyEmail(random: Random, email: string): string {
  return random.pick([email, email.toUpperCase(), `  ${email} `]);
}

/** People sharing names, addresses and household landlines, and rows that mix them up. */
function buildRows(seed: number, count: number): Row[] {
  const random = new Random(seed);
  let serial = 0;
  const phone = () => `415${String(2000000 + serial++).padStart(7, "0")}`;
  const landlines = [phone(), phone()];
  const people: Person[] = Array.from({ length: 30 }, (_, index) => ({
    first: random.pick(FIRST),
    last: random.pick(LAST),
    address: random.chance(0.5) ? random.pick(STREETS) : undefined,
    userId: random.chance(0.4) ? `U-${index}` : undefined,
    emails: Array.from({ length: random.int(1, 4) }, (_, n) => `p${index}.${n}@example.com`),
    phones: Array.from({ length: random.int(1, 3) }, phone),
    chats: Array.from({ length: random.int(0, 3) }, (_, n) => `chat-${index}-${n}`),
    landline: random.chance(0.3) ? random.pick(landlines) : undefined,
    whatsapp: random.chance(0.3) ? phone() : undefined,
  }));
  const contactOf = (person: Person, traits: Row["traits"]) => {
    const contact = (traits.Contact ??= {});
    const account = (traits.Account ??= {});
    if (random.chance(0.7)) contact.email = messyEmail(random, random.pick(person.emails));
    if (random.chance(0.6)) contact.phone = messyPhone(random, random.pick(person.phones));
    if (person.whatsapp && random.chance(0.3)) contact.whatsapp = `+1${person.whatsapp}`;
    if (person.userId && random.chance(0.5)) account.userId = ` ${person.userId} `;
    if (person.chats.length > 0 && random.chance(0.4)) account.chat = random.pick(person.chats);
    if (person.landline && random.chance(0.4)) account.landline = messyPhone(random, person.landline);
    if (Object.keys(contact).length + Object.keys(account).length === 0) contact.email = person.emails[0];
    if (random.chance(0.6)) contact.firstName = person.first;
    if (random.chance(0.6)) contact.lastName = person.last;
    if (person.address && random.chance(0.5)) contact.address = person.address;
    if (Object.keys(account).length === 0) delete traits.Account;
  };
  const rows: Row[] = [];
  for (let index = 0; index < count; index++) {
    const traits: Row["traits"] = {};
    const kind = random.next();
    if (kind < 0.08) {
      // Two people's values in one record: a merge (or a proposal, or a user_id conflict).
      const [one, two] = [random.pick(people), random.pick(people)];
      traits.Contact = { email: random.pick(one.emails), phone: messyPhone(random, random.pick(two.phones)) };
      if (random.chance(0.5)) traits.Contact.firstName = one.first;
    } else if (kind < 0.11) {
      traits.Contact = { phone: "not a phone", firstName: "Broken" };
    } else if (kind < 0.13) {
      // Only blocked values: a profile nobody can find by identifier.
      traits.Contact = { email: "NoEmail@example.com", phone: "(303) 555-0100", firstName: "Placeholder" };
    } else if (kind < 0.15) {
      traits.Contact = { firstName: "No", lastName: "Identifier" };
    } else {
      contactOf(random.pick(people), traits);
    }
    rows.push({ traits });
  }
  return rows;
}

async function configureStore(prefix: string, mergeMode: "auto" | "review"): Promise<string> {
  const admin = await createTestKey("ADMIN");
  const { id } = await createTestStore(prefix);
  const settings = await callApi("PUT", `/v1/ControlPlane/Stores/${id}/IdentityResolutionSettings`, {
    auth: admin,
    json: {
      identifierConfigs: [
        { idType: "user_id", normalization: "trim", limit: 1, limitPolicy: "block" },
        { idType: "email", normalization: "email", limit: 3, limitPolicy: "fifo", blockedValues: ["noemail@example.com"] },
        { idType: "whatsapp", normalization: "phone", limit: 100, limitPolicy: "fifo" },
        { idType: "phone", normalization: "phone", limit: 2, limitPolicy: "fifo", blockedValues: ["(303) 555-0100"] },
        { idType: "chat", normalization: "trim", limit: 2, limitPolicy: "lifo" },
        { idType: "landline", normalization: "phone", limit: 2, limitPolicy: "fifo", enforceUnique: false },
      ],
      matchingRules: ["user_id", "email", "whatsapp", "phone", "chat", "landline"],
      mergeMode,
    },
  });
  expect(settings.status, settings.text).toBe(202);
  const group = await callApi("POST", `/v1/ControlPlane/Stores/${id}/TraitGroups`, {
    auth: admin,
    json: {
      displayName: "Account",
      traits: { userId: { dataType: "STRING", idTypePromotion: "user_id" }, chat: { dataType: "STRING", idTypePromotion: "chat" }, landline: { dataType: "STRING", idTypePromotion: "landline" } },
    },
  });
  expect(group.status, group.text).toBeLessThan(300);
  return id;
}

/**
 * Separate writes in one millisecond would tie where times are compared ("the newer trait value
 * wins" when profiles merge); a batch gives each row its own millisecond, so the references do too.
 */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** The path batching replaced: each row validated, then resolved and written in its own transaction. */
async function writeOneByOne(storeId: string, rows: Row[]): Promise<BulkRowResult[]> {
  const prisma = await getPrisma();
  const results: BulkRowResult[] = [];
  for (const [index, row] of rows.entries()) {
    await nextMillisecond();
    try {
      const schema = await loadProfileWriteSchema(storeId);
      const write = toProfileWriteOrThrow(await prepareProfileTraits(storeId, row.traits, "traits", schema), `bulk row ${index}`);
      const result = await withResolutionRetry(prisma, async (tx) => {
        const resolution = await resolveRecord(tx, { storeId, incoming: write.incoming, source: "IMPORT", sourceRef: write.sourceRef, createIfMissing: true, actor: systemActor, settings: schema.settings! });
        const profileId = resolution.profileId!;
        const written = await writeTraitValues(tx, storeId, profileId, write.values, "IMPORT");
        await proposeDuplicateMerges(tx, storeId, profileId, systemActor, written);
        return { profileId, created: resolution.created, outcome: resolution.decision.outcome, conflicts: resolution.decision.conflicts.map((conflict) => conflict.message) };
      });
      const status = result.created ? "created" : result.outcome === "merge" ? "merged" : result.outcome === "propose" ? "proposed" : "attached";
      results.push({ index, status, profileId: result.profileId, conflicts: result.conflicts });
    } catch (error) {
      if (!isAppError(error) || error.kind !== "bad_request") throw error;
      results.push({ index, status: "invalid", errors: (error.details ?? []).map((issue) => ({ ...issue, path: `profiles.${index}.${issue.path}` })) });
    }
  }
  return results;
}

/** Everything the writes left in a store, with profile ids replaced by the row that created them. */
async function snapshot(storeId: string, results: BulkRowResult[]) {
  const prisma = await getPrisma();
  const labels = new Map<string, string>();
  for (const result of results) if (result.status === "created") labels.set(result.profileId, `P${result.index}`);
  const canonical = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value ?? null)
        .replace(/mem_profile_[0-9a-z]{26}/g, (id) => labels.get(id) ?? `unknown:${id}`)
        .replace(/mem_merge_[0-9a-z]{26}/g, "MERGE"),
    );
  const label = (id: string | null) => (id ? (labels.get(id) ?? `unknown:${id}`) : null);
  const [profiles, identifiers, traits, aliases, merges, resolutions, audits] = await Promise.all([
    prisma.profile.findMany({ where: { storeId } }),
    prisma.identifier.findMany({ where: { storeId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.traitValue.findMany({ where: { storeId } }),
    prisma.profileAlias.findMany({ where: { storeId } }),
    prisma.merge.findMany({ where: { storeId }, orderBy: { id: "asc" } }),
    prisma.resolutionRecord.findMany({ where: { storeId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.auditEvent.findMany({ where: { storeId, action: { startsWith: "profile." } }, orderBy: { id: "asc" } }),
  ]);
  const proposals = await prisma.auditEvent.findMany({ where: { storeId, action: "merge.propose" }, orderBy: { id: "asc" } });
  return {
    results: results.map((result) => (result.status === "invalid" ? result : { ...result, profileId: label(result.profileId), conflicts: canonical(result.conflicts) })),
    profiles: profiles
      .map((profile) => ({
        profile: label(profile.id),
        displayName: profile.displayName,
        version: profile.version,
        identifiers: identifiers.filter((row) => row.profileId === profile.id).map((row) => `${row.idType}:${row.value}:${row.isUnique}:${row.source}`),
        traits: Object.fromEntries(traits.filter((row) => row.profileId === profile.id).map((row) => [`${row.groupName}.${row.traitName}`, row.value])),
      }))
      .sort((a, b) => String(a.profile).localeCompare(String(b.profile))),
    aliases: aliases.map((alias) => `${label(alias.aliasId)}→${label(alias.profileId)}`).sort(),
    merges: merges.map((merge) => ({ survivor: label(merge.survivorProfileId), source: label(merge.sourceProfileId), status: merge.status, proposedBy: merge.proposedBy, reason: canonical(merge.reason) })),
    resolutions: resolutions.map((record) => ({ outcome: record.outcome, profile: label(record.profileId), input: record.input, reasons: canonical(record.reasons), source: record.source, sourceRef: record.sourceRef })),
    audits: audits.map((event) => ({ action: event.action, resource: label(event.resourceId), after: canonical(event.after) })),
    proposals: proposals.map((event) => canonical(event.after)),
  };
}

describe.each(["auto", "review"] as const)("batched profile writes (%s merge mode) match one transaction per row", (mergeMode) => {
  // KITH_BATCH_SEED=<n> explores other rows.
  const rows = buildRows(Number(process.env.KITH_BATCH_SEED ?? (mergeMode === "auto" ? 4242 : 777)), 260);
  let reference: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    const storeId = await configureStore(`batch-reference-${mergeMode}`, mergeMode);
    reference = await snapshot(storeId, await writeOneByOne(storeId, rows));
  }, 120_000);

  it("exercises creates, attaches, merges or proposals, conflicts, evictions, invalid rows and duplicate proposals", () => {
    const statuses = new Set(reference.results.map((result) => result.status));
    expect(statuses).toEqual(new Set(["created", "attached", mergeMode === "auto" ? "merged" : "proposed", "invalid"]));
    expect(reference.resolutions.some((record) => JSON.stringify(record.reasons).includes("evicted"))).toBe(true);
    expect(reference.results.some((result) => "conflicts" in result && (result.conflicts as string[]).length > 0)).toBe(true);
    expect(reference.merges.some((merge) => merge.proposedBy === "DUPLICATE_DETECTOR")).toBe(true);
  });

  it("PUT …/Profiles/Bulk ends in the same state", { timeout: 120_000 }, async () => {
    const storeId = await configureStore(`batch-bulk-${mergeMode}`, mergeMode);
    expect(await snapshot(storeId, await bulkUpsertProfiles({ storeId, profiles: rows, actor: systemActor }))).toEqual(reference);
  });

  it("one POST …/Profiles per row ends in the same state", { timeout: 120_000 }, async () => {
    const storeId = await configureStore(`batch-single-${mergeMode}`, mergeMode);
    const results: BulkRowResult[] = [];
    for (const [index, row] of rows.entries()) {
      await nextMillisecond();
      try {
        const result = await createOrResolveProfile({ storeId, traits: row.traits, actor: systemActor, source: "IMPORT", sourceRef: `bulk row ${index}` });
        const status = result.created ? "created" : result.outcome === "merge" ? "merged" : result.outcome === "propose" ? "proposed" : "attached";
        results.push({ index, status, profileId: result.profileId, conflicts: result.conflicts });
      } catch (error) {
        if (!isAppError(error) || error.kind !== "bad_request") throw error;
        results.push({ index, status: "invalid", errors: (error.details ?? []).map((issue) => ({ ...issue, path: `profiles.${index}.${issue.path}` })) });
      }
    }
    expect(await snapshot(storeId, results)).toEqual(reference);
  });
});

describe("batched profile writes under concurrency", () => {
  it("concurrent bulk calls and single writes sharing people end in one profile per person", { timeout: 120_000 }, async () => {
    const { id: storeId } = await createTestStore("batch-concurrent");
    const people = Array.from({ length: 60 }, (_, n) => ({ email: `c${n}@example.com`, phone: `+1415${String(3000000 + n)}` }));
    // Each call sends everyone, in its own order, half by e-mail and half by phone first.
    const orderOf = (seed: number) => {
      const random = new Random(seed);
      return [...people].map((person) => ({ person, key: random.next() })).sort((a, b) => a.key - b.key).map(({ person }) => person);
    };
    const bulk = (seed: number) =>
      bulkUpsertProfiles({ storeId, actor: systemActor, profiles: orderOf(seed).map((person, n) => ({ traits: { Contact: n % 2 === 0 ? { email: person.email, phone: person.phone } : { phone: person.phone, email: person.email.toUpperCase() } } })) });
    const singles = people.slice(0, 10).map((person) => createOrResolveProfile({ storeId, traits: { Contact: { email: person.email } }, actor: systemActor }));
    const outcomes = await Promise.all([bulk(1), bulk(2), bulk(3), bulk(4), ...singles]);
    const prisma = await getPrisma();
    expect(await prisma.profile.count({ where: { storeId } })).toBe(people.length);
    expect(await prisma.identifier.count({ where: { storeId } })).toBe(people.length * 2);
    const owners = await prisma.identifier.groupBy({ by: ["profileId"], where: { storeId }, _count: true });
    expect(owners.every((owner) => owner._count === 2)).toBe(true);
    const created = outcomes.slice(0, 4).flatMap((results) => (results as BulkRowResult[]).filter((result) => result.status === "created"));
    const createdBySingles = outcomes.slice(4).filter((result) => "created" in result && result.created);
    expect(created.length + createdBySingles.length).toBe(people.length);
    expect(await prisma.merge.count({ where: { storeId } })).toBe(0);
  });
});

describe("database errors from hand-written SQL", () => {
  it("recognises a raw query's unique violation as one (the retry path and the 409 mapping depend on it)", async () => {
    const prisma = await getPrisma();
    const { id: storeId } = await createTestStore("raw-unique");
    const { profileId } = await createOrResolveProfile({ storeId, traits: { Contact: { email: "raw@example.com" } }, actor: systemActor });
    const insert = () => prisma.$executeRaw`INSERT INTO "identifiers" ("storeId", "id", "profileId", "idType", "value", "isUnique", "source") VALUES (${storeId}, ${`mem_identifier_${Date.now()}`}, ${profileId}, 'email', 'raw@example.com', true, 'API')`;
    const error = await insert().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(new Error("something else"))).toBe(false);
    expect(toErrorBody(error, "RQ-raw")).toMatchObject({ status: 409 });
  });
});
