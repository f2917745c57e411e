import Link from "next/link";
import { focusRing } from "@/components/ui/class-names";
import { channelLabel } from "@/components/profiles/profile-filters";
import type { ConsoleConversationParticipant } from "@/lib/console/list-console-conversations";
import { participantRole } from "./participant-summary";

/** Each participant: role, name, the addresses it was sent with, and the profile it resolved to. */
export function ParticipantTable({ participants }: { participants: ConsoleConversationParticipant[] }) {
  if (participants.length === 0) return <p className="text-sm text-slate-500">No participants were recorded.</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label="Participants">
      {participants.map((participant) => (
        <li key={participant.id} className="py-2.5 text-sm" data-testid={`participant-${participant.id}`}>
          <p>
            <span className="font-medium text-slate-900">{participant.name ?? "Unnamed"}</span> <span className="text-xs text-slate-500">{participantRole(participant.type).toLowerCase()}</span>
          </p>
          {participant.addresses.length > 0 ? (
            <ul className="mt-0.5 space-y-0.5">
              {participant.addresses.map((address) => (
                <li key={`${address.channel}:${address.address}`} className="text-xs text-slate-600">
                  <span className="uppercase tracking-wide text-slate-500">{channelLabel(address.channel)}</span> <span className="font-mono">{address.address}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <p className="mt-1 text-xs">
            {participant.profileId ? (
              <Link href={`/profiles/${participant.profileId}`} className={`text-indigo-700 underline ${focusRing}`}>
                Profile: {participant.profileDisplayName ?? participant.profileId}
              </Link>
            ) : (
              <span className="text-slate-500">{participant.type === "CUSTOMER" || participant.type === "UNKNOWN" ? "Not linked to a profile" : "Agents have no profile"}</span>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
