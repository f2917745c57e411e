// `npm run bench:recall [-- options]`: latency of POST …/Profiles/{id}/Recall through HTTP on a
// production server (docs/PERFORMANCE.md, issue 5 item 5):
//   embedded (PGlite): one profile with 5,000 memories (2,500 observations, 500 summaries, 2,000
//     communications in 100 conversations of 20 turns) and a few hundred small profiles beside it;
//   PostgreSQL: 100,000 profiles and ~1,000,000 memories in one store — 10 large profiles of
//     5,000 memories (the ones measured first) and typical profiles of ~10 memories each.
// Data is written with bulk SQL straight into the database (scripts/bench-recall-data.ts), with
// the default embedder's vectors; the server is started on it afterwards. Then closed-loop clients
// (1 and 20) send realistic Recall requests — a keyword query, a paraphrase, a keyword query with
// searchCommunications, conversationId only (the query inferred from its last ten turns) — for
// 3 s of warm-up, then `--duration` seconds, and p50/p95/p99, req/s and the CPU milliseconds per
// request (server process tree, PostgreSQL backends, this driver; steadier than latency, but on a
// shared host not immune to its neighbours: docs/PERFORMANCE.md) are printed
// per row, with GET …/ControlPlane/Stores/{id} at 20 clients as the HTTP floor.
// Loopback only; bounded in time (40 min).
//
//   --duration=10          seconds measured per row
//   --no-pg / --no-embedded
//   --profiles=100000 --large-profiles=10 --large-memories=5000   the PostgreSQL store's shape
//   --reuse                keep the PostgreSQL data of an earlier run with the same shape (new
//                          migrations are still applied by the server); default: regenerate
//   --json=FILE            also write the figures as JSON
//   --processes=N          the PostgreSQL server with N processes (npm start -- --processes=N)
//   --only=ROWS            some rows only, comma-separated: large-1, large-20, floor, typical
//
//   BENCH_RECALL_DATABASE_URL  default postgresql://kith:kith@127.0.0.1:5432/kith_bench_recall —
//                              DISPOSABLE: its public schema is dropped (unless --reuse finds data).
import { rmSync, writeFileSync, readFileSync } from "node:fs";
import pg from "pg";
import { chooseEmbedder } from "../lib/embeddings/choose-embedder";
import { openEmbeddedDatabase, ownerFilePath } from "../lib/db/open-embedded-database";
import { createSeededRandom } from "../prisma/builders/create-seeded-random";
import { generateRecallDataset, type Dataset, type DatasetShape, type SqlRunner } from "./bench-recall-data";
import {
  BUILD_START_LIMIT_MS, bootstrapKey, driverCpuMs, option, percentile, postgresCpuMeter, redact, resetPostgres, serverCpuMeter, startBenchHarness, startServer, driveClosedLoop, type Server,
} from "./bench-server";

const HARD_LIMIT_MS = 40 * 60_000; // generating 1M rows on a busy 2-core machine alone can take 10 min
const WARM_UP_S = 3;
const durationS = Math.min(Math.max(Number(option("duration", "10")), 1), 120);
const withPg = option("no-pg", "false") !== "true";
const withEmbedded = option("no-embedded", "false") !== "true";
const reuse = option("reuse", "false") === "true";
const jsonFile = option("json", "");
const processes = Number(option("processes", "1"));
const ROW_GROUPS = ["large-1", "large-20", "floor", "typical"] as const;
const only = new Set(option("only", ROW_GROUPS.join(",")).split(",").map((name) => name.trim()));
for (const name of only) if (!(ROW_GROUPS as readonly string[]).includes(name)) throw new Error(`--only: unknown row group "${name}" (${ROW_GROUPS.join(", ")})`);
const pgShape: DatasetShape = {
  largeProfiles: Number(option("large-profiles", "10")),
  largeMemories: Number(option("large-memories", "5000")),
  typicalProfiles: Number(option("profiles", "100000")) - Number(option("large-profiles", "10")),
  poolSize: 20_000,
};
const embeddedShape: DatasetShape = { largeProfiles: 1, largeMemories: 5000, typicalProfiles: 300, poolSize: 2_000 };
const databaseUrl = process.env.BENCH_RECALL_DATABASE_URL || "postgresql://kith:kith@127.0.0.1:5432/kith_bench_recall";

