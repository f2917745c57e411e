"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/class-names";
import { Select } from "@/components/ui/field";
import { moveItem } from "./identity-rules-draft";

export type MatchingRuleListProps = {
  rules: string[];
  /** Identifier types that exist in the draft (a rule needs one). */
  idTypes: string[];
  errors: Record<string, string>;
  onChange: (rules: string[]) => void;
};

/**
 * The matching rules in priority order. Reorder by dragging a rule, or from the keyboard: focus a
 * rule and press Alt+↑ / Alt+↓ (or use its Move buttons). Every move is announced.
 */
export function MatchingRuleList({ rules, idTypes, errors, onChange }: MatchingRuleListProps) {
  const [announcement, setAnnouncement] = useState("");
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const [toAdd, setToAdd] = useState("");
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const addId = useId();
  const available = idTypes.filter((idType) => idType.trim() !== "" && !rules.includes(idType));

  const move = (from: number, to: number, refocus: boolean) => {
    if (to < 0 || to >= rules.length || from === to) return;
    const rule = rules[from];
    onChange(moveItem(rules, from, to));
    setAnnouncement(`${rule} moved to priority ${to + 1} of ${rules.length}`);
    // The list re-renders in the new order; keep the keyboard on the rule that moved.
    if (refocus) requestAnimationFrame(() => itemRefs.current.get(rule)?.focus());
  };

  const onItemKeyDown = (event: KeyboardEvent<HTMLLIElement>, index: number) => {
    if (event.target !== event.currentTarget || !event.altKey) return;
    if (event.key === "ArrowUp") {
      event.preventDefault();
      move(index, index - 1, true);
    } else if (event.key === "ArrowDown") {
      event.preventDefault();
      move(index, index + 1, true);
    }
  };

  const remove = (index: number) => {
    const rule = rules[index];
    onChange(rules.filter((_, position) => position !== index));
    setAnnouncement(`${rule} is no longer a matching rule`);
  };

  const add = () => {
    const rule = toAdd || available[0];
    if (!rule) return;
    onChange([...rules, rule]);
    setToAdd("");
    setAnnouncement(`${rule} added as matching rule ${rules.length + 1}`);
  };

  return (
    <div>
      <p id="matching-rules-help" className="mb-3 text-sm text-slate-600">
        An incoming record is matched on these identifier types, highest priority first. Drag a rule to reorder it, or focus it and press Alt+↑ / Alt+↓.
      </p>
      {errors.matchingRules ? (
        <p className="mb-2 text-xs font-medium text-red-700" role="alert">
          {errors.matchingRules}
        </p>
      ) : null}
      {rules.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600">No matching rules: add at least one, or nothing will ever match.</p>
      ) : (
        <ol aria-label="Matching rules in priority order" aria-describedby="matching-rules-help" className="space-y-2">
          {rules.map((rule, index) => {
            const error = errors[`matchingRules.${index}`];
            return (
              <li
                key={rule}
                ref={(element) => {
                  if (element) itemRefs.current.set(rule, element);
                  else itemRefs.current.delete(rule);
                }}
                tabIndex={0}
                draggable
                aria-label={`${rule}, priority ${index + 1} of ${rules.length}`}
                data-testid={`matching-rule-${rule}`}
                onKeyDown={(event) => onItemKeyDown(event, index)}
                onDragStart={(event) => {
                  setDragIndex(index);
                  event.dataTransfer.effectAllowed = "move";
                  event.dataTransfer.setData("text/plain", rule);
                }}
                onDragOver={(event) => {
                  if (dragIndex === null) return;
                  event.preventDefault();
                  event.dataTransfer.dropEffect = "move";
                  setDropIndex(index);
                }}
                onDragLeave={() => setDropIndex((current) => (current === index ? null : current))}
                onDrop={(event) => {
                  event.preventDefault();
                  if (dragIndex !== null) move(dragIndex, index, false);
                  setDragIndex(null);
                  setDropIndex(null);
                }}
                onDragEnd={() => {
                  setDragIndex(null);
                  setDropIndex(null);
                }}
                className={cx(
                  "flex cursor-grab items-center gap-3 rounded-md border bg-white px-3 py-2 shadow-sm",
                  focusRing,
                  dragIndex === index ? "opacity-50" : "",
                  dropIndex === index && dragIndex !== index ? "border-indigo-500 ring-2 ring-indigo-200" : "border-slate-200",
                  error ? "border-red-400" : "",
                )}
              >
                <span aria-hidden="true" className="select-none text-slate-400">
                  ⠿
                </span>
                <span className="w-6 text-right text-xs font-semibold text-slate-500">{index + 1}</span>
                <span className="flex-1 font-mono text-sm text-slate-900">
                  {rule}
                  {error ? <span className="ml-2 font-sans text-xs font-medium text-red-700">{error}</span> : null}
                </span>
                <Button size="sm" variant="ghost" aria-label={`Move ${rule} up`} disabled={index === 0} onClick={() => move(index, index - 1, false)}>
                  ↑ Up
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Move ${rule} down`} disabled={index === rules.length - 1} onClick={() => move(index, index + 1, false)}>
                  ↓ Down
                </Button>
                <Button size="sm" variant="ghost" aria-label={`Stop matching on ${rule}`} onClick={() => remove(index)}>
                  Remove
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="mt-3 flex items-end gap-2">
        <div className="w-56">
          <label htmlFor={addId} className="block text-sm font-medium text-slate-800">
            Add a matching rule
          </label>
          <Select id={addId} value={toAdd || available[0] || ""} disabled={available.length === 0} onChange={(event) => setToAdd(event.target.value)} className="mt-1.5">
            {available.length === 0 ? <option value="">Every type is a rule</option> : null}
            {available.map((idType) => (
              <option key={idType} value={idType}>
                {idType}
              </option>
            ))}
          </Select>
        </div>
        <Button variant="secondary" disabled={available.length === 0} onClick={add}>
          Add rule
        </Button>
      </div>
      <p aria-live="polite" role="status" className="sr-only" data-testid="matching-rule-announcement">
        {announcement}
      </p>
    </div>
  );
}
