import { Badge } from "@/components/ui/badge";
import type { ConsoleConversation } from "@/lib/console/get-console-profile-detail";
import { formatDateTime } from "@/lib/console/format-date-time";
import { channelLabel } from "./profile-filters";
import { MessageLine } from "./message-line";

/** The conversations the profile took part in, on every channel, newest activity first, each with its latest messages. */
export function ConversationTimeline({ conversations, total, messageLimit }: { conversations: ConsoleConversation[]; total: number; messageLimit: number }) {
  if (conversations.length === 0) return <p className="text-sm text-slate-500">No conversations yet.</p>;
  return (
    <div className="space-y-3">
      {total > conversations.length ? (
        <p className="text-xs text-slate-500">
          The latest {conversations.length} of {total} conversations.
        </p>
      ) : null}
      <ol className="relative space-y-3 border-l border-slate-200 pl-4">
        {conversations.map((conversation, index) => (
          <li key={conversation.id} id={`conversation-${conversation.id}`} className="scroll-mt-4">
            <details open={index === 0} className="rounded-md border border-slate-200 bg-white">
              <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-3 py-2 text-sm">
                <Badge tone="indigo">{channelLabel(conversation.channel)}</Badge>
                <Badge>{conversation.status.toLowerCase()}</Badge>
                <span className="text-slate-700">{formatDateTime(conversation.createdAt)}</span>
                <span className="text-xs text-slate-500">
                  · {conversation.messageCount} message{conversation.messageCount === 1 ? "" : "s"} · <span className="font-mono">{conversation.id}</span>
                </span>
              </summary>
              <div className="space-y-1.5 border-t border-slate-100 p-3">
                {conversation.messageCount > conversation.messages.length ? (
                  <p className="text-xs text-slate-500">
                    The latest {messageLimit} messages; the API lists all of them (GET …/Conversations/{conversation.id}/Communications).
                  </p>
                ) : null}
                {conversation.messages.map((message) => (
                  <MessageLine key={message.id} message={message} />
                ))}
              </div>
            </details>
          </li>
        ))}
      </ol>
    </div>
  );
}
