// The contract between a closed conversation and whatever extracts memories from it (SPEC §5).
// Extractors (built-in rules, an OpenAI-compatible model) take an ExtractionInput and return an
// ExtractionResult; the guard, reconciliation and storage work on these shapes only.

/** What an observation is about; stored in Observation.kind. */
export const observationKinds = ["PREFERENCE", "FACT", "PLAN", "ISSUE", "MOOD", "OTHER"] as const;
export type ObservationKind = (typeof observationKinds)[number];

/** Observation and summary content limit (Twilio's). */
export const MAX_MEMORY_CONTENT_CHARS = 4096;

/** Who said a turn, from the point of view of the customer being extracted for. */
export type TurnSpeaker = "CUSTOMER" | "AGENT" | "OTHER";

/** One communication of the conversation, in order. */
export type ExtractionTurn = {
  communicationId: string;
  /** CUSTOMER = the profile being extracted for; AGENT = a human or AI agent; OTHER = anyone else. */
  speaker: TurnSpeaker;
  speakerName: string | null;
  text: string;
  occurredAt: Date;
};

/** One conversation, seen from one CUSTOMER profile. */
export type ExtractionInput = {
  conversationId: string;
  /** SMS, VOICE, RCS, WHATSAPP, EMAIL, CHAT */
  channel: string;
  /** The customer's name as known (participant name or profile display name), if any. */
  customerName: string | null;
  turns: ExtractionTurn[];
};

/** A statement about the customer, in the third person ("Prefers an aisle seat"). */
export type ObservationCandidate = {
  content: string;
  kind: ObservationKind;
  /** 0–1 */
  confidence: number;
  /** Provenance: the communications it came from (never empty). */
  communicationIds: string[];
  /** When it was said (the latest of its communications). */
  occurredAt: Date;
};

export type SummaryCandidate = {
  /** ≤ MAX_MEMORY_CONTENT_CHARS */
  content: string;
  communicationIds: string[];
};

/** A contact trait the customer stated about themselves; proposed, written only if the store allows it. */
export type TraitCandidate = {
  groupName: "Contact";
  traitName: "firstName" | "lastName" | "email" | "phone";
  value: string;
  confidence: number;
  communicationIds: string[];
};

/** Characters sent and received, and tokens where the provider reports them. */
export type ExtractionUsage = {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  promptCharacters: number;
  completionCharacters: number;
};

export type ExtractionResult = {
  observations: ObservationCandidate[];
  summary: SummaryCandidate | null;
  traitCandidates: TraitCandidate[];
  usage: ExtractionUsage | null;
};

/** An extraction provider: the built-in rules or an LLM. */
export type Extractor = {
  /** "builtin" or "llm:<model>", stored with what it produced. */
  name: string;
  extract(input: ExtractionInput): Promise<ExtractionResult>;
};

/** What the guard screens out (SPEC §5): GDPR special categories and payment data. */
export const sensitiveCategories = [
  "HEALTH",
  "RELIGION",
  "ETHNICITY",
  "POLITICS",
  "SEXUAL_ORIENTATION",
  "TRADE_UNION",
  "BIOMETRIC",
  "GENETIC",
  "PAYMENT_CARD",
  "BANK_ACCOUNT",
] as const;
export type SensitiveCategory = (typeof sensitiveCategories)[number];

/**
 * The guard's verdict on one text: keep it as is, keep a redacted version (the sensitive part
 * replaced, the rest worth keeping), or drop it. `categories` never contains the sensitive text.
 */
export type GuardVerdict =
  | { outcome: "keep"; text: string; categories: [] }
  | { outcome: "redact"; text: string; categories: SensitiveCategory[] }
  | { outcome: "drop"; text: null; categories: SensitiveCategory[] };

/** An observation already on the profile, as reconciliation sees it. */
export type ExistingObservation = {
  id: string;
  content: string;
  kind: ObservationKind | null;
  status: "PENDING" | "APPROVED" | "REJECTED";
  occurredAt: Date;
};

/**
 * What to do with one candidate: add it; update an existing observation (newer contradiction wins,
 * or added detail enriches — the old text is kept as a revision by the caller); or discard it as a
 * duplicate of an existing one (including a REJECTED one: a rejected fact is not re-extracted).
 */
export type ReconciliationDecision =
  | { action: "add"; reason: string }
  | { action: "update"; observationId: string; content: string; kind: "contradiction" | "enrichment"; reason: string }
  | { action: "discard"; observationId: string; reason: string };
