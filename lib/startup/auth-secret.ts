import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Auth.js signs session cookies with AUTH_SECRET. When it is not set, Kith keeps a generated one
 * in the data directory so sessions survive restarts. Several replicas must share AUTH_SECRET.
 */
export function ensureAuthSecret(dataDir: string): "environment" | "file" | "memory" {
  if (process.env.AUTH_SECRET) return "environment";
  if (dataDir === "memory://") {
    process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
    return "memory";
  }
  const file = path.join(dataDir, "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  process.env.AUTH_SECRET = readFileSync(file, "utf8").trim();
  return "file";
}
