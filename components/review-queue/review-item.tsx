"use client";

import Link from "next/link";
import { forwardRef, useEffect, useId, useRef } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/class-names";
import { formatDateTime } from "@/lib/console/format-date-time";
import type { PendingObservationItem } from "@/lib/observations/review-queue-views";

export type ReviewItemEditor = { draft: string; error: string | null; isSaving: boolean };

export type ReviewItemProps = {
  item: PendingObservationItem;
  isFocused: boolean;
  isSelected: boolean;
  /** Set while this item is being edited. */
  editor: ReviewItemEditor | null;
  onFocus(): void;
  onToggleSelected(): void;
  onApprove(): void;
  onReject(): void;
  onEdit(): void;
  onDraftChange(draft: string): void;
  onSaveEdit(): void;
  onCancelEdit(): void;
};

function confidenceTone(confidence: number | null): BadgeTone {
  if (confidence === null) return "neutral";
  return confidence < 0.5 ? "red" : confidence < 0.75 ? "amber" : "green";
}

function formatConfidence(confidence: number | null): string {
  return confidence === null ? "unscored" : `${Math.round(confidence * 100)}%`;
}

/** One PENDING observation: what it says, about whom, and — beside it — the messages it came from. */
export const ReviewItem = forwardRef<HTMLElement, ReviewItemProps>(function ReviewItem(props, ref) {
  const { item, isFocused, isSelected, editor } = props;
  const headingId = useId();
  const editorId = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const isEditing = editor !== null;

  useEffect(() => {
    if (!isEditing) return;
    const textarea = textareaRef.current;
    textarea?.focus();
    textarea?.setSelectionRange(textarea.value.length, textarea.value.length);
  }, [isEditing]);

  const profileName = item.profile.displayName ?? "Unnamed profile";
  return (
    <article
      ref={ref}
      tabIndex={isFocused ? 0 : -1}
      aria-labelledby={headingId}
      aria-current={isFocused ? "true" : undefined}
      data-testid={`review-item-${item.id}`}
      onFocus={(event) => {
        if (event.target === event.currentTarget || !isFocused) props.onFocus();
      }}
      className={cx(
        "grid gap-4 rounded-lg border bg-white p-4 shadow-sm lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]",
        focusRing,
        isFocused ? "border-indigo-400 ring-1 ring-indigo-400" : "border-slate-200",
        isSelected && "bg-indigo-50/40",
      )}
    >
      <div className="flex min-w-0 gap-3">
        <input
          type="checkbox"
          checked={isSelected}
          onChange={props.onToggleSelected}
          aria-label={`Select “${item.content}”`}
          className={cx("mt-1 size-4 shrink-0 rounded border-slate-300 text-indigo-600", focusRing)}
        />
        <div className="min-w-0 flex-1 space-y-3">
          {isEditing ? (
            <div className="space-y-1.5">
              <label htmlFor={editorId} className="block text-sm font-medium text-slate-800">
                Edit observation
              </label>
              <textarea
                id={editorId}
                ref={textareaRef}
                value={editor.draft}
                rows={3}
                readOnly={editor.isSaving}
                aria-invalid={editor.error ? true : undefined}
                aria-describedby={editor.error ? `${editorId}-error` : `${editorId}-hint`}
                onChange={(event) => props.onDraftChange(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter" && !event.shiftKey) {
                    event.preventDefault();
                    props.onSaveEdit();
                  } else if (event.key === "Escape") {
                    event.preventDefault();
                    props.onCancelEdit();
                  }
                }}
                className={cx(
                  "block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus-visible:ring-2 focus-visible:ring-indigo-600",
                  focusRing,
                  editor.error ? "ring-red-500" : "ring-slate-300",
                )}
              />
              {editor.error ? (
                <p id={`${editorId}-error`} role="alert" className="text-xs font-medium text-red-700">
                  {editor.error}
                </p>
              ) : (
                <p id={`${editorId}-hint`} className="text-xs text-slate-500">
                  Enter saves and approves · Shift+Enter for a new line · Esc cancels
                </p>
              )}
              <div className="flex gap-2">
                <Button size="sm" onClick={props.onSaveEdit} disabled={editor.isSaving}>
                  {editor.isSaving ? "Saving…" : "Save and approve"}
                </Button>
                <Button size="sm" variant="secondary" onClick={props.onCancelEdit} disabled={editor.isSaving}>
                  Cancel
                </Button>
              </div>
            </div>
          ) : (
            <h3 id={headingId} className="text-base font-medium text-slate-900">
              {item.content}
            </h3>
          )}
          {isEditing ? (
            <span id={headingId} className="sr-only">
              {item.content}
            </span>
          ) : null}
          <dl className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600">
            <div className="flex items-center gap-1">
              <dt className="sr-only">Kind</dt>
              <dd>
                <Badge tone="indigo">{item.kind ?? "OTHER"}</Badge>
              </dd>
            </div>
            <div className="flex items-center gap-1">
              <dt>Confidence</dt>
              <dd>
                <Badge tone={confidenceTone(item.confidence)}>{formatConfidence(item.confidence)}</Badge>
              </dd>
            </div>
            <div className="flex items-center gap-1">
              <dt>Source</dt>
              <dd className="font-medium text-slate-800">{item.source}</dd>
            </div>
            <div className="flex items-center gap-1">
              <dt>Profile</dt>
              <dd>
                <Link href={`/profiles/${item.profile.id}`} className={cx("font-medium text-indigo-700 underline", focusRing)}>
                  {profileName}
                </Link>{" "}
                <code className="text-[11px] text-slate-500">{item.profile.id}</code>
              </dd>
            </div>
            <div className="flex items-center gap-1">
              <dt>Observed</dt>
              <dd>
                <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt)}</time>
              </dd>
            </div>
            <div className="flex items-center gap-1">
              <dt>Queued</dt>
              <dd>
                <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
              </dd>
            </div>
          </dl>
          {isEditing ? null : (
            <div className="flex flex-wrap gap-2">
              <Button size="sm" onClick={props.onApprove} aria-label={`Approve “${item.content}”`}>
                Approve
              </Button>
              <Button size="sm" variant="secondary" onClick={props.onEdit} aria-label={`Edit “${item.content}”`}>
                Edit
              </Button>
              <Button size="sm" variant="danger" onClick={props.onReject} aria-label={`Reject “${item.content}”`}>
                Reject
              </Button>
            </div>
          )}
        </div>
      </div>
      <SourceMessages item={item} />
    </article>
  );
});

