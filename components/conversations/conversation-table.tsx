import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { focusRing } from "@/components/ui/class-names";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";
import { channelLabel } from "@/components/profiles/profile-filters";
import type { ConsoleConversationRow } from "@/lib/console/list-console-conversations";
import { formatDateTime } from "@/lib/console/format-date-time";
import { ConversationStatusBadge } from "./conversation-status-badge";
import { ParticipantSummary } from "./participant-summary";

/** One page of conversations; the id opens the conversation, a participant's name opens their profile. */
export function ConversationTable({ conversations, caption = "Conversations, latest activity first" }: { conversations: ConsoleConversationRow[]; caption?: string }) {
  return (
    <Table caption={caption}>
      <TableHead>
        <HeaderCell>Conversation</HeaderCell>
        <HeaderCell>Channel</HeaderCell>
        <HeaderCell>Status</HeaderCell>
        <HeaderCell>Participants</HeaderCell>
        <HeaderCell className="text-right">Messages</HeaderCell>
        <HeaderCell>First message</HeaderCell>
        <HeaderCell>Last message</HeaderCell>
      </TableHead>
      <TableBody>
        {conversations.map((conversation) => (
          <tr key={conversation.id} data-testid={`conversation-row-${conversation.id}`} className="hover:bg-slate-50">
            <Cell>
              <Link href={`/conversations/${conversation.id}`} className={`font-mono text-xs text-indigo-700 hover:underline ${focusRing}`}>
                {conversation.id}
              </Link>
            </Cell>
            <Cell>
              <Badge tone="indigo">{channelLabel(conversation.channel)}</Badge>
            </Cell>
            <Cell>
              <ConversationStatusBadge status={conversation.status} />
            </Cell>
            <Cell>
              {conversation.participants.length === 0 ? (
                <span className="text-slate-400">None</span>
              ) : (
                <ul className="space-y-0.5">
                  {conversation.participants.map((participant) => (
                    <li key={participant.id}>
                      <ParticipantSummary participant={participant} />
                    </li>
                  ))}
                </ul>
              )}
            </Cell>
            <Cell className="text-right tabular-nums">{conversation.messageCount}</Cell>
            <Cell className="whitespace-nowrap">{formatDateTime(conversation.firstMessageAt)}</Cell>
            <Cell className="whitespace-nowrap">{conversation.messageCount > 0 ? formatDateTime(conversation.lastActivityAt) : "—"}</Cell>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
