/** Twilio's Recall limits (docs/reference/twilio-memory-api-notes.md). */
export const MAX_RECALL_QUERY_CHARS = 1_024;
export const MAX_RECALL_ITEMS = 100;
export const DEFAULT_OBSERVATIONS_LIMIT = 20;
export const DEFAULT_SUMMARIES_LIMIT = 5;
export const DEFAULT_COMMUNICATIONS_LIMIT = 0;
