// The data of `npm run seed:large` (scripts/seed-large.ts): a store of many profiles written with
// bulk SQL (`INSERT … SELECT … FROM generate_series`) in batches, instead of the domain functions,
// which would take hours for 100,000 customers. Everything is a function of the profile's number n
// (1…N), so the same shape gives the same store every time, and every id is a well-formed TypeID
// whose time part is the row's creation time (newest first by id, as the app's own ids sort).
//
// Per profile: a name (1 in 23 have none: anonymous visitors), an E.164 phone (US, 1 in 10 UK) that
// its Contact.phone trait holds as the customer typed it (`(415) 203-0123`, `415-203-0123`,
// `+1 415 203 0123`, `4152030123`, `+44 7400 000003`), an email (the trait keeps the customer's capitals, the
// identifier is lower-case), a CRM user id for 3 in 5, a second phone for 1 in 12, a WhatsApp or
// chat identifier when it talked on those channels; traits in three groups (Contact, Preferences,
// Account); 1–3 conversations (two messages each) across SMS, WhatsApp, email, chat and voice;
// 2–4 observations (1 in 10 PENDING for the review queue, a spread of confidences, some unscored).
// Every 250th profile absorbed one or two merged-away profiles (APPLIED merges, aliases); every
// 10,000th (and the first) is busy: 40 more conversations of 10 messages and 150 more observations.
// Memory rows carry no vectors: a server started with its worker embeds them in the background.

import type { TraitGroupCreateInput } from "../lib/traits/trait-schemas";

/** What the generator needs of pg.Client and PGlite alike: one session (it uses a temporary function). */
export type SqlRunner = { query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }> };

/** The trait groups the large store's profiles fill, beside the default Contact group. */
export const LARGE_STORE_TRAIT_GROUPS: TraitGroupCreateInput[] = [
  {
    displayName: "Preferences",
    description: "What the customer likes",
    traits: { favoriteActivity: { dataType: "STRING" }, shoeSize: { dataType: "NUMBER" } },
  },
  {
    displayName: "Account",
    description: "Loyalty programme",
    traits: { tier: { dataType: "STRING" }, homeStore: { dataType: "STRING" } },
  },
];

export const MAX_LARGE_STORE_PROFILES = 1_000_000;
/** The tables the generator writes. */
export const LARGE_STORE_TABLES = ["profiles", "identifiers", "trait_values", "conversations", "participants", "communications", "observations", "merges", "profile_aliases"];
const BATCH = 10_000;
const SPAN_MS = 730 * 86_400_000;
/** Busy profiles: the first and every 10,000th after it. */
export const BUSY_CONVERSATIONS = 40;
export const BUSY_OBSERVATIONS = 150;

