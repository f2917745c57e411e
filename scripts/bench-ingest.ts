// `npm run bench:ingest [-- options]`: ingest throughput of a production Kith server — identity
// resolutions per second through POST …/Profiles and PUT …/Profiles/Bulk, and conversations of 5
// messages per second through POST …/Conversations — on the embedded database and on PostgreSQL.
// Loopback only; bounded in time.
//
//   --duration=15      seconds measured per row (after a 3 s warm-up with the same traffic)
//   --connections=8    concurrent clients, each sending its next request when the last one answered
//   --bulk-size=100    profiles per PUT …/Profiles/Bulk call (one resolution each)
//   --no-pg            skip PostgreSQL
//   --no-embedded      skip the embedded database
//   --json=FILE        also write the figures as JSON
//
//   BENCH_DATABASE_URL  default postgresql://kith:kith@127.0.0.1:5432/kith_bench — DISPOSABLE: its
//                       public schema is dropped (see scripts/bench.ts).
//
// Traffic: fresh, realistic identities — a new person (e-mail and US phone in messy formats) 80 %
// of the time, otherwise someone already sent (a repeat: the same values written differently,
// which resolves to the existing profile). Conversations: one CUSTOMER (SMS, WhatsApp, e-mail or
// chat; 70 % new people) and one agent, 5 messages with unique resourceIds. Every request must
// answer 2xx; the run fails otherwise. Bulk: people like those of POST …/Profiles (80 % new), 100 per
// call (--bulk-size), measured last (it leaves a much larger database behind).
import { readFileSync, writeFileSync } from "node:fs";
import { START_LIMIT_MS, BUILD_START_LIMIT_MS, bootstrapKey, percentile, benchDatabaseUrl, option, preparePostgres, startBenchHarness, startServer, driveClosedLoop, type ClosedLoopRequest, type Server } from "./bench-server";

const HARD_LIMIT_MS = 10 * 60_000;
const WARM_UP_S = 3;

const durationS = Math.min(Math.max(Number(option("duration", "15")), 1), 120);
const connections = Math.min(Math.max(Number(option("connections", "8")), 1), 64);
const withPg = option("no-pg", "false") !== "true";
const withEmbedded = option("no-embedded", "false") !== "true";
const jsonFile = option("json", "");
const bulkSize = Math.min(Math.max(Number(option("bulk-size", "100")), 1), 1000);

// ------------------------------------------------------------------ realistic identities

const FIRST = ["Ada", "Grace", "Alan", "Barbara", "Donald", "Frances", "Katherine", "Margaret", "Radia", "Leslie", "Priya", "Chen", "Amara", "Mateo", "Ingrid", "Tariq"];
const LAST = ["Lovelace", "Hopper", "Turing", "Liskov", "Knuth", "Allen", "Johnson", "Hamilton", "Perlman", "Lamport", "Patel", "Wei", "Okafor", "Garcia", "Larsen", "Haddad"];
const DOMAINS = ["gmail.com", "outlook.com", "icloud.com", "proton.me", "acme-corp.example"];
const AREAS = ["415", "212", "303", "312", "617", "206", "512", "646"];

type Person = { first: string; last: string; email: string; phone: { area: string; exchange: string; line: string }; chat: string };

/** People with unique values (a counter and a per-run prefix), in the formats CRMs and phones send. */
class People {
  private readonly known: Person[] = [];
  private count = 0;
  constructor(private readonly run: string) {}

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(Math.random() * items.length)];
  }

  /** A new person with probability `freshShare`, otherwise one already sent. */
  next(freshShare: number): { person: Person; isNew: boolean } {
    if (this.known.length > 0 && Math.random() >= freshShare) return { person: this.pick(this.known), isNew: false };
    const n = this.count++;
    const first = this.pick(FIRST);
    const last = this.pick(LAST);
    // NANP: exchange 200–999; (exchange, line) from the counter keeps every number unique per run.
    const person: Person = {
      first,
      last,
      email: `${first}.${last}.${this.run}${n}@${this.pick(DOMAINS)}`.toLowerCase(),
      phone: { area: this.pick(AREAS), exchange: String(200 + (Math.floor(n / 10_000) % 800)), line: String(n % 10_000).padStart(4, "0") },
      chat: `visitor-${this.run}-${n}`,
    };
    this.known.push(person);
    return { person, isNew: true };
  }

  messyEmail(person: Person): string {
    return this.pick([person.email, person.email.toUpperCase(), `  ${person.email} `, person.email.replace(/^./, (c) => c.toUpperCase())]);
  }

  messyPhone({ phone: { area, exchange, line } }: Person): string {
    return this.pick([`(${area}) ${exchange}-${line}`, `${area}.${exchange}.${line}`, `+1 ${area} ${exchange} ${line}`, `1${area}${exchange}${line}`, `+1${area}${exchange}${line}`]);
  }

  e164({ phone: { area, exchange, line } }: Person): string {
    return `+1${area}${exchange}${line}`;
  }
}

