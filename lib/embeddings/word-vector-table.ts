import { EMBEDDING_DIMENSIONS } from "../db/vector";

/**
 * The offline embedder's vocabulary: `words` sorted, row i of `vectors` (int8, EMBEDDING_DIMENSIONS
 * wide) times `scales[i]` is word i's unit vector, `poolWeights[i]` its weight in a sentence.
 */
export type WordVectorTable = {
  words: string[];
  vectors: Int8Array;
  scales: Float32Array;
  poolWeights: Float32Array;
};

const MAGIC = "KITHWV1\n";

/** The table as bytes: magic, a JSON header (with `meta`), the words, then the number arrays. */
export function serializeWordVectorTable(table: WordVectorTable, meta: Record<string, string>): Buffer {
  const words = Buffer.from(table.words.join("\n"), "utf8");
  const header = Buffer.from(JSON.stringify({ ...meta, dimensions: EMBEDDING_DIMENSIONS, count: table.words.length, wordBytes: words.length }), "utf8");
  const prefix = Buffer.alloc(MAGIC.length + 4);
  prefix.write(MAGIC, 0, "latin1");
  prefix.writeUInt32LE(header.length, MAGIC.length);
  return Buffer.concat([
    prefix,
    header,
    words,
    Buffer.from(table.scales.buffer, table.scales.byteOffset, table.scales.byteLength),
    Buffer.from(table.poolWeights.buffer, table.poolWeights.byteOffset, table.poolWeights.byteLength),
    Buffer.from(table.vectors.buffer, table.vectors.byteOffset, table.vectors.byteLength),
  ]);
}

/** Reads what serializeWordVectorTable wrote; throws on anything else (a truncated or foreign file). */
export function deserializeWordVectorTable(bytes: Buffer): { table: WordVectorTable; meta: Record<string, unknown> } {
  if (bytes.length < MAGIC.length + 4 || bytes.toString("latin1", 0, MAGIC.length) !== MAGIC) throw new Error("not a Kith word vector file");
  const headerLength = bytes.readUInt32LE(MAGIC.length);
  let offset = MAGIC.length + 4;
  const meta = JSON.parse(bytes.toString("utf8", offset, offset + headerLength)) as Record<string, unknown> & { count: number; wordBytes: number; dimensions: number };
  offset += headerLength;
  if (meta.dimensions !== EMBEDDING_DIMENSIONS) throw new Error(`word vectors have ${meta.dimensions} dimensions, expected ${EMBEDDING_DIMENSIONS}`);
  const count = meta.count;
  const expected = offset + meta.wordBytes + count * 8 + count * EMBEDDING_DIMENSIONS;
  if (bytes.length !== expected) throw new Error(`word vector file is ${bytes.length} bytes, expected ${expected}`);
  const words = bytes.toString("utf8", offset, offset + meta.wordBytes).split("\n");
  offset += meta.wordBytes;
  // Copies: a Buffer's offset need not be 4-byte aligned for a Float32Array view.
  const scales = new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * 4));
  offset += count * 4;
  const poolWeights = new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * 4));
  offset += count * 4;
  const vectors = new Int8Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * EMBEDDING_DIMENSIONS));
  return { table: { words, vectors, scales, poolWeights }, meta };
}
