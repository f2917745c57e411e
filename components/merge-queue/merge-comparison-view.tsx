import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cx, focusRing } from "@/components/ui/class-names";
import { formatDateTime } from "@/lib/console/format-date-time";
import type { MergeComparison, MergeSide, ValueComparison } from "@/lib/console/get-merge-comparison";

const comparisonBadges: Record<ValueComparison | "equivalent", { label: string; tone: BadgeTone }> = {
  same: { label: "Same", tone: "green" },
  equivalent: { label: "Same, written differently", tone: "green" },
  overlap: { label: "Partly shared", tone: "green" },
  different: { label: "Differs", tone: "amber" },
  survivor_only: { label: "Survivor only", tone: "neutral" },
  source_only: { label: "Folded-in only", tone: "indigo" },
};

const proposers: Record<string, string> = { RESOLVER: "identity resolution (review mode)", DUPLICATE_DETECTOR: "the duplicate detector", MANUAL: "an admin" };

/** A trait value as text: arrays joined, booleans as yes/no, nothing as a dash. */
function formatValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(formatValue).join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function ProfileCard({ side, role }: { side: MergeSide; role: "survivor" | "source" }) {
  const heading = role === "survivor" ? "Survives" : "Folded in";
  if (side.state === "missing") {
    return (
      <div className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800" data-testid={`comparison-${role}`}>
        <p className="text-xs font-semibold uppercase tracking-wide">{heading}</p>
        <p className="mt-1 font-mono text-xs">{side.requestedId}</p>
        <p className="mt-2">This profile no longer exists.</p>
      </div>
    );
  }
  const counts = side.observationCounts;
  return (
    <div className="rounded-md border border-slate-200 bg-white p-4 text-sm" data-testid={`comparison-${role}`}>
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{heading}</p>
      <p className="mt-1 text-base font-semibold text-slate-900">
        <Link href={`/profiles/${side.profileId}`} className={cx("text-indigo-700 underline-offset-2 hover:underline", focusRing)}>
          {side.displayName ?? "Unnamed profile"}
        </Link>
      </p>
      <p className="font-mono text-xs text-slate-500">{side.profileId}</p>
      {side.state === "moved" ? (
        <p className="mt-1 text-xs text-amber-800">
          Proposed as {side.requestedId}, merged into this profile since.
        </p>
      ) : null}
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-slate-700">
        <dt className="text-slate-500">Created</dt>
        <dd>{formatDateTime(side.createdAt)}</dd>
        <dt className="text-slate-500">Last contact</dt>
        <dd>{formatDateTime(side.lastContactAt ?? side.lastConversationAt)}</dd>
        <dt className="text-slate-500">Conversations</dt>
        <dd data-testid={`comparison-${role}-conversations`}>{side.conversationCount}</dd>
        <dt className="text-slate-500">Observations</dt>
        <dd data-testid={`comparison-${role}-observations`}>
          {counts.APPROVED} approved · {counts.PENDING} pending · {counts.REJECTED} rejected
        </dd>
      </dl>
    </div>
  );
}

/**
 * The side-by-side diff of a merge's two profiles: who they are, their identifiers per type and
 * traits per group (what is the same, what differs, what only one side has), and the evidence the
 * merge was proposed on.
 */