// ------------------------------------------------------------------ closed-loop load

type Row = {
  database: string;
  target: string;
  connections: number;
  seconds: number;
  requests: number;
  /** Requests per second; for conversations, conversations per second. */
  rps: number;
  /** Identity resolutions per second (one per profile write, one per CUSTOMER participant). */
  resolutionsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  failures: number;
  firstFailure: string;
};

type Request = ClosedLoopRequest & { resolutions: number };

/** `connections` clients, each sending its next request when the previous one answered; counts the resolutions answered. */
async function drive(server: Server, headers: Record<string, string>, seconds: number, next: () => Request) {
  let resolutions = 0;
  const result = await driveClosedLoop(server, headers, connections, seconds, next, (request) => (resolutions += request.resolutions));
  return { ...result, resolutions };
}

async function measure(server: Server, database: string, target: string, headers: Record<string, string>, next: () => Request): Promise<Row> {
  await drive(server, headers, WARM_UP_S, next); // JIT, connection pools, caches
  const { times, failures, firstFailure, elapsed, resolutions } = await drive(server, headers, durationS, next);
  const row: Row = {
    database,
    target,
    connections,
    seconds: elapsed,
    requests: times.length,
    rps: times.length / elapsed,
    resolutionsPerSecond: resolutions / elapsed,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? NaN,
    failures,
    firstFailure,
  };
  if (failures > 0 || !server.alive()) {
    const tail = readFileSync(server.log, "utf8").split("\n").slice(-30).join("\n");
    console.log(`  !! ${database} ${target}: ${failures} failures (first: ${firstFailure}), server ${server.alive() ? "alive" : "EXITED"}; log tail:\n${tail}`);
  }
  console.log(
    `  ${database} ${target} ×${connections}: ${row.rps.toFixed(1)} req/s, ${row.resolutionsPerSecond.toFixed(1)} resolutions/s, p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, failures ${failures}`,
  );
  return row;
}

