"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/class-names";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { unwrapAction } from "@/components/console/unwrap-action";
import type { MergeStatusCounts } from "@/lib/console/count-merges-by-status";
import { formatDateTime } from "@/lib/console/format-date-time";
import type { MergeComparison } from "@/lib/console/get-merge-comparison";
import type { MergeUndoPreview } from "@/lib/console/get-merge-undo-preview";
import type { MergeQueueItem } from "@/lib/console/list-merge-queue";
import { mergeQueueTabs, mergeQueueTabViews, type MergeQueueTab } from "@/lib/console/merge-queue-views";
import { toQueryString } from "@/lib/console/search-params";
import type { Page } from "@/lib/paging";
import { MergeComparisonView } from "./merge-comparison-view";
import { MergeConfirmDialog } from "./merge-confirm-dialog";
import { mergeComparisonQueryOptions, mergeCountsQueryOptions, mergeQueueKeys, mergeQueueListQueryOptions, mergeUndoPreviewQueryOptions, type MergeQueueActions } from "./merge-queue-queries";

export type MergeQueueProps = {
  storeId: string;
  tab: MergeQueueTab;
  pageToken: string | null;
  initialPage: Page<MergeQueueItem>;
  initialCounts: MergeStatusCounts;
  /** The first pending merge's comparison, rendered by the server with the page. */
  initialComparison: MergeComparison | null;
  actions: MergeQueueActions;
};

type Decision = "approve" | "reject" | "undo";
type Notice = { tone: "success" | "error"; title: string; text?: string };

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function nameOf(name: string | null, id: string): string {
  return name ? `“${name}”` : id;
}

function ProfileLink({ id, name }: { id: string; name: string | null }) {
  return (
    <span>
      <Link href={`/profiles/${id}`} className={cx("font-medium text-indigo-700 underline-offset-2 hover:underline", focusRing)}>
        {name ?? "Unnamed profile"}
      </Link>
      <span className="block font-mono text-xs text-slate-500">{id}</span>
    </span>
  );
}

/**
 * The merge queue's interactive part: one tab of merges as a TanStack Query (seeded by the server
 * render). The pending tab is a list beside the selected merge's side-by-side comparison (j / k
 * move through the list); approve and undo ask first. Every decision goes through a server action
 * and the queue is read again afterwards, so a merge another admin decided in the meantime leaves
 * the list with the server's refusal shown.
 */
