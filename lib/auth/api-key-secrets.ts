import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 random bits, URL-safe: long enough that a fast hash (not bcrypt) is the right way to store it. */
export function generateApiKeySecret(): string {
  return randomBytes(32).toString("base64url");
}

export function hashApiKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function secretMatchesHash(secret: string, secretHash: string): boolean {
  const candidate = Buffer.from(hashApiKeySecret(secret), "hex");
  const stored = Buffer.from(secretHash, "hex");
  return candidate.length === stored.length && timingSafeEqual(candidate, stored);
}
