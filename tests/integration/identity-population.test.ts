import { beforeAll, describe, expect, it } from "vitest";
import { callApi } from "../helpers/call-api";
import { createTestKey, createTestStore } from "../helpers/test-actors";

/*
 * Issue 3's acceptance check, as a new user would try it: a randomly generated population written
 * through the HTTP API in random order — CRM imports (POST …/Profiles, PUT …/Profiles/Bulk) with
 * messy phone and e-mail formats and placeholder values the store blocks, households sharing a
 * landline under different user_ids, and SMS / voice / WhatsApp / e-mail / chat conversations
 * (POST …/Conversations) — must end in exactly the profiles SPEC §4 prescribes.
 *
 * The expected outcome is computed independently of lib/identity: the generator knows every
 * value's canonical form (it produced the messy ones from it), and `ReferenceModel` applies SPEC §4
 * to the same records in the same order. It leans on what the generator guarantees:
 * - every record's values belong to one person, and a shared landline is only ever sent together
 *   with its person's user_id (never in a conversation, which cannot carry one), so the landline
 *   can never link two people — user_id's block limit keeps them apart;
 * - no profile comes near a limit of 100, so fifo eviction never happens.
 *
 * KITH_POPULATION_SEED=<n> explores another population; KITH_POPULATION_SIZE=<n> another size.
 */

const SEED = Number(process.env.KITH_POPULATION_SEED ?? 20251124);
const PEOPLE = Number(process.env.KITH_POPULATION_SIZE ?? 150);

