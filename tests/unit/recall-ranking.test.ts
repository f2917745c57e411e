import { describe, expect, it } from "vitest";
import { scoreBm25 } from "@/lib/recall/score-bm25";
import { recencyPrior } from "@/lib/recall/recency-prior";
import { defaultFusionParameters, externalEmbedderFusionParameters, fuseRankings, fusionParametersFor, type RankingCandidate } from "@/lib/recall/fuse-rankings";
import { buildQueryFromTurns } from "@/lib/recall/build-query-from-turns";
import { rankSearchRows } from "@/lib/recall/rank-search-rows";
import { formatHandoffText } from "@/lib/recall/format-handoff-text";

const day = 86_400_000;
const now = new Date("2026-06-01T12:00:00Z");
const ago = (days: number) => new Date(now.getTime() - days * day);

describe("scoreBm25", () => {
  const corpus = { documentCount: 100, averageLength: 10 };

  it("scores rare terms above common ones and more occurrences higher, with saturation", () => {
    const [rare, common, none] = scoreBm25(
      [
        { termCounts: { oscar: 1 }, length: 10 },
        { termCounts: { seat: 1 }, length: 10 },
        { termCounts: {}, length: 10 },
        // "seat" is in many documents: low IDF.
        ...Array.from({ length: 40 }, () => ({ termCounts: { seat: 1 }, length: 10 })),
      ],
      corpus,
    );
    expect(rare).toBeGreaterThan(common);
    expect(common).toBeGreaterThan(0);
    expect(none).toBe(0);
    const [once, twice, tenTimes] = scoreBm25([{ termCounts: { pig: 1 }, length: 10 }, { termCounts: { pig: 2 }, length: 10 }, { termCounts: { pig: 10 }, length: 10 }], corpus);
    expect(twice).toBeGreaterThan(once);
    expect(tenTimes / once).toBeLessThan(2.2 + 0.01); // (k1 + 1) bounds the gain
  });

  it("prefers the shorter of two documents with the same matches", () => {
    const [short, long] = scoreBm25([{ termCounts: { pig: 1 }, length: 4 }, { termCounts: { pig: 1 }, length: 40 }], corpus);
    expect(short).toBeGreaterThan(long);
  });

  it("sums over query terms and never goes negative for a term in every document", () => {
    const [both, one] = scoreBm25([{ termCounts: { guinea: 1, pig: 1 }, length: 5 }, { termCounts: { pig: 1 }, length: 5 }], { documentCount: 2, averageLength: 5 });
    expect(both).toBeGreaterThan(one);
    expect(one).toBeGreaterThan(0);
  });
});

describe("recencyPrior", () => {
  it("halves every half-life and is 1 for items at or after the reference time", () => {
    expect(recencyPrior(now, now)).toBe(1);
    expect(recencyPrior(new Date(now.getTime() + day), now)).toBe(1);
    expect(recencyPrior(ago(90), now, 90)).toBeCloseTo(0.5);
    expect(recencyPrior(ago(180), now, 90)).toBeCloseTo(0.25);
  });
});

