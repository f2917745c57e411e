// Shared by the benchmarks (scripts/bench.ts, scripts/bench-ingest.ts): the production server
// under test (`npm start` on a free loopback port, in its own process group) and a disposable
// PostgreSQL database.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const root = path.resolve(__dirname, "..");
export const START_LIMIT_MS = 90_000;
export const BUILD_START_LIMIT_MS = 300_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

// A bootstrap key: a kith_key_ TypeID (26 Crockford base32 characters, the first 0-7) and a secret.
export function bootstrapKey(): string {
  const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
  let suffix = String(randomInt(0, 8));
  for (let i = 0; i < 25; i++) suffix += alphabet[randomInt(0, 32)];
  return `kith_key_${suffix}:${randomBytes(24).toString("base64url")}`;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

// ------------------------------------------------------------------ the server under test

/** The environment without unset (undefined) variables, e.g. DATABASE_URL for the embedded runs. */
export function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter((entry) => entry[1] !== undefined)) as unknown as NodeJS.ProcessEnv;
}

/** `databaseUrl`: the PostgreSQL database it serves (undefined: embedded). */
export type Server = { child: ChildProcess; port: number; base: string; log: string; databaseUrl?: string; alive(): boolean; stop(): Promise<void> };
export const running = new Set<Server>();

/** `npm start` in its own process group; resolves with the time until /api/health = 200. */
export async function startServer(env: Record<string, string | undefined>, limitMs: number): Promise<{ server: Server; ms: number }> {
  const port = await freePort();
  const logDir = mkdtempSync(path.join(os.tmpdir(), "kith-bench-log-"));
  const log = path.join(logDir, "server.log");
  const out = createWriteStream(log);
  const started = performance.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: root,
    detached: true, // own process group: npm, tsx and next stop together
    stdio: ["ignore", "pipe", "pipe"],
    env: childEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", KITH_SEED_DEMO: "0", KITH_RATE_LIMIT_PER_SECOND: "0", KITH_LOG_REQUESTS: "0", PORT: String(port), ...env }),
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited = false;
  child.once("exit", () => (exited = true));
  const server: Server = {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    log,
    databaseUrl: env.DATABASE_URL,
    alive: () => !exited,
    async stop() {
      running.delete(server);
      if (!exited && child.pid) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          /* already gone */
        }
        for (let i = 0; i < 40 && !exited; i++) await sleep(250);
        if (!exited) {
          try {
            process.kill(-child.pid, "SIGKILL");
          } catch {
            /* already gone */
          }
        }
      }
      rmSync(logDir, { recursive: true, force: true });
    },
  };
  running.add(server);
  for (;;) {
    if ((await get(`${server.base}/api/health`)) === 200) return { server, ms: performance.now() - started };
    const elapsed = performance.now() - started;
    if (exited || elapsed > limitMs) {
      const tail = existsSync(log) ? readFileSync(log, "utf8").split("\n").slice(-40).join("\n") : "";
      const why = exited ? "exited" : `did not answer /api/health within ${limitMs / 1000} s`; // before stop() makes it exit
      await server.stop();
      throw new Error(`npm start ${why}; log:\n${tail}`);
    }
    await sleep(50);
  }
}

export async function resetPostgres(url: string): Promise<void> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const adminClient = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5_000 });
  await adminClient.connect();
  try {
    const { rowCount } = await adminClient.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await adminClient.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await adminClient.end();
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query("SET client_min_messages = warning");
    await client.query("DROP SCHEMA IF EXISTS public CASCADE");
    await client.query("CREATE SCHEMA public");
  } finally {
    await client.end();
  }
}

export type BenchHarness = {
  /** A temporary data directory, removed by `cleanUp`. */
  newDataDir(): string;
  /** Stops every server still running and removes the temporary directories. */
  cleanUp(): Promise<void>;
  /** "2 × AMD EPYC…, 24 GiB, Node v20…, Linux …" */
  machine: string;
  loadAverage(): string;
};

/**
 * What every benchmark script sets up first: a hard time limit that kills leftover servers,
 * Ctrl-C handling, temporary data directories, and a description of the machine.
 */
