import Link from "next/link";
import { focusRing } from "@/components/ui/class-names";
import type { ConsoleConversationParticipant } from "@/lib/console/list-console-conversations";
import type { ParticipantType } from "@/lib/db/generated/enums";

const roles: Record<ParticipantType, string> = { CUSTOMER: "Customer", HUMAN_AGENT: "Agent", AI_AGENT: "AI agent", UNKNOWN: "Unknown" };

export function participantRole(type: ParticipantType): string {
  return roles[type];
}

/** A participant in one line: name (or first address), role, and a link to the profile it resolved to. */
export function ParticipantSummary({ participant }: { participant: ConsoleConversationParticipant }) {
  const label = participant.name ?? participant.addresses[0]?.address ?? "Unnamed";
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1.5">
      {participant.profileId ? (
        <Link href={`/profiles/${participant.profileId}`} className={`font-medium text-indigo-700 hover:underline ${focusRing}`} aria-label={`${label}: open profile ${participant.profileDisplayName ?? participant.profileId}`}>
          {label}
        </Link>
      ) : (
        <span className="font-medium text-slate-800">{label}</span>
      )}
      <span className="text-xs text-slate-500">{roles[participant.type].toLowerCase()}</span>
    </span>
  );
}
