import { randomBytes } from "node:crypto";

/** A random initial password (16 URL-safe characters, 96 bits) for a user invited without one. */
export function generatePassword(): string {
  return randomBytes(12).toString("base64url");
}
