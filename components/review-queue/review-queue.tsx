"use client";

import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/pagination";
import { cx, focusRing } from "@/components/ui/class-names";
import { toQueryString } from "@/lib/console/search-params";
import type { Page } from "@/lib/paging";
import type { ObservationStatusCounts, PendingObservationItem, ReviewQueueSort } from "@/lib/observations/review-queue-views";
import { ActionError, unwrapAction } from "@/components/console/unwrap-action";
import { observationCountsQueryOptions, pendingObservationsQueryOptions, reviewQueueKeys, type ReviewQueueActions } from "./review-queue-queries";
import { ReviewItem } from "./review-item";
import { ShortcutLegend } from "./shortcut-legend";
import { StatusCounts } from "./status-counts";
import { BulkRejectDialog } from "./bulk-reject-dialog";

export type ReviewQueueProps = {
  storeId: string;
  sort: ReviewQueueSort;
  pageToken: string | null;
  initialPage: Page<PendingObservationItem>;
  initialCounts: ObservationStatusCounts;
  actions: ReviewQueueActions;
};

type Decision = "APPROVED" | "REJECTED";
type ReviewVariables = { decision: Decision; items: PendingObservationItem[]; content?: string };
type Editing = { id: string; draft: string; error: string | null };
type Notice = { tone: "success" | "warning" | "error"; title: string; text?: string };

const sortLabels: Record<ReviewQueueSort, string> = { oldest: "Oldest first", lowestConfidence: "Lowest confidence first" };

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/**
 * The review queue's interactive part: the page of PENDING observations as a TanStack Query
 * (seeded by the server render), reviewed one at a time from the keyboard or in bulk. Reviews are
 * optimistic — the items leave the list and the counts move at once — and roll back with an error
 * alert when the server refuses; either way the queue is read again afterwards.
 */