const FIRST = [
  "Maria", "James", "Aisha", "Daniel", "Priya", "Connor", "Sofia", "Marcus", "Emily", "Hiroshi", "Grace", "Luis", "Hannah", "Kwame", "Olivia",
  "Ethan", "Mei", "Noah", "Zoe", "Samuel", "Ana", "Tyler", "Fatima", "Ben", "Chloe", "Diego", "Rachel", "Owen", "Dana", "Mateo", "Ingrid",
  "Tariq", "Amara", "Chen", "Lena", "Omar", "Jonas", "Rafael", "Yara", "Felix", "Hana", "Luca", "Kofi", "Elif", "Marta", "Ravi", "Oliver",
  "Amelia", "Callum", "Imogen", "Lukas", "Camille", "Niamh", "Daan", "Ada", "Ines", "Tomas", "Leila", "Arjun", "Sara",
];
const LAST = [
  "Gonzalez", "Carter", "Okafor", "Kim", "Raman", "Walsh", "Rossi", "Bennett", "Nguyen", "Tanaka", "Holloway", "Herrera", "Fischer", "Mensah",
  "Brooks", "Sullivan", "Chen", "Patel", "Lindqvist", "Adeyemi", "Morales", "Jensen", "Haddad", "Whitaker", "Dubois", "Ramirez", "Levy", "Price",
  "Larsen", "Novak", "Silva", "Kowalski", "Moreau", "Nakamura", "Cohen", "Andersen", "Costa", "Ibrahim", "Hughes", "Clarke", "Reid", "Shaw",
  "Becker", "Laurent", "Byrne", "Vries", "Murphy", "Schmidt", "Romero", "Ali", "Singh", "Yilmaz", "Popescu", "Horvat", "Eriksen", "Ortiz",
  "Mbeki", "Park", "Byron", "Tables",
];
const AREAS = ["415", "303", "720", "503", "206", "801", "212", "312", "617", "512", "404", "602", "213", "305", "702", "919", "615", "971", "385", "541", "360", "425", "650", "408"];
const DOMAINS = ["example.com", "mail.example.org", "example.net", "inbox.example.com", "post.example.org", "example.co.uk"];
const ACTIVITIES = ["hiking", "trail running", "climbing", "kayaking", "camping", "skiing", "cycling", "fly fishing", "backpacking", "snowshoeing", "paddleboarding", "mountaineering"];
const TIERS = ["Bronze", "Silver", "Gold", "Platinum"];
const CITIES = ["Denver", "Boulder", "Portland", "Seattle", "Salt Lake City", "Bend", "Austin", "Chicago", "Boston", "Leeds", "Dublin", "Berlin"];
const PRODUCTS = ["tent", "sleeping bag", "rain jacket", "hiking boots", "backpack", "headlamp", "trekking poles", "stove", "kayak paddle", "climbing harness", "down vest", "water filter"];
const PROBLEMS = ["arrived damaged", "is the wrong size", "has a broken zip", "never arrived", "leaks in the rain", "was charged twice"];
const MONTHS = ["January", "March", "May", "June", "August", "October", "December"];
const CUSTOMER_LINES = [
  "Hi, my order hasn't arrived yet, can you check?", "Do you have the rain jacket in a medium?", "The zip on my tent broke after two trips.",
  "Can I change the delivery address for my order?", "I'd like to return the boots, they're too small.", "Is the down vest back in stock?",
  "What's the warranty on the stove?", "I was charged twice for the same order.", "Can you recommend a sleeping bag for winter camping?",
  "My loyalty points don't show up in my account.", "Do you ship to Canada?", "The headlamp stopped working after a week.",
];
const AGENT_LINES = [
  "Thanks for reaching out! Let me look into that for you.", "I've sent a replacement, it should arrive in 3–5 days.",
  "I've issued a refund to your card.", "Yes, it's in stock at your nearest shop.", "I've updated the address on your order.",
  "I've added the missing points to your account.", "Our warranty covers that for two years, I'll open a claim.",
];

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const textArray = (values: readonly string[]) => `ARRAY[${values.map(literal).join(",")}]::text[]`;
/** `array[1 + (expression) % length]`, the n-th element, cycling. */
const pick = (values: readonly string[], expression: string) => `(${textArray(values)})[1 + ((${expression}) % ${values.length})]`;

// A TypeID from a creation time (ms: the first 10 characters, as a UUIDv7's 48-bit timestamp) and
// a number that makes it unique (the last 16). Temporary: it lives as long as the session.
const base32 = (value: string, characters: number) =>
  Array.from({ length: characters }, (_, index) => `substr('${ALPHABET}', ((${value} >> ${5 * (characters - 1 - index)}) & 31)::int + 1, 1)`).join(" || ");
// One expression (no subquery), so PostgreSQL inlines the function into each INSERT.
const SEED_ID_FUNCTION = `
  CREATE OR REPLACE FUNCTION pg_temp.seed_id(prefix text, ms bigint, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT prefix || '_' || ${base32("ms", 10)} || '0000' || ${base32("n", 12)} $$`;
const ts = (ms: string) => `(to_timestamp((${ms})::double precision / 1000) AT TIME ZONE 'UTC')`;

// ------------------------------------------------------------------ per-profile expressions (n, pms)

