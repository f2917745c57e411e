// `npm run bench [-- options]`: start-up time and request latency of a production Kith server,
// on the embedded database and on PostgreSQL. Loopback only; every phase has a time limit.
//
//   --duration=10      seconds of load per measurement (after a 2 s warm-up)
//   --connections=20   concurrent connections
//   --runs=3           cold starts per start-up scenario
//   --no-starts        skip the cold-start measurements
//   --with-build       also time a first start that builds: DELETES .next/ first (use a clone)
//   --no-pg            skip PostgreSQL
//   --json=FILE        also write the figures as JSON
//
//   BENCH_DATABASE_URL  default postgresql://kith:kith@127.0.0.1:5432/kith_bench — a DISPOSABLE
//                       database: its public schema is dropped; it is created when missing (the
//                       role needs CREATEDB; scripts/ci/start-postgres.sh makes such a role).
//
// What is timed: `npm start` (npm → tsx scripts/start.ts → next start, opening and migrating the
// database in instrumentation) until GET /api/health answers 200; then, on a fresh server with a
// bootstrap API key, GET /v1/ControlPlane/Stores/{id} and GET /api/health under autocannon.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { BUILD_START_LIMIT_MS, START_LIMIT_MS, bootstrapKey, get, median, percentile, benchDatabaseUrl, option, preparePostgres, resetPostgres, startBenchHarness, startServer, type Server } from "./bench-server";

type AutocannonResult = { requests: { average: number; total: number }; non2xx: number; errors: number; timeouts: number; duration: number };
type AutocannonTracker = Promise<AutocannonResult> & {
  on(event: "response", listener: (client: unknown, statusCode: number, bytes: number, responseTimeMs: number) => void): void;
};
type AutocannonOptions = { url: string; connections: number; duration: number; headers?: Record<string, string>; timeout?: number };
// autocannon ships no types (and @types/autocannon is not a dependency): declare what is used.
const autocannon = createRequire(__filename)("autocannon") as (options: AutocannonOptions) => AutocannonTracker;

const root = path.resolve(__dirname, "..");
const HARD_LIMIT_MS = 20 * 60_000;

const durationS = Math.min(Math.max(Number(option("duration", "10")), 1), 60);
const connections = Math.min(Math.max(Number(option("connections", "20")), 1), 200);
const runs = Math.min(Math.max(Number(option("runs", "3")), 1), 10);
const withBuild = option("with-build", "false") === "true";
const withPg = option("no-pg", "false") !== "true";
const withStarts = option("no-starts", "false") !== "true";
const jsonFile = option("json", "");

// ------------------------------------------------------------------ measurements

type StartRow = { scenario: string; samples: number[] };
type LoadRow = {
  database: string;
  target: string;
  connections: number;
  seconds: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
};

async function timeStarts(scenario: string, count: number, env: () => Promise<Record<string, string | undefined>>, limitMs = START_LIMIT_MS): Promise<StartRow> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const { server, ms } = await startServer(await env(), limitMs);
    await server.stop();
    samples.push(ms);
    process.stdout.write(`  ${scenario}: ${(ms / 1000).toFixed(2)} s\n`);
  }
  return { scenario, samples };
}

