import { MessageLine } from "@/components/profiles/message-line";
import { cx } from "@/components/ui/class-names";
import type { ConsoleMessage } from "@/lib/console/get-console-profile-detail";

/** One page of a thread; a cited message (a link from the handoff preview) is marked and scrolled to. */
export function ConversationMessages({ messages, focusedMessageId }: { messages: ConsoleMessage[]; focusedMessageId: string | null }) {
  if (messages.length === 0) return <p className="text-sm text-slate-500">No messages yet.</p>;
  return (
    <ol className="space-y-1.5" aria-label="Messages">
      {messages.map((message) => {
        const isFocused = message.id === focusedMessageId;
        return (
          <li key={message.id} id={`message-${message.id}`} className={cx("scroll-mt-4 rounded-md", isFocused && "ring-2 ring-amber-400")} aria-current={isFocused ? "true" : undefined}>
            {isFocused ? <p className="px-3 pt-1 text-xs font-semibold text-amber-800">Cited message</p> : null}
            <MessageLine message={message} />
          </li>
        );
      })}
    </ol>
  );
}
