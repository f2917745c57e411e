import type { Metadata } from "next";
import Link from "next/link";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { ConversationMessages } from "@/components/conversations/conversation-messages";
import { ConversationStatusBadge } from "@/components/conversations/conversation-status-badge";
import { ParticipantTable } from "@/components/conversations/participant-table";
import { channelLabel } from "@/components/profiles/profile-filters";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { hasRole } from "@/lib/auth/roles";
import { consoleAreas } from "@/lib/console/console-areas";
import { formatDateTime } from "@/lib/console/format-date-time";
import { consoleConversationQuery, getConsoleConversation } from "@/lib/console/get-console-conversation";
import { flattenSearchParams, toQueryString, type SearchParams } from "@/lib/console/search-params";
import { isAppError } from "@/lib/errors";
import { getStoreSelection, requireConsoleUser } from "../../console-session";
import { StalePageLinkAlert } from "@/components/console/stale-page-link-alert";

export const metadata: Metadata = { title: "Conversation" };

const MESSAGE_PAGE_SIZE = 50;

const breadcrumb = (
  <nav aria-label="Breadcrumb" className="mb-3 text-sm">
    <Link href="/conversations" className="text-indigo-700 hover:underline">
      ← Conversations
    </Link>
  </nav>
);

// One conversation: its participants with the profiles they resolved to, and its messages in thread order.
export default async function ConversationPage({ params, searchParams }: { params: Promise<{ conversationId: string }>; searchParams: Promise<SearchParams> }) {
  const { user, area, isAllowed } = await requireConsoleUser("conversations");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  if (!current) return <NoStoreState />;
  const conversationId = decodeURIComponent((await params).conversationId);
  const query = consoleConversationQuery.safeParse(flattenSearchParams(await searchParams));
  const { pageToken, message } = query.success ? query.data : {};

  let conversation;
  try {
    conversation = await getConsoleConversation({ storeId: current.id, conversationId, pageSize: MESSAGE_PAGE_SIZE, pageToken, messageId: message });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.kind === "not_found") {
      return (
        <>
          {breadcrumb}
          <EmptyState title="Conversation not found">
            <p>
              There is no conversation <code className="rounded bg-slate-100 px-1">{conversationId}</code> in {current.displayName}. It may belong to another store: switch stores
              above, or find it in the list.
            </p>
          </EmptyState>
        </>
      );
    }
    if (error.kind !== "bad_request") throw error;
    return (
      <>
        {breadcrumb}
        <StalePageLinkAlert restartHref={`/conversations/${conversationId}`} restartLabel="Start again from the first message" />
      </>
    );
  }

  const canPreviewHandoff = hasRole(user, consoleAreas.handoffPreview.minimumRole);
  const pageHref = (token: string | null) => (token ? `/conversations/${conversation.id}${toQueryString({ pageToken: token })}` : null);
  return (
    <>
      {breadcrumb}
      <PageHeader
        title={`${channelLabel(conversation.channel)} conversation`}
        description={
          <>
            <span className="font-mono">{conversation.id}</span> · first message {formatDateTime(conversation.firstMessageAt)} · last activity {formatDateTime(conversation.lastActivityAt)} · recorded{" "}
            {formatDateTime(conversation.createdAt)}
            {conversation.closedAt ? ` · closed ${formatDateTime(conversation.closedAt)}` : ""}
          </>
        }
        actions={
          canPreviewHandoff ? (
            <Link href={`/handoff-preview${toQueryString({ conversationId: conversation.id })}`} className={buttonClasses("secondary")}>
              Preview handoff
            </Link>
          ) : null
        }
      />
      <div className="mb-6 flex flex-wrap items-center gap-2 text-sm text-slate-700">
        <Badge tone="indigo">{channelLabel(conversation.channel)}</Badge>
        <ConversationStatusBadge status={conversation.status} />
        <span>
          {conversation.messageCount} message{conversation.messageCount === 1 ? "" : "s"} · {conversation.participants.length} participant{conversation.participants.length === 1 ? "" : "s"}
        </span>
      </div>
      {query.success ? null : (
        <Alert tone="warning" className="mb-4">
          The address asked for something this page does not understand; it shows the first messages.
        </Alert>
      )}
      {message && !conversation.focusedMessageId ? (
        <Alert tone="warning" className="mb-4">
          Message {message} is not in this conversation (it may have been erased); showing the first messages.
        </Alert>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Participants" description="As sent with the conversation, and the profile identity resolution linked each customer to." className="lg:col-span-1">
          <ParticipantTable participants={conversation.participants} />
        </Card>
        <Card title="Messages" description="In the order they happened, oldest first." className="lg:col-span-2">
          <ConversationMessages messages={conversation.messages} focusedMessageId={conversation.focusedMessageId} />
          {conversation.previousToken || conversation.nextToken ? (
            <Pagination label="Message pages" previousLabel="Earlier" nextLabel="Later" previousHref={pageHref(conversation.previousToken)} nextHref={pageHref(conversation.nextToken)} />
          ) : null}
        </Card>
      </div>
    </>
  );
}
