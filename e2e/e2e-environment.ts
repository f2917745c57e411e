/**
 * The server the e2e tests start (playwright.config.ts) and the credentials they use: one place,
 * so the config and the specs cannot disagree.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
/** A throwaway data directory, deleted before every run (see playwright.config.ts). */
export const E2E_DATA_DIR = "./.kith-e2e";

export const ADMIN_EMAIL = "admin@e2e.test";
export const ADMIN_PASSWORD = "e2e-admin-password-1";

/** An all-stores ADMIN key the server upserts at start (KITH_BOOTSTRAP_API_KEY). */
export const BOOTSTRAP_KEY_ID = "kith_key_00000000000000000000000e2e";
export const BOOTSTRAP_SECRET = "e2e-bootstrap-secret-0123456789";
export const BOOTSTRAP_CREDENTIALS = `${BOOTSTRAP_KEY_ID}:${BOOTSTRAP_SECRET}`;

/** The Authorization header for HTTP Basic `keyId:secret` credentials. */
export function basicAuth(credentials: string): string {
  return `Basic ${Buffer.from(credentials).toString("base64")}`;
}