describe("fuseRankings", () => {
  const candidate = (id: string, lexicalScore: number, semanticSimilarity: number | null, days = 0): RankingCandidate => ({ id, occurredAt: ago(days), lexicalScore, semanticSimilarity });

  it("puts the item both retrievers agree on first and gives it 1 when it is also the newest", () => {
    const fused = fuseRankings([candidate("b", 1, 0.2), candidate("a", 5, 0.9), candidate("c", 0, 0.5)]);
    // b is in both lists (2nd, 3rd), c only in one (2nd).
    expect(fused.map((item) => item.id)).toEqual(["a", "b", "c"]);
    expect(fused[0].score).toBe(1);
    expect(fused[0].explanation).toEqual({ lexical: 1, semantic: 0.9, recency: 1, fused: 1 });
    for (const item of fused) for (const part of Object.values(item.explanation)) expect(part).toBeGreaterThanOrEqual(0);
  });

  it("is reciprocal rank fusion: the sum of 1/(k + rank) per list plus the recency prior, over the best possible", () => {
    const { rankConstant: k, lexicalWeight, semanticWeight, recencyWeight } = defaultFusionParameters;
    const fused = fuseRankings([candidate("top", 3, 0.9), candidate("second", 1, 0.8, 90)]);
    const second = fused.find((item) => item.id === "second")!;
    // The recency prior weighs a share of the lists' weight (recencyWeight × their sum).
    const lists = lexicalWeight + semanticWeight;
    const expected = (lists / (k + 2) + (recencyWeight * lists * 0.5) / (k + 1)) / ((lists * (1 + recencyWeight)) / (k + 1));
    expect(second.score).toBeCloseTo(expected, 10);
    const equal = fuseRankings([candidate("top", 3, 0.9), candidate("second", 1, 0.8, 90)], externalEmbedderFusionParameters).find((item) => item.id === "second")!;
    expect(equal.score).toBeCloseTo((2 / (k + 2) + (recencyWeight * 2 * 0.5) / (k + 1)) / ((2 * (1 + recencyWeight)) / (k + 1)), 10);
  });

  it("with no vectors at all, ranks lexically and still reaches 1", () => {
    const fused = fuseRankings([candidate("a", 2, null), candidate("b", 1, null)]);
    expect(fused.map((item) => item.id)).toEqual(["a", "b"]);
    expect(fused[0].score).toBe(1);
    expect(fused[0].explanation.semantic).toBeNull();
  });

  it("drops candidates in neither list and lets recency break a tie", () => {
    const fused = fuseRankings([candidate("none", 0, null), candidate("old", 0, 0.5, 365), candidate("new", 0, 0.5, 0)]);
    expect(fused.map((item) => item.id)).toEqual(["new", "old"]);
  });

  it("gives an item found by one retriever only a partial score", () => {
    const fused = fuseRankings([candidate("lexical", 4, 0.1), candidate("semantic", 0, 0.95)]);
    const semanticOnly = fused.find((item) => item.id === "semantic")!;
    expect(semanticOnly.score).toBeLessThan(0.8);
    expect(semanticOnly.explanation.lexical).toBe(0);
  });

  it("returns nothing for no candidates", () => {
    expect(fuseRankings([])).toEqual([]);
  });

  it("weighs the offline embedders' list well below the lexical one, an endpoint's model as its peer", () => {
    expect(fusionParametersFor("kith-wordnet-v1")).toBe(defaultFusionParameters);
    expect(fusionParametersFor(undefined)).toBe(defaultFusionParameters);
    expect(fusionParametersFor("openai:text-embedding-3-small")).toBe(externalEmbedderFusionParameters);
    expect(defaultFusionParameters.semanticWeight).toBeLessThan(defaultFusionParameters.lexicalWeight / 2);
    // Second lexically and first semantically against first lexically and last semantically.
    const candidates = [candidate("lexical", 5, 0.1), candidate("both", 4, 0.9), candidate("x", 3, 0.2), candidate("y", 2, 0.3)];
    expect(fuseRankings(candidates)[0].id).toBe("lexical");
    expect(fuseRankings(candidates, externalEmbedderFusionParameters)[0].id).toBe("both");
  });
});

describe("rankSearchRows", () => {
  it("turns database rows (BM25, cosine distance) into fused scores", () => {
    const ranked = rankSearchRows([
      { id: "pig", occurredAt: ago(1), distance: 0.1, lexicalScore: 2.5 },
      { id: "seat", occurredAt: ago(1), distance: 0.9, lexicalScore: 0 },
      { id: "far", occurredAt: ago(1), distance: 0.5, lexicalScore: 1 },
    ]);
    expect(ranked.map((item) => item.id)).toEqual(["pig", "far", "seat"]);
    expect(ranked[0].explanation.semantic).toBeCloseTo(0.9);
  });
});

describe("buildQueryFromTurns", () => {
  it("uses the last ten turns, newest first, whitespace collapsed, blanks skipped", () => {
    const turns = Array.from({ length: 12 }, (_, index) => ({ text: `turn ${index}` }));
    turns.push({ text: "   " }, { text: "I want my\n usual  seat" });
    const query = buildQueryFromTurns(turns);
    expect(query.split("\n")[0]).toBe("I want my usual seat");
    expect(query).toContain("turn 11");
    expect(query).not.toContain("turn 3");
    expect(query.split("\n")).toHaveLength(9);
  });

  it("cuts the oldest text to stay within the limit", () => {
    const query = buildQueryFromTurns([{ text: "a".repeat(600) }, { text: "b".repeat(600) }], 1_024);
    expect(query).toBe("b".repeat(600));
    expect(buildQueryFromTurns([{ text: "c".repeat(2_000) }], 1_024)).toHaveLength(1_024);
    expect(buildQueryFromTurns([])).toBe("");
  });
});

