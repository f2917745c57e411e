import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ConsoleObservation } from "@/lib/console/get-console-profile-detail";
import { formatDateTime } from "@/lib/console/format-date-time";
import { MessageLine } from "./message-line";

const statusTones: Record<ConsoleObservation["status"], BadgeTone> = { PENDING: "amber", APPROVED: "green", REJECTED: "red" };

export function ObservationStatusBadge({ status }: { status: ConsoleObservation["status"] }) {
  return <Badge tone={statusTones[status]}>{status.toLowerCase()}</Badge>;
}

function confidenceText(confidence: number | null): string {
  return confidence === null ? "no confidence given" : `${Math.round(confidence * 100)}% confidence`;
}

/** Observations with their review status, the very messages each came from, and every earlier state. */
export function ObservationList({ observations }: { observations: ConsoleObservation[] }) {
  if (observations.length === 0) return <p className="text-sm text-slate-500">No observations yet. They are extracted when a conversation closes, or written through the API.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {observations.map((observation) => (
        <li key={observation.id} className="py-3" data-testid={`observation-${observation.id}`}>
          <div className="flex flex-wrap items-start justify-between gap-2">
            <p className="text-sm text-slate-900">{observation.content}</p>
            <ObservationStatusBadge status={observation.status} />
          </div>
          <p className="mt-1 text-xs text-slate-500">
            {observation.kind ? `${observation.kind.toLowerCase()} · ` : ""}
            {confidenceText(observation.confidence)} · {observation.source.toLowerCase()} · {formatDateTime(observation.occurredAt)}
            {observation.version > 1 ? ` · version ${observation.version}` : ""}
          </p>
          <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
            <details className="group min-w-0 flex-1">
              <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">
                Source messages ({observation.sourceMessages.length || observation.conversationIds.length})
              </summary>
              <div className="mt-2 space-y-1.5 rounded-md bg-slate-50 p-3">
                {observation.sourceMessages.length > 0 ? (
                  observation.sourceMessages.map((message) => <MessageLine key={message.id} message={message} />)
                ) : observation.conversationIds.length > 0 ? (
                  <p className="text-xs text-slate-600">From conversation {observation.conversationIds.join(", ")} (no individual messages recorded).</p>
                ) : (
                  <p className="text-xs text-slate-600">No provenance: written through the {observation.source === "API" ? "API" : "console"} without source messages.</p>
                )}
                {observation.conversationIds.length > 0 ? (
                  <p className="pt-1 text-xs text-slate-500">
                    Conversation{observation.conversationIds.length > 1 ? "s" : ""}:{" "}
                    {observation.conversationIds.map((id) => (
                      <a key={id} href={`#conversation-${id}`} className="font-mono text-indigo-700 underline">
                        {id}
                      </a>
                    ))}
                  </p>
                ) : null}
              </div>
            </details>
            <details className="min-w-0 flex-1">
              <summary className="cursor-pointer text-xs font-medium text-indigo-700 hover:underline">Revision history ({observation.revisions.length})</summary>
              <ol className="mt-2 space-y-1.5 rounded-md bg-slate-50 p-3">
                {observation.revisions.map((revision) => (
                  <li key={revision.revisionId} className="text-xs text-slate-700">
                    <span className="font-semibold">v{revision.version}</span> · {revision.reason.toLowerCase()} by {revision.actor.type.toLowerCase()}
                    {revision.actor.id ? ` ${revision.actor.id}` : ""} · {formatDateTime(revision.createdAt)} · {revision.status.toLowerCase()} · {confidenceText(revision.confidence)}
                    <p className="text-slate-900">{revision.content}</p>
                  </li>
                ))}
                {observation.revisions.length === 0 ? <li className="text-xs text-slate-500">No revisions recorded.</li> : null}
              </ol>
            </details>
          </div>
        </li>
      ))}
    </ul>
  );
}
