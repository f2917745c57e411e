import { defineConfig } from "prisma/config";

// Prisma's CLI is used only for `generate` (migrations are our own SQL runner, see ARCHITECTURE.md).
// `generate` never connects, so a placeholder URL keeps it working when DATABASE_URL is unset.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://placeholder@localhost:5432/placeholder" },
});
