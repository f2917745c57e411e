import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

export const IN_MEMORY = "memory://";

/** What the owner of an embedded database writes beside it, so other processes can find it. */
export type EmbeddedOwner = { pid: number; startedAt: string; controlSocket?: string };

export function ownerFilePath(dataDir: string): string {
  return path.join(dataDir, "owner.json");
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process that owns the embedded database in `dataDir`, or null. */
export function findEmbeddedOwner(dataDir: string): EmbeddedOwner | null {
  const file = ownerFilePath(dataDir);
  if (!existsSync(file)) return null;
  try {
    const owner = JSON.parse(readFileSync(file, "utf8")) as EmbeddedOwner;
    return owner.pid !== process.pid && isProcessAlive(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

/** Records this process as the owner (with its control socket, when it serves one). */
export function writeEmbeddedOwner(dataDir: string, controlSocket?: string): void {
  const owner: EmbeddedOwner = { pid: process.pid, startedAt: new Date().toISOString(), controlSocket };
  writeFileSync(ownerFilePath(dataDir), JSON.stringify(owner, null, 2));
}

/**
 * Opens (creating if needed) the PGlite database under `dataDir` with pgvector. PGlite is one
 * PostgreSQL backend inside this process: two processes opening the same files would corrupt
 * them, so the first one to open records itself in owner.json and every other refuses.
 */
export async function openEmbeddedDatabase(dataDir: string): Promise<PGlite> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { vector } = await import("@electric-sql/pglite-pgvector");
  if (dataDir === IN_MEMORY) return PGlite.create({ dataDir: IN_MEMORY, extensions: { vector } });

  mkdirSync(dataDir, { recursive: true });
  const owner = findEmbeddedOwner(dataDir);
  if (owner) {
    throw new Error(
      `The embedded database in ${path.resolve(dataDir)} is in use by process ${owner.pid} (started ${owner.startedAt}). ` +
        `Only one process may open it: stop that process, or point DATABASE_URL at PostgreSQL to run several.`,
    );
  }
  writeEmbeddedOwner(dataDir);
  const database = await PGlite.create({ dataDir: path.join(dataDir, "pgdata"), extensions: { vector } });
  const release = () => rmSync(ownerFilePath(dataDir), { force: true });
  process.once("exit", release);
  return database;
}