const harness = startBenchHarness("bench:recall", HARD_LIMIT_MS);
const random = createSeededRandom(5);

// ------------------------------------------------------------------ requests

type Kind = "keyword" | "paraphrase" | "keyword + searchCommunications" | "conversationId only";
const KINDS: Kind[] = ["keyword", "paraphrase", "keyword + searchCommunications", "conversationId only"];
type Target = { id: string; conversationIds: string[]; keywords: string[][]; paraphrases: string[] };

function recallBody(kind: Kind, target: Target): Record<string, unknown> {
  const keywords = () => {
    const words = random.pick(target.keywords);
    // One or two of a memory's words, sometimes with a word a caller would add.
    const chosen = words.slice(0, random.integer(1, words.length));
    return random.chance(0.3) ? [...chosen, random.pick(["problem", "last time", "again", "please"])].join(" ") : chosen.join(" ");
  };
  switch (kind) {
    case "keyword":
      return { query: keywords() };
    case "paraphrase":
      return { query: random.pick(target.paraphrases) };
    case "keyword + searchCommunications":
      return { query: keywords(), searchCommunications: true, communicationsLimit: 10 };
    case "conversationId only":
      return { conversationId: random.pick(target.conversationIds), communicationsLimit: 10 };
  }
}

/**
 * CPU ms per answered request over the measured seconds: the server's process tree (Next.js and
 * Node.js; PGlite's WebAssembly runs inside it), PostgreSQL's backends for the benchmark database,
 * and this driver. Steadier than latency and req/s, but on a shared host they still move with its
 * contention (1.5× between two runs at the same load average: docs/PERFORMANCE.md).
 */
type CpuPerRequest = { server: number; postgres: number | null; driver: number };
type Row = { database: string; profiles: string; kind: string; clients: number; requests: number; rps: number; p50: number; p95: number; p99: number; max: number; failures: number; emptyShare: number; cpu: CpuPerRequest };

/** What a row sends: a Recall request, or (the HTTP floor) the store's GET. */
type Next = () => { target: Target; body: Record<string, unknown> } | "store GET";

/** `clients` closed-loop clients sending Recall requests; counts the answers with no observation. */
async function drive(server: Server, headers: Record<string, string>, storeId: string, clients: number, seconds: number, next: Next) {
  let empty = 0;
  const request = () => {
    const item = next();
    if (item === "store GET") return { method: "GET" as const, path: `/v1/ControlPlane/Stores/${storeId}` };
    return { path: `/v1/Stores/${storeId}/Profiles/${item.target.id}/Recall`, body: item.body };
  };
  const result = await driveClosedLoop(server, headers, clients, seconds, request, (_request, text) => {
    // The answer starts with its observations (RecallResult's first key): no need to parse it all.
    if (text.startsWith(`{"observations":[]`)) empty++;
  });
  return { ...result, empty };
}

