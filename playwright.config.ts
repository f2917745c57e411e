import { defineConfig } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD, BOOTSTRAP_CREDENTIALS, E2E_BASE_URL, E2E_DATA_DIR, E2E_PORT } from "./e2e/e2e-environment";

// Console e2e tests against `npm start` with a fresh embedded database. Chromium is Debian's
// (/usr/bin/chromium): never run `playwright install`, it downloads browsers.
export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    headless: true,
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    // The data directory is deleted first so every run starts from an empty database.
    command: `node -e "require('fs').rmSync('${E2E_DATA_DIR}', { recursive: true, force: true })" && npm start`,
    url: `${E2E_BASE_URL}/api/health`,
    // The first start builds the app (a minute or two on a quiet small machine, several when it is busy).
    timeout: 480_000,
    reuseExistingServer: !process.env.CI,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      KITH_DATA_DIR: E2E_DATA_DIR,
      KITH_ADMIN_EMAIL: ADMIN_EMAIL,
      KITH_ADMIN_PASSWORD: ADMIN_PASSWORD,
      KITH_BOOTSTRAP_API_KEY: BOOTSTRAP_CREDENTIALS,
      DATABASE_URL: "",
    },
  },
});
