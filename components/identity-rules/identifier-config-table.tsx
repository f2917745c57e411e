"use client";

import { Button } from "@/components/ui/button";
import { cx, focusRing } from "@/components/ui/class-names";
import { Input, Select } from "@/components/ui/field";
import { MAX_IDENTIFIER_TYPES } from "@/lib/identity/identity-settings-schemas";
import { errorAt, limitPolicies, normalizations, type ConfigDraft } from "./identity-rules-draft";

const normalizationLabels: Record<ConfigDraft["normalization"], string> = {
  email: "email",
  phone: "phone (E.164)",
  trim: "trim",
  none: "none",
};

export type IdentifierConfigTableProps = {
  configs: ConfigDraft[];
  errors: Record<string, string>;
  onChange: (key: string, change: Partial<ConfigDraft>) => void;
  onAdd: () => void;
  onRemove: (key: string) => void;
};

/** One row per identifier type: how its values are normalised, limited, kept unique and blocked. */
export function IdentifierConfigTable({ configs, errors, onChange, onAdd, onRemove }: IdentifierConfigTableProps) {
  return (
    <div>
      {errors.identifierConfigs ? (
        <p className="mb-2 text-xs font-medium text-red-700" role="alert">
          {errors.identifierConfigs}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Identifier types</caption>
          <thead className="bg-slate-50">
            <tr>
              {["Type", "Normalisation", "Limit", "Limit policy", "Unique", "Blocked values (one per line)", ""].map((heading) => (
                <th key={heading} scope="col" className="px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                  {heading || <span className="sr-only">Actions</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {configs.map((config, index) => (
              <ConfigRow key={config.key} config={config} index={index} errors={errors} onChange={(change) => onChange(config.key, change)} onRemove={() => onRemove(config.key)} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-500">
        Normalisation: email trims and lower-cases; phone reads the number as E.164 (US when it has no country code); trim removes surrounding spaces; none keeps the value exactly.
        Beyond the limit, fifo evicts the oldest value, lifo the newest, and block refuses the value (and keeps apart profiles that would exceed it).
      </p>
      <div className="mt-3 flex items-center gap-3">
        <Button variant="secondary" onClick={onAdd} disabled={configs.length >= MAX_IDENTIFIER_TYPES}>
          Add identifier type
        </Button>
        <span className="text-xs text-slate-500">
          {configs.length} of {MAX_IDENTIFIER_TYPES} types
        </span>
      </div>
    </div>
  );
}

function ConfigRow({ config, index, errors, onChange, onRemove }: { config: ConfigDraft; index: number; errors: Record<string, string>; onChange: (change: Partial<ConfigDraft>) => void; onRemove: () => void }) {
  const path = `identifierConfigs.${index}`;
  const name = config.idType.trim() || `new type ${index + 1}`;
  const fieldId = (field: string) => `config-${config.key}-${field}`;
  const idTypeError = errors[`${path}.idType`];
  const limitError = errors[`${path}.limit`];
  const blockedError = blockedValuesError(errors, `${path}.blockedValues`, config.blockedValues);
  const errorText = (id: string, message: string | undefined) =>
    message ? (
      <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700" role="alert">
        {message}
      </p>
    ) : null;
  return (
    <tr data-testid={`identifier-config-${config.idType || config.key}`}>
      <td className="px-3 py-2 align-top">
        {config.isNew ? (
          <>
            <label htmlFor={fieldId("idType")} className="sr-only">
              Name of new identifier type {index + 1}
            </label>
            <Input id={fieldId("idType")} value={config.idType} placeholder="e.g. user_id" invalid={Boolean(idTypeError)} onChange={(event) => onChange({ idType: event.target.value })} className="w-36 font-mono" />
            {errorText(fieldId("idType"), idTypeError)}
          </>
        ) : (
          <span className="font-mono text-slate-900">{config.idType}</span>
        )}
      </td>
      <td className="px-3 py-2 align-top">
        <label htmlFor={fieldId("normalization")} className="sr-only">
          Normalisation of {name}
        </label>
        <Select id={fieldId("normalization")} value={config.normalization} invalid={Boolean(errors[`${path}.normalization`])} onChange={(event) => onChange({ normalization: event.target.value as ConfigDraft["normalization"] })} className="w-36">
          {normalizations.map((normalization) => (
            <option key={normalization} value={normalization}>
              {normalizationLabels[normalization]}
            </option>
          ))}
        </Select>
        {errorText(fieldId("normalization"), errors[`${path}.normalization`])}
      </td>
      <td className="px-3 py-2 align-top">
        <label htmlFor={fieldId("limit")} className="sr-only">
          Limit of {name}
        </label>
        <Input id={fieldId("limit")} type="number" inputMode="numeric" min={1} max={100} step={1} value={config.limit} invalid={Boolean(limitError)} onChange={(event) => onChange({ limit: event.target.value })} className="w-24" />
        {errorText(fieldId("limit"), limitError)}
      </td>
      <td className="px-3 py-2 align-top">
        <label htmlFor={fieldId("limitPolicy")} className="sr-only">
          Limit policy of {name}
        </label>
        <Select id={fieldId("limitPolicy")} value={config.limitPolicy} onChange={(event) => onChange({ limitPolicy: event.target.value as ConfigDraft["limitPolicy"] })} className="w-24">
          {limitPolicies.map((policy) => (
            <option key={policy} value={policy}>
              {policy}
            </option>
          ))}
        </Select>
      </td>
      <td className="px-3 py-2 align-top">
        <label className="inline-flex items-center gap-2 pt-2 text-sm text-slate-700">
          <input type="checkbox" checked={config.enforceUnique} onChange={(event) => onChange({ enforceUnique: event.target.checked })} className={cx("h-4 w-4 rounded border-slate-300 text-indigo-600", focusRing)} />
          <span>
            <span className="sr-only">{name}: </span>unique
          </span>
        </label>
      </td>
      <td className="px-3 py-2 align-top">
        <label htmlFor={fieldId("blockedValues")} className="sr-only">
          Blocked values of {name}
        </label>
        <textarea
          id={fieldId("blockedValues")}
          value={config.blockedValues}
          rows={Math.min(4, Math.max(1, config.blockedValues.split("\n").length))}
          aria-invalid={blockedError ? true : undefined}
          aria-describedby={blockedError ? `${fieldId("blockedValues")}-error` : undefined}
          onChange={(event) => onChange({ blockedValues: event.target.value })}
          className={cx("block w-56 rounded-md border-0 px-3 py-2 font-mono text-xs text-slate-900 shadow-sm ring-1 ring-inset", blockedError ? "ring-red-500" : "ring-slate-300", focusRing)}
        />
        {errorText(fieldId("blockedValues"), blockedError)}
      </td>
      <td className="px-3 py-2 text-right align-top">
        <Button size="sm" variant="ghost" aria-label={`Remove identifier type ${name}`} onClick={onRemove}>
          Remove
        </Button>
      </td>
    </tr>
  );
}

/** A blocked value's error names the value (the schema reports it by its position in the list). */
function blockedValuesError(errors: Record<string, string>, path: string, text: string): string | undefined {
  const key = Object.keys(errors).find((candidate) => candidate === path || candidate.startsWith(`${path}.`));
  if (!key) return errorAt(errors, path);
  const position = Number(key.slice(path.length + 1));
  if (!Number.isInteger(position)) return errors[key];
  const values = text
    .split("\n")
    .map((value) => value.trim())
    .filter((value) => value !== "");
  return `"${values[position] ?? ""}" ${errors[key]}`;
}