/** The messages an observation came from, highlighted, with the turn before each as dimmed context. */
function SourceMessages({ item }: { item: PendingObservationItem }) {
  const sourceCount = item.messages.filter((message) => message.isSource).length;
  return (
    <section aria-label={`Source messages of “${item.content}”`} className="min-w-0 rounded-md bg-slate-50 p-3">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Source messages {sourceCount > 0 ? `(${sourceCount})` : null}
      </h4>
      {item.messages.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">
          {item.communicationIds.length === 0 ? "No source messages: this observation was written without provenance." : "The source messages are no longer stored."}
        </p>
      ) : (
        <ol className="mt-2 space-y-2">
          {item.messages.map((message) => (
            <li
              key={message.id}
              data-source={message.isSource ? "true" : "false"}
              className={cx(
                "rounded-md px-3 py-2 text-sm",
                message.isSource ? "border-l-4 border-amber-400 bg-amber-50 text-slate-900" : "border-l-4 border-transparent text-slate-500",
              )}
            >
              <p className="flex flex-wrap items-baseline gap-x-2 text-xs">
                <span className={cx("font-semibold", message.isSource ? "text-slate-800" : "text-slate-500")}>
                  {message.author.name ?? message.author.address ?? "Unknown author"}
                </span>
                {message.author.type ? <span className="text-slate-500">{message.author.type.replace("_", " ").toLowerCase()}</span> : null}
                <time dateTime={message.occurredAt} className="text-slate-500">
                  {formatDateTime(message.occurredAt)}
                </time>
                <span className={message.isSource ? "font-medium text-amber-800" : "text-slate-400"}>{message.isSource ? "source" : "context"}</span>
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words">{message.isSource ? <mark className="bg-transparent text-inherit">{message.text}</mark> : message.text}</p>
            </li>
          ))}
        </ol>
      )}
      {item.hiddenSourceCount > 0 ? <p className="mt-2 text-xs text-slate-500">and {item.hiddenSourceCount} more source messages</p> : null}
    </section>
  );
}