// ------------------------------------------------------------------ a small seeded PRNG

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: uniform in [0, 1). */
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
  digits(count: number): string {
    let out = "";
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// ------------------------------------------------------------------ the population

type IdType = "user_id" | "email" | "whatsapp" | "phone" | "chat";
/** A canonical (normalised) identifier, as the generator knows it to be. */
type Canonical = { idType: IdType; value: string };

type Person = {
  index: number;
  firstName: string;
  lastName: string;
  address?: string;
  userId?: string;
  mobile?: string;
  whatsapp?: string;
  /** A household's shared landline: only ever sent with this person's user_id. */
  landline?: string;
  emails: string[];
  chat?: string;
};

const FIRST_NAMES = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Katherine", "Margaret", "Dennis", "Ken", "Radia", "Leslie", "Tim", "Hedy", "Niklaus", "Sophie", "Marvin", "Shafi", "Joan", "Robin", "Lynn", "Fran", "Guido", "Bjarne", "Anita", "Carol", "Yukihiro", "Rasmus", "Priya", "Chen", "Amara", "Mateo", "Ingrid", "Tariq", "Noor", "Sven", "Lucia", "Kwame"];
const LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Johnson", "Hamilton", "Ritchie", "Thompson", "Perlman", "Lamport", "Berners-Lee", "Lamarr", "Wirth", "Wilson", "Minsky", "Goldwasser", "Clarke", "Milner", "Conway", "Bilas", "Rossum", "Stroustrup", "Borg", "Shaw", "Matsumoto", "Lerdorf", "Patel", "Wei", "Okafor", "Garcia", "Larsen", "Haddad", "Rahman", "Nilsson", "Romano", "Mensah"];
const EMAIL_DOMAINS = ["gmail.com", "yahoo.com", "outlook.com", "icloud.com", "proton.me", "fastmail.com", "acme-corp.example", "globex.example"];
const US_AREA_CODES = ["415", "212", "303", "312", "617", "206", "512", "646", "718", "773", "305", "404", "503", "702", "919", "615"];
const STREETS = ["Oak St", "Maple Ave", "Elm Rd", "Pine Ct", "Cedar Ln", "Birch Way", "Willow Dr", "Aspen Pl"];

// Placeholder values CRM clerks type when they have nothing better; the store blocks them.
const PLACEHOLDER_EMAILS = ["noemail@example.com", "none@none.com"];
const SHOP_LANDLINE = "+13035550100";
const BLOCKED = new Set([...PLACEHOLDER_EMAILS.map((value) => `email\u0000${value}`), `phone\u0000${SHOP_LANDLINE}`]);

function createPopulation(random: Random, size: number): Person[] {
  const used = new Set<string>();
  const unique = (make: () => string): string => {
    for (;;) {
      const value = make();
      if (!used.has(value) && !BLOCKED.has(`phone\u0000${value}`) && !BLOCKED.has(`email\u0000${value}`)) {
        used.add(value);
        return value;
      }
    }
  };
  // NANP: area code and exchange start with 2–9 (the normaliser refuses anything else).
  const usNumber = () => unique(() => `+1${random.pick(US_AREA_CODES)}${random.int(2, 9)}${random.digits(2)}${random.digits(4)}`);
  const ukMobile = () => unique(() => `+447${random.int(4, 9)}${random.digits(8)}`);
  const ukLandline = () => unique(() => `+44207946${random.digits(4)}`);
  const people: Person[] = [];
  const nextUserId = () => unique(() => `U-${random.digits(6)}`);
  const emailFor = (first: string, last: string) =>
    unique(() => {
      const local = random.pick([`${first}.${last}`, `${first}${last}`, `${first[0]}${last}`, `${first}.${last}${random.int(1, 99)}`, `${first}+shop`]);
      return `${local.toLowerCase().replaceAll(" ", "")}@${random.pick(EMAIL_DOMAINS)}`;
    });

  // About a third of the people live in households of 2–3 that share one landline (US or UK).
  const householdPeople = Math.round(size * 0.35);
  while (people.length < size) {
    const inHousehold = people.length < householdPeople;
    const members = inHousehold ? Math.min(random.int(2, 3), size - people.length) : 1;
    const lastName = random.pick(LAST_NAMES);
    const landline = inHousehold ? (random.chance(0.8) ? usNumber() : ukLandline()) : undefined;
    const address = inHousehold || random.chance(0.5) ? `${random.int(1, 999)} ${random.pick(STREETS)}` : undefined;
    const firstNames = random.shuffle([...FIRST_NAMES]).slice(0, members);
    for (const firstName of firstNames) {
      const isUk = landline ? landline.startsWith("+44") : random.chance(0.15);
      const person: Person = { index: people.length, firstName, lastName, address, landline, emails: [] };
      if (inHousehold || random.chance(0.5)) person.userId = nextUserId();
      if (random.chance(0.85)) person.mobile = isUk ? ukMobile() : usNumber();
      if (random.chance(0.35)) person.whatsapp = person.mobile && random.chance(0.7) ? person.mobile : ukMobile();
      if (random.chance(0.9)) person.emails.push(emailFor(firstName, lastName));
      if (person.emails.length > 0 && random.chance(0.2)) person.emails.push(emailFor(firstName, lastName));
      if (random.chance(0.3)) person.chat = unique(() => random.pick([`visitor-${random.digits(8)}`, `@${firstName.toLowerCase()}_${random.digits(3)}`, `slack:U${random.digits(9)}`]));
      if (!person.userId && !person.mobile && !person.whatsapp && person.emails.length === 0 && !person.chat) person.emails.push(emailFor(firstName, lastName));
      people.push(person);
    }
  }
  return people;
}

// ------------------------------------------------------------------ messy formats of canonical values

function messyPhone(random: Random, e164: string): string {
  if (e164.startsWith("+1")) {
    const digits = e164.slice(2);
    const [area, exchange, line] = [digits.slice(0, 3), digits.slice(3, 6), digits.slice(6)];
    return random.pick([
      `(${area}) ${exchange}-${line}`,
      `${area}.${exchange}.${line}`,
      `+1 ${area} ${exchange} ${line}`,
      `1${area}${exchange}${line}`,
      `${area}-${exchange}-${line}`,
      `1-${area}-${exchange}-${line}`,
      `+1 (${area}) ${exchange}-${line}`,
      `  ${area} ${exchange} ${line} `,
      e164,
    ]);
  }
  const national = e164.slice(3);
  if (national.startsWith("20")) return random.pick([`+44 20 ${national.slice(2, 6)} ${national.slice(6)}`, `+44${national}`, `+44 20${national.slice(2)}`, e164]);
  return random.pick([`+44 ${national.slice(0, 4)} ${national.slice(4)}`, `+44${national}`, `+44 ${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`, e164]);
}

function messyEmail(random: Random, email: string): string {
  const [local, domain] = email.split("@");
  const capitalised = local
    .split(".")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(".");
  return random.pick([email, email.toUpperCase(), `${capitalised}@${domain.charAt(0).toUpperCase()}${domain.slice(1)}`, `  ${email} `, ` ${capitalised}@${domain}`, `${email}\t`]);
}

// ------------------------------------------------------------------ records and operations

/** One record for SPEC §4: a CRM row or a conversation's CUSTOMER participant. */
type PopulationRecord = {
  id: number;
  person: Person;
  kind: "profile" | "bulk" | "participant";
  /** What it carries, canonical, blocked values included (the model drops those itself). */
  identifiers: Canonical[];
  /** The profile id the API answered for it. */
  answeredProfileId?: string | null;
};

type Traits = { Contact: Record<string, string>; Account?: Record<string, string> };
type Address = { channel: string; address: string };
type ConversationBody = {
  channel: string;
  participants: { type: string; name?: string; addresses: Address[] }[];
  communications: { author: Address; content: { text: string }; occurredAt: string; resourceId: string }[];
};

type Operation =
  | { kind: "profile"; record: PopulationRecord; traits: Traits }
  | { kind: "bulk"; rows: { record: PopulationRecord; traits: Traits }[] }
  | { kind: "conversation"; records: PopulationRecord[]; body: ConversationBody }
  | { kind: "replay"; of: Extract<Operation, { kind: "conversation" }> };

const AGENTS: Record<string, Address> = {
  SMS: { channel: "SMS", address: "+13035550199" },
  VOICE: { channel: "VOICE", address: "+13035550199" },
  WHATSAPP: { channel: "WHATSAPP", address: "whatsapp:+13035550198" },
  EMAIL: { channel: "EMAIL", address: "support@shop.example" },
  CHAT: { channel: "CHAT", address: "agent-sam" },
};

const CUSTOMER_LINES = ["Hi, my order has not arrived", "Can I change the delivery address?", "The tent pole snapped", "Do you ship to the UK?", "Thanks, that worked", "Is the blue one back in stock?"];
const AGENT_LINES = ["Sorry to hear that, let me check", "Done: anything else?", "It ships tomorrow", "I have sent you a label"];

function buildPopulationOperations(random: Random, people: Person[]) {
  const records: PopulationRecord[] = [];
  const operations: Operation[] = [];
  const bulkBatches: Extract<Operation, { kind: "bulk" }>[] = Array.from({ length: 6 }, () => ({ kind: "bulk", rows: [] }));
  let resourceCounter = 0;
  const record = (person: Person, kind: PopulationRecord["kind"], identifiers: Canonical[]): PopulationRecord => {
    const created: PopulationRecord = { id: records.length, person, kind, identifiers };
    records.push(created);
    return created;
  };

  /** A CRM row: a random subset of the person's values, in messy formats, with placeholders. */
  const crmRow = (person: Person, kind: "profile" | "bulk"): { record: PopulationRecord; traits: Traits } => {
    const contact: Record<string, string> = { firstName: person.firstName, lastName: person.lastName };
    const account: Record<string, string> = {};
    const identifiers: Canonical[] = [];
    if (person.address && random.chance(0.5)) contact.address = person.address;
    if (random.chance(0.03)) {
      // A row with nothing but placeholders: it identifies no one and must link to no one.
      contact.email = messyEmail(random, random.pick(PLACEHOLDER_EMAILS));
      contact.phone = messyPhone(random, SHOP_LANDLINE);
      identifiers.push({ idType: "email", value: contact.email.trim().toLowerCase() }, { idType: "phone", value: SHOP_LANDLINE });
      return { record: record(person, kind, identifiers), traits: { Contact: contact } };
    }
    let sendsUserId = Boolean(person.userId) && random.chance(0.5);
    if (person.emails.length > 0 && random.chance(0.75)) {
      const email = random.pick(person.emails);
      contact.email = messyEmail(random, email);
      identifiers.push({ idType: "email", value: email });
    } else if (random.chance(0.3)) {
      const placeholder = random.pick(PLACEHOLDER_EMAILS);
      contact.email = messyEmail(random, placeholder);
      identifiers.push({ idType: "email", value: placeholder });
    }
    if (person.landline && random.chance(0.5)) {
      contact.phone = messyPhone(random, person.landline);
      identifiers.push({ idType: "phone", value: person.landline });
      sendsUserId = true; // the generator's guarantee: a shared landline always comes with its user_id
    } else if (person.mobile && random.chance(0.7)) {
      contact.phone = messyPhone(random, person.mobile);
      identifiers.push({ idType: "phone", value: person.mobile });
    } else if (random.chance(0.25)) {
      contact.phone = messyPhone(random, SHOP_LANDLINE);
      identifiers.push({ idType: "phone", value: SHOP_LANDLINE });
    }
    if (person.whatsapp && random.chance(0.4)) {
      contact.whatsapp = random.chance(0.3) ? `whatsapp:${person.whatsapp}` : messyPhone(random, person.whatsapp);
      identifiers.push({ idType: "whatsapp", value: person.whatsapp });
    }
    if (person.chat && random.chance(0.3)) {
      account.chatHandle = random.chance(0.5) ? ` ${person.chat} ` : person.chat;
      identifiers.push({ idType: "chat", value: person.chat });
    }
    const usable = () => identifiers.some((identifier) => !BLOCKED.has(`${identifier.idType}\u0000${identifier.value}`));
    if (!usable()) {
      // Every other row identifies its person somehow: fall back to the first value they have.
      if (person.emails.length > 0) {
        contact.email = messyEmail(random, person.emails[0]);
        identifiers.push({ idType: "email", value: person.emails[0] });
      } else if (person.mobile) {
        contact.phone = messyPhone(random, person.mobile);
        identifiers.push({ idType: "phone", value: person.mobile });
      } else if (person.whatsapp) {
        contact.whatsapp = messyPhone(random, person.whatsapp);
        identifiers.push({ idType: "whatsapp", value: person.whatsapp });
      } else if (person.chat) {
        account.chatHandle = person.chat;
        identifiers.push({ idType: "chat", value: person.chat });
      } else {
        sendsUserId = true;
      }
    }
    if (sendsUserId && person.userId) {
      account.userId = random.chance(0.3) ? `  ${person.userId} ` : person.userId;
      identifiers.push({ idType: "user_id", value: person.userId });
    }
    // The email was taken from a placeholder as sent: keep the canonical form.
    for (const identifier of identifiers) if (identifier.idType === "email") identifier.value = identifier.value.trim().toLowerCase();
    const traits: Traits = { Contact: contact };
    if (Object.keys(account).length > 0) traits.Account = account;
    return { record: record(person, kind, identifiers), traits };
  };

  const occurredAt = (minute: number) => new Date(Date.UTC(2025, 5, 1, 9, 0) + minute * 60_000).toISOString();

  /** A customer participant on a channel, or null when the person has no address there. */
  const participantFor = (person: Person, channel: string): { address: Address; author: Address; extra: Address[]; identifiers: Canonical[] } | null => {
    switch (channel) {
      case "SMS":
      case "VOICE": {
        if (!person.mobile) return null;
        const prefix = channel === "VOICE" ? "tel:" : random.chance(0.2) ? "sms:" : "";
        const address = { channel, address: `${prefix}${messyPhone(random, person.mobile)}` };
        return { address, author: { channel, address: messyPhone(random, person.mobile) }, extra: [], identifiers: [{ idType: "phone", value: person.mobile }] };
      }
      case "WHATSAPP": {
        if (!person.whatsapp) return null;
        const address = { channel, address: `whatsapp:${person.whatsapp}` };
        return { address, author: address, extra: [], identifiers: [{ idType: "whatsapp", value: person.whatsapp }] };
      }
      case "EMAIL": {
        if (person.emails.length === 0) return null;
        const email = random.pick(person.emails);
        return { address: { channel, address: messyEmail(random, email) }, author: { channel, address: messyEmail(random, email) }, extra: [], identifiers: [{ idType: "email", value: email }] };
      }
      case "CHAT": {
        if (!person.chat) return null;
        const address = { channel, address: person.chat };
        // Chat widgets often ask for an e-mail address: one participant, two identifiers.
        if (person.emails.length > 0 && random.chance(0.4)) {
          const email = random.pick(person.emails);
          return { address, author: address, extra: [{ channel: "EMAIL", address: messyEmail(random, email) }], identifiers: [{ idType: "chat", value: person.chat }, { idType: "email", value: email }] };
        }
        return { address, author: address, extra: [], identifiers: [{ idType: "chat", value: person.chat }] };
      }
      default:
        return null;
    }
  };

  const conversation = (person: Person, channel: string): Extract<Operation, { kind: "conversation" }> | null => {
    const first = participantFor(person, channel);
    if (!first) return null;
    const customers = [{ person, ...first }];
    // Now and then an e-mail thread has a second customer in copy (a household, a colleague).
    if (channel === "EMAIL" && random.chance(0.12)) {
      const other = random.pick(people);
      const second = other !== person ? participantFor(other, channel) : null;
      if (second) customers.push({ person: other, ...second });
    }
    const start = random.int(0, 60 * 24 * 30);
    const messages = random.int(1, 4);
    const communications: ConversationBody["communications"] = [];
    for (let i = 0; i < messages; i++) {
      const fromCustomer = i % 2 === 0;
      const customer = random.pick(customers);
      communications.push({
        author: fromCustomer ? customer.author : AGENTS[channel],
        content: { text: random.pick(fromCustomer ? CUSTOMER_LINES : AGENT_LINES) },
        occurredAt: occurredAt(start + i * 3),
        resourceId: `POP${SEED}-${resourceCounter++}`,
      });
    }
    const body: ConversationBody = {
      channel,
      participants: [
        ...customers.map((customer) => ({ type: "CUSTOMER", name: `${customer.person.firstName} ${customer.person.lastName}`, addresses: [customer.address, ...customer.extra] })),
        { type: "HUMAN_AGENT", name: "Sam", addresses: [AGENTS[channel]] },
      ],
      communications,
    };
    return { kind: "conversation", records: customers.map((customer) => record(customer.person, "participant", customer.identifiers)), body };
  };

  for (const person of people) {
    const count = random.int(1, 5);
    for (let i = 0; i < count; i++) {
      const roll = random.next();
      if (roll < 0.3) {
        const row = crmRow(person, "profile");
        operations.push({ kind: "profile", ...row });
      } else if (roll < 0.5) {
        random.pick(bulkBatches).rows.push(crmRow(person, "bulk"));
      } else {
        const made = conversation(person, random.pick(["SMS", "SMS", "VOICE", "WHATSAPP", "EMAIL", "EMAIL", "CHAT"]));
        if (made) operations.push(made);
        else operations.push({ kind: "profile", ...crmRow(person, "profile") });
      }
    }
  }
  for (const batch of bulkBatches) if (batch.rows.length > 0) operations.push({ ...batch, rows: random.shuffle(batch.rows) });
  random.shuffle(operations);
  // A few conversations are delivered twice (a webhook retry): the replay must change nothing.
  const conversations = operations.filter((operation): operation is Extract<Operation, { kind: "conversation" }> => operation.kind === "conversation");
  for (const original of random.shuffle([...conversations]).slice(0, 6)) {
    const after = operations.indexOf(original) + 1;
    operations.splice(random.int(after, operations.length), 0, { kind: "replay", of: original });
  }
  return { records, operations };
}

// ------------------------------------------------------------------ SPEC §4, independently

const PRIORITY: IdType[] = ["user_id", "email", "whatsapp", "phone", "chat"];
const keyOf = (identifier: Canonical) => `${identifier.idType}\u0000${identifier.value}`;

type ModelProfile = { id: number; identifiers: Canonical[]; mergedInto: ModelProfile | null };

/**
 * SPEC §4 applied to one record after another, with the store's settings of this test (SPEC's
 * defaults: every type unique and a matching rule, user_id limit 1 with `block`, limits far away).
 */
class ReferenceModel {
  profiles: ModelProfile[] = [];
  private owners = new Map<string, ModelProfile>();

  canonical(profile: ModelProfile): ModelProfile {
    let current = profile;
    while (current.mergedInto) current = current.mergedInto;
    return current;
  }

  live(): ModelProfile[] {
    return this.profiles.filter((profile) => !profile.mergedInto);
  }

  /** The profile E ends in, or null (a participant nobody can identify gets none). */
  resolve(identifiers: Canonical[], createIfUnusable: boolean): ModelProfile | null {
    // 1. Normalised already; drop blocked values and repeats.
    const seen = new Set<string>();
    const incoming = identifiers.filter((identifier) => {
      const key = keyOf(identifier);
      if (BLOCKED.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (incoming.length === 0 && !createIfUnusable) return null;
    const userIds = (values: Canonical[]) => new Set(values.filter((identifier) => identifier.idType === "user_id").map((identifier) => identifier.value));
    // 2. Walk in priority order; a match joins the targets unless it would put two user_ids on one profile.
    const targets: ModelProfile[] = [];
    const skipped = new Set<ModelProfile>();
    const considered = new Set<ModelProfile>();
    for (const idType of PRIORITY) {
      for (const identifier of incoming.filter((candidate) => candidate.idType === idType)) {
        const owner = this.owners.get(keyOf(identifier));
        if (!owner || considered.has(owner)) continue;
        considered.add(owner);
        const held = userIds([...incoming, ...targets.flatMap((target) => target.identifiers)]);
        const joined = new Set([...held, ...userIds(owner.identifiers)]);
        if (joined.size > 1) skipped.add(owner);
        else targets.push(owner);
      }
    }
    // 3. None → create; one → attach; several → merge into the earliest created.
    let target: ModelProfile;
    if (targets.length === 0) {
      target = { id: this.profiles.length, identifiers: [], mergedInto: null };
      this.profiles.push(target);
    } else {
      target = targets.reduce((earliest, candidate) => (candidate.id < earliest.id ? candidate : earliest));
      for (const other of targets) {
        if (other === target) continue;
        for (const identifier of other.identifiers) this.owners.set(keyOf(identifier), target);
        target.identifiers.push(...other.identifiers);
        other.identifiers = [];
        other.mergedInto = target;
      }
    }
    // 4. Attach what no skipped profile owns (user_id: never a second one).
    for (const identifier of incoming) {
      const owner = this.owners.get(keyOf(identifier));
      if (owner === target || (owner && skipped.has(owner))) continue;
      if (owner) throw new Error(`reference model: ${keyOf(identifier)} is owned by a profile that was neither matched nor skipped`);
      if (identifier.idType === "user_id" && userIds(target.identifiers).size > 0) continue;
      target.identifiers.push(identifier);
      this.owners.set(keyOf(identifier), target);
    }
    return target;
  }
}

// ------------------------------------------------------------------ scoring

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Pairwise precision/recall/F1 of `actual` against `expected` (both: record id → cluster label). */
function pairwiseScores(recordIds: number[], expected: Map<number, string>, actual: Map<number, string>) {
  const count = (labels: string[]) => {
    const sizes = new Map<string, number>();
    for (const label of labels) sizes.set(label, (sizes.get(label) ?? 0) + 1);
    return [...sizes.values()].reduce((sum, size) => sum + pairs(size), 0);
  };
  const truePairs = count(recordIds.map((id) => `${expected.get(id)}|${actual.get(id)}`));
  const actualPairs = count(recordIds.map((id) => actual.get(id)!));
  const expectedPairs = count(recordIds.map((id) => expected.get(id)!));
  const precision = actualPairs === 0 ? 1 : truePairs / actualPairs;
  const recall = expectedPairs === 0 ? 1 : truePairs / expectedPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, actualPairs, expectedPairs, precision, recall, f1 };
}

// ------------------------------------------------------------------ the test

describe(`identity resolution of a random population (seed ${SEED}, ${PEOPLE} people)`, () => {
  let storeId: string;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    storeId = (await createTestStore("population")).id;
    admin = await createTestKey("ADMIN");
    agent = await createTestKey("AGENT");
    const settings = await callApi("PUT", `/v1/ControlPlane/Stores/${storeId}/IdentityResolutionSettings`, {
      auth: admin,
      json: {
        identifierConfigs: [
          { idType: "user_id", normalization: "trim", limit: 1, limitPolicy: "block" },
          { idType: "email", normalization: "email", limit: 100, limitPolicy: "fifo", blockedValues: ["NoEmail@Example.com", " none@none.com"] },
          { idType: "whatsapp", normalization: "phone", limit: 100, limitPolicy: "fifo" },
          { idType: "phone", normalization: "phone", limit: 100, limitPolicy: "fifo", blockedValues: ["(303) 555-0100"] },
          { idType: "chat", normalization: "trim", limit: 100, limitPolicy: "fifo" },
        ],
        matchingRules: PRIORITY,
        mergeMode: "auto",
      },
    });
    expect(settings.status, settings.text).toBe(202);
    const group = await callApi("POST", `/v1/ControlPlane/Stores/${storeId}/TraitGroups`, {
      auth: admin,
      json: {
        displayName: "Account",
        description: "The shop's customer account",
        traits: { userId: { dataType: "STRING", idTypePromotion: "user_id" }, chatHandle: { dataType: "STRING", idTypePromotion: "chat" } },
      },
    });
    expect(group.status, group.text).toBeLessThan(300);
  });

  it("ends in exactly the profiles SPEC §4 prescribes, never merging two people", { timeout: 180_000 }, async () => {
    const started = performance.now();
    const random = new Random(SEED);
    const people = createPopulation(random, PEOPLE);
    const { records, operations } = buildPopulationOperations(random, people);
    const model = new ReferenceModel();
    const modelProfileOf = new Map<number, ModelProfile | null>();
    const participantAnswers: { record: PopulationRecord; profileId: string | null }[] = [];
    // Conflicts the API reported (a household's landline kept apart by user_id, above all).
    const conflicts: string[] = [];
    const profilesPath = `/v1/Stores/${storeId}/Profiles`;

    // ---- write everything, one operation after another, the model following along
    for (const operation of operations) {
      if (operation.kind === "profile") {
        const response = await callApi("POST", profilesPath, { auth: agent, json: { traits: operation.traits } });
        expect(response.status, `POST Profiles ${JSON.stringify(operation.traits)}: ${response.text}`).toBe(202);
        operation.record.answeredProfileId = response.body.id;
        conflicts.push(...response.body.conflicts);
        modelProfileOf.set(operation.record.id, model.resolve(operation.record.identifiers, true));
      } else if (operation.kind === "bulk") {
        const response = await callApi("PUT", `${profilesPath}/Bulk`, { auth: agent, json: { profiles: operation.rows.map((row) => ({ traits: row.traits })) } });
        expect(response.status, response.text).toBe(202);
        for (const [index, row] of operation.rows.entries()) {
          const result = response.body.results[index];
          expect(result.status, `bulk row ${JSON.stringify(row.traits)}: ${JSON.stringify(result)}`).not.toBe("invalid");
          row.record.answeredProfileId = result.profileId;
          conflicts.push(...result.conflicts);
          modelProfileOf.set(row.record.id, model.resolve(row.record.identifiers, true));
        }
      } else {
        const conversation = operation.kind === "replay" ? operation.of : operation;
        const response = await callApi("POST", `/v1/Stores/${storeId}/Conversations`, { auth: agent, json: conversation.body });
        expect(response.status, `POST Conversations ${JSON.stringify(conversation.body)}: ${response.text}`).toBe(operation.kind === "replay" ? 200 : 201);
        const customers = response.body.participants.filter((participant: { type: string }) => participant.type === "CUSTOMER");
        expect(customers).toHaveLength(conversation.records.length);
        for (const [index, record] of conversation.records.entries()) {
          const profileId = customers[index].profileId as string | null;
          participantAnswers.push({ record, profileId });
          if (operation.kind === "replay") continue; // the same participants: nothing is resolved again
          conflicts.push(...(response.body.warnings as { path: string; message: string }[]).filter((warning) => warning.path === `participants.${index}.addresses`).map((warning) => warning.message));
          record.answeredProfileId = profileId;
          modelProfileOf.set(record.id, model.resolve(record.identifiers, false));
        }
      }
    }
    const written = performance.now();

    // ---- read back: every answered id, followed through aliases to its canonical profile
    const canonicalIds = new Map<string, string>();
    const canonicalOf = async (profileId: string): Promise<string> => {
      const known = canonicalIds.get(profileId);
      if (known) return known;
      let current = profileId;
      for (let hops = 0; ; hops++) {
        const response = await callApi("GET", `${profilesPath}/${current}`, { auth: agent });
        if (response.status === 200) break;
        expect(response.status, `GET Profiles/${current}: ${response.text}`).toBe(301);
        expect(hops).toBeLessThan(10);
        current = response.headers.get("canonical-profile-id")!;
      }
      canonicalIds.set(profileId, current);
      return current;
    };
    const resolved = records.filter((record) => record.answeredProfileId !== undefined);
    const expected = new Map<number, string>();
    const actual = new Map<number, string>();
    for (const record of resolved) {
      const modelProfile = modelProfileOf.get(record.id) ?? null;
      expect(record.answeredProfileId === null, `record ${record.id} (${record.kind} of person ${record.person.index}): answered ${record.answeredProfileId}, the model says ${modelProfile ? "a profile" : "none"}`).toBe(modelProfile === null);
      if (!modelProfile || !record.answeredProfileId) continue;
      expected.set(record.id, `m${model.canonical(modelProfile).id}`);
      actual.set(record.id, await canonicalOf(record.answeredProfileId));
    }
    const recordIds = [...expected.keys()];
    const scores = pairwiseScores(recordIds, expected, actual);

    // ---- no profile may hold two people; the model must not either (or the generator broke its promise)
    const peopleIn = (labels: Map<number, string>) => {
      const byLabel = new Map<string, Set<number>>();
      for (const id of recordIds) {
        const label = labels.get(id)!;
        (byLabel.get(label) ?? byLabel.set(label, new Set()).get(label)!).add(records[id].person.index);
      }
      return [...byLabel.entries()].filter(([, persons]) => persons.size > 1).map(([label, persons]) => `${label}: people ${[...persons].join(", ")}`);
    };
    const falseMerges = peopleIn(actual);

    // ---- every expected profile is one actual profile, holding exactly the identifiers the model says
    const actualOfExpected = new Map<string, Set<string>>();
    for (const id of recordIds) (actualOfExpected.get(expected.get(id)!) ?? actualOfExpected.set(expected.get(id)!, new Set()).get(expected.get(id)!)!).add(actual.get(id)!);
    const identifierMismatches: string[] = [];
    for (const modelProfile of model.live()) {
      const [actualId, ...others] = [...(actualOfExpected.get(`m${modelProfile.id}`) ?? [])];
      if (!actualId || others.length > 0) continue; // counted by the F1 already
      const response = await callApi("GET", `${profilesPath}/${actualId}/Identifiers`, { auth: agent });
      expect(response.status, response.text).toBe(200);
      const held = (response.body.identifiers as { idType: string; values: string[] }[]).flatMap((set) => set.values.map((value) => `${set.idType}:${value}`)).sort();
      const wanted = modelProfile.identifiers.map((identifier) => `${identifier.idType}:${identifier.value}`).sort();
      if (JSON.stringify(held) !== JSON.stringify(wanted)) identifierMismatches.push(`${actualId} holds [${held.join(", ")}], expected [${wanted.join(", ")}]`);
    }

    // ---- every participant's profileId (replays included) resolves to its person's profile
    const participantMismatches: string[] = [];
    for (const { record, profileId } of participantAnswers) {
      const modelProfile = modelProfileOf.get(record.id);
      if (!modelProfile || !profileId) continue;
      const wanted = [...(actualOfExpected.get(`m${model.canonical(modelProfile).id}`) ?? [])];
      const got = await canonicalOf(profileId);
      if (wanted.length !== 1 || wanted[0] !== got) participantMismatches.push(`participant of person ${record.person.index}: ${profileId} → ${got}, expected ${wanted.join(" | ")}`);
    }

    // ---- and nothing else was created: the store holds exactly the model's profiles
    const listed: string[] = [];
    for (let token: string | undefined; ; ) {
      const page = await callApi("GET", `${profilesPath}?pageSize=1000${token ? `&pageToken=${encodeURIComponent(token)}` : ""}`, { auth: agent });
      expect(page.status, page.text).toBe(200);
      listed.push(...page.body.profiles);
      token = page.body.meta.nextToken ?? undefined;
      if (!token) break;
    }

    const byKind = (kind: PopulationRecord["kind"]) => resolved.filter((record) => record.kind === kind).length;
    const splitPeople = people.filter((person) => new Set(recordIds.filter((id) => records[id].person === person).map((id) => actual.get(id))).size > 1).length;
    console.log(
      [
        `identity population (seed ${SEED}): ${people.length} people, ${records.length} records (${byKind("profile")} POST Profiles, ${byKind("bulk")} bulk rows, ${byKind("participant")} conversation participants), ` +
          `${operations.length} requests (${operations.filter((operation) => operation.kind === "replay").length} replays)`,
        `  expected profiles ${model.live().length}, actual ${new Set(actual.values()).size} (listed ${listed.length}); people split over several profiles by SPEC §4 (records sharing nothing): ${splitPeople}`,
        `  pairwise: precision ${scores.precision.toFixed(4)}, recall ${scores.recall.toFixed(4)}, F1 ${scores.f1.toFixed(4)} (true pairs ${scores.truePairs}, actual pairs ${scores.actualPairs}, expected pairs ${scores.expectedPairs})`,
        `  conflicts reported ${conflicts.length} (user_id kept people apart: ${conflicts.filter((message) => message.includes("user_id")).length})`,
        `  false merges ${falseMerges.length}, identifier mismatches ${identifierMismatches.length}, participant mismatches ${participantMismatches.length}`,
        `  time: writes ${((written - started) / 1000).toFixed(1)} s, checks ${((performance.now() - written) / 1000).toFixed(1)} s`,
      ].join("\n"),
    );

    expect(peopleIn(expected), "the reference model merged two people: the generator broke its guarantee").toEqual([]);
    expect(conflicts.filter((message) => message.includes("user_id")).length, "no household landline was ever kept apart: the scenario did not happen").toBeGreaterThan(0);
    expect(falseMerges, "profiles holding records of two different people").toEqual([]);
    expect(scores.f1).toBeGreaterThanOrEqual(0.999);
    expect(identifierMismatches.slice(0, 10)).toEqual([]);
    expect(participantMismatches.slice(0, 10)).toEqual([]);
    expect(listed.length).toBe(model.live().length);
  });
});
