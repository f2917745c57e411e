import Link from "next/link";
import { ConversationStatusBadge } from "@/components/conversations/conversation-status-badge";
import { MessageLine } from "@/components/profiles/message-line";
import { channelLabel } from "@/components/profiles/profile-filters";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { focusRing } from "@/components/ui/class-names";
import type { ConversationHandoffPreview } from "@/lib/console/get-conversation-handoff-preview";
import { formatDateTime } from "@/lib/console/format-date-time";
import type { Channel, ConversationStatus } from "@/lib/db/generated/enums";
import { describeHandoffCustomer, type HandoffCitation } from "@/lib/recall/format-handoff-text";
import type { HandoffCustomer } from "@/lib/recall/get-handoff-context";
import type { RecalledCommunication } from "@/lib/recall/recall-views";
import { CopyTextButton } from "./copy-text-button";
import { RefreshContextButton } from "./refresh-context-button";

const linkClasses = `text-indigo-700 underline ${focusRing}`;

function traitText(value: unknown): string {
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** Where a citation came from: its conversations, and each cited message on its conversation's page. */
function CitationSources({ citation, messageConversations }: { citation: HandoffCitation; messageConversations: Record<string, string> }) {
  if (citation.conversationIds.length === 0 && citation.communicationIds.length === 0) return <span className="text-slate-500">no recorded source</span>;
  return (
    <span className="inline-flex flex-wrap gap-x-2 gap-y-0.5">
      {citation.conversationIds.map((conversationId) => (
        <Link key={conversationId} href={`/conversations/${conversationId}`} className={linkClasses}>
          conversation <span className="font-mono">{conversationId.slice(-8)}</span>
        </Link>
      ))}
      {citation.communicationIds.map((messageId, index) => {
        const conversationId = messageConversations[messageId];
        return conversationId ? (
          <Link key={messageId} href={`/conversations/${conversationId}?message=${messageId}#message-${messageId}`} className={linkClasses} aria-label={`Cited message ${index + 1} of citation ${citation.number}`}>
            message {index + 1}
          </Link>
        ) : (
          <span key={messageId} className="text-slate-500" title={messageId}>
            message {index + 1} (no longer stored)
          </span>
        );
      })}
    </span>
  );
}

function CustomerContext({ customer, messages, citations, messageConversations }: { customer: HandoffCustomer; messages: RecalledCommunication[]; citations: HandoffCitation[]; messageConversations: Record<string, string> }) {
  const traits = Object.entries(customer.traits).flatMap(([group, values]) => Object.entries(values).map(([name, value]) => ({ key: `${group}.${name}`, value: traitText(value) })));
  const citation = (number: number) => citations[number - 1];
  return (
    <Card title={`Customer: ${describeHandoffCustomer(customer, messages)}`} description={<Link href={`/profiles/${customer.profileId}`} className={linkClasses}>Open profile {customer.profileId}</Link>}>
      <div className="space-y-5">
        <section aria-label="Traits">
          <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Traits</h3>
          {traits.length === 0 ? (
            <p className="text-sm text-slate-500">No traits set.</p>
          ) : (
            <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-sm">
              {traits.map((trait) => (
                <div key={trait.key} className="contents">
                  <dt className="font-mono text-xs text-slate-500">{trait.key}</dt>
                  <dd className="text-slate-900">{trait.value}</dd>
                </div>
              ))}
            </dl>
          )}
        </section>
        <section aria-label="Ranked observations">
          <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600">What we know, ranked</h3>
          {customer.observations.length === 0 ? (
            <p className="text-sm text-slate-500">No observations yet.</p>
          ) : (
            <ol className="mt-1 space-y-2">
              {customer.observations.map((observation) => (
                <li key={observation.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid={`handoff-observation-${observation.id}`}>
                  <p className="text-slate-900">
                    {observation.content} <span className="font-mono text-xs text-slate-600">[{observation.citation}]</span>
                  </p>
                  <p className="mt-0.5 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                    {observation.kind ? <Badge>{observation.kind.toLowerCase()}</Badge> : null}
                    <Badge tone={observation.status === "APPROVED" ? "green" : "amber"}>{observation.status.toLowerCase()}</Badge>
                    {observation.score !== undefined ? <span>score {observation.score.toFixed(2)}</span> : null}
                    <span>{formatDateTime(observation.occurredAt)}</span>
                    <span>· from</span>
                    <CitationSources citation={citation(observation.citation)} messageConversations={messageConversations} />
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-label="Summaries">
          <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-600">Earlier conversations</h3>
          {customer.summaries.length === 0 ? (
            <p className="text-sm text-slate-500">No summaries yet.</p>
          ) : (
            <ol className="mt-1 space-y-2">
              {customer.summaries.map((summary) => (
                <li key={summary.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid={`handoff-summary-${summary.id}`}>
                  <p className="text-slate-900">
                    {summary.content} <span className="font-mono text-xs text-slate-600">[{summary.citation}]</span>
                  </p>
                  <p className="mt-0.5 flex flex-wrap gap-2 text-xs text-slate-600">
                    <span>{formatDateTime(summary.occurredAt)} · from</span>
                    <CitationSources citation={citation(summary.citation)} messageConversations={messageConversations} />
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </Card>
  );
}

/** What the agent would receive: per customer traits, ranked memories with citations; the recent messages; the prompt block. */
export function HandoffContextView({ preview }: { preview: ConversationHandoffPreview }) {
  const { context, citedMessageConversations, generatedAt } = preview;
  const conversation = context.conversation;
  const textId = `handoff-text-${conversation.id}`;
  return (
    <div className="space-y-6" data-testid="handoff-context">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <div className="space-y-1 text-sm">
          <p className="flex flex-wrap items-center gap-2">
            <Badge tone="indigo">{channelLabel(conversation.channel as Channel)}</Badge>
            <ConversationStatusBadge status={conversation.status as ConversationStatus} />
            <Link href={`/conversations/${conversation.id}`} className={`font-mono text-xs ${linkClasses}`}>
              {conversation.id}
            </Link>
          </p>
          <p className="text-xs text-slate-600">
            Last activity {formatDateTime(conversation.lastActivityAt)} · context read {formatDateTime(generatedAt)} in {context.meta.queryTime} ms
            {context.meta.query ? (
              <>
                {" "}
                · ranked for <q className="italic">{context.meta.query.length > 120 ? `${context.meta.query.slice(0, 120)}…` : context.meta.query}</q>
              </>
            ) : (
              " · newest first (no messages to rank for)"
            )}
          </p>
        </div>
        <RefreshContextButton />
      </div>

      {context.customers.length === 0 ? (
        <Card title="Customers">
          <p className="text-sm text-slate-500">No participant of this conversation is linked to a profile, so there is nothing remembered to hand over yet.</p>
        </Card>
      ) : (
        context.customers.map((customer) => <CustomerContext key={customer.profileId} customer={customer} messages={context.messages} citations={context.citations} messageConversations={citedMessageConversations} />)
      )}

      <Card title="Recent messages" description="The conversation’s latest messages, in thread order.">
        {context.messages.length === 0 ? (
          <p className="text-sm text-slate-500">No messages yet.</p>
        ) : (
          <ol className="space-y-1.5">
            {context.messages.map((message) => (
              <li key={message.id}>
                <MessageLine
                  message={{
                    id: message.id,
                    conversationId: message.conversationId,
                    content: message.content.text,
                    occurredAt: message.occurredAt,
                    authorName: message.author.name,
                    authorType: message.author.type,
                    authorAddress: message.author.address,
                    isFromProfile: message.author.type === "CUSTOMER",
                  }}
                />
              </li>
            ))}
          </ol>
        )}
      </Card>

      <Card title="Prompt-ready text" description="The same context as one block with numbered citations, as the API’s `text` field returns it.">
        <div className="mb-2 flex justify-end">
          <CopyTextButton text={context.text} targetId={textId} label="Copy text" />
        </div>
        <pre id={textId} tabIndex={0} aria-label="Prompt-ready handoff text" className={`max-h-[32rem] overflow-auto whitespace-pre-wrap rounded-md bg-slate-900 p-4 font-mono text-xs text-slate-100 ${focusRing}`}>
          {context.text}
        </pre>
      </Card>

      {context.citations.length > 0 ? (
        <Card title="Sources" description="Each [n] in the text, and where it came from.">
          <ol className="space-y-1 text-sm">
            {context.citations.map((citation) => (
              <li key={citation.number} id={`citation-${citation.number}`} className="flex flex-wrap gap-x-2">
                <span className="font-mono text-xs text-slate-600">[{citation.number}]</span>
                <span className="text-slate-800">{citation.kind}</span>
                <span className="font-mono text-xs text-slate-500">{citation.id}</span>
                <CitationSources citation={citation} messageConversations={citedMessageConversations} />
              </li>
            ))}
          </ol>
        </Card>
      ) : null}
    </div>
  );
}
