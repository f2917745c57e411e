// `npm start`: build when the sources changed since the last build, then serve the console and
// API with `next start` (one process: it owns the embedded database; see ARCHITECTURE.md).
// `npm start -- --processes=N` (or KITH_PROCESSES=N), PostgreSQL only: N `next start` processes
// share the port through Node's cluster module (the primary, this process, hands connections out
// round-robin), started one after the other so start-up work (migrations, bootstrap key, first
// admin) never races. One Node.js process uses one core; recall of small profiles is Node-bound.
import { spawn, spawnSync } from "node:child_process";
import cluster from "node:cluster";
import http from "node:http";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const hashFile = path.join(root, ".next", "kith-source-hash");
const sourceRoots = ["app", "components", "lib", "prisma", "public", "instrumentation.ts", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const skipped = new Set(["node_modules", ".next", "generated", "migrations"]);

function collect(target: string, files: string[]): void {
  if (!existsSync(target)) return;
  if (statSync(target).isDirectory()) {
    for (const entry of readdirSync(target).sort()) if (!skipped.has(entry)) collect(path.join(target, entry), files);
  } else files.push(target);
}

function sourceHash(): string {
  const files: string[] = [];
  for (const entry of sourceRoots) collect(path.join(root, entry), files);
  const hash = createHash("sha256");
  for (const file of files) hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(path.join(root, "lib", "db", "generated", "client.ts"))) {
  console.log("Generating the Prisma client…");
  run("npm", ["run", "--silent", "db:generate"]);
}
const hash = sourceHash();
const built = existsSync(path.join(root, ".next", "BUILD_ID")) && existsSync(hashFile) && readFileSync(hashFile, "utf8") === hash;
if (!built) {
  console.log("Building Kith (first start, or the sources changed)…");
  run(process.execPath, [nextBin, "build"]);
  writeFileSync(hashFile, hash);
}

const port = process.env.PORT ?? "3000";
const serverEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: port };
const processes = requestedProcesses();
if (processes === 1) {
  const server = spawn(process.execPath, [nextBin, "start", "-p", port], { cwd: root, stdio: "inherit", env: serverEnv });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  void serveWithProcesses(processes);
}

/** `--processes=N` or KITH_PROCESSES (default 1); more than one needs PostgreSQL. */
function requestedProcesses(): number {
  const arg = process.argv.slice(2).find((item) => item.startsWith("--processes="));
  const raw = arg ? arg.slice("--processes=".length) : (process.env.KITH_PROCESSES ?? "1");
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 1 || count > 16) {
    console.error(`--processes / KITH_PROCESSES must be a whole number from 1 to 16, got "${raw}"`);
    process.exit(2);
  }
  if (count > 1 && !/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
    console.error(
      `--processes=${count} needs PostgreSQL (DATABASE_URL=postgresql://…): the embedded database (PGlite) can be owned by one process only. Start without --processes, or set DATABASE_URL.`,
    );
    process.exit(2);
  }
  return count;
}

/** GET /api/health on a new connection (so that round-robin hands each to the next process); 0 when refused. */
function healthStatus(): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get({ host: "127.0.0.1", port, path: "/api/health", agent: false, timeout: 5_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(0));
  });
}

/**
 * /api/health answered 200 `times` times in a row, each on its own connection. Behind the primary,
 * connections go round-robin to every listening process, and one still starting answers 503 — so
 * a run of 200s says all of them are up.
 */
async function healthy(times: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let inARow = 0;
  while (Date.now() < deadline) {
    inARow = (await healthStatus()) === 200 ? inARow + 1 : 0;
    if (inARow >= times) return true;
    if (inARow === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

/** The primary: forks `count` next-start processes one by one, each after the previous answers /api/health. */
async function serveWithProcesses(count: number): Promise<void> {
  cluster.schedulingPolicy = cluster.SCHED_RR;
  cluster.setupPrimary({ exec: nextBin, args: ["start", "-p", port], cwd: root } as Parameters<typeof cluster.setupPrimary>[0]);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));
  cluster.on("exit", (worker, code, signal) => {
    if (!stopping) {
      // One process down is a server that answers some requests and not others: stop them all, loudly.
      console.error(`Kith process ${worker.process.pid} exited (${signal ?? code}); stopping the others.`);
      stop("SIGTERM");
      process.exitCode = typeof code === "number" && code !== 0 ? code : 1;
    }
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit();
  });
  for (let index = 0; index < count && !stopping; index++) {
    const worker = cluster.fork(serverEnv);
    await new Promise<void>((resolve) => {
      worker.once("listening", () => resolve());
      worker.once("exit", () => resolve());
    });
    if (stopping || !(await healthy(2 * (index + 1), 120_000))) {
      console.error(`Kith process ${index + 1} of ${count} did not answer /api/health within 120 s; stopping.`);
      stop("SIGTERM");
      process.exitCode = 1;
      return;
    }
  }
  console.log(`  ${count} Kith processes are serving on port ${port} (round-robin, PostgreSQL)`);
}
