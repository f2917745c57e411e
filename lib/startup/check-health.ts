import { getDatabase } from "../db/client";
import { isReady } from "./readiness";

export type Health =
  | { status: "ok"; database: { kind: string; latencyMs: number } }
  | { status: "starting" | "unavailable"; reason: string };

/** Ready only after start-up finished and the database answers a query now. */
export async function checkHealth(): Promise<Health> {
  if (!isReady()) return { status: "starting", reason: "Kith is still starting (migrating, seeding)" };
  try {
    const database = await getDatabase();
    const started = performance.now();
    await database.prisma.$queryRaw`SELECT 1`;
    return { status: "ok", database: { kind: database.kind, latencyMs: Math.round((performance.now() - started) * 100) / 100 } };
  } catch (error) {
    return { status: "unavailable", reason: `Database check failed: ${(error as Error).message}` };
  }
}
