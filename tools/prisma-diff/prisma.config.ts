// The adapter must be connectable even for schema->schema diffs: an in-memory PGlite.
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PrismaPGlite } from "pglite-prisma-adapter";
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => new PrismaPGlite(new PGlite({ dataDir: "memory://", extensions: { vector } })),
});