/** Profiles n of this batch and their creation time, spread evenly over the last two years. */
// The newest a day before now, so that every conversation lies in the past.
const profilesOfBatch = `SELECT g::bigint AS n, ($5::bigint + (g::bigint * ($6::bigint - 86400000)) / $4::bigint) AS pms FROM generate_series($2::int, $3::int) g`;
const isNamed = `(n % 23 <> 0)`;
const firstName = pick(FIRST, "n");
const lastName = pick(LAST, "n / 60");
const isUk = `(n % 10 = 3)`;
const area = pick(AREAS, "n");
const exchange = `(200 + (n / 10000) % 800)::text`;
const line = `lpad((n % 10000)::text, 4, '0')`;
const ukNumber = `lpad((400000000 + n)::text, 9, '0')`;
const phone = `CASE WHEN ${isUk} THEN '+447' || ${ukNumber} ELSE '+1' || ${area} || ${exchange} || ${line} END`;
/** The phone as the customer typed it: four US formats; UK numbers with their country code (the store reads others as US). */
const phoneAsTyped = `CASE WHEN ${isUk} THEN '+44 7' || substr(${ukNumber}, 1, 3) || ' ' || substr(${ukNumber}, 4) ELSE (CASE n % 4
  WHEN 0 THEN '(' || ${area} || ') ' || ${exchange} || '-' || ${line}
  WHEN 1 THEN ${area} || '-' || ${exchange} || '-' || ${line}
  WHEN 2 THEN '+1 ' || ${area} || ' ' || ${exchange} || ' ' || ${line}
  ELSE ${area} || ${exchange} || ${line} END) END`;
const secondPhone = `'+1' || ${pick(AREAS, "n + 7")} || (800 + (n / 10000) % 100)::text || ${line}`;
const emailAsTyped = `CASE WHEN ${isNamed} THEN ${firstName} || '.' || ${lastName} || n::text ELSE 'Guest' || n::text END || '@' || ${pick(DOMAINS, "n / 7")}`;
const hasUserId = `(n % 5 < 3)`;
const userId = `'crm-' || lpad(n::text, 7, '0')`;
const chatId = `'visitor-' || n::text`;

// Conversation c of profile n: c = 3n + k, k < 1 + n % 3. The first is right after the profile was
// created (the contact that created it); the others somewhere between then and an hour ago.
const conversationsOfBatch = `SELECT n, pms, k, 3 * n + k AS c,
    CASE WHEN k = 0 THEN pms + 60000 ELSE pms + ((3 * n + k) * 2654435761) % greatest(1, $7::bigint - pms - 3600000) END AS cms
  FROM (${profilesOfBatch}) p CROSS JOIN generate_series(0, 2) k WHERE k < 1 + n % 3`;
const channel = `(ARRAY['SMS','EMAIL','WHATSAPP','CHAT','EMAIL','VOICE','SMS','CHAT']::"Channel"[])[1 + ((n + 5 * k) % 8)]`;
const customerAddress = (channelExpression: string) => `CASE ${channelExpression}
  WHEN 'EMAIL' THEN lower(${emailAsTyped}) WHEN 'CHAT' THEN ${chatId} WHEN 'WHATSAPP' THEN 'whatsapp:' || (${phone}) ELSE ${phone} END`;

/**
 * Writes `profiles` profiles and their data into `storeId` (an existing store without profiles,
 * whose trait groups include LARGE_STORE_TRAIT_GROUPS). Returns the row counts it wrote.
 */
