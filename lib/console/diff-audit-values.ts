/** How one field differs between an audit event's before and after. */
export type FieldChangeKind = "added" | "removed" | "changed" | "unchanged";

export type FieldChange = {
  /** Dotted path into the recorded value (`conversationTimeouts.SMS.closedAfterMinutes`); `(value)` for a bare value. */
  path: string;
  kind: FieldChangeKind;
  /** The values as text, absent where the field did not exist on that side. */
  before?: string;
  after?: string;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ROOT = "(value)";

function isPlainObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as one line of text: strings as they are, everything else as JSON. */
export function formatAuditValue(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? String(value);
}

/** Leaf values by dotted path; arrays are leaves (a list changed as a whole reads better than by index). */
function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  // An empty object at the top holds no fields; deeper down it is a value of its own ({}).
  if (isPlainObject(value) && (Object.keys(value).length > 0 || prefix === "")) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
    return;
  }
  into.set(prefix || ROOT, value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Field-by-field differences between an audit event's before and after (either may be absent:
 * a create has no before, a delete no after). Fields keep the before's order, new ones follow.
 * Pure: the audit trail shows it, the unit tests pin it.
 */
export function diffAuditValues(before: unknown, after: unknown): FieldChange[] {
  const beforeFields = new Map<string, unknown>();
  const afterFields = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, "", beforeFields);
  if (after !== null && after !== undefined) flatten(after, "", afterFields);
  const paths = [...beforeFields.keys(), ...[...afterFields.keys()].filter((path) => !beforeFields.has(path))];
  return paths.map((path): FieldChange => {
    const hasBefore = beforeFields.has(path);
    const hasAfter = afterFields.has(path);
    const beforeText = hasBefore ? formatAuditValue(beforeFields.get(path)) : undefined;
    const afterText = hasAfter ? formatAuditValue(afterFields.get(path)) : undefined;
    if (!hasBefore) return { path, kind: "added", after: afterText };
    if (!hasAfter) return { path, kind: "removed", before: beforeText };
    return { path, kind: sameValue(beforeFields.get(path), afterFields.get(path)) ? "unchanged" : "changed", before: beforeText, after: afterText };
  });
}