export function startBenchHarness(name: string, hardLimitMs: number): BenchHarness {
  const deadline = setTimeout(() => {
    console.error(`${name}: stopped after the ${hardLimitMs / 60_000} min limit`);
    for (const server of running) if (server.child.pid) try { process.kill(-server.child.pid, "SIGKILL"); } catch { /* gone */ }
    process.exit(3);
  }, hardLimitMs);
  deadline.unref();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, async () => {
      for (const server of [...running]) await server.stop();
      process.exit(130);
    });
  }
  const tempDirs: string[] = [];
  return {
    newDataDir() {
      const dir = mkdtempSync(path.join(os.tmpdir(), "kith-bench-data-"));
      tempDirs.push(dir);
      return dir;
    },
    async cleanUp() {
      for (const server of [...running]) await server.stop();
      for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    },
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "?"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}`,
    loadAverage: () => os.loadavg().map((value) => value.toFixed(2)).join(" "),
  };
}

/** `--name=value` from the command line; a bare `--name` is "true". */
export function option(name: string, fallback: string): string {
  const arg = process.argv.slice(2).find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : "true";
}

/** The disposable database the benchmarks use (its schema is dropped). */
export const benchDatabaseUrl = process.env.BENCH_DATABASE_URL || "postgresql://kith:kith@127.0.0.1:5432/kith_bench";

/** Resets the benchmark database when asked for and reachable; false (and why, printed) otherwise. */
export async function preparePostgres(wanted: boolean): Promise<boolean> {
  if (!wanted) return false;
  try {
    await resetPostgres(benchDatabaseUrl);
    console.log(`PostgreSQL: ${redact(benchDatabaseUrl)}`);
    return true;
  } catch (error) {
    console.log(`PostgreSQL unavailable (${(error as Error).message}); skipping it. Set BENCH_DATABASE_URL or run scripts/ci/start-postgres.sh.`);
    return false;
  }
}

// ------------------------------------------------------------------ closed-loop load

export type ClosedLoopRequest = { method?: "GET" | "POST" | "PUT"; path: string; body?: unknown };

export type ClosedLoopResult = { times: number[]; failures: number; firstFailure: string; elapsed: number };

/**
 * `clients` clients for `seconds`, each sending its next JSON request when the previous one
 * answered. `times` holds the 2xx answers' latencies (ms, sorted); `onAnswer` sees each 2xx body.
 * The driver shares the server's cores, so it is kept cheap: node:http on a keep-alive agent (one
 * socket per client) instead of fetch, whose streams cost several times more CPU per request.
 */
export async function driveClosedLoop<R extends ClosedLoopRequest>(
  server: Server,
  headers: Record<string, string>,
  clients: number,
  seconds: number,
  next: () => R,
  onAnswer: (request: R, text: string) => void = () => undefined,
): Promise<ClosedLoopResult> {
  const times: number[] = [];
  let failures = 0;
  let firstFailure = "";
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const send = (request: R) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const body = request.method === "GET" ? "" : JSON.stringify(request.body);
      const bodyHeaders = request.method === "GET" ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) };
      const outgoing = http.request(
        { agent, host: "127.0.0.1", port: server.port, path: request.path, method: request.method ?? "POST", headers: { ...headers, ...bodyHeaders }, timeout: 30_000 },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          response.on("error", reject);
        },
      );
      outgoing.on("timeout", () => outgoing.destroy(new Error("timed out after 30 s")));
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const request = next();
      const sent = performance.now();
      try {
        const { status, text } = await send(request);
        if (status >= 200 && status < 300) {
          times.push(performance.now() - sent);
          onAnswer(request, text);
        } else {
          failures++;
          firstFailure ||= `${status} ${text.slice(0, 300)}`;
        }
      } catch (error) {
        failures++;
        firstFailure ||= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  times.sort((a, b) => a - b);
  return { times, failures, firstFailure, elapsed };
}

// ------------------------------------------------------------------ CPU per request

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** utime + stime of one process from /proc (ms), 0 when it is gone or /proc is unavailable. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from the 3rd (state) on
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** A process and all its descendants (the server under test: npm → tsx → node → next-server). */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  try {
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      } catch {
        /* exited meanwhile */
      }
    }
  } catch {
    return [rootPid];
  }
  const tree: number[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/**
 * CPU time used by a set of processes between `start()` and `stop()`: the figure that does not
 * depend on what else runs on the machine (latency and req/s do). Processes are listed at start
 * (`pids()` again at stop, so ones that exited count as what they had used by then).
 */
export function cpuMeter(pids: () => Promise<number[]> | number[]) {
  let before = new Map<number, number>();
  return {
    async start() {
      before = new Map((await pids()).map((pid) => [pid, processCpuMs(pid)]));
    },
    async stop(): Promise<number> {
      let used = 0;
      for (const pid of new Set([...before.keys(), ...(await pids())])) used += Math.max(0, processCpuMs(pid) - (before.get(pid) ?? 0));
      return used;
    },
  };
}

/** CPU meter of the server under test (its whole process tree: with --processes, the workers too). */
export function serverCpuMeter(server: Server) {
  return cpuMeter(() => (server.child.pid ? processTree(server.child.pid) : []));
}

/** CPU meter of the PostgreSQL backends connected to `databaseUrl` (the server's pool), via pg_stat_activity. */
export function postgresCpuMeter(databaseUrl: string) {
  return cpuMeter(async () => {
    const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
      return rows.map((row) => row.pid);
    } finally {
      await client.end();
    }
  });
}

/** CPU time of this process (the load driver), ms. */
export function driverCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
