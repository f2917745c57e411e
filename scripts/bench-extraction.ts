// `npm run bench:extraction [-- options]`: capture speed (docs/PERFORMANCE.md).
//   1. The built-in extractor's throughput on one core: 20-message support conversations per
//      second, in this process (extraction + guard, no database), over generated conversations.
//   2. End to end: a production server (`npm start`, its in-process worker) gets a CLOSED
//      conversation through POST …/Conversations; the time until its observations can be read
//      back through GET …/Observations — embedded database, then PostgreSQL.
//
//   --conversations=2000   conversations for the throughput part
//   --closes=30            conversations closed one after another for the end-to-end part
//   --no-pg                skip PostgreSQL;  --no-server  only the throughput part
//   BENCH_DATABASE_URL     as for bench:ingest — DISPOSABLE
import { createSeededRandom, type SeededRandom } from "../prisma/builders/create-seeded-random";
import { extractWithBuiltInRules } from "../lib/extraction/extract-with-built-in-rules";
import { screenMemoryTexts } from "../lib/extraction/screen-memory-texts";
import type { ExtractionInput } from "../lib/extraction/extraction-types";
import { BUILD_START_LIMIT_MS, START_LIMIT_MS, benchDatabaseUrl, bootstrapKey, option, percentile, preparePostgres, sleep, startBenchHarness, startServer } from "./bench-server";

const HARD_LIMIT_MS = 10 * 60_000;
const conversationCount = Math.min(Math.max(Number(option("conversations", "2000")), 10), 100_000);
const closes = Math.min(Math.max(Number(option("closes", "30")), 1), 500);
const withPg = option("no-pg", "false") !== "true";
const withServer = option("no-server", "false") !== "true";

// ------------------------------------------------------------------ realistic 20-message conversations

const OPENERS = [
  "Hi, I need to change my flight to {city} on {date}.",
  "Hello, my order {order} still hasn't arrived and it was due {date}.",
  "Hi there, I want to downgrade my subscription to the basic plan.",
  "Hey, I was charged twice for my last order.",
  "Good morning, I'd like to book a table for four on {date}.",
  "Hi, my new headphones stopped charging after a week.",
];
const CUSTOMER_LINES = [
  "I always prefer an aisle seat.",
  "I'm travelling with my daughter {name}.",
  "I live in {city} now, so please update the address.",
  "I prefer email over phone calls.",
  "My dog {name} comes with me everywhere.",
  "This is the third time this has happened and I'm really frustrated.",
  "I'm on the premium plan but I barely use it.",
  "I usually order on weekends.",
  "I don't like getting text messages.",
  "We're planning a trip to {city} next month.",
  "I work at a hospital so mornings are impossible for me.",
  "Can you check the tracking number for me?",
  "I bought the blue one, not the black one.",
  "My husband {name} placed the order on his account.",
  "I hate waiting on hold for so long.",
  "I'd rather have a refund than a replacement.",
  "Yes, that works for me.",
  "Ok thanks.",
  "I'm vegetarian, so no meat options please.",
  "Please always send the invoice to my work address.",
];
const AGENT_LINES = [
  "Thanks for reaching out, let me look into that.",
  "Could you confirm the email on the account?",
  "I've found your booking.",
  "Would you like a window or an aisle seat?",
  "I'm sorry about the delay, I'll escalate it.",
  "I've issued a refund of $42.",
  "Is there anything else I can help with?",
  "Your plan will change at the next billing date.",
  "I've updated your preferences.",
  "The replacement ships tomorrow.",
];
const CLOSERS = ["Thanks so much, that's perfect!", "Ok, thank you.", "Still not happy, but fine.", "Great, bye!"];
const CITIES = ["Lisbon", "Denver", "Osaka", "Berlin", "Austin", "Nairobi"];
const NAMES = ["Mia", "Oscar", "Leo", "Ava", "Max", "Priya"];

function fill(template: string, random: SeededRandom): string {
  return template
    .replace("{city}", random.pick(CITIES))
    .replace("{name}", random.pick(NAMES))
    .replace("{date}", `May ${random.integer(1, 28)}`)
    .replace("{order}", `#${random.integer(100000, 999999)}`);
}

/** A support conversation of `length` turns, customer and agent taking turns. */
function generateConversation(random: SeededRandom, index: number, length = 20): ExtractionInput {
  const start = Date.UTC(2026, 2, 1) + index * 3_600_000;
  const texts = Array.from({ length }, (_, turn) => {
    if (turn === 0) return fill(random.pick(OPENERS), random);
    if (turn === length - 1) return random.pick(CLOSERS);
    return turn % 2 === 0 ? fill(random.pick(CUSTOMER_LINES), random) : random.pick(AGENT_LINES);
  });
  return {
    conversationId: `bench-${index}`,
    channel: random.pick(["SMS", "WHATSAPP", "EMAIL", "CHAT"]),
    customerName: "Dana",
    turns: texts.map((text, turn) => ({
      communicationId: `bench-${index}-${turn}`,
      speaker: turn % 2 === 0 ? "CUSTOMER" : "AGENT",
      speakerName: turn % 2 === 0 ? "Dana" : "Sam",
      text,
      occurredAt: new Date(start + turn * 45_000),
    })),
  };
}

