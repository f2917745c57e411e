import { z } from "zod";

/** Why a merge was proposed or made, as the merge queue shows it. */
export type MergeEvidence = {
  /** One sentence: who proposed it and on what grounds. */
  summary: string;
  /** The identifiers both profiles were matched by (resolver proposals and automatic merges). */
  matchedIdentifiers: { idType: string; value: string }[];
  /** The traits that were equal (duplicate detector). */
  matchingTraits: { traitGroup: string; name: string; value: unknown }[];
  /** The normalised full name both profiles share (duplicate detector). */
  sharedName: string | null;
  /** What brought the record in (a conversation, the API …) and its reference, when known. */
  source: string | null;
  sourceRef: string | null;
  /** Who merged by hand (manual merges). */
  mergedBy: string | null;
};

// The reason shapes the writers store (lib/identity/resolve-record.ts, propose-duplicate-merges.ts,
// merge-profiles-manually.ts). Read leniently: an older or unexpected shape still shows what it can.
const identifierValue = z.object({ idType: z.string(), value: z.string() });
const reasonSchema = z.object({
  matchedBy: z.array(identifierValue).optional().catch(undefined),
  matches: z.array(identifierValue).optional().catch(undefined),
  name: z.string().optional().catch(undefined),
  matchingTraits: z.array(z.object({ traitGroup: z.string(), name: z.string(), value: z.unknown() })).optional().catch(undefined),
  source: z.string().nullish().catch(undefined),
  sourceRef: z.string().nullish().catch(undefined),
  by: z.string().optional().catch(undefined),
});

// lib/identity/resolve-record.ts's ResolutionSource, as a phrase ("from …").
const sourcePhrases: Record<string, string> = {
  API: "the API",
  CONVERSATION: "conversation",
  WEBHOOK: "a Twilio webhook",
  BULK: "a bulk write",
  IMPORT: "an import",
  TRAIT_PROMOTION: "a trait promoted to an identifier",
};

function listIdentifiers(identifiers: { idType: string; value: string }[]): string {
  return identifiers.map((identifier) => `${identifier.idType} ${identifier.value}`).join(", ");
}

/**
 * The merge's stored reason, whatever wrote it, as plain fields plus one sentence. Unknown
 * shapes do not fail the page: the summary then says only who proposed it.
 */
export function describeMergeEvidence(proposedBy: string, reason: unknown): MergeEvidence {
  const parsed = reasonSchema.safeParse(reason ?? {});
  const fields = parsed.success ? parsed.data : {};
  // Automatic merges list every match (the survivor's too); keep each identifier once.
  const seen = new Set<string>();
  const matchedIdentifiers = [...(fields.matchedBy ?? []), ...(fields.matches ?? [])]
    .map(({ idType, value }) => ({ idType, value }))
    .filter((identifier) => {
      const key = `${identifier.idType}:${identifier.value}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const matchingTraits = fields.matchingTraits ?? [];
  const evidence = {
    matchedIdentifiers,
    matchingTraits,
    sharedName: fields.name ?? null,
    source: fields.source ?? null,
    sourceRef: fields.sourceRef ?? null,
    mergedBy: fields.by ?? null,
  };

  let summary: string;
  if (proposedBy === "DUPLICATE_DETECTOR") {
    const traits = matchingTraits.map((trait) => `${trait.traitGroup}.${trait.name} = ${JSON.stringify(trait.value)}`).join(", ");
    summary = `Likely duplicates: both are named “${evidence.sharedName ?? "?"}”${traits ? ` and share ${traits}` : ""}.`;
  } else if (proposedBy === "MANUAL") {
    summary = `Merged by hand${evidence.mergedBy ? ` by ${evidence.mergedBy}` : ""}.`;
  } else if (matchedIdentifiers.length > 0) {
    const phrase = evidence.source ? (sourcePhrases[evidence.source] ?? evidence.source.toLowerCase()) : null;
    const reference = evidence.sourceRef ? (evidence.source === "CONVERSATION" ? ` ${evidence.sourceRef}` : ` (ref ${evidence.sourceRef})`) : "";
    summary = `One incoming record${phrase ? ` from ${phrase}${reference}` : ""} matched both profiles, by ${listIdentifiers(matchedIdentifiers)}.`;
  } else {
    summary = `Proposed by ${proposedBy.toLowerCase().replace(/_/g, " ")}.`;
  }
  return { summary, ...evidence };
}
