"use client";

import { useState } from "react";
import { Button } from "./button";

/** Copies a value to the clipboard and says so (to screen readers too). */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // The clipboard can be unavailable (plain HTTP, permissions): the value stays selectable.
      setCopied(false);
    }
  }
  return (
    <Button variant="secondary" size="sm" onClick={copy}>
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </Button>
  );
}
