import type { ExtractionUsage } from "../extraction/extraction-types";

/** Usage of no request at all (a step that was skipped). */
export function emptyLlmUsage(): ExtractionUsage {
  return { requests: 0, promptTokens: 0, completionTokens: 0, promptCharacters: 0, completionCharacters: 0 };
}

/** The usage of several requests together (an extraction's two calls, a run's attempts). */
export function addLlmUsage(...usages: ExtractionUsage[]): ExtractionUsage {
  const total = emptyLlmUsage();
  for (const usage of usages) {
    total.requests += usage.requests;
    total.promptTokens += usage.promptTokens;
    total.completionTokens += usage.completionTokens;
    total.promptCharacters += usage.promptCharacters;
    total.completionCharacters += usage.completionCharacters;
  }
  return total;
}