export function ReviewQueue({ storeId, sort, pageToken, initialPage, initialCounts, actions }: ReviewQueueProps) {
  const queryClient = useQueryClient();
  const pendingOptions = pendingObservationsQueryOptions(actions, storeId, sort, pageToken);
  const countsOptions = observationCountsQueryOptions(actions, storeId);
  const pending = useQuery({ ...pendingOptions, initialData: initialPage });
  const counts = useQuery({ ...countsOptions, initialData: initialCounts });
  const items = useMemo(() => pending.data?.items ?? [], [pending.data]);

  const [focusedIndex, setFocusedIndex] = useState(0);
  const [selectedIds, setSelectedIds] = useState<Set<string>>(() => new Set());
  const [editing, setEditing] = useState<Editing | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [isBulkRejectOpen, setBulkRejectOpen] = useState(false);
  const itemRefs = useRef(new Map<string, HTMLElement>());
  // Move DOM focus with the highlighted item only once the user works the list by keyboard or pointer.
  const shouldFollowFocus = useRef(false);

  const clampedIndex = items.length === 0 ? 0 : Math.min(focusedIndex, items.length - 1);
  const focused = items[clampedIndex] as PendingObservationItem | undefined;

  useEffect(() => {
    if (!shouldFollowFocus.current || !focused || editing?.id === focused.id) return;
    const element = itemRefs.current.get(focused.id);
    if (element && document.activeElement !== element && !element.contains(document.activeElement)) element.focus();
  }, [focused, editing]);

  // Keep the selection to rows that are still on the page.
  const visibleSelection = useMemo(() => items.filter((item) => selectedIds.has(item.id)), [items, selectedIds]);

  const review = useMutation({
    mutationFn: async ({ decision, items: reviewed, content }: ReviewVariables) =>
      unwrapAction(
        await actions.review({
          storeId,
          decision,
          reviews: reviewed.map((item) => ({ observationId: item.id, expectedVersion: item.version, ...(content !== undefined ? { content } : {}) })),
        }),
      ),
    onMutate: async ({ decision, items: reviewed }) => {
      await queryClient.cancelQueries({ queryKey: reviewQueueKeys.all(storeId) });
      const pendingKey = pendingOptions.queryKey;
      const previousPage = queryClient.getQueryData(pendingKey);
      const previousCounts = queryClient.getQueryData(countsOptions.queryKey);
      const ids = new Set(reviewed.map((item) => item.id));
      queryClient.setQueryData(pendingKey, (page) => (page ? { ...page, items: page.items.filter((item) => !ids.has(item.id)) } : page));
      queryClient.setQueryData(countsOptions.queryKey, (current) =>
        current ? { ...current, PENDING: Math.max(0, current.PENDING - ids.size), [decision]: current[decision] + ids.size } : current,
      );
      setSelectedIds((selection) => new Set([...selection].filter((id) => !ids.has(id))));
      return { previousPage, previousCounts };
    },
    onError: (error, variables, context) => {
      if (context?.previousPage) queryClient.setQueryData(pendingOptions.queryKey, context.previousPage);
      if (context?.previousCounts) queryClient.setQueryData(countsOptions.queryKey, context.previousCounts);
      const failure = error instanceof ActionError ? error.failure : null;
      const contentError = failure ? Object.entries(failure.fieldErrors).find(([field]) => field === "content" || field.endsWith(".content"))?.[1] : undefined;
      if (variables.content !== undefined) {
        // An edit the server refused (validation or the guard): keep the editor open with why.
        setEditing((current) => (current ? { ...current, error: contentError ? `${failure?.message} ${contentError}`.trim() : (failure?.message ?? "Could not save the edit.") } : current));
        if (contentError) return;
      }
      setNotice({ tone: "error", title: "Nothing was changed", text: `${error.message} The list is back as it was.` });
    },
    onSuccess: (outcome, { decision, content }) => {
      if (content !== undefined) setEditing(null);
      const verb = decision === "APPROVED" ? "approved" : "rejected";
      if (outcome.skipped.length > 0) {
        const reasons = outcome.skipped.map((skip) => (skip.reason === "already_reviewed" ? `already ${skip.status.toLowerCase()} by someone else` : "changed since it was shown")).join("; ");
        setNotice({ tone: "warning", title: `${plural(outcome.reviewedIds.length, "observation")} ${verb}; ${plural(outcome.skipped.length, "observation")} left as they were`, text: `${reasons}. The list now shows the current state.` });
      } else {
        setNotice({ tone: "success", title: `${plural(outcome.reviewedIds.length, "observation")} ${verb}${content !== undefined ? " with your edit" : ""}` });
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewQueueKeys.all(storeId) }),
  });

  const decide = useCallback(
    (decision: Decision, reviewed: PendingObservationItem[], content?: string) => {
      if (reviewed.length === 0) return;
      setNotice(null);
      review.mutate({ decision, items: reviewed, content });
    },
    [review],
  );

  const startEdit = useCallback((item: PendingObservationItem) => {
    setNotice(null);
    setEditing({ id: item.id, draft: item.content, error: null });
  }, []);

  const cancelEdit = useCallback(() => {
    const id = editing?.id;
    setEditing(null);
    shouldFollowFocus.current = true;
    if (id) requestAnimationFrame(() => itemRefs.current.get(id)?.focus());
  }, [editing]);

  const saveEdit = useCallback(() => {
    if (!editing) return;
    const item = items.find((candidate) => candidate.id === editing.id);
    if (!item) return;
    setEditing({ ...editing, error: null });
    shouldFollowFocus.current = true;
    decide("APPROVED", [item], editing.draft);
  }, [decide, editing, items]);

  const toggleSelected = useCallback((id: string) => {
    setSelectedIds((selection) => {
      const next = new Set(selection);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  // Shortcuts: anywhere on the page except while typing in a field or with a dialog open.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (isBulkRejectOpen || editing || items.length === 0) return;
      const move = (delta: number) => {
        shouldFollowFocus.current = true;
        setFocusedIndex(Math.max(0, Math.min(items.length - 1, clampedIndex + delta)));
      };
      switch (event.key) {
        case "j":
          move(1);
          break;
        case "k":
          move(-1);
          break;
        case "a":
          shouldFollowFocus.current = true;
          if (focused) decide("APPROVED", [focused]);
          break;
        case "r":
          shouldFollowFocus.current = true;
          if (focused) decide("REJECTED", [focused]);
          break;
        case "e":
          if (focused) startEdit(focused);
          break;
        case "x":
          if (focused) toggleSelected(focused.id);
          break;
        default:
          return;
      }
      event.preventDefault();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [clampedIndex, decide, editing, focused, isBulkRejectOpen, items.length, startEdit, toggleSelected]);

  const allSelected = items.length > 0 && visibleSelection.length === items.length;
  const pageHref = (token: string | null) => `/review-queue${toQueryString({ sort: sort === "oldest" ? null : sort, page: token })}`;
  const page = pending.data;

  return (
    <div className="space-y-6">
      <StatusCounts counts={counts.data} />

      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Order" className="inline-flex rounded-md shadow-sm ring-1 ring-slate-300">
          {(Object.keys(sortLabels) as ReviewQueueSort[]).map((option, index) => (
            <Link
              key={option}
              href={`/review-queue${toQueryString({ sort: option === "oldest" ? null : option })}`}
              aria-current={option === sort ? "page" : undefined}
              className={cx(
                "px-3 py-1.5 text-sm font-medium",
                focusRing,
                index === 0 ? "rounded-l-md" : "rounded-r-md border-l border-slate-300",
                option === sort ? "bg-indigo-600 text-white" : "bg-white text-slate-700 hover:bg-slate-50",
              )}
            >
              {sortLabels[option]}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3 text-sm text-slate-600" aria-live="polite">
          {pending.isFetching || review.isPending ? <span role="status">Refreshing…</span> : null}
        </div>
      </div>

      {notice ? (
        <Alert tone={notice.tone} title={notice.title}>
          {notice.text}
        </Alert>
      ) : null}
      {pending.isError ? (
        <Alert tone="error" title="The review queue could not be loaded">
          <p>{pending.error.message}</p>
          <Button size="sm" variant="secondary" className="mt-2" onClick={() => pending.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : null}

      <ShortcutLegend />

      {items.length === 0 ? (
        pageToken ? (
          <EmptyState title="Nothing more on this page" action={<Link href={pageHref(null)} className="text-sm font-medium text-indigo-700 underline">Back to the first page</Link>}>
            <p>Everything that was here has been reviewed.</p>
          </EmptyState>
        ) : (
          <EmptyState title="Nothing to review">
            <p>Observations extracted from closed conversations wait here for a supervisor while the store does not approve them automatically.</p>
          </EmptyState>
        )
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" role="toolbar" aria-label="Bulk review">
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={allSelected}
                onChange={() => setSelectedIds(allSelected ? new Set() : new Set(items.map((item) => item.id)))}
                className={cx("size-4 rounded border-slate-300 text-indigo-600", focusRing)}
              />
              Select all on this page
            </label>
            <span className="text-sm text-slate-500" aria-live="polite">
              {visibleSelection.length} selected
            </span>
            <div className="ml-auto flex gap-2">
              <Button size="sm" disabled={visibleSelection.length === 0} onClick={() => decide("APPROVED", visibleSelection)}>
                Approve selected
              </Button>
              <Button size="sm" variant="danger" disabled={visibleSelection.length === 0} onClick={() => setBulkRejectOpen(true)}>
                Reject selected
              </Button>
            </div>
          </div>

          <div role="feed" aria-label="Observations waiting for review" aria-busy={pending.isFetching} className="space-y-3">
            {items.map((item, index) => (
              <ReviewItem
                key={item.id}
                ref={(element) => {
                  if (element) itemRefs.current.set(item.id, element);
                  else itemRefs.current.delete(item.id);
                }}
                item={item}
                isFocused={index === clampedIndex}
                isSelected={selectedIds.has(item.id)}
                editor={editing?.id === item.id ? { draft: editing.draft, error: editing.error, isSaving: review.isPending && review.variables?.content !== undefined } : null}
                onFocus={() => {
                  shouldFollowFocus.current = true;
                  setFocusedIndex(index);
                }}
                onToggleSelected={() => toggleSelected(item.id)}
                onApprove={() => decide("APPROVED", [item])}
                onReject={() => decide("REJECTED", [item])}
                onEdit={() => startEdit(item)}
                onDraftChange={(draft) => setEditing((current) => (current ? { ...current, draft } : current))}
                onSaveEdit={saveEdit}
                onCancelEdit={cancelEdit}
              />
            ))}
          </div>
        </>
      )}

      {page && (page.nextToken || page.previousToken) ? (
        <Pagination label="Review queue pages" previousHref={page.previousToken ? pageHref(page.previousToken) : null} nextHref={page.nextToken ? pageHref(page.nextToken) : null} />
      ) : null}

      <BulkRejectDialog
        open={isBulkRejectOpen}
        count={visibleSelection.length}
        onCancel={() => setBulkRejectOpen(false)}
        onConfirm={() => {
          setBulkRejectOpen(false);
          decide("REJECTED", visibleSelection);
        }}
      />
    </div>
  );
}
