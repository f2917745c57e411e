// `npm run eval:embedder -- ../shared/data/locomo/*.json [--semantic=0.6 --lexical=0.8]`: how well
// each offline embedder finds a LoCoMo question's evidence turns, without the database or the API.
// Each conversation is its own corpus: every turn is embedded (as said, and "with context": the
// session date and the previous turn before it), every question except category 5 is embedded,
// turns are ranked by cosine, and evidence recall@5/@10 (the share of a question's evidence turns
// in the top k) is averaged over questions. A plain BM25 over the same turns, and BM25 fused with
// each embedder by reciprocal rank fusion, are printed beside them. docs/RECALL.md keeps the figures.
// LoCoMo is CC BY-NC: evaluation only — nothing of it is written anywhere.
import { readFileSync } from "node:fs";
import { embedWithHashing } from "../lib/embeddings/create-hashing-embedder";
import { defaultWordnetEmbedderMix, wordnetSentenceEmbedder } from "../lib/embeddings/create-wordnet-embedder";
import { dotProduct } from "../lib/embeddings/hash-features";
import { loadWordVectors } from "../lib/embeddings/load-word-vectors";
import { STOP_WORDS } from "../lib/embeddings/stop-words";
import { tokenizeForEmbedding } from "../lib/embeddings/tokenize-for-embedding";

type Turn = { speaker: string; dia_id: string; text: string; blip_caption?: string };
type Question = { question: string; evidence?: string[]; category: number };
type Sample = Record<string, unknown> & { qa: Question[] };

const args = process.argv.slice(2);
const files = args.filter((arg) => !arg.startsWith("--"));
const flag = (name: string, fallback: number) => {
  const found = args.find((arg) => arg.startsWith(`--${name}=`));
  return found ? Number(found.split("=")[1]) : fallback;
};
if (files.length === 0) {
  console.error("usage: npm run eval:embedder -- ../shared/data/locomo/*.json [--semantic=0.6 --lexical=0.8 --ngrams=0.25 --bigrams=0.5]");
  process.exit(2);
}
const mix = {
  semantic: flag("semantic", defaultWordnetEmbedderMix.semantic),
  lexical: flag("lexical", defaultWordnetEmbedderMix.lexical),
  characterNgrams: flag("ngrams", defaultWordnetEmbedderMix.characterNgrams),
  bigrams: flag("bigrams", defaultWordnetEmbedderMix.bigrams),
  unknownWord: flag("unknown", defaultWordnetEmbedderMix.unknownWord),
};

const wordnet = wordnetSentenceEmbedder(loadWordVectors(), mix);
const hashing = embedWithHashing;

function turnsOf(sample: Sample): Array<{ id: string; text: string; context: string }> {
  const turns: Array<{ id: string; text: string; context: string }> = [];
  for (let session = 1; sample[`session_${session}_date_time`] !== undefined; session++) {
    const date = String(sample[`session_${session}_date_time`]);
    let previous = "";
    for (const turn of (sample[`session_${session}`] as Turn[] | undefined) ?? []) {
      const text = turn.blip_caption ? `${turn.text} [shares a photo: ${turn.blip_caption}]` : turn.text;
      turns.push({ id: turn.dia_id, text, context: `${date}. ${previous} ${text}` });
      previous = text;
    }
  }
  return turns;
}

function evidenceOf(question: Question): string[] {
  return [...new Set((question.evidence ?? []).flatMap((entry) => entry.split(/[;,\s]+/)).map((id) => id.trim()).filter((id) => /^D\d+:\d+$/.test(id)))];
}

/** Okapi BM25 (k1 1.2, b 0.75) over stop-word-free tokens: the lexical reference. */
function bm25Ranker(documents: string[]): (query: string) => number[] {
  const docs = documents.map((text) => tokenizeForEmbedding(text).filter((token) => !STOP_WORDS.has(token)));
  const average = docs.reduce((sum, doc) => sum + doc.length, 0) / docs.length;
  const frequency = new Map<string, number>();
  for (const doc of docs) for (const term of new Set(doc)) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const counts = docs.map((doc) => doc.reduce((map, term) => map.set(term, (map.get(term) ?? 0) + 1), new Map<string, number>()));
  return (query) => {
    const terms = [...new Set(tokenizeForEmbedding(query).filter((token) => !STOP_WORDS.has(token)))];
    return docs.map((doc, index) => {
      let score = 0;
      for (const term of terms) {
        const tf = counts[index].get(term) ?? 0;
        if (tf === 0) continue;
        const df = frequency.get(term)!;
        const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
        score += (idf * tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * doc.length) / average));
      }
      return score;
    });
  };
}

