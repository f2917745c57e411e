import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { ConversationStatus } from "@/lib/db/generated/enums";

const labels: Record<ConversationStatus, string> = { ACTIVE: "Active", INACTIVE: "Inactive", CLOSED: "Closed" };
const tones: Record<ConversationStatus, BadgeTone> = { ACTIVE: "green", INACTIVE: "amber", CLOSED: "neutral" };

export function conversationStatusLabel(status: ConversationStatus): string {
  return labels[status];
}

/** A conversation's status: live, gone quiet, or over. */
export function ConversationStatusBadge({ status }: { status: ConversationStatus }) {
  return <Badge tone={tones[status]}>{labels[status]}</Badge>;
}
