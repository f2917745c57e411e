import { MAX_RECALL_QUERY_CHARS } from "./recall-limits";

/** Turns of a conversation, oldest first, as recall reads them to infer a query. */
export type QueryTurn = { text: string };

export const QUERY_TURNS = 10;

/**
 * Twilio's query inference: with no `query` but a conversation, the last ten turns are the query.
 * The newest turns come first so that, when the text is cut to the query limit, what is cut is
 * the oldest. Pure.
 */
export function buildQueryFromTurns(turns: readonly QueryTurn[], maxChars = MAX_RECALL_QUERY_CHARS): string {
  const texts = turns
    .slice(-QUERY_TURNS)
    .map((turn) => turn.text.replace(/\s+/g, " ").trim())
    .filter((text) => text.length > 0)
    .reverse();
  let query = "";
  for (const text of texts) {
    const next = query ? `${query}\n${text}` : text;
    if (next.length > maxChars) {
      if (!query) query = text.slice(0, maxChars);
      break;
    }
    query = next;
  }
  return query;
}