async function load(server: Server, database: string, target: string, url: string, headers: Record<string, string>, conns = connections, seconds = durationS): Promise<LoadRow> {
  await autocannon({ url, connections: conns, duration: 2, headers, timeout: 10 }); // warm-up (JIT, pools, caches)
  const times: number[] = [];
  const tracker = autocannon({ url, connections: conns, duration: seconds, headers, timeout: 10 });
  tracker.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  const result = await tracker;
  times.sort((a, b) => a - b);
  const row: LoadRow = {
    database,
    target,
    connections: conns,
    seconds: result.duration,
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times[times.length - 1] ?? NaN,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
  if (row.errors > 0 || row.non2xx > 0 || !server.alive()) {
    const tail = readFileSync(server.log, "utf8").split("\n").slice(-40).join("\n");
    console.log(`  !! ${database} ${target}: ${row.errors} errors, ${row.non2xx} non-2xx, server ${server.alive() ? "alive" : "EXITED"}; server log tail:\n${tail}`);
  }
  console.log(`  ${database} ${target} ×${conns}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50.toFixed(1)} ms, p95 ${row.p95.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms, non-2xx ${row.non2xx}, errors ${row.errors}`);
  return row;
}

async function loadAgainst(database: string, env: Record<string, string | undefined>): Promise<LoadRow[]> {
  const key = bootstrapKey();
  const { server } = await startServer({ ...env, KITH_BOOTSTRAP_API_KEY: key }, START_LIMIT_MS);
  try {
    const headers = { authorization: `Basic ${Buffer.from(key).toString("base64")}` };
    const created = await fetch(`${server.base}/v1/ControlPlane/Stores`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ displayName: "bench-store", description: "Benchmark store" }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await created.json()) as { id?: string; store?: { id?: string } };
    const storeId = body.id ?? body.store?.id;
    if (!created.ok || !storeId) throw new Error(`creating the store failed: ${created.status} ${JSON.stringify(body)}`);
    const storeUrl = `${server.base}/v1/ControlPlane/Stores/${storeId}`;
    const check = await get(storeUrl, headers);
    if (check !== 200) throw new Error(`GET ${storeUrl} answered ${check}, not 200`);
    return [
      await load(server, database, "GET /v1/ControlPlane/Stores/{id}", storeUrl, headers),
      await load(server, database, "GET /api/health (SELECT 1)", `${server.base}/api/health`, {}),
      // One connection: the latency of a request that does not queue behind others.
      await load(server, database, "GET /v1/ControlPlane/Stores/{id}", storeUrl, headers, 1, Math.min(durationS, 5)),
    ];
  } finally {
    await server.stop();
  }
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const { newDataDir, cleanUp, machine, loadAverage } = startBenchHarness("bench", HARD_LIMIT_MS);
  console.log(`Kith benchmark — ${machine}; load average before: ${loadAverage()}`);
  console.log(`load: ${connections} connections, ${durationS} s (after 2 s warm-up); cold starts: ${runs} runs each`);

  const pgAvailable = await preparePostgres(withPg);

  const starts: StartRow[] = [];
  const embedded = { DATABASE_URL: undefined };
  const postgres = { DATABASE_URL: benchDatabaseUrl };
  try {
    if (!withStarts) {
      // Only make sure the build is current.
      const { server } = await startServer({ ...embedded, KITH_DATA_DIR: newDataDir() }, BUILD_START_LIMIT_MS);
      await server.stop();
    } else {
      console.log("\nCold start: npm start → GET /api/health 200");
      if (withBuild) {
        console.log("  removing .next/ for a first start that builds");
        rmSync(path.join(root, ".next"), { recursive: true, force: true });
        starts.push(await timeStarts("first start incl. next build, embedded (new data dir)", 1, async () => ({ ...embedded, KITH_DATA_DIR: newDataDir() }), BUILD_START_LIMIT_MS));
      } else {
        // Make sure the build is current so the timed starts below do not include one.
        const { server, ms } = await startServer({ ...embedded, KITH_DATA_DIR: newDataDir() }, BUILD_START_LIMIT_MS);
        await server.stop();
        console.log(`  (preparatory start: ${(ms / 1000).toFixed(1)} s${ms > 15_000 ? ", it built" : ""})`);
      }
      starts.push(await timeStarts("built, embedded, new data dir (creates + migrates)", runs, async () => ({ ...embedded, KITH_DATA_DIR: newDataDir() })));
      const reused = newDataDir();
      const first = await startServer({ ...embedded, KITH_DATA_DIR: reused }, START_LIMIT_MS);
      await first.server.stop();
      starts.push(await timeStarts("built, embedded, existing data dir", runs, async () => ({ ...embedded, KITH_DATA_DIR: reused })));
      if (pgAvailable) {
        starts.push(
          await timeStarts("built, PostgreSQL, empty schema (migrates)", runs, async () => {
            await resetPostgres(benchDatabaseUrl);
            return { ...postgres, KITH_DATA_DIR: newDataDir() };
          }),
        );
        starts.push(await timeStarts("built, PostgreSQL, migrated", runs, async () => ({ ...postgres, KITH_DATA_DIR: newDataDir() })));
      }
    }

    console.log(`\nLoad: ${connections} connections × ${durationS} s`);
    const loads = await loadAgainst("embedded", { ...embedded, KITH_DATA_DIR: newDataDir() });
    if (pgAvailable) {
      await resetPostgres(benchDatabaseUrl);
      loads.push(...(await loadAgainst("PostgreSQL", { ...postgres, KITH_DATA_DIR: newDataDir() })));
    }

    const s = (ms: number) => (ms / 1000).toFixed(2);
    if (starts.length) {
      console.log("\n## Cold start (npm start → /api/health 200), seconds\n");
      console.log("| scenario | runs | median | min | max |\n|---|---:|---:|---:|---:|");
    }
    for (const row of starts) {
      console.log(`| ${row.scenario} | ${row.samples.length} | ${s(median(row.samples))} | ${s(Math.min(...row.samples))} | ${s(Math.max(...row.samples))} |`);
    }
    const ms = (value: number) => value.toFixed(1);
    console.log(`\n## Load (autocannon, ${durationS} s per row after a 2 s warm-up; the 1-connection row ${Math.min(durationS, 5)} s), latency in ms\n`);
    console.log("| database | request | connections | req/s | p50 | p95 | p99 | max | requests | non-2xx | errors |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const row of loads) {
      console.log(`| ${row.database} | ${row.target} | ${row.connections} | ${row.rps.toFixed(0)} | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.p99)} | ${ms(row.max)} | ${row.requests} | ${row.non2xx} | ${row.errors} |`);
    }
    console.log(`\nload average after: ${loadAverage()} (other processes on the machine skew every figure)`);
    if (jsonFile) writeFileSync(jsonFile, JSON.stringify({ machine, connections, durationS, starts, loads }, null, 2));
    const bad = loads.filter((row) => row.non2xx > 0 || row.errors > 0 || row.requests === 0);
    if (bad.length) {
      console.error(`\nbench: ${bad.length} load run(s) had non-2xx answers or errors`);
      process.exitCode = 1;
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exit(1);
});
