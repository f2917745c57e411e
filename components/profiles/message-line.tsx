import type { ConsoleMessage } from "@/lib/console/get-console-profile-detail";
import { formatDateTime } from "@/lib/console/format-date-time";
import { cx } from "@/components/ui/class-names";

/** One message: who wrote it (this customer, an agent, someone else), when, and what. */
export function MessageLine({ message }: { message: ConsoleMessage }) {
  const author = message.isFromProfile ? "Customer" : message.authorType === "HUMAN_AGENT" ? "Agent" : message.authorType === "AI_AGENT" ? "AI agent" : "Other participant";
  return (
    <div className={cx("rounded-md px-3 py-2 text-sm", message.isFromProfile ? "bg-white ring-1 ring-slate-200" : "bg-indigo-50")} data-testid={`message-${message.id}`}>
      <p className="text-xs text-slate-500">
        <span className="font-medium text-slate-700">{message.authorName ?? author}</span>
        {message.authorName ? ` (${author.toLowerCase()})` : ""}
        {message.authorAddress ? ` · ${message.authorAddress}` : ""} · {formatDateTime(message.occurredAt)}
      </p>
      <p className="whitespace-pre-wrap text-slate-900">{message.content}</p>
    </div>
  );
}
