/** Where the console lands after sign-in when the user was not going anywhere in particular. */
export const DEFAULT_CONSOLE_PATH = "/profiles";

/**
 * The path to return to after sign-in, only if it stays on this site: a relative path starting
 * with a single "/". Anything else ("//evil.example", "https://…", "/\\evil") could send the user
 * to another origin, so it falls back to the default page.
 */
export function safeRedirectPath(candidate: string | null | undefined): string {
  if (!candidate || candidate.length > 2000) return DEFAULT_CONSOLE_PATH;
  if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return DEFAULT_CONSOLE_PATH;
  if (candidate.startsWith("/login") || candidate.startsWith("/api/")) return DEFAULT_CONSOLE_PATH;
  return candidate;
}