function measureThroughput() {
  const random = createSeededRandom(42);
  const conversations = Array.from({ length: conversationCount }, (_, index) => generateConversation(random, index));
  for (const conversation of conversations.slice(0, 200)) extractWithBuiltInRules(conversation); // warm-up (JIT)
  let observations = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const conversation of conversations) {
    const result = extractWithBuiltInRules(conversation);
    observations += screenMemoryTexts(result.observations, "observation").kept.length;
    if (result.summary) screenMemoryTexts([result.summary], "summary");
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { conversations: conversations.length, seconds, perSecond: conversations.length / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, observationsPerConversation: observations / conversations.length };
}

// ------------------------------------------------------------------ end to end through a server

async function endToEnd(database: string, env: Record<string, string | undefined>, limitMs: number) {
  const key = bootstrapKey();
  // The server's own worker; the default poll interval, woken by the enqueue.
  const { server } = await startServer({ ...env, KITH_BOOTSTRAP_API_KEY: key, KITH_WORKER: "1" }, limitMs);
  try {
    const headers = { authorization: `Basic ${Buffer.from(key).toString("base64")}`, "content-type": "application/json" };
    const created = await fetch(`${server.base}/v1/ControlPlane/Stores`, { method: "POST", headers, body: JSON.stringify({ displayName: `bench-extraction-${Date.now()}` }) });
    const storeId = ((await created.json()) as { id: string }).id;
    const random = createSeededRandom(7);
    const latencies: number[] = [];
    for (let index = 0; index < closes + 3; index++) {
      const conversation = generateConversation(random, index);
      const address = `bench-visitor-${Date.now()}-${index}`;
      const body = {
        channel: "CHAT",
        status: "CLOSED",
        participants: [
          { type: "CUSTOMER", name: "Dana", addresses: [{ channel: "CHAT", address }] },
          { type: "HUMAN_AGENT", name: "Sam", addresses: [{ channel: "CHAT", address: "agent-sam" }] },
        ],
        communications: conversation.turns.map((turn) => ({
          author: { channel: "CHAT", address: turn.speaker === "CUSTOMER" ? address : "agent-sam" },
          content: { text: turn.text },
          occurredAt: turn.occurredAt.toISOString(),
        })),
      };
      const sent = performance.now();
      const response = await fetch(`${server.base}/v1/Stores/${storeId}/Conversations`, { method: "POST", headers, body: JSON.stringify(body) });
      if (response.status !== 201) throw new Error(`POST …/Conversations answered ${response.status}: ${await response.text()}`);
      const ingested = (await response.json()) as { participants: { profileId: string | null }[] };
      const profileId = ingested.participants[0].profileId;
      const summaries = `${server.base}/v1/Stores/${storeId}/Profiles/${profileId}/ConversationSummaries`;
      // The summary is written in the same transaction as the observations: its arrival is "stored".
      for (;;) {
        const read = await fetch(summaries, { headers });
        const page = (await read.json()) as { summaries: unknown[] };
        if (page.summaries.length > 0) break;
        if (performance.now() - sent > 30_000) throw new Error("no extraction within 30 s");
        await sleep(5);
      }
      if (index >= 3) latencies.push(performance.now() - sent); // the first ones warm up routes and the JIT
    }
    latencies.sort((a, b) => a - b);
    return { database, closes: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies[latencies.length - 1] };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { newDataDir, cleanUp, machine, loadAverage } = startBenchHarness("bench:extraction", HARD_LIMIT_MS);
  console.log(`Kith extraction benchmark — ${machine}; load average before: ${loadAverage()}`);
  const throughput = measureThroughput();
  console.log(`\n## Built-in extractor (+ guard), one core, ${throughput.conversations} generated 20-message conversations\n`);
  console.log(`${throughput.perSecond.toFixed(0)} conversations/s (${(1000 / throughput.perSecond).toFixed(2)} ms each; ${throughput.cpuSeconds.toFixed(2)} s CPU over ${throughput.seconds.toFixed(2)} s wall), ${throughput.observationsPerConversation.toFixed(1)} observations per conversation kept by the guard`);
  if (!withServer) return;
  try {
    const pgAvailable = await preparePostgres(withPg);
    const rows = [await endToEnd("embedded", { DATABASE_URL: undefined, KITH_DATA_DIR: newDataDir() }, BUILD_START_LIMIT_MS)];
    if (pgAvailable) rows.push(await endToEnd("PostgreSQL", { DATABASE_URL: benchDatabaseUrl, KITH_DATA_DIR: newDataDir() }, START_LIMIT_MS));
    console.log(`\n## Close → observations stored (POST …/Conversations with status CLOSED until GET …/ConversationSummaries shows the extraction), ms\n`);
    console.log("| database | conversations | p50 | p95 | max |\n|---|---:|---:|---:|---:|");
    for (const row of rows) console.log(`| ${row.database} | ${row.closes} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} | ${row.max.toFixed(0)} |`);
    console.log(`\nload average after: ${loadAverage()}`);
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(`bench:extraction: ${(error as Error).message}`);
  process.exit(1);
});