async function measure(server: Server, headers: Record<string, string>, storeId: string, database: string, profiles: string, kind: string, clients: number, next: Next): Promise<Row> {
  await drive(server, headers, storeId, clients, WARM_UP_S, next);
  const serverCpu = serverCpuMeter(server);
  const postgresCpu = server.databaseUrl ? postgresCpuMeter(server.databaseUrl) : null;
  await serverCpu.start();
  await postgresCpu?.start();
  const driverBefore = driverCpuMs();
  const { times, failures, firstFailure, empty, elapsed } = await drive(server, headers, storeId, clients, durationS, next);
  const driverUsed = driverCpuMs() - driverBefore;
  const [serverUsed, postgresUsed] = [await serverCpu.stop(), postgresCpu ? await postgresCpu.stop() : null];
  const perRequest = (used: number) => (times.length ? used / times.length : NaN);
  const row: Row = {
    database, profiles, kind, clients, requests: times.length, rps: times.length / elapsed,
    p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times[times.length - 1] ?? NaN, failures, emptyShare: times.length ? empty / times.length : 0,
    cpu: { server: perRequest(serverUsed), postgres: postgresUsed === null ? null : perRequest(postgresUsed), driver: perRequest(driverUsed) },
  };
  if (failures > 0 || !server.alive()) {
    const tail = readFileSync(server.log, "utf8").split("\n").slice(-30).join("\n");
    console.log(`  !! ${failures} failures (first: ${firstFailure}), server ${server.alive() ? "alive" : "EXITED"}; log tail:\n${tail}`);
  }
  console.log(`  ${database} | ${profiles} | ${kind} | ×${clients} | ${row.rps.toFixed(1)} req/s | p50 ${row.p50.toFixed(1)} | p95 ${row.p95.toFixed(1)} | p99 ${row.p99.toFixed(1)} ms | CPU ms/req server ${row.cpu.server.toFixed(2)}${row.cpu.postgres === null ? "" : ` + PostgreSQL ${row.cpu.postgres.toFixed(2)}`} + driver ${row.cpu.driver.toFixed(2)} | failures ${failures} | no observation ${(row.emptyShare * 100).toFixed(0)} %`);
  return row;
}

async function measureAll(server: Server, key: string, dataset: Dataset, database: string, shape: DatasetShape): Promise<Row[]> {
  const headers = { authorization: `Basic ${Buffer.from(key).toString("base64")}` };
  const rows: Row[] = [];
  const largeLabel = dataset.large.length === 1 ? `one of ${shape.largeMemories.toLocaleString("en")} memories` : `large (${dataset.large.length} × ${shape.largeMemories.toLocaleString("en")} memories)`;
  for (const clients of [1, 20]) {
    if (!only.has(`large-${clients}`)) continue;
    for (const kind of KINDS) {
      rows.push(await measure(server, headers, dataset.storeId, database, largeLabel, kind, clients, () => {
        const target = random.pick(dataset.large);
        return { target, body: recallBody(kind, target) };
      }));
    }
  }
  // The floor: what any authenticated API call costs through this server (key, store, routing).
  if (only.has("floor")) rows.push(await measure(server, headers, dataset.storeId, database, "–", "GET /v1/ControlPlane/Stores/{id} (HTTP floor)", 20, () => "store GET"));
  if (dataset.typical.length > 0 && only.has("typical")) {
    rows.push(await measure(server, headers, dataset.storeId, database, "typical (~10 memories)", "all four, mixed", 20, () => {
      const profile = random.pick(dataset.typical);
      const target = { ...profile, conversationIds: [profile.conversationId] };
      return { target, body: recallBody(random.pick(KINDS), target) };
    }));
  }
  return rows;
}

async function createStore(server: Server, key: string): Promise<string> {
  const response = await fetch(`${server.base}/v1/ControlPlane/Stores`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(key).toString("base64")}`, "content-type": "application/json" },
    body: JSON.stringify({ displayName: `bench-recall-${Date.now()}`, description: "Recall benchmark store" }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { id?: string };
  if (!response.ok || !body.id) throw new Error(`creating the store failed: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}

// ------------------------------------------------------------------ the two databases

