import { describe, expect, it } from "vitest";
import { createHashingEmbedder } from "@/lib/embeddings/create-hashing-embedder";
import { createWordnetEmbedder, WORDNET_EMBEDDER_MODEL } from "@/lib/embeddings/create-wordnet-embedder";
import { EMBEDDING_DIMENSIONS } from "@/lib/embeddings/embedder";
import { dotProduct } from "@/lib/embeddings/hash-features";
import { loadWordVectors } from "@/lib/embeddings/load-word-vectors";
import { lemmatizeToken, tokenizeForEmbedding } from "@/lib/embeddings/tokenize-for-embedding";
import { deserializeWordVectorTable, serializeWordVectorTable } from "@/lib/embeddings/word-vector-table";

const wordnet = createWordnetEmbedder();
const hashing = createHashingEmbedder();
const cosine = async (embedder: typeof wordnet, left: string, right: string) => {
  const [a, b] = await embedder.embed([left, right]);
  return dotProduct(a, b);
};

describe("offline embedders", () => {
  it("tokenizes and finds dictionary forms with WordNet's rules", () => {
    expect(tokenizeForEmbedding("Caroline's kids DON'T like it!")).toEqual(["caroline", "kids", "don't", "like", "it"]);
    const known = new Set(["kid", "study", "run", "church", "big"]);
    const isKnown = (word: string) => known.has(word);
    expect(["kids", "studies", "studied", "running", "churches", "bigger", "xyzzy"].map((token) => lemmatizeToken(token, isKnown))).toEqual([
      "kid", "study", "study", "run", "church", "big", undefined,
    ]);
  });

  it("serializes the word table and reads it back exactly; refuses a foreign file", () => {
    const table = { words: ["car", "zebra"], vectors: Int8Array.from({ length: 2 * EMBEDDING_DIMENSIONS }, (_, index) => (index % 255) - 127), scales: Float32Array.of(0.01, 0.02), poolWeights: Float32Array.of(0.5, 0.9) };
    const { table: read, meta } = deserializeWordVectorTable(serializeWordVectorTable(table, { version: "test" }));
    expect(meta.version).toBe("test");
    expect(read.words).toEqual(table.words);
    expect(Array.from(read.vectors)).toEqual(Array.from(table.vectors));
    expect(Array.from(read.scales)).toEqual(Array.from(table.scales));
    expect(() => deserializeWordVectorTable(Buffer.from("not a table"))).toThrow(/not a Kith word vector file/);
  });

  it("gives deterministic unit vectors of 384 numbers (an empty text gives the zero vector)", async () => {
    expect(wordnet.model).toBe(WORDNET_EMBEDDER_MODEL);
    const texts = ["I adopted a puppy last week", "Melanie ran a charity race for mental health", ""];
    const [first, second] = [await wordnet.embed(texts), await createWordnetEmbedder().embed(texts)];
    for (const [index, vector] of first.entries()) {
      expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
      expect(Array.from(vector)).toEqual(Array.from(second[index]));
    }
    expect(Math.hypot(...first[0])).toBeCloseTo(1, 5);
    expect(Math.hypot(...first[1])).toBeCloseTo(1, 5);
    expect(first[2].every((value) => value === 0)).toBe(true);
    expect(loadWordVectors().words.length).toBeGreaterThan(80_000);
  });

  it("puts paraphrases closer than unrelated texts, where hashing alone cannot", async () => {
    const paraphrases: Array<[string, string, string]> = [
      ["car", "automobile", "banana"],
      ["I bought a new car", "we purchased an automobile", "the weather turned cold"],
      ["my kids love painting", "the children enjoy art", "the invoice is overdue"],
      ["invoice overdue", "late bill", "a walk on the beach"],
      ["she is happy", "she is glad", "she is tall"],
      ["we adopted a dog", "we got a puppy", "we sold the house"],
    ];
    for (const [text, paraphrase, unrelated] of paraphrases) {
      const close = await cosine(wordnet, text, paraphrase);
      const far = await cosine(wordnet, text, unrelated);
      expect(close, `${text} ~ ${paraphrase} (${close.toFixed(3)}) vs ${unrelated} (${far.toFixed(3)})`).toBeGreaterThan(far + 0.1);
    }
    expect(await cosine(wordnet, "car", "automobile")).toBeGreaterThan(0.4);
    expect(Math.abs(await cosine(hashing, "car", "automobile"))).toBeLessThan(0.15);
    // Exact words still count most: the lexical half keeps keyword matches on top.
    expect(await cosine(wordnet, "reset my password", "how do I change my password")).toBeGreaterThan(await cosine(wordnet, "reset my password", "quarterly revenue report") + 0.4);
  });

  it("embeds thousands of short texts a second", async () => {
    const texts = Array.from({ length: 4_000 }, (_, index) => `Hey, I went to the support group number ${index} yesterday and it was powerful`);
    await wordnet.embed(texts.slice(0, 10));
    const started = performance.now();
    await wordnet.embed(texts);
    const perSecond = texts.length / ((performance.now() - started) / 1_000);
    expect(perSecond).toBeGreaterThan(3_000);
  });
});
