import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { cx, focusRing } from "./class-names";

const controlClasses = cx(
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400",
  "focus-visible:ring-2 focus-visible:ring-indigo-600",
  focusRing,
);

type FieldProps = {
  /** Links the label, hint and error to the control. */
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
  className?: string;
};

/** A labelled form control with an optional hint and an error announced to screen readers. */
export function Field({ id, label, hint, error, children, className }: FieldProps) {
  return (
    <div className={cx("space-y-1.5", className)}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hasError: boolean, hasHint: boolean): string | undefined {
  return hasError ? `${id}-error` : hasHint ? `${id}-hint` : undefined;
}

export type InputProps = InputHTMLAttributes<HTMLInputElement> & { id: string; invalid?: boolean; hasHint?: boolean };

export function Input({ id, invalid = false, hasHint = false, className, ...props }: InputProps) {
  return (
    <input
      id={id}
      name={props.name ?? id}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy(id, invalid, hasHint)}
      className={cx(controlClasses, invalid ? "ring-red-500" : "ring-slate-300", className)}
      {...props}
    />
  );
}

export type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { id: string; invalid?: boolean; hasHint?: boolean };

export function Select({ id, invalid = false, hasHint = false, className, children, ...props }: SelectProps) {
  return (
    <select
      id={id}
      name={props.name ?? id}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy(id, invalid, hasHint)}
      className={cx(controlClasses, "pr-8", invalid ? "ring-red-500" : "ring-slate-300", className)}
      {...props}
    >
      {children}
    </select>
  );
}
