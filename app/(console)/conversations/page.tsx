import type { Metadata } from "next";
import Link from "next/link";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { ConversationFilters } from "@/components/conversations/conversation-filters";
import { ConversationTable } from "@/components/conversations/conversation-table";
import { Alert } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { activeDayRange, consoleConversationListQuery, listConsoleConversations } from "@/lib/console/list-console-conversations";
import { flattenSearchParams, toQueryString, type SearchParams } from "@/lib/console/search-params";
import { isAppError } from "@/lib/errors";
import { getStoreSelection, requireConsoleUser } from "../console-session";
import { StalePageLinkAlert } from "@/components/console/stale-page-link-alert";

export const metadata: Metadata = { title: "Conversations" };

const CONVERSATION_PAGE_SIZE = 25;

// Conversations: the current store's conversations, latest activity first, filtered and paged through the URL.
export default async function ConversationsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, area, isAllowed } = await requireConsoleUser("conversations");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  const header = <PageHeader title={area.label} description={area.description} />;
  if (!current) {
    return (
      <>
        {header}
        <NoStoreState />
      </>
    );
  }

  const raw = flattenSearchParams(await searchParams);
  const query = consoleConversationListQuery.safeParse(raw);
  if (!query.success) {
    const issue = query.error.issues[0];
    const field = issue?.path[0] === "from" || issue?.path[0] === "to" ? issue.path[0] : null;
    return (
      <>
        {header}
        {field ? <ConversationFilters from={raw.from} to={raw.to} error={{ field, message: issue.message }} /> : null}
        <Alert tone="error" title="These filters are not valid">
          <p>{field ? issue.message : "The address names a channel or status that does not exist."}</p>
          <Link href="/conversations" className="underline">
            Start again from the latest conversations
          </Link>
        </Alert>
      </>
    );
  }
  const { channel, status, from, to, pageToken } = query.data;
  const filters = { channel, status, from, to };

  let page;
  try {
    page = await listConsoleConversations({ storeId: current.id, channel, status, ...activeDayRange({ from, to }), pageSize: CONVERSATION_PAGE_SIZE, pageToken });
  } catch (error) {
    if (!isAppError(error) || error.kind !== "bad_request") throw error;
    return (
      <>
        {header}
        <ConversationFilters {...filters} />
        <StalePageLinkAlert restartHref={`/conversations${toQueryString(filters)}`} restartLabel="Start again from the first page" />
      </>
    );
  }

  const isFiltered = Boolean(channel || status || from || to);
  return (
    <>
      {header}
      <ConversationFilters {...filters} />
      {page.items.length === 0 ? (
        <EmptyState title={pageToken ? "No more conversations" : isFiltered ? "No conversations match" : `No conversations in ${current.displayName} yet`}>
          <p>
            {pageToken ? (
              <Link href={`/conversations${toQueryString(filters)}`} className="underline">
                Back to the latest conversations
              </Link>
            ) : isFiltered ? (
              "Try another channel, status or wider dates, or clear the filters."
            ) : (
              "Conversations appear when they are sent to the API (POST …/Conversations) or arrive through the Twilio webhooks."
            )}
          </p>
        </EmptyState>
      ) : (
        <>
          <ConversationTable conversations={page.items} />
          <Pagination
            label="Conversation pages"
            previousLabel="Newer"
            nextLabel="Older"
            previousHref={page.previousToken ? `/conversations${toQueryString({ ...filters, pageToken: page.previousToken })}` : null}
            nextHref={page.nextToken ? `/conversations${toQueryString({ ...filters, pageToken: page.nextToken })}` : null}
          />
        </>
      )}
    </>
  );
}
