import { defineConfig } from "vitest/config";
import path from "node:path";

// Integration tests share one embedded database per worker (PGlite start-up costs seconds), so
// files run in one fork, sequentially; unit tests are fast enough not to care.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    // One worker keeps its modules (and so its one database) across files.
    isolate: false,
    setupFiles: ["tests/setup-environment.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ["tests/global-setup.ts"],
  },
});
