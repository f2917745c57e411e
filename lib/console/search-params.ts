/** What Next.js hands a page as `searchParams`. */
export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The query as a flat object for zod: first value of repeated keys, blank values dropped (an
 * emptied filter box means "no filter", not "match the empty string").
 */
export function flattenSearchParams(params: SearchParams): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first.trim() !== "") flat[key] = first.trim();
  }
  return flat;
}

/** `?a=1&b=2` from the given values, leaving out the empty ones. */
export function toQueryString(values: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  const text = query.toString();
  return text ? `?${text}` : "";
}
