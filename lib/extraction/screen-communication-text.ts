import type { SensitiveCategory } from "./extraction-types";
import { screenSensitiveContent } from "./screen-sensitive-content";

export type ScreenedCommunicationText = { text: string; categories: SensitiveCategory[] };

/**
 * A message as it may be stored (SPEC §5: the guard screens before anything is stored): sentences
 * about special-category data and card or bank numbers are removed; a message that was nothing
 * but that becomes a placeholder naming the categories (a communication is never empty, and the
 * thread still shows something was said). `categories` is empty when nothing was removed.
 */
export function screenCommunicationText(text: string): ScreenedCommunicationText {
  const verdict = screenSensitiveContent(text);
  if (verdict.outcome === "keep") return { text, categories: [] };
  if (verdict.outcome === "redact") return { text: verdict.text, categories: verdict.categories };
  const names = verdict.categories.map((category) => category.toLowerCase().replace(/_/g, " "));
  return { text: `[removed by Kith: ${names.join(", ")} data]`, categories: verdict.categories };
}