export function MergeComparisonView({ comparison }: { comparison: MergeComparison }) {
  const { merge, evidence, survivor, source, identifiers, traitGroups, warnings, isBlocked } = comparison;
  return (
    <div className="space-y-5" data-testid="merge-comparison">
      <section aria-labelledby={`evidence-${merge.id}`} className="rounded-md border border-slate-200 bg-slate-50 p-4 text-sm">
        <h3 id={`evidence-${merge.id}`} className="font-semibold text-slate-900">
          Evidence
        </h3>
        <p className="mt-1 text-slate-700" data-testid="merge-evidence">
          {evidence.summary}
        </p>
        <p className="mt-1 text-xs text-slate-500">
          Proposed by {proposers[merge.proposedBy] ?? merge.proposedBy} on {formatDateTime(merge.createdAt)} · <span className="font-mono">{merge.id}</span>
        </p>
        {evidence.matchedIdentifiers.length > 0 ? (
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Matched identifiers">
            {evidence.matchedIdentifiers.map((identifier) => (
              <li key={`${identifier.idType}:${identifier.value}`}>
                <Badge tone="indigo">
                  {identifier.idType}: {identifier.value}
                </Badge>
              </li>
            ))}
          </ul>
        ) : null}
        {evidence.matchingTraits.length > 0 ? (
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Matching traits">
            {evidence.matchingTraits.map((trait) => (
              <li key={`${trait.traitGroup}.${trait.name}`}>
                <Badge tone="indigo">
                  {trait.traitGroup}.{trait.name}: {formatValue(trait.value)}
                </Badge>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {warnings.length > 0 ? (
        <Alert tone={isBlocked ? "error" : "warning"} title={isBlocked ? "This proposal cannot be approved as it stands" : "The profiles changed since this was proposed"}>
          <ul className="list-disc space-y-1 pl-5">
            {warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <div className="grid gap-3 sm:grid-cols-2">
        <ProfileCard side={survivor} role="survivor" />
        <ProfileCard side={source} role="source" />
      </div>

      <table className="w-full text-left text-sm" data-testid="comparison-identifiers">
        <caption className="mb-2 text-left font-semibold text-slate-900">Identifiers</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">Type</th>
            <th scope="col" className="py-2 pr-3">Survives</th>
            <th scope="col" className="py-2 pr-3">Folded in</th>
            <th scope="col" className="py-2">Compared</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {identifiers.length === 0 ? (
            <tr>
              <td colSpan={4} className="py-3 text-slate-500">Neither profile has identifiers.</td>
            </tr>
          ) : (
            identifiers.map((identifier) => (
              <tr key={identifier.idType} data-testid={`identifier-row-${identifier.idType}`}>
                <th scope="row" className="py-2 pr-3 font-medium text-slate-900">{identifier.idType}</th>
                <td className="py-2 pr-3 font-mono text-xs">
                  {identifier.survivorValues.map((value) => (
                    <div key={value} className={identifier.sharedValues.includes(value) ? "font-semibold text-emerald-700" : undefined}>{value}</div>
                  ))}
                </td>
                <td className="py-2 pr-3 font-mono text-xs">
                  {identifier.sourceValues.map((value) => (
                    <div key={value} className={identifier.sharedValues.includes(value) ? "font-semibold text-emerald-700" : undefined}>{value}</div>
                  ))}
                </td>
                <td className="py-2">
                  <span className="flex flex-wrap gap-1">
                    <Badge tone={comparisonBadges[identifier.comparison].tone}>{comparisonBadges[identifier.comparison].label}</Badge>
                    {identifier.exceedsBlockLimit ? <Badge tone="red">Over the {identifier.limit}-value block limit</Badge> : null}
                  </span>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>

      <table className="w-full text-left text-sm" data-testid="comparison-traits">
        <caption className="mb-2 text-left font-semibold text-slate-900">Traits</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-3">Trait</th>
            <th scope="col" className="py-2 pr-3">Survives</th>
            <th scope="col" className="py-2 pr-3">Folded in</th>
            <th scope="col" className="py-2">Compared</th>
          </tr>
        </thead>
        {traitGroups.length === 0 ? (
          <tbody>
            <tr>
              <td colSpan={4} className="py-3 text-slate-500">Neither profile has traits.</td>
            </tr>
          </tbody>
        ) : (
          traitGroups.map((group) => (
            <tbody key={group.name} className="divide-y divide-slate-100">
              <tr>
                <th scope="colgroup" colSpan={4} className="bg-slate-50 px-2 py-1 text-xs font-semibold text-slate-600">{group.name}</th>
              </tr>
              {group.traits.map((trait) => (
                <tr key={trait.name} data-testid={`trait-row-${group.name}.${trait.name}`}>
                  <th scope="row" className="py-2 pr-3 font-medium text-slate-900">{trait.name}</th>
                  <td className={cx("py-2 pr-3", trait.comparison !== "same" && trait.keeps === "survivor" && trait.sourceValue !== null && "font-semibold")}>{formatValue(trait.survivorValue)}</td>
                  <td className={cx("py-2 pr-3", trait.comparison !== "same" && trait.keeps === "source" && trait.survivorValue !== null && "font-semibold")}>{formatValue(trait.sourceValue)}</td>
                  <td className="py-2">
                    <Badge tone={comparisonBadges[trait.comparison].tone}>{comparisonBadges[trait.comparison].label}</Badge>
                    {trait.comparison === "different" || trait.comparison === "equivalent" ? <span className="ml-2 text-xs text-slate-500">merge keeps the {trait.keeps === "survivor" ? "survivor’s" : "folded-in"} (newer) value</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          ))
        )}
      </table>
    </div>
  );
}