async function ingestAgainst(database: string, env: Record<string, string | undefined>, limitMs: number): Promise<Row[]> {
  const key = bootstrapKey();
  const { server } = await startServer({ ...env, KITH_BOOTSTRAP_API_KEY: key }, limitMs);
  try {
    const headers = { authorization: `Basic ${Buffer.from(key).toString("base64")}` };
    const created = await fetch(`${server.base}/v1/ControlPlane/Stores`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ displayName: `bench-ingest-${Date.now()}`, description: "Ingest benchmark store" }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await created.json()) as { id?: string };
    if (!created.ok || !body.id) throw new Error(`creating the store failed: ${created.status} ${JSON.stringify(body)}`);
    const store = `/v1/Stores/${body.id}`;
    const run = Math.random().toString(36).slice(2, 6);

    const profilePeople = new People(`p${run}`);
    const profileWrite = (): Request => {
      const { person, isNew } = profilePeople.next(0.8);
      const contact: Record<string, string> = { firstName: person.first, lastName: person.last, email: profilePeople.messyEmail(person) };
      if (isNew || Math.random() < 0.5) contact.phone = profilePeople.messyPhone(person);
      return { path: `${store}/Profiles`, body: { traits: { Contact: contact } }, resolutions: 1 };
    };
    const bulkPeople = new People(`b${run}`);
    const bulkWrite = (): Request => {
      const profiles = Array.from({ length: bulkSize }, () => {
        const { person, isNew } = bulkPeople.next(0.8);
        const contact: Record<string, string> = { firstName: person.first, lastName: person.last, email: bulkPeople.messyEmail(person) };
        if (isNew || Math.random() < 0.5) contact.phone = bulkPeople.messyPhone(person);
        return { traits: { Contact: contact } };
      });
      return { method: "PUT", path: `${store}/Profiles/Bulk`, body: { profiles }, resolutions: bulkSize };
    };

    const conversationPeople = new People(`c${run}`);
    let conversationCount = 0;
    const conversation = (): Request => {
      const { person } = conversationPeople.next(0.7);
      const n = conversationCount++;
      const channel = (["SMS", "SMS", "WHATSAPP", "EMAIL", "CHAT"] as const)[n % 5];
      const address =
        channel === "SMS" ? conversationPeople.messyPhone(person) : channel === "WHATSAPP" ? `whatsapp:${conversationPeople.e164(person)}` : channel === "EMAIL" ? conversationPeople.messyEmail(person) : person.chat;
      const agent = { channel, address: channel === "EMAIL" ? "support@shop.example" : channel === "CHAT" ? "agent-sam" : channel === "WHATSAPP" ? "whatsapp:+13035550198" : "+13035550199" };
      const start = Date.UTC(2025, 5, 1) + n * 60_000;
      return {
        path: `${store}/Conversations`,
        body: {
          channel,
          participants: [
            { type: "CUSTOMER", name: `${person.first} ${person.last}`, addresses: [{ channel, address }] },
            { type: "HUMAN_AGENT", name: "Sam", addresses: [agent] },
          ],
          communications: Array.from({ length: 5 }, (_, i) => ({
            author: i % 2 === 0 ? { channel, address } : agent,
            content: { text: i % 2 === 0 ? "Hi, my order has not arrived yet, can you check?" : "Sorry about that, let me look it up." },
            occurredAt: new Date(start + i * 20_000).toISOString(),
            resourceId: `BENCH-${run}-${n}-${i}`,
          })),
        },
        resolutions: 1,
      };
    };

    return [
      await measure(server, database, "POST …/Profiles (identity resolution)", headers, profileWrite),
      await measure(server, database, "POST …/Conversations (5 messages)", headers, conversation),
      // Last: it writes many more rows than the others, which would then run on a larger database.
      await measure(server, database, `PUT …/Profiles/Bulk (${bulkSize} rows)`, headers, bulkWrite),
    ];
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const { newDataDir, cleanUp, machine, loadAverage } = startBenchHarness("bench:ingest", HARD_LIMIT_MS);
  console.log(`Kith ingest benchmark — ${machine}; load average before: ${loadAverage()}`);
  console.log(`${connections} clients, ${durationS} s per row after a ${WARM_UP_S} s warm-up`);

  const pgAvailable = await preparePostgres(withPg);
  try {
    // The first start may build (npm start rebuilds when the sources changed): allow for it.
    const rows = withEmbedded ? await ingestAgainst("embedded", { DATABASE_URL: undefined, KITH_DATA_DIR: newDataDir() }, BUILD_START_LIMIT_MS) : [];
    if (pgAvailable) rows.push(...(await ingestAgainst("PostgreSQL", { DATABASE_URL: benchDatabaseUrl, KITH_DATA_DIR: newDataDir() }, withEmbedded ? START_LIMIT_MS : BUILD_START_LIMIT_MS)));

    const ms = (value: number) => value.toFixed(1);
    console.log(`\n## Ingest (${connections} concurrent clients, ${durationS} s per row after a ${WARM_UP_S} s warm-up), latency in ms\n`);
    console.log("| database | request | clients | req/s | resolutions/s | p50 | p95 | p99 | max | requests | failures |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const row of rows) {
      console.log(`| ${row.database} | ${row.target} | ${row.connections} | ${row.rps.toFixed(1)} | ${row.resolutionsPerSecond.toFixed(1)} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${ms(row.max)} | ${row.requests} | ${row.failures} |`);
    }
    console.log(`\nload average after: ${loadAverage()} (other processes on the machine skew every figure)`);
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ machine, connections, durationS, rows }, null, 2));
    if (rows.some((row) => row.failures > 0 || row.requests === 0)) {
      console.error("\nbench:ingest: some requests failed");
      process.exitCode = 1;
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(`bench:ingest: ${(error as Error).message}`);
  process.exit(1);
});