export async function writeLargeStoreData(
  db: SqlRunner,
  { storeId, profiles, now = Date.now(), log = () => undefined }: { storeId: string; profiles: number; now?: number; log?: (line: string) => void },
): Promise<Record<string, number>> {
  if (!Number.isInteger(profiles) || profiles < 1 || profiles > MAX_LARGE_STORE_PROFILES) throw new Error(`profiles must be an integer from 1 to ${MAX_LARGE_STORE_PROFILES}`);
  const nowMs = Math.floor(now / 1000) * 1000;
  await db.query(SEED_ID_FUNCTION);
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  for (let from = 1; from <= profiles; from += BATCH) {
    const to = Math.min(profiles, from + BATCH - 1);
    const params = [storeId, from, to, profiles, nowMs - SPAN_MS, SPAN_MS, nowMs];
    // PostgreSQL counts a statement's parameters up to the highest it names.
    const run = (sql: string) => db.query(sql, params.slice(0, Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])))));

    await run(`INSERT INTO "profiles" ("storeId", "id", "displayName", "createdAt", "updatedAt")
      SELECT $1, pg_temp.seed_id('mem_profile', pms, n), CASE WHEN ${isNamed} THEN ${firstName} || ' ' || ${lastName} END, ${ts("pms")}, ${ts("pms")}
      FROM (${profilesOfBatch}) p`);

    // Identifiers (slot: 0 phone, 1 email, 2 user id, 3 second phone, 4 WhatsApp, 5 chat).
    await run(`INSERT INTO "identifiers" ("storeId", "id", "profileId", "idType", "value", "isUnique", "source", "createdAt")
      SELECT $1, pg_temp.seed_id('mem_identifier', pms + slot, 8 * n + slot), pg_temp.seed_id('mem_profile', pms, n), type, value, true, 'CONVERSATION', ${ts("pms + slot")}
      FROM (${profilesOfBatch}) p CROSS JOIN LATERAL (VALUES
        (0, 'phone', ${phone}), (1, 'email', lower(${emailAsTyped})), (2, CASE WHEN ${hasUserId} THEN 'user_id' END, ${userId}),
        (3, CASE WHEN n % 12 = 5 THEN 'phone' END, ${secondPhone})) i(slot, type, value)
      WHERE type IS NOT NULL`);
    await run(`INSERT INTO "identifiers" ("storeId", "id", "profileId", "idType", "value", "isUnique", "source", "createdAt")
      SELECT DISTINCT ON (n, type) $1, pg_temp.seed_id('mem_identifier', pms + slot, 8 * n + slot), pg_temp.seed_id('mem_profile', pms, n), type, value, true, 'CONVERSATION', ${ts("cms")}
      FROM (SELECT *, CASE ${channel} WHEN 'WHATSAPP' THEN 4 WHEN 'CHAT' THEN 5 END AS slot FROM (${conversationsOfBatch}) c) c
      CROSS JOIN LATERAL (SELECT CASE slot WHEN 4 THEN 'whatsapp' ELSE 'chat' END AS type, CASE slot WHEN 4 THEN ${phone} ELSE ${chatId} END AS value) i
      WHERE slot IS NOT NULL ORDER BY n, type, k`);

    await run(`INSERT INTO "trait_values" ("storeId", "profileId", "groupName", "traitName", "value", "source", "updatedAt")
      SELECT $1, pg_temp.seed_id('mem_profile', pms, n), groupName, traitName, value, 'CONVERSATION', ${ts("pms")}
      FROM (${profilesOfBatch}) p CROSS JOIN LATERAL (VALUES
        ('Contact', 'firstName', CASE WHEN ${isNamed} THEN to_jsonb(${firstName}) END),
        ('Contact', 'lastName', CASE WHEN ${isNamed} THEN to_jsonb(${lastName}) END),
        ('Contact', 'email', to_jsonb(${emailAsTyped})),
        ('Contact', 'phone', to_jsonb(${phoneAsTyped})),
        ('Preferences', 'favoriteActivity', CASE WHEN n % 10 < 7 THEN to_jsonb(${pick(ACTIVITIES, "n * 7")}) END),
        ('Preferences', 'shoeSize', CASE WHEN n % 3 = 0 THEN to_jsonb(36 + n % 12) END),
        ('Account', 'tier', to_jsonb(${pick(TIERS, "n * 11 / 3")})),
        ('Account', 'homeStore', CASE WHEN n % 2 = 0 THEN to_jsonb(${pick(CITIES, "n / 2")}) END)) t(groupName, traitName, value)
      WHERE value IS NOT NULL`);

    await run(`INSERT INTO "conversations" ("storeId", "id", "channel", "status", "lastActivityAt", "closedAt", "createdAt", "updatedAt")
      SELECT $1, pg_temp.seed_id('conv_conversation', cms, c), ${channel}, 'CLOSED', ${ts("cms + 120000")}, ${ts("cms + 120000")}, ${ts("cms")}, ${ts("cms + 120000")}
      FROM (${conversationsOfBatch}) c`);
    await run(`INSERT INTO "participants" ("storeId", "id", "conversationId", "type", "name", "addresses", "profileId", "createdAt")
      SELECT $1, pg_temp.seed_id('conv_participant', cms, 2 * c + r), pg_temp.seed_id('conv_conversation', cms, c),
        (CASE WHEN r = 0 THEN 'CUSTOMER' ELSE 'HUMAN_AGENT' END)::"ParticipantType",
        CASE WHEN r = 1 THEN 'Agent ' || (c % 40)::text WHEN ${isNamed} THEN ${firstName} END,
        jsonb_build_array(jsonb_build_object('channel', ${channel}::text, 'address', CASE WHEN r = 0 THEN ${customerAddress(channel)} ELSE 'agent-' || (c % 40)::text END)),
        CASE WHEN r = 0 THEN pg_temp.seed_id('mem_profile', pms, n) END, ${ts("cms")}
      FROM (${conversationsOfBatch}) c CROSS JOIN generate_series(0, 1) r`);
    await run(`INSERT INTO "communications" ("storeId", "id", "conversationId", "participantId", "authorChannel", "authorAddress", "content", "occurredAt", "createdAt")
      SELECT $1, pg_temp.seed_id('conv_communication', cms + 60000 * t, 2 * c + t), pg_temp.seed_id('conv_conversation', cms, c),
        pg_temp.seed_id('conv_participant', cms, 2 * c + t), ${channel},
        CASE WHEN t = 0 THEN ${customerAddress(channel)} ELSE 'agent-' || (c % 40)::text END,
        CASE WHEN t = 0 THEN ${pick(CUSTOMER_LINES, "c * 7919")} ELSE ${pick(AGENT_LINES, "c * 104729")} END,
        ${ts("cms + 60000 * t")}, ${ts("cms + 60000 * t")}
      FROM (${conversationsOfBatch}) c CROSS JOIN generate_series(0, 1) t`);

    // Observations o = 4n + j (2–4 a profile), each from one of the profile's conversations.
    await run(`INSERT INTO "observations" ("storeId", "id", "profileId", "content", "source", "kind", "status", "confidence", "occurredAt",
        "conversationIds", "communicationIds", "createdAt", "updatedAt", "reviewedAt")
      SELECT $1, pg_temp.seed_id('mem_observation', cms + 300000 + j, o), pg_temp.seed_id('mem_profile', pms, n), ${observationContent("o")}, 'EXTRACTION',
        ${observationKind("o")}, status::"ObservationStatus", ${observationConfidence("o")}, ${ts("cms")},
        ARRAY[pg_temp.seed_id('conv_conversation', cms, c)], ARRAY[pg_temp.seed_id('conv_communication', cms, 2 * c)],
        ${ts("cms + 300000 + j")}, ${ts("cms + 300000 + j")}, CASE WHEN status <> 'PENDING' THEN ${ts("cms + 3600000")} END
      FROM (SELECT c.*, j, 4 * n + j AS o,
              CASE WHEN (n * 7 + j) % 10 = 0 THEN 'PENDING' WHEN (n * 3 + j) % 31 = 0 THEN 'REJECTED' ELSE 'APPROVED' END AS status
            FROM (${conversationsOfBatch}) c CROSS JOIN generate_series(0, 3) j WHERE j < 2 + n % 3 AND k = j % (1 + n % 3)) x`);

    // Merged: every 250th profile absorbed one or two profiles whose ids now resolve to it.
    await run(`INSERT INTO "merges" ("storeId", "id", "survivorProfileId", "sourceProfileId", "status", "proposedBy", "reason", "decidedByType", "createdAt", "decidedAt")
      SELECT $1, pg_temp.seed_id('mem_merge', pms + 86400000 + a, 2 * n + a), pg_temp.seed_id('mem_profile', pms, n), pg_temp.seed_id('mem_profile', pms - 1000, 2000000 + 2 * n + a),
        'APPLIED', 'RESOLVER', jsonb_build_object('matches', jsonb_build_array(jsonb_build_object('idType', 'email', 'value', lower(${emailAsTyped}))), 'source', 'CONVERSATION', 'sourceRef', NULL),
        'SYSTEM', ${ts("pms + 86400000 + a")}, ${ts("pms + 86400000 + a")}
      FROM (${profilesOfBatch}) p CROSS JOIN generate_series(0, 1) a WHERE n % 250 = 7 AND a <= n % 2`);
    await run(`INSERT INTO "profile_aliases" ("storeId", "aliasId", "profileId", "mergeId", "createdAt")
      SELECT $1, pg_temp.seed_id('mem_profile', pms - 1000, 2000000 + 2 * n + a), pg_temp.seed_id('mem_profile', pms, n), pg_temp.seed_id('mem_merge', pms + 86400000 + a, 2 * n + a), ${ts("pms + 86400000 + a")}
      FROM (${profilesOfBatch}) p CROSS JOIN generate_series(0, 1) a WHERE n % 250 = 7 AND a <= n % 2`);

    await writeBusyProfiles(run);
    log(`profiles ${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${profiles.toLocaleString("en")} (${elapsed()})`);
  }

  // The last contact, as conversation activity sets it.
  await db.query(
    `UPDATE "profiles" p SET "lastContactAt" = x.latest
     FROM (SELECT pa."profileId", max(c."lastActivityAt") AS latest FROM "participants" pa
           JOIN "conversations" c ON c."storeId" = pa."storeId" AND c."id" = pa."conversationId"
           WHERE pa."storeId" = $1 AND pa."profileId" IS NOT NULL GROUP BY pa."profileId") x
     WHERE p."storeId" = $1 AND p."id" = x."profileId"`,
    [storeId],
  );
  log(`last contact times (${elapsed()})`);
  for (const table of LARGE_STORE_TABLES) {
    await db.query(`ANALYZE "${table}"`);
  }
  log(`analyzed (${elapsed()})`);
  return countLargeStore(db, storeId);
}

