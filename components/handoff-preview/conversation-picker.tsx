import Link from "next/link";
import { ParticipantSummary } from "@/components/conversations/participant-summary";
import { channelLabel } from "@/components/profiles/profile-filters";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/class-names";
import { Field, Input } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import type { ConsoleConversationRow } from "@/lib/console/list-console-conversations";
import { MAX_CONVERSATION_SEARCH_LENGTH } from "@/lib/console/list-console-conversations";
import { formatDateTime } from "@/lib/console/format-date-time";
import { toQueryString } from "@/lib/console/search-params";
import type { Page } from "@/lib/paging";

export type ConversationPickerProps = {
  /** The ACTIVE conversations of this page, or an error message when the list could not be read. */
  page: Page<ConsoleConversationRow> | { error: string };
  q?: string;
  /** The picker's current page, kept when a conversation on it is picked. */
  pageToken?: string;
  selectedId?: string;
};

/** Pick a live conversation: the store's ACTIVE ones (searchable, paged), or any conversation by its id. */
export function ConversationPicker({ page, q, pageToken, selectedId }: ConversationPickerProps) {
  const here = (values: Record<string, string | undefined>) => `/handoff-preview${toQueryString({ q, pageToken, conversationId: selectedId, ...values })}`;
  return (
    <div className="space-y-5">
      <form method="get" action="/handoff-preview" className="flex items-end gap-2" aria-label="Open a conversation by id">
        <Field id="conversationId" label="Conversation id" className="flex-1" hint="Paste any conversation’s id (conv_conversation_…), live or not.">
          <Input id="conversationId" name="conversationId" defaultValue={selectedId} placeholder="conv_conversation_…" autoComplete="off" spellCheck={false} hasHint maxLength={200} />
        </Field>
        <button type="submit" className={cx(buttonClasses("primary"), "mb-[1.375rem]")}>
          Preview
        </button>
      </form>

      <form method="get" action="/handoff-preview" role="search" aria-label="Search active conversations" className="flex items-end gap-2">
        {selectedId ? <input type="hidden" name="conversationId" value={selectedId} /> : null}
        <Field id="q" label="Find an active conversation" className="flex-1" hint="A participant’s address (phone, email, chat handle…) or a conversation id.">
          <Input id="q" name="q" type="search" defaultValue={q} placeholder="+14155550123, ada@example.com…" autoComplete="off" hasHint maxLength={MAX_CONVERSATION_SEARCH_LENGTH} />
        </Field>
        <button type="submit" className={cx(buttonClasses("secondary"), "mb-[1.375rem]")}>
          Search
        </button>
      </form>

      <section aria-label="Active conversations">
        <h3 className="text-sm font-semibold text-slate-800">Active conversations</h3>
        {"error" in page ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {page.error}{" "}
            <Link href={here({ pageToken: undefined, q: undefined })} className="underline">
              Start again
            </Link>
          </p>
        ) : page.items.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">{q ? "No active conversation matches." : "No conversation is active right now. Paste an id above to preview any other."}</p>
        ) : (
          <>
            <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
              {page.items.map((conversation) => {
                const isSelected = conversation.id === selectedId;
                return (
                  <li key={conversation.id} className={cx("p-3 text-sm", isSelected && "bg-indigo-50")} data-testid={`pick-${conversation.id}`}>
                    <div className="flex flex-wrap items-center justify-between gap-2">
                      <span className="flex items-center gap-2">
                        <Badge tone="indigo">{channelLabel(conversation.channel)}</Badge>
                        <span className="text-xs text-slate-500">
                          {conversation.messageCount} message{conversation.messageCount === 1 ? "" : "s"} · {formatDateTime(conversation.lastActivityAt)}
                        </span>
                      </span>
                      <Link
                        href={here({ conversationId: conversation.id })}
                        className={cx(buttonClasses(isSelected ? "primary" : "secondary", "sm"), focusRing)}
                        aria-current={isSelected ? "true" : undefined}
                        aria-label={`Preview conversation ${conversation.id}`}
                      >
                        {isSelected ? "Previewing" : "Preview"}
                      </Link>
                    </div>
                    <ul className="mt-1 space-y-0.5">
                      {conversation.participants.map((participant) => (
                        <li key={participant.id}>
                          <ParticipantSummary participant={participant} />
                          {participant.addresses[0] ? <span className="ml-1.5 font-mono text-xs text-slate-500">{participant.addresses[0].address}</span> : null}
                        </li>
                      ))}
                    </ul>
                    <p className="mt-1 font-mono text-[11px] text-slate-400">{conversation.id}</p>
                  </li>
                );
              })}
            </ul>
            <Pagination
              label="Active conversation pages"
              previousLabel="Newer"
              nextLabel="Older"
              previousHref={page.previousToken ? here({ pageToken: page.previousToken }) : null}
              nextHref={page.nextToken ? here({ pageToken: page.nextToken }) : null}
            />
          </>
        )}
      </section>
    </div>
  );
}
