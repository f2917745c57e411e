// Whether a newer statement contradicts an older one about the same slot, and how it changed.
//
// A slot is "the same kind + the same predicate + an overlapping object": "Prefers an aisle seat"
// and "Now prefers the window" share one (like + seat alternatives); "Prefers an aisle seat" and
// "Prefers email contact" do not (both preferences, different objects); neither do "Has a dog named
// Max" and "Has a cat named Luna" (one can have both). Within a slot, a contradiction is:
//   - a polarity flip about the same object ("Has a dog" / "No longer has a dog", "cancelled");
//   - another value of the same alternative set (aisle → window, email → phone, Silver → Gold);
//   - another place for a one-value predicate ("Lives in Paris" → "Moved to Berlin");
//   - other numbers for otherwise the same statement ("flying on May 3" → "flying on May 5").
// Issues and moods accumulate (two late orders are two issues), so for them only a polarity flip counts.
import type { ObservationKind } from "./extraction-types";
import type { StatementAnalysis } from "./analyze-statement";

export type DetectContradictionOptions = {
  candidate: StatementAnalysis;
  existing: StatementAnalysis;
  /** The candidate's kind; the caller has checked the existing one is the same or unknown. */
  kind: ObservationKind;
};

const accumulatingKinds = new Set<ObservationKind>(["ISSUE", "MOOD"]);

function isSubset(small: string[], large: string[]): boolean {
  return small.every((item) => large.includes(item));
}

function isEitherSubset(a: string[], b: string[]): boolean {
  return isSubset(a, b) || isSubset(b, a);
}

function hasCommon(a: Iterable<string>, b: Iterable<string>): boolean {
  const other = new Set(b);
  for (const item of a) if (other.has(item)) return true;
  return false;
}

/** A change verb ("switched to email") is about the other statement's predicate as well as its objects. */
function comparableObjects(statement: StatementAnalysis, other: StatementAnalysis): string[] {
  const isAgainstChange = other.predicateRole === "change" && statement.predicateRole !== "change";
  return isAgainstChange && statement.predicateStem && statement.predicateStem !== "be"
    ? [statement.predicateStem, ...statement.objects]
    : statement.objects;
}

/** Objects less alternatives and values: what must agree for a value change to be about the same thing. */
function residualObjects(statement: StatementAnalysis, other: StatementAnalysis): string[] {
  return comparableObjects(statement, other).filter(
    (stem) =>
      !statement.alternativeStems.includes(stem) && !statement.numbers.includes(stem) && !statement.identifiers.includes(stem),
  );
}

function sharedAlternativeSets(a: StatementAnalysis, b: StatementAnalysis): string[] {
  return [...a.alternatives.keys()].filter((setName) => b.alternatives.has(setName));
}

function isSameSlot(a: StatementAnalysis, b: StatementAnalysis): boolean {
  if (!a.predicate || !b.predicate) return false;
  const involvesChange = a.predicateRole === "change" || b.predicateRole === "change";
  if (!involvesChange && a.predicate !== b.predicate) return false;
  // Different order or booking numbers: different things
  if (a.identifiers.length > 0 && b.identifiers.length > 0 && !hasCommon(a.identifiers, b.identifiers)) return false;
  if (a.predicateRole === "single" && b.predicateRole === "single") return true;
  if (sharedAlternativeSets(a, b).length > 0) return true;
  const aObjects = comparableObjects(a, b);
  const bObjects = comparableObjects(b, a);
  return (a.head !== null && bObjects.includes(a.head)) || (b.head !== null && aObjects.includes(b.head));
}

function listValues(values: Iterable<string>): string {
  return [...values].join(", ");
}

function describePolarityFlip(candidate: StatementAnalysis, existing: StatementAnalysis): string | null {
  const candidateObjects = comparableObjects(candidate, existing).filter((stem) => !candidate.numbers.includes(stem));
  const existingObjects = comparableObjects(existing, candidate).filter((stem) => !existing.numbers.includes(stem));
  // "Prefers an aisle seat" and "Does not want a window seat" agree: the negation is about something else
  if (!isEitherSubset(candidateObjects, existingObjects)) return null;
  if (candidate.numbers.length > 0 && existing.numbers.length > 0 && !hasCommon(candidate.numbers, existing.numbers)) return null;
  return candidate.isNegated ? "no longer true" : "true again";
}

function describeValueChanges(candidate: StatementAnalysis, existing: StatementAnalysis): string[] {
  const changes: string[] = [];
  const isResidualCompatible = isEitherSubset(residualObjects(candidate, existing), residualObjects(existing, candidate));

  if (isResidualCompatible) {
    for (const setName of sharedAlternativeSets(candidate, existing)) {
      const newer = candidate.alternatives.get(setName)!;
      const older = existing.alternatives.get(setName)!;
      if (!hasCommon(newer, older)) changes.push(`${listValues(newer)} replaces ${listValues(older)}`);
    }
  }

  if (candidate.predicateRole === "single" && existing.predicateRole === "single") {
    const hasPlaces = candidate.properNouns.length > 0 && existing.properNouns.length > 0;
    const hasNoPlaces = candidate.properNouns.length === 0 && existing.properNouns.length === 0;
    const newer = hasPlaces ? candidate.properNouns : residualObjects(candidate, existing);
    const older = hasPlaces ? existing.properNouns : residualObjects(existing, candidate);
    if ((hasPlaces || hasNoPlaces) && newer.length > 0 && older.length > 0 && !isEitherSubset(newer, older)) {
      const surface = (statement: StatementAnalysis, stems: string[]) => stems.map((stem) => statement.surfaces.get(stem) ?? stem);
      changes.push(`${listValues(surface(candidate, newer))} replaces ${listValues(surface(existing, older))}`);
    }
  }

  // "May 3" → "May 3 and 5" adds a value; "May 3" → "May 5" replaces one
  const numbersDiffer =
    candidate.numbers.length > 0 && existing.numbers.length > 0 && !isEitherSubset(candidate.numbers, existing.numbers);
  if (numbersDiffer && isResidualCompatible) {
    const newer = candidate.numbers.filter((value) => !existing.numbers.includes(value));
    const older = existing.numbers.filter((value) => !candidate.numbers.includes(value));
    changes.push(`${listValues(newer)} replaces ${listValues(older)}`);
  }
  return changes;
}

/**
 * How the candidate contradicts the existing statement ("window replaces aisle", "no longer true"),
 * or null when they are about different slots or agree. Says nothing about which one is newer.
 */
export function detectContradiction({ candidate, existing, kind }: DetectContradictionOptions): string | null {
  if (!isSameSlot(candidate, existing)) return null;
  if (candidate.isNegated !== existing.isNegated) return describePolarityFlip(candidate, existing);
  if (accumulatingKinds.has(kind)) return null;
  const changes = describeValueChanges(candidate, existing);
  return changes.length > 0 ? changes.join("; ") : null;
}