function observationContent(o: string): string {
  return `CASE ${o} % 6
    WHEN 0 THEN 'Prefers ' || ${pick(ACTIVITIES, `${o} / 6`)} || ' trips with friends'
    WHEN 1 THEN 'Their ' || ${pick(PRODUCTS, `${o} / 6`)} || ' ' || ${pick(PROBLEMS, `${o} / 11`)}
    WHEN 2 THEN 'Plans a trip to ' || ${pick(CITIES, `${o} / 6`)} || ' in ' || ${pick(MONTHS, `${o} / 13`)}
    WHEN 3 THEN 'Owns a ' || ${pick(PRODUCTS, `${o} / 5`)} || ' bought two seasons ago'
    WHEN 4 THEN 'Wants to hear about ' || ${pick(ACTIVITIES, `${o} / 7`)} || ' gear sales by email'
    ELSE 'Usually shops at the ' || ${pick(CITIES, `${o} / 6`)} || ' store' END`;
}
function observationKind(o: string): string {
  return `(ARRAY['PREFERENCE','ISSUE','PLAN','FACT','PREFERENCE','FACT'])[1 + ${o} % 6]`;
}
/** Unscored 1 in 17; otherwise 0.35–0.99. */
function observationConfidence(o: string): string {
  return `CASE WHEN ${o} % 17 = 0 THEN NULL ELSE round((0.35 + ((${o} * 37) % 65) / 100.0)::numeric, 2)::double precision END`;
}