const order = (scores: number[]) => scores.map((score, index) => [score, index] as const).sort((a, b) => b[0] - a[0]).map(([, index]) => index);
const semanticShare = flag("fusion", 0.5);
/** Weighted reciprocal rank fusion (k 60): the lexical ranking weighs 1 − --fusion, the other --fusion (both 1 at 0.5). */
const fuse = (lexical: number[], other: number[]) => {
  const fused = new Map<number, number>();
  const add = (ranking: number[], weight: number) => ranking.forEach((index, rank) => fused.set(index, (fused.get(index) ?? 0) + weight / (60 + rank + 1)));
  add(lexical, 2 * (1 - semanticShare));
  add(other, 2 * semanticShare);
  return [...fused].sort((a, b) => b[1] - a[1]).map(([index]) => index);
};

async function main() {
  const methods = ["hashing", "hashing+context", "wordnet", "wordnet+context", "bm25+context", "bm25+context ⊕ hashing+context", "bm25+context ⊕ wordnet+context"];
  const totals = new Map(methods.map((method) => [method, { at5: 0, at10: 0 }]));
  let questions = 0;
  let embedded = 0;
  let embedMs = 0;
  for (const file of files) {
    const sample = JSON.parse(readFileSync(file, "utf8")) as Sample;
    const turns = turnsOf(sample);
    const timed = (embed: (text: string) => Float32Array, texts: string[]) => {
      const started = performance.now();
      const vectors = texts.map(embed);
      embedMs += performance.now() - started;
      embedded += texts.length;
      return vectors;
    };
    const vectors = {
      hashing: timed(hashing, turns.map((turn) => turn.text)),
      "hashing+context": timed(hashing, turns.map((turn) => turn.context)),
      wordnet: timed(wordnet, turns.map((turn) => turn.text)),
      "wordnet+context": timed(wordnet, turns.map((turn) => turn.context)),
    };
    const bm25 = bm25Ranker(turns.map((turn) => turn.context));
    for (const question of sample.qa) {
      if (question.category === 5) continue;
      const evidence = evidenceOf(question);
      if (evidence.length === 0) continue;
      questions++;
      const rankBy = (name: keyof typeof vectors, query: Float32Array) => order(vectors[name].map((vector) => dotProduct(vector, query)));
      const hashed = hashing(question.question);
      const semantic = wordnet(question.question);
      const rankings: Record<string, number[]> = {
        hashing: rankBy("hashing", hashed),
        "hashing+context": rankBy("hashing+context", hashed),
        wordnet: rankBy("wordnet", semantic),
        "wordnet+context": rankBy("wordnet+context", semantic),
        "bm25+context": order(bm25(question.question)),
      };
      rankings["bm25+context ⊕ hashing+context"] = fuse(rankings["bm25+context"], rankings["hashing+context"]);
      rankings["bm25+context ⊕ wordnet+context"] = fuse(rankings["bm25+context"], rankings["wordnet+context"]);
      for (const method of methods) {
        const ids = rankings[method].map((index) => turns[index].id);
        const found = (k: number) => evidence.filter((id) => ids.slice(0, k).includes(id)).length / evidence.length;
        const total = totals.get(method)!;
        total.at5 += found(5);
        total.at10 += found(10);
      }
    }
  }
  console.log(`${files.length} conversations, ${questions} questions (category 5 excluded); wordnet mix ${JSON.stringify(mix)}, fusion share ${semanticShare}`);
  console.log("method                               @5      @10");
  for (const method of methods) {
    const total = totals.get(method)!;
    console.log(`${method.padEnd(36)} ${(total.at5 / questions).toFixed(3)}   ${(total.at10 / questions).toFixed(3)}`);
  }
  console.log(`embedding: ${embedded} turn texts in ${(embedMs / 1000).toFixed(2)} s (${Math.round(embedded / (embedMs / 1000))} texts/s, both embedders, one core)`);
}

main();
