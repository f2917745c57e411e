"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

type CopyStatus = "idle" | "copied" | "selected";

/** The old way, for browsers without the async clipboard (plain HTTP, permissions): a hidden textarea and execCommand. */
function copyWithTextarea(text: string): boolean {
  const textarea = document.createElement("textarea");
  textarea.value = text;
  textarea.setAttribute("readonly", "");
  textarea.style.position = "fixed";
  textarea.style.opacity = "0";
  document.body.appendChild(textarea);
  textarea.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    textarea.remove();
  }
}

/**
 * Copies the prompt block. Without any clipboard access it selects the block instead, so one
 * Ctrl+C (⌘C) copies it, and says so.
 */
export function CopyTextButton({ text, targetId, label = "Copy" }: { text: string; targetId: string; label?: string }) {
  const [status, setStatus] = useState<CopyStatus>("idle");

  async function copy() {
    let copied = false;
    try {
      if (navigator.clipboard?.writeText) {
        await navigator.clipboard.writeText(text);
        copied = true;
      }
    } catch {
      copied = false;
    }
    if (!copied) copied = copyWithTextarea(text);
    if (copied) {
      setStatus("copied");
      setTimeout(() => setStatus("idle"), 2500);
      return;
    }
    const target = document.getElementById(targetId);
    const selection = window.getSelection();
    if (target && selection) {
      const range = document.createRange();
      range.selectNodeContents(target);
      selection.removeAllRanges();
      selection.addRange(range);
      target.focus();
    }
    setStatus("selected");
  }

  return (
    <div className="flex items-center gap-2">
      <Button variant="secondary" size="sm" onClick={copy} aria-describedby={`${targetId}-copy-status`}>
        {label}
      </Button>
      <span id={`${targetId}-copy-status`} role="status" aria-live="polite" className="text-xs text-slate-600">
        {status === "copied" ? "Copied" : status === "selected" ? "The clipboard is not available here: the text is selected, press Ctrl+C (⌘C) to copy it." : ""}
      </span>
    </div>
  );
}