async function runEmbedded(): Promise<Row[]> {
  const dataDir = harness.newDataDir();
  const key = bootstrapKey();
  const env = { DATABASE_URL: undefined, KITH_DATA_DIR: dataDir, KITH_BOOTSTRAP_API_KEY: key };
  // The server creates the database (migrations) and the store; then, stopped, the data is written.
  let { server } = await startServer(env, BUILD_START_LIMIT_MS);
  const storeId = await createStore(server, key);
  await server.stop();
  const database = await openEmbeddedDatabase(dataDir);
  const generated = performance.now();
  const dataset = await generateRecallDataset(database as unknown as SqlRunner, chooseEmbedder(), storeId, embeddedShape, (line) => console.log(`  embedded: ${line}`));
  await database.close();
  rmSync(ownerFilePath(dataDir), { force: true });
  console.log(`embedded data: ${JSON.stringify(dataset.counts)} in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
  ({ server } = await startServer(env, BUILD_START_LIMIT_MS));
  try {
    return await measureAll(server, key, dataset, "embedded (PGlite)", embeddedShape);
  } finally {
    await server.stop();
  }
}

const shapeKey = JSON.stringify(pgShape);

async function runPostgres(): Promise<Row[]> {
  const key = bootstrapKey();
  const env = { DATABASE_URL: databaseUrl, KITH_BOOTSTRAP_API_KEY: key, KITH_PROCESSES: String(processes) };
  const admin = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
  let dataset: Dataset | null = null;
  if (reuse) {
    try {
      await admin.connect();
      const { rows } = await admin.query(`SELECT dataset FROM bench_recall_dataset WHERE shape = $1`, [shapeKey]);
      dataset = (rows[0]?.dataset as Dataset | undefined) ?? null;
    } catch {
      dataset = null;
    } finally {
      await admin.end().catch(() => undefined);
    }
    console.log(dataset ? `PostgreSQL: reusing the data of an earlier run (${JSON.stringify(dataset.counts)})` : "PostgreSQL: nothing to reuse, generating");
  }
  if (!dataset) {
    await resetPostgres(databaseUrl);
    console.log(`PostgreSQL: ${redact(databaseUrl)} (schema reset)`);
    const { server } = await startServer(env, BUILD_START_LIMIT_MS); // runs the migrations
    const storeId = await createStore(server, key);
    await server.stop();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query("SET synchronous_commit = off");
      const generated = performance.now();
      dataset = await generateRecallDataset(client, chooseEmbedder(), storeId, pgShape, (line) => console.log(`  PostgreSQL: ${line}`));
      console.log(`PostgreSQL data: ${JSON.stringify(dataset.counts)} in ${((performance.now() - generated) / 1000).toFixed(1)} s`);
      await client.query(`CREATE TABLE bench_recall_dataset (shape text PRIMARY KEY, dataset jsonb NOT NULL)`);
      await client.query(`INSERT INTO bench_recall_dataset VALUES ($1, $2)`, [shapeKey, JSON.stringify(dataset)]);
    } finally {
      await client.end();
    }
  }
  const { server } = await startServer(env, BUILD_START_LIMIT_MS);
  try {
    return await measureAll(server, key, dataset, processes > 1 ? `PostgreSQL 15, ${processes} processes` : "PostgreSQL 15", pgShape);
  } finally {
    await server.stop();
  }
}

async function main() {
  console.log(`bench:recall on ${harness.machine}; load average ${harness.loadAverage()}`);
  const rows: Row[] = [];
  try {
    if (withEmbedded) rows.push(...(await runEmbedded()));
    if (withPg) rows.push(...(await runPostgres()));
  } finally {
    await harness.cleanUp();
  }
  console.log(`\nload average after: ${harness.loadAverage()}\n`);
  console.log("| database | profile | request | clients | req/s | p50 ms | p95 ms | p99 ms | requests | CPU ms/req server + PostgreSQL + driver |");
  console.log("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of rows) {
    const cpu = `${row.cpu.server.toFixed(2)} + ${row.cpu.postgres === null ? "–" : row.cpu.postgres.toFixed(2)} + ${row.cpu.driver.toFixed(2)}`;
    console.log(`| ${row.database} | ${row.profiles} | ${row.kind} | ${row.clients} | ${row.rps.toFixed(1)} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.requests} | ${cpu} |`);
  }
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ machine: harness.machine, rows }, null, 2));
  if (rows.some((row) => row.failures > 0)) process.exitCode = 1;
}

main().catch(async (error) => {
  console.error(error);
  await harness.cleanUp();
  process.exit(1);
});
