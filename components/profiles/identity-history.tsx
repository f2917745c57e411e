import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { MergeView } from "@/lib/merges/merge-view";
import type { ProfileResolutionView } from "@/lib/profiles/list-profile-resolutions";
import { formatDateTime } from "@/lib/console/format-date-time";

type IdentifierValue = { idType: string; value: string };

const sourceText: Record<string, string> = {
  API: "a profile write through the API",
  CONVERSATION: "a conversation",
  WEBHOOK: "a Twilio message",
  BULK: "a bulk import",
  IMPORT: "an import",
  TRAIT_PROMOTION: "a promoted trait",
};

const outcomeText: Record<string, string> = {
  CREATED: "Created",
  ATTACHED: "Attached a record",
  MERGED: "Merged",
  PROPOSED: "Proposed a merge",
  CONFLICT: "Conflict",
  LOOKED_UP: "Looked up",
  NOT_FOUND: "Not found",
};

function identifierValues(value: unknown): IdentifierValue[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is IdentifierValue => typeof item === "object" && item !== null && typeof item.idType === "string" && typeof item.value === "string");
}

function describeIdentifiers(values: IdentifierValue[]): string {
  return values.map((value) => `${value.idType} ${value.value}`).join(", ");
}

/** "Created from a conversation with phone +14155550123", and the resolver's own reasons. */
function describeResolution(resolution: ProfileResolutionView): { headline: string; reasons: string[] } {
  const input = (resolution.input ?? {}) as { incoming?: unknown; normalized?: unknown };
  const identifiers = identifierValues(input.normalized).length ? identifierValues(input.normalized) : identifierValues(input.incoming);
  const reasonsBlock = (resolution.reasons ?? {}) as { reasons?: unknown; conflicts?: unknown };
  const reasons = Array.isArray(reasonsBlock.reasons) ? reasonsBlock.reasons.filter((reason): reason is string => typeof reason === "string") : [];
  const conflicts = Array.isArray(reasonsBlock.conflicts)
    ? reasonsBlock.conflicts.flatMap((conflict) => (typeof conflict === "object" && conflict !== null && typeof (conflict as { message?: unknown }).message === "string" ? [`conflict: ${(conflict as { message: string }).message}`] : []))
    : [];
  const from = sourceText[resolution.source] ?? resolution.source.toLowerCase();
  const headline = `${outcomeText[resolution.outcome] ?? resolution.outcome} from ${from}${identifiers.length ? ` with ${describeIdentifiers(identifiers)}` : ""}`;
  return { headline, reasons: [...reasons, ...conflicts] };
}

const mergeTones: Record<MergeView["status"], BadgeTone> = { PENDING: "amber", APPLIED: "green", REJECTED: "neutral", UNDONE: "neutral" };

function describeMerge(merge: MergeView, profileId: string): { other: string; because: string } {
  const other = merge.survivorProfileId === profileId ? merge.sourceProfileId : merge.survivorProfileId;
  const reason = (merge.reason ?? {}) as { matches?: unknown; matchedBy?: unknown; by?: unknown };
  const matched = identifierValues(reason.matches).length ? identifierValues(reason.matches) : identifierValues(reason.matchedBy);
  const unique = [...new Map(matched.map((value) => [`${value.idType}:${value.value}`, value])).values()];
  const because =
    merge.proposedBy === "MANUAL"
      ? `merged by hand${typeof reason.by === "string" ? ` by ${reason.by}` : ""}`
      : merge.proposedBy === "DUPLICATE_DETECTOR"
        ? "same name and matching details (a suggested duplicate)"
        : unique.length
          ? `${describeIdentifiers(unique)} matched`
          : "identity resolution matched them";
  return { other, because };
}

/** How the profile came to be: each resolution with its reasons, and each merge it took part in. */
export function IdentityHistory({ profileId, resolutions, merges, aliasIds }: { profileId: string; resolutions: ProfileResolutionView[]; merges: MergeView[]; aliasIds: string[] }) {
  const events = [
    ...resolutions.map((resolution) => ({ kind: "resolution" as const, at: new Date(resolution.createdAt), resolution })),
    ...merges.map((merge) => ({ kind: "merge" as const, at: new Date(merge.createdAt), merge })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  if (events.length === 0) return <p className="text-sm text-slate-500">No resolution recorded: this profile was created directly (seed or import) and nothing has matched it since.</p>;
  return (
    <div className="space-y-3">
      {aliasIds.length > 0 ? (
        <p className="text-xs text-slate-600">
          Ids merged into this profile (they now open it): <span className="font-mono">{aliasIds.join(", ")}</span>
        </p>
      ) : null}
      <ol className="space-y-2" data-testid="identity-history">
        {events.map((event) => {
          if (event.kind === "merge") {
            const { other, because } = describeMerge(event.merge, profileId);
            const role = event.merge.survivorProfileId === profileId ? "merged in" : "merged into";
            return (
              <li key={event.merge.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={mergeTones[event.merge.status]}>merge {event.merge.status.toLowerCase()}</Badge>
                  <span>
                    {event.merge.status === "PENDING" ? "Proposed: " : ""}
                    {role}{" "}
                    <Link className="font-mono text-indigo-700 underline" href={`/profiles/${other}`}>
                      {other}
                    </Link>{" "}
                    because {because}
                  </span>
                </div>
                <p className="mt-0.5 text-xs text-slate-500">
                  {formatDateTime(event.merge.createdAt)} · {event.merge.proposedBy.toLowerCase().replace("_", " ")} · {event.merge.id}
                  {event.merge.undoneAt ? ` · undone ${formatDateTime(event.merge.undoneAt)}` : ""}
                </p>
              </li>
            );
          }
          const { headline, reasons } = describeResolution(event.resolution);
          return (
            <li key={event.resolution.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
              <details>
                <summary className="cursor-pointer">
                  <span className="text-slate-900">{headline}</span>
                  <span className="block text-xs text-slate-500">
                    {formatDateTime(event.resolution.createdAt)}
                    {event.resolution.sourceRef ? ` · ${event.resolution.sourceRef}` : ""}
                  </span>
                </summary>
                <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
                  {reasons.map((reason, index) => (
                    <li key={index}>{reason}</li>
                  ))}
                  {reasons.length === 0 ? <li>No reasons recorded.</li> : null}
                </ul>
              </details>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