describe("formatHandoffText", () => {
  it("lists customer, traits, cited memories, messages in order and the numbered sources", () => {
    const text = formatHandoffText({
      conversation: { id: "conv_1", channel: "SMS", status: "ACTIVE" },
      customers: [
        {
          profileId: "mem_profile_1",
          displayName: "Ada Lovelace",
          traits: { Contact: { email: "ada@example.com", tags: ["vip", "beta"] } },
          observations: [{ content: "Prefers  e-mail\nover calls", citation: 1 }],
          summaries: [{ content: "Asked about an invoice.", occurredAt: new Date("2026-05-01T10:00:00Z"), citation: 2 }],
        },
      ],
      messages: [
        { occurredAt: new Date("2026-06-01T09:15:30Z"), author: { name: "Ada", type: "CUSTOMER" }, content: { text: "Hello" } },
        { occurredAt: new Date("2026-06-01T09:16:00Z"), author: { name: null, type: "AI_AGENT" }, content: { text: "Hi Ada" } },
      ],
      citations: [
        { number: 1, kind: "observation", id: "mem_observation_1", profileId: "mem_profile_1", conversationIds: ["conv_0"], communicationIds: ["conv_communication_9"] },
        { number: 2, kind: "summary", id: "mem_summary_1", profileId: "mem_profile_1", conversationIds: ["conv_0"], communicationIds: [] },
      ],
    });
    expect(text).toBe(
      [
        "Conversation conv_1 (SMS, ACTIVE)",
        "",
        "Customer: Ada Lovelace — profile mem_profile_1",
        "Traits:",
        "- Contact.email: ada@example.com",
        "- Contact.tags: vip, beta",
        "What we know:",
        "- Prefers e-mail over calls [1]",
        "Earlier conversations:",
        "- 2026-05-01: Asked about an invoice. [2]",
        "",
        "Recent messages:",
        "[2026-06-01 09:15 UTC] Ada (customer): Hello",
        "[2026-06-01 09:16 UTC] AI agent: Hi Ada",
        "",
        "Sources:",
        "[1] observation mem_observation_1 from conversation conv_0 (messages conv_communication_9)",
        "[2] summary mem_summary_1 from conversation conv_0",
      ].join("\n"),
    );
  });

  it("names a customer whose profile has no name by the name, else the address, they wrote from", () => {
    const customer = { profileId: "mem_profile_1", displayName: null, traits: {}, observations: [], summaries: [] };
    const at = new Date("2026-12-01T10:00:00Z");
    const fromAddress = { occurredAt: at, author: { name: null, type: "CUSTOMER" as const, profileId: "mem_profile_1", address: "+14155550177" }, content: { text: "Hi" } };
    const fromOther = { occurredAt: at, author: { name: "Sam", type: "HUMAN_AGENT" as const, profileId: null, address: "sam@example.com" }, content: { text: "Hello" } };
    const input = { conversation: { id: "conv_3", channel: "SMS", status: "ACTIVE" }, customers: [customer], citations: [] };
    expect(formatHandoffText({ ...input, messages: [fromOther, fromAddress] })).toContain("Customer: +14155550177 (no name on the profile) — profile mem_profile_1");
    const named = { ...fromAddress, author: { ...fromAddress.author, name: "Robin" } };
    expect(formatHandoffText({ ...input, messages: [fromAddress, named] })).toContain("Customer: Robin (no name on the profile)");
    expect(formatHandoffText({ ...input, messages: [fromOther] })).toContain("Customer: (no name) — profile mem_profile_1");
  });

  it("says so when nobody is identified and nothing was said", () => {
    const text = formatHandoffText({ conversation: { id: "conv_2", channel: "CHAT", status: "CLOSED" }, customers: [], messages: [], citations: [] });
    expect(text).toBe("Conversation conv_2 (CHAT, CLOSED)\n\nNo identified customer in this conversation.\n\nRecent messages:\n(none)");
  });
});
