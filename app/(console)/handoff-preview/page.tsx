import type { Metadata } from "next";
import Link from "next/link";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { ConversationPicker, type ConversationPickerProps } from "@/components/handoff-preview/conversation-picker";
import { HandoffContextView } from "@/components/handoff-preview/handoff-context-view";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getConversationHandoffPreview, handoffPreviewQuery, type ConversationHandoffPreview } from "@/lib/console/get-conversation-handoff-preview";
import { listConsoleConversations } from "@/lib/console/list-console-conversations";
import { flattenSearchParams, type SearchParams } from "@/lib/console/search-params";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { getStoreSelection, requireConsoleUser } from "../console-session";

export const metadata: Metadata = { title: "Handoff preview" };

const PICKER_PAGE_SIZE = 10;

async function loadPicker(storeId: string, q: string | undefined, pageToken: string | undefined): Promise<ConversationPickerProps["page"]> {
  try {
    return await listConsoleConversations({ storeId, status: "ACTIVE", search: q, pageSize: PICKER_PAGE_SIZE, pageToken });
  } catch (error) {
    if (isAppError(error) && error.kind === "bad_request") return { error: "This page link is no longer valid." };
    throw error;
  }
}

async function loadPreview(storeId: string, conversationId: string, caller: Actor): Promise<ConversationHandoffPreview | null> {
  try {
    return await getConversationHandoffPreview({ storeId, conversationId, caller });
  } catch (error) {
    if (isAppError(error) && error.kind === "not_found") return null;
    throw error;
  }
}

// Handoff preview: for a conversation, exactly the context GET …/Conversations/{id}/Context gives an agent now.
export default async function HandoffPreviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, area, isAllowed } = await requireConsoleUser("handoffPreview");
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

  const query = handoffPreviewQuery.safeParse(flattenSearchParams(await searchParams));
  if (!query.success) {
    return (
      <>
        {header}
        <Alert tone="error" title="This handoff preview address is not valid">
          <Link href="/handoff-preview" className="underline">
            Start again from the active conversations
          </Link>
        </Alert>
      </>
    );
  }
  const { conversationId, q, pageToken } = query.data;
  const [picker, preview] = await Promise.all([loadPicker(current.id, q, pageToken), conversationId ? loadPreview(current.id, conversationId, user.actor) : Promise.resolve(null)]);

  return (
    <>
      {header}
      <div className="grid gap-6 xl:grid-cols-[22rem_1fr]">
        <Card title="Pick a conversation">
          <ConversationPicker page={picker} q={q} pageToken={"error" in picker ? undefined : pageToken} selectedId={conversationId} />
        </Card>
        <section aria-label="Handoff context" className="min-w-0">
          {!conversationId ? (
            <EmptyState title="No conversation picked">
              <p>Pick an active conversation, or paste any conversation’s id, to see what an agent taking it over would receive: the customer’s traits, the memories recall ranks highest for the conversation so far, each with its source, the recent messages and the prompt-ready text.</p>
            </EmptyState>
          ) : preview ? (
            <HandoffContextView preview={preview} />
          ) : (
            <div role="alert">
              <EmptyState title="Conversation not found">
                <p>
                  There is no conversation <code className="rounded bg-slate-100 px-1">{conversationId}</code> in {current.displayName}. Check the id, or switch to the store it belongs to.
                </p>
              </EmptyState>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