/** Busy profiles of the batch (n = 1 and every 10,000th after it): more conversations and observations. */
async function writeBusyProfiles(run: (sql: string) => Promise<unknown>): Promise<void> {
  const busy = `SELECT n, pms, (n - 1) / 10000 AS b FROM (${profilesOfBatch}) p WHERE n % 10000 = 1`;
  // Conversation numbers above every ordinary profile's (3N + 3).
  const conversations = `SELECT n, pms, 3 * $4::bigint + 1000 * (b + 1) + j AS c, j AS k,
      pms + ((j + 1) * greatest(0, $7::bigint - pms - 7200000)) / ${BUSY_CONVERSATIONS + 1} AS cms
    FROM (${busy}) b CROSS JOIN generate_series(0, ${BUSY_CONVERSATIONS - 1}) j`;
  await run(`INSERT INTO "conversations" ("storeId", "id", "channel", "status", "lastActivityAt", "closedAt", "createdAt", "updatedAt")
    SELECT $1, pg_temp.seed_id('conv_conversation', cms, c), ${channel}, 'CLOSED', ${ts("cms + 600000")}, ${ts("cms + 600000")}, ${ts("cms")}, ${ts("cms + 600000")}
    FROM (${conversations}) c`);
  await run(`INSERT INTO "participants" ("storeId", "id", "conversationId", "type", "name", "addresses", "profileId", "createdAt")
    SELECT $1, pg_temp.seed_id('conv_participant', cms, 2 * c + r), pg_temp.seed_id('conv_conversation', cms, c),
      (CASE WHEN r = 0 THEN 'CUSTOMER' ELSE 'HUMAN_AGENT' END)::"ParticipantType", CASE WHEN r = 1 THEN 'Agent ' || (c % 40)::text ELSE ${firstName} END,
      jsonb_build_array(jsonb_build_object('channel', ${channel}::text, 'address', CASE WHEN r = 0 THEN ${customerAddress(channel)} ELSE 'agent-' || (c % 40)::text END)),
      CASE WHEN r = 0 THEN pg_temp.seed_id('mem_profile', pms, n) END, ${ts("cms")}
    FROM (${conversations}) c CROSS JOIN generate_series(0, 1) r`);
  await run(`INSERT INTO "communications" ("storeId", "id", "conversationId", "participantId", "authorChannel", "authorAddress", "content", "occurredAt", "createdAt")
    SELECT $1, pg_temp.seed_id('conv_communication', cms + 60000 * t, 16 * c + t), pg_temp.seed_id('conv_conversation', cms, c),
      pg_temp.seed_id('conv_participant', cms, 2 * c + t % 2), ${channel},
      CASE WHEN t % 2 = 0 THEN ${customerAddress(channel)} ELSE 'agent-' || (c % 40)::text END,
      CASE WHEN t % 2 = 0 THEN ${pick(CUSTOMER_LINES, "c * 7919 + t")} ELSE ${pick(AGENT_LINES, "c * 104729 + t")} END,
      ${ts("cms + 60000 * t")}, ${ts("cms + 60000 * t")}
    FROM (${conversations}) c CROSS JOIN generate_series(0, 9) t`);
  await run(`INSERT INTO "observations" ("storeId", "id", "profileId", "content", "source", "kind", "status", "confidence", "occurredAt",
      "conversationIds", "communicationIds", "createdAt", "updatedAt", "reviewedAt")
    SELECT $1, pg_temp.seed_id('mem_observation', cms + 300000 + j, o), pg_temp.seed_id('mem_profile', pms, n), ${observationContent("o")}, 'EXTRACTION',
      ${observationKind("o")}, status::"ObservationStatus", ${observationConfidence("o")}, ${ts("cms")},
      ARRAY[pg_temp.seed_id('conv_conversation', cms, c)], ARRAY[pg_temp.seed_id('conv_communication', cms, 16 * c)],
      ${ts("cms + 300000 + j")}, ${ts("cms + 300000 + j")}, CASE WHEN status <> 'PENDING' THEN ${ts("cms + 3600000")} END
    FROM (SELECT c.*, j, 4 * $4::bigint + 1000 * (c.c - 3 * $4::bigint) + j AS o, CASE WHEN j % 5 = 0 THEN 'PENDING' ELSE 'APPROVED' END AS status
          FROM (${conversations}) c CROSS JOIN generate_series(0, ${Math.ceil(BUSY_OBSERVATIONS / BUSY_CONVERSATIONS) - 1}) j
          WHERE c.k * ${Math.ceil(BUSY_OBSERVATIONS / BUSY_CONVERSATIONS)} + j < ${BUSY_OBSERVATIONS}) x`);
}

/** How many rows of each kind the store holds. */
export async function countLargeStore(db: SqlRunner, storeId: string): Promise<Record<string, number>> {
  const { rows } = await db.query(
    `SELECT (SELECT count(*) FROM "profiles" WHERE "storeId" = $1)::int AS profiles,
            (SELECT count(*) FROM "identifiers" WHERE "storeId" = $1)::int AS identifiers,
            (SELECT count(*) FROM "trait_values" WHERE "storeId" = $1)::int AS traits,
            (SELECT count(*) FROM "conversations" WHERE "storeId" = $1)::int AS conversations,
            (SELECT count(*) FROM "communications" WHERE "storeId" = $1)::int AS messages,
            (SELECT count(*) FROM "observations" WHERE "storeId" = $1)::int AS observations,
            (SELECT count(*) FROM "observations" WHERE "storeId" = $1 AND "status" = 'PENDING')::int AS pending,
            (SELECT count(*) FROM "profile_aliases" WHERE "storeId" = $1)::int AS aliases`,
    [storeId],
  );
  return rows[0] as Record<string, number>;
}
