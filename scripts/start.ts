// `npm start`: build when the sources changed since the last build, then serve the console and
// API with `next start` (one process: it owns the embedded database; see ARCHITECTURE.md).
import { spawn, spawnSync } from "node:child_process";
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
const server = spawn(process.execPath, [nextBin, "start", "-p", port], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: port },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
