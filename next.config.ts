import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and extension bundles relative to its own files: bundling breaks that.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "@electric-sql/pglite-pgvector",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
  ],
  poweredByHeader: false,
  // The public API uses Twilio's capitalised paths; never rewrite them.
  skipTrailingSlashRedirect: true,
  typescript: { tsconfigPath: "tsconfig.json" },
};

export default nextConfig;