export function MergeQueue({ storeId, tab, pageToken, initialPage, initialCounts, initialComparison, actions }: MergeQueueProps) {
  const queryClient = useQueryClient();
  const list = useQuery({ ...mergeQueueListQueryOptions(actions, storeId, tab, pageToken), initialData: initialPage });
  const counts = useQuery({ ...mergeCountsQueryOptions(actions, storeId), initialData: initialCounts });
  const items = list.data?.items ?? [];

  const [selectedIndex, setSelectedIndex] = useState(0);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState<{ decision: "approve" | "undo"; merge: MergeQueueItem } | null>(null);
  const itemRefs = useRef(new Map<string, HTMLButtonElement>());
  const shouldFollowFocus = useRef(false);

  const clampedIndex = items.length === 0 ? 0 : Math.min(selectedIndex, items.length - 1);
  const selected = tab === "pending" ? items[clampedIndex] : undefined;

  const comparison = useQuery({
    ...mergeComparisonQueryOptions(actions, storeId, selected?.id ?? ""),
    enabled: Boolean(selected),
    initialData: selected && initialComparison?.merge.id === selected.id ? initialComparison : undefined,
  });

  const undoing = confirming?.decision === "undo" ? confirming.merge : undefined;
  const undoPreview = useQuery({ ...mergeUndoPreviewQueryOptions(actions, storeId, undoing?.id ?? ""), enabled: Boolean(undoing) });

  // Approving needs a proposal still PENDING (the list may be a moment behind) that nothing blocks.
  const isDecidable = comparison.data?.merge.status === "PENDING" && !comparison.data.isBlocked;

  useEffect(() => {
    if (!shouldFollowFocus.current || !selected) return;
    itemRefs.current.get(selected.id)?.focus();
  }, [selected]);

  const decide = useMutation({
    mutationFn: async ({ decision, merge }: { decision: Decision; merge: MergeQueueItem }) => unwrapAction(await actions[decision]({ storeId, mergeId: merge.id })),
    onSuccess: (_view, { decision, merge }) => {
      const survivor = nameOf(merge.survivorName, merge.survivorProfileId);
      const source = nameOf(merge.sourceName, merge.sourceProfileId);
      if (decision === "approve") setNotice({ tone: "success", title: `Merged ${source} into ${survivor}`, text: "The merge is listed under Applied, where it can be undone." });
      if (decision === "reject") setNotice({ tone: "success", title: "Proposal rejected", text: `${survivor} and ${source} stay separate profiles.` });
      if (decision === "undo") setNotice({ tone: "success", title: "Merge undone", text: `${source} (${merge.sourceProfileId}) is a profile of its own again.` });
    },
    onError: (error) => setNotice({ tone: "error", title: "Nothing was changed", text: `${error.message.replace(/\.$/, "")}. The list now shows the current state.` }),
    onSettled: async () => {
      setConfirming(null);
      await queryClient.invalidateQueries({ queryKey: mergeQueueKeys.all(storeId) });
    },
  });

  const run = (decision: Decision, merge: MergeQueueItem) => {
    setNotice(null);
    decide.mutate({ decision, merge });
  };

  // j / k move through the pending list, anywhere on the page except in a field or a dialog.
  useEffect(() => {
    if (tab !== "pending") return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (confirming || items.length === 0 || (event.key !== "j" && event.key !== "k")) return;
      shouldFollowFocus.current = true;
      setSelectedIndex(Math.max(0, Math.min(items.length - 1, clampedIndex + (event.key === "j" ? 1 : -1))));
      event.preventDefault();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [tab, confirming, items.length, clampedIndex]);

  const pageHref = (token: string | null) => `/merge-queue${toQueryString({ tab: tab === "pending" ? null : tab, page: token })}`;
  const page = list.data;

  return (
    <div className="space-y-6">
      <nav aria-label="Merges by status" className="flex flex-wrap gap-2">
        {mergeQueueTabs.map((option) => {
          const view = mergeQueueTabViews[option];
          return (
            <Link
              key={option}
              href={`/merge-queue${toQueryString({ tab: option === "pending" ? null : option })}`}
              aria-current={option === tab ? "page" : undefined}
              data-testid={`tab-${option}`}
              className={cx(
                "inline-flex items-center gap-2 rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-inset",
                focusRing,
                option === tab ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50",
              )}
            >
              {view.label}
              <span className={cx("rounded-full px-2 text-xs", option === tab ? "bg-indigo-500" : "bg-slate-100")}>{counts.data?.[view.status] ?? "…"}</span>
            </Link>
          );
        })}
        <span className="ml-auto self-center text-sm text-slate-600" aria-live="polite">
          {list.isFetching || decide.isPending ? <span role="status">Refreshing…</span> : null}
        </span>
      </nav>

      {notice ? (
        <Alert tone={notice.tone} title={notice.title}>
          {notice.text}
        </Alert>
      ) : null}
      {list.isError ? (
        <Alert tone="error" title="The merge queue could not be loaded">
          <p>{list.error.message}</p>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => list.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : null}

      {items.length === 0 ? (
        pageToken ? (
          <EmptyState title="Nothing more on this page" action={<Link href={pageHref(null)} className={cx("text-sm font-medium text-indigo-700 underline", focusRing)}>Back to the first page</Link>}>
            <p>Everything that was here has been decided.</p>
          </EmptyState>
        ) : tab === "pending" ? (
          <EmptyState title="No merges waiting for review">
            <p>
              Proposals wait here when the store’s merge mode is <strong>review</strong> (set under <Link href="/identity-rules" className={cx("text-indigo-700 underline", focusRing)}>Identity rules</Link>): a record matching two profiles then files a merge for an admin instead of merging at once.
              Likely duplicates — the same name and address or birth date — are always proposed here.
            </p>
            <p>In auto mode merges happen at once and are listed under Applied, where each can be undone.</p>
          </EmptyState>
        ) : (
          <EmptyState title={`No ${mergeQueueTabViews[tab].label.toLowerCase()} merges`}>
            <p>{tab === "applied" ? "Merges appear here once they are applied, automatically or by an admin’s approval." : "Nothing in this store has this status yet."}</p>
          </EmptyState>
        )
      ) : tab === "pending" ? (
        <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
          <div>
            <p className="mb-2 text-xs text-slate-500">
              Oldest first · <kbd className="rounded border border-slate-300 px-1">j</kbd> / <kbd className="rounded border border-slate-300 px-1">k</kbd> next / previous
            </p>
            <ul aria-label="Merges waiting for review" className="space-y-2">
              {items.map((merge, index) => (
                <li key={merge.id}>
                  <button
                    type="button"
                    ref={(element) => {
                      if (element) itemRefs.current.set(merge.id, element);
                      else itemRefs.current.delete(merge.id);
                    }}
                    aria-current={index === clampedIndex ? "true" : undefined}
                    data-testid={`merge-item-${merge.id}`}
                    onClick={() => {
                      shouldFollowFocus.current = true;
                      setSelectedIndex(index);
                    }}
                    className={cx(
                      "w-full rounded-md border px-3 py-2 text-left text-sm",
                      focusRing,
                      index === clampedIndex ? "border-indigo-500 bg-indigo-50" : "border-slate-200 bg-white hover:bg-slate-50",
                    )}
                  >
                    <span className="block font-medium text-slate-900">
                      {merge.sourceName ?? merge.sourceProfileId} → {merge.survivorName ?? merge.survivorProfileId}
                    </span>
                    <span className="mt-0.5 block text-xs text-slate-600">{merge.evidenceSummary}</span>
                    <span className="mt-0.5 block text-xs text-slate-500">{formatDateTime(merge.createdAt)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <section aria-label="Selected merge" aria-busy={comparison.isFetching} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            {comparison.isError ? (
              <Alert tone="error" title="This merge could not be shown">
                <p>{comparison.error.message}</p>
                <Button size="sm" variant="secondary" className="mt-2" onClick={() => comparison.refetch()}>
                  Try again
                </Button>
              </Alert>
            ) : !comparison.data ? (
              <p role="status" className="text-sm text-slate-500">
                Loading the two profiles…
              </p>
            ) : (
              <>
                <MergeComparisonView comparison={comparison.data} />
                <div className="mt-5 flex flex-wrap items-center gap-2 border-t border-slate-200 pt-4">
                  <Button disabled={decide.isPending || !isDecidable} onClick={() => selected && setConfirming({ decision: "approve", merge: selected })}>
                    Approve merge
                  </Button>
                  <Button variant="secondary" disabled={decide.isPending || comparison.data.merge.status !== "PENDING"} onClick={() => selected && run("reject", selected)}>
                    Reject
                  </Button>
                  {comparison.data.isBlocked ? <span className="text-xs text-slate-600">Approving is not possible (see above); reject the proposal.</span> : null}
                </div>
              </>
            )}
          </section>
        </div>
      ) : (
        <MergeHistoryTable tab={tab} items={items} isWorking={decide.isPending} onUndo={(merge) => setConfirming({ decision: "undo", merge })} />
      )}

      {page && (page.nextToken || page.previousToken) ? (
        <Pagination label="Merge queue pages" previousHref={page.previousToken ? pageHref(page.previousToken) : null} nextHref={page.nextToken ? pageHref(page.nextToken) : null} />
      ) : null}

      <MergeConfirmDialog
        open={confirming?.decision === "approve"}
        title="Approve this merge?"
        confirmLabel="Approve merge"
        isWorking={decide.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && run("approve", confirming.merge)}
      >
        {confirming ? (
          <>
            <p>
              {nameOf(confirming.merge.sourceName, confirming.merge.sourceProfileId)} ({confirming.merge.sourceProfileId}) will be folded into {nameOf(confirming.merge.survivorName, confirming.merge.survivorProfileId)}: its identifiers, traits, observations, summaries and conversations move to the survivor, and its id keeps resolving there.
            </p>
            <p>You can undo the merge later from the Applied tab.</p>
          </>
        ) : null}
      </MergeConfirmDialog>
      <MergeConfirmDialog
        open={confirming?.decision === "undo"}
        title="Undo this merge?"
        confirmLabel="Undo merge"
        tone="danger"
        isWorking={decide.isPending}
        isConfirmDisabled={Boolean(undoPreview.data?.blockedReason)}
        onCancel={() => setConfirming(null)}
        onConfirm={() => undoing && run("undo", undoing)}
      >
        {undoing ? (
          <>
            <p>
              {nameOf(undoing.sourceName, undoing.sourceProfileId)} ({undoing.sourceProfileId}) comes back as a profile of its own, and conversations that reached {nameOf(undoing.survivorName, undoing.survivorProfileId)} since through its identifiers go back with it.
            </p>
            <UndoPreviewSummary preview={undoPreview} />
          </>
        ) : null}
      </MergeConfirmDialog>
    </div>
  );
}

function MergeHistoryTable({ tab, items, isWorking, onUndo }: { tab: Exclude<MergeQueueTab, "pending">; items: MergeQueueItem[]; isWorking: boolean; onUndo(merge: MergeQueueItem): void }) {
  const dateLabel = tab === "applied" ? "Merged" : tab === "rejected" ? "Rejected" : "Undone";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{mergeQueueTabViews[tab].label} merges</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">{dateLabel}</th>
            <th scope="col" className="px-4 py-2">{tab === "applied" ? "Survivor (as it is now)" : "Survivor"}</th>
            <th scope="col" className="px-4 py-2">{tab === "applied" ? "Folded in" : "Other profile"}</th>
            <th scope="col" className="px-4 py-2">Why</th>
            {tab === "applied" ? <th scope="col" className="px-4 py-2"><span className="sr-only">Actions</span></th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((merge) => (
            <tr key={merge.id} data-testid={`${tab}-merge-${merge.id}`}>
              <td className="px-4 py-3 align-top whitespace-nowrap">{formatDateTime(tab === "undone" ? merge.undoneAt : (merge.decidedAt ?? merge.createdAt))}</td>
              <td className="px-4 py-3 align-top"><ProfileLink id={merge.survivorProfileId} name={merge.survivorName} /></td>
              <td className="px-4 py-3 align-top">
                {tab === "applied" ? (
                  <span>
                    <span className="font-medium text-slate-900">{merge.sourceName ?? "Unnamed profile"}</span>
                    <span className="block font-mono text-xs text-slate-500">{merge.sourceProfileId}</span>
                  </span>
                ) : (
                  <ProfileLink id={merge.sourceProfileId} name={merge.sourceName} />
                )}
              </td>
              <td className="px-4 py-3 align-top text-slate-700">
                <Badge>{merge.proposedBy.toLowerCase().replace(/_/g, " ")}</Badge>
                <span className="mt-1 block text-xs">{merge.evidenceSummary}</span>
              </td>
              {tab === "applied" ? (
                <td className="px-4 py-3 align-top text-right">
                  {merge.undoable ? (
                    <Button size="sm" variant="danger" disabled={isWorking} aria-label={`Undo: restore ${merge.sourceName ?? "the folded-in profile"} (${merge.sourceProfileId})`} onClick={() => onUndo(merge)}>
                      Undo
                    </Button>
                  ) : (
                    <span className="text-xs text-slate-500">Cannot be undone</span>
                  )}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** The undo confirmation's "what comes back", read from the merge's snapshot when the dialog opens. */
function UndoPreviewSummary({ preview }: { preview: { data?: MergeUndoPreview; isError: boolean; error: Error | null } }) {
  if (preview.isError) return <p className="text-amber-800">What undo restores could not be read ({preview.error?.message}); the server still checks the undo itself.</p>;
  if (!preview.data) return <p role="status">Reading what undo restores…</p>;
  const { identifiers, traitCount, observationCount, summaryCount, conversationCount, blockedReason } = preview.data;
  if (blockedReason) return <Alert tone="error" title="This merge cannot be undone now">{blockedReason}</Alert>;
  return (
    <div data-testid="undo-preview">
      <p>
        It comes back with {plural(traitCount, "trait")}, {plural(observationCount, "observation")}, {summaryCount} {summaryCount === 1 ? "summary" : "summaries"} and {plural(conversationCount, "conversation")}, and {identifiers.length === 0 ? "no identifiers" : "these identifiers"}:
      </p>
      {identifiers.length > 0 ? (
        <ul className="mt-1 flex flex-wrap gap-1.5" aria-label="Identifiers it gets back">
          {identifiers.map((identifier) => (
            <li key={`${identifier.idType}:${identifier.value}`}>
              <Badge tone="indigo">
                {identifier.idType}: {identifier.value}
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
