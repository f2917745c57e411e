"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import type { DryRunInput, SaveIdentityRulesInput } from "@/app/(console)/identity-rules/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/console/action-result";
import { describeIdentitySettingsChanges } from "@/lib/identity/describe-identity-settings-changes";
import type { DryRunIdentitySettingsResult } from "@/lib/identity/dry-run-identity-settings";
import { identityResolutionSettingsSchema, type IdentityResolutionSettingsInput } from "@/lib/identity/identity-settings-schemas";
import type { IdentityResolutionSettingsView } from "@/lib/identity/identity-settings-view";
import { DryRunReport } from "./dry-run-report";
import { IdentifierConfigTable } from "./identifier-config-table";
import { draftFromSettings, draftToSettingsBody, fieldErrorsOf, type ConfigDraft, type EditableSettings, type RulesDraft } from "./identity-rules-draft";
import { MatchingRuleList } from "./matching-rule-list";

export type IdentityRulesActions = {
  dryRun: (input: DryRunInput) => Promise<ActionResult<DryRunIdentitySettingsResult>>;
  save: (input: SaveIdentityRulesInput) => Promise<ActionResult<IdentityResolutionSettingsView>>;
};

export type IdentityRulesEditorProps = {
  storeId: string;
  /** The saved rules as the page loaded them, and their version (the save's If-Match). */
  settings: EditableSettings;
  version: number;
  defaultRecordCount: number;
  maxRecordCount: number;
  actions: IdentityRulesActions;
};

type Validated = { ok: true; settings: IdentityResolutionSettingsInput } | { ok: false; errors: Record<string, string> };

function validate(draft: RulesDraft): Validated {
  const parsed = identityResolutionSettingsSchema.safeParse(draftToSettingsBody(draft));
  return parsed.success ? { ok: true, settings: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

let newTypeCounter = 0;

/**
 * The identity rules editor: identifier configs, matching-rule priority, a dry run against recent
 * traffic, and a confirmed save that names the version it was loaded at (refused when stale).
 */
export function IdentityRulesEditor({ storeId, settings, version, defaultRecordCount, maxRecordCount, actions }: IdentityRulesEditorProps) {
  const router = useRouter();
  const [saved, setSaved] = useState({ settings, version });
  const [draft, setDraft] = useState<RulesDraft>(() => draftFromSettings(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [recordCountText, setRecordCountText] = useState(String(defaultRecordCount));
  const [report, setReport] = useState<{ result: DryRunIdentitySettingsResult; draftJson: string } | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; message: string; isStale?: boolean } | null>(null);
  const [pendingSave, setPendingSave] = useState<{ settings: IdentityResolutionSettingsInput; changes: string[] } | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const dialogTitleId = useId();
  const recordCountId = useId();
  const mergeModeId = useId();
  // Marks the editor as interactive (tests wait for it; edits typed before hydration would be lost).
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => rootRef.current?.setAttribute("data-hydrated", "true"), []);

  const draftJson = useMemo(() => JSON.stringify(draftToSettingsBody(draft)), [draft]);
  const savedJson = useMemo(() => JSON.stringify(draftToSettingsBody(draftFromSettings(saved.settings))), [saved]);
  const isDirty = draftJson !== savedJson;

  const dryRun = useMutation({
    // `draftJson`: the draft this run was made for, so the report can say when the edits moved on.
    mutationFn: async ({ settings: edited, recordCount }: { settings: IdentityResolutionSettingsInput; recordCount: number; draftJson: string }) => actions.dryRun({ storeId, settings: edited, recordCount }),
    onSuccess: (result, variables) => {
      if (result.status === "success") {
        setReport({ result: result.data, draftJson: variables.draftJson });
        setNotice(null);
      } else if (result.status === "error") {
        setErrors(result.fieldErrors);
        setNotice({ tone: "error", message: result.message });
      }
    },
    onError: () => setNotice({ tone: "error", message: "The dry run could not reach the server. Please try again." }),
  });

  const save = useMutation({
    mutationFn: async (edited: IdentityResolutionSettingsInput) => actions.save({ storeId, settings: edited, expectedVersion: saved.version }),
    onSuccess: (result) => {
      dialogRef.current?.close();
      setPendingSave(null);
      if (result.status === "success") {
        setSaved({ settings: result.data, version: result.data.version });
        setDraft(draftFromSettings(result.data));
        setErrors({});
        setNotice({ tone: "success", message: result.message ?? "Rules saved." });
      } else if (result.status === "error") {
        setErrors(result.fieldErrors);
        setNotice({ tone: "error", message: result.message, isStale: result.fieldErrors.version === "stale" });
      }
    },
    onError: () => {
      dialogRef.current?.close();
      setNotice({ tone: "error", message: "The rules could not be saved: the server could not be reached. Nothing was changed; please try again." });
    },
  });

  const updateConfig = (key: string, change: Partial<ConfigDraft>) =>
    setDraft((current) => {
      const before = current.configs.find((config) => config.key === key);
      const configs = current.configs.map((config) => (config.key === key ? { ...config, ...change } : config));
      // Renaming a new type renames its matching rule too.
      const matchingRules =
        before && change.idType !== undefined && current.matchingRules.includes(before.idType) ? current.matchingRules.map((rule) => (rule === before.idType ? change.idType!.trim() : rule)) : current.matchingRules;
      return { ...current, configs, matchingRules };
    });
  const addConfig = () =>
    setDraft((current) => ({
      ...current,
      configs: [...current.configs, { key: `new-${++newTypeCounter}`, idType: "", isNew: true, normalization: "trim", limit: "100", limitPolicy: "fifo", enforceUnique: true, blockedValues: "" }],
    }));
  const removeConfig = (key: string) =>
    setDraft((current) => {
      const removed = current.configs.find((config) => config.key === key);
      return { ...current, configs: current.configs.filter((config) => config.key !== key), matchingRules: current.matchingRules.filter((rule) => rule !== removed?.idType) };
    });

  const runDryRun = () => {
    const checked = validate(draft);
    const recordCount = /^\s*\d+\s*$/.test(recordCountText) ? Number(recordCountText) : Number.NaN;
    const recordCountError = Number.isInteger(recordCount) && recordCount >= 1 && recordCount <= maxRecordCount ? undefined : `Enter a whole number from 1 to ${maxRecordCount.toLocaleString("en-US")}`;
    const nextErrors = { ...(checked.ok ? {} : checked.errors), ...(recordCountError ? { recordCount: recordCountError } : {}) };
    setErrors(nextErrors);
    if (!checked.ok || recordCountError) {
      setNotice({ tone: "error", message: "Please correct the highlighted fields." });
      return;
    }
    dryRun.mutate({ settings: checked.settings, recordCount, draftJson });
  };

  const reviewSave = () => {
    const checked = validate(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setNotice({ tone: "error", message: "Please correct the highlighted fields." });
      return;
    }
    setErrors({});
    setNotice(null);
    setPendingSave({ settings: checked.settings, changes: describeIdentitySettingsChanges(saved.settings, checked.settings) });
    dialogRef.current?.showModal();
  };

  const idTypes = draft.configs.map((config) => config.idType.trim());

  return (
    <div className="space-y-6" data-testid="identity-rules-editor" data-store-id={storeId} data-hydrated="false" ref={rootRef}>
      {notice ? (
        <Alert tone={notice.tone}>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <span>{notice.message}</span>
            {notice.isStale ? (
              <Button size="sm" variant="secondary" onClick={() => router.refresh()}>
                Reload the saved rules
              </Button>
            ) : null}
          </div>
        </Alert>
      ) : null}

      <Card title="Identifier types" description="How each type's values are normalised, how many a profile may hold, what happens beyond that, whether a value belongs to one profile only, and which values are never used for matching.">
        <IdentifierConfigTable configs={draft.configs} errors={errors} onChange={updateConfig} onAdd={addConfig} onRemove={removeConfig} />
      </Card>

      <Card title="Matching rules">
        <MatchingRuleList rules={draft.matchingRules} idTypes={idTypes} errors={errors} onChange={(matchingRules) => setDraft((current) => ({ ...current, matchingRules }))} />
        <div className="mt-5 w-64">
          <label htmlFor={mergeModeId} className="block text-sm font-medium text-slate-800">
            When a record matches several profiles
          </label>
          <Select id={mergeModeId} value={draft.mergeMode} onChange={(event) => setDraft((current) => ({ ...current, mergeMode: event.target.value as RulesDraft["mergeMode"] }))} className="mt-1.5">
            <option value="auto">merge them at once (auto)</option>
            <option value="review">propose a merge for review</option>
          </Select>
        </div>
      </Card>

      <Card title="Dry run" description="Replay recent traffic under the saved rules and under your edits, and see what would merge, split or be refused differently. Nothing is written.">
        <div className="flex flex-wrap items-end gap-3">
          <div className="w-48">
            <label htmlFor={recordCountId} className="block text-sm font-medium text-slate-800">
              Records to replay
            </label>
            <Input
              id={recordCountId}
              type="number"
              inputMode="numeric"
              min={1}
              max={maxRecordCount}
              value={recordCountText}
              invalid={Boolean(errors.recordCount)}
              onChange={(event) => setRecordCountText(event.target.value)}
              className="mt-1.5"
            />
          </div>
          <Button variant="secondary" onClick={runDryRun} disabled={dryRun.isPending}>
            {dryRun.isPending ? "Running dry run…" : "Dry run"}
          </Button>
        </div>
        {errors.recordCount ? (
          <p id={`${recordCountId}-error`} className="mt-1 text-xs font-medium text-red-700" role="alert">
            {errors.recordCount}
          </p>
        ) : (
          <p className="mt-1 text-xs text-slate-500">The latest records, {defaultRecordCount} by default, at most {maxRecordCount.toLocaleString("en-US")}.</p>
        )}
        {dryRun.isPending ? (
          <div role="status" aria-live="polite" className="mt-4 flex items-center gap-3 text-sm text-slate-700" data-testid="dry-run-progress">
            <span aria-hidden="true" className="h-4 w-4 animate-spin rounded-full border-2 border-indigo-600 border-t-transparent" />
            Replaying the latest {recordCountText} records twice, under the saved rules and under your edits…
          </div>
        ) : null}
        {report && !dryRun.isPending ? (
          <div className="mt-5">
            <DryRunReport report={report.result} loadedVersion={saved.version} isOutdated={report.draftJson !== draftJson} />
          </div>
        ) : null}
      </Card>

      <div className="sticky bottom-0 flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 bg-slate-50/95 py-3">
        <span className="mr-auto text-xs text-slate-500" data-testid="rules-version">
          Editing version {saved.version}
          {isDirty ? " · unsaved changes" : ""}
        </span>
        <Button
          variant="ghost"
          disabled={!isDirty || save.isPending}
          onClick={() => {
            setDraft(draftFromSettings(saved.settings));
            setErrors({});
            setNotice(null);
          }}
        >
          Discard changes
        </Button>
        <Button onClick={reviewSave} disabled={!isDirty || save.isPending}>
          Review and save…
        </Button>
      </div>

      <dialog ref={dialogRef} aria-labelledby={dialogTitleId} className="m-auto w-full max-w-lg rounded-lg bg-white p-0 text-left shadow-xl backdrop:bg-slate-900/50" onClose={() => setPendingSave(null)}>
        <div className="space-y-4 p-6">
          <h2 id={dialogTitleId} className="text-lg font-semibold text-slate-900">
            Save these identity rules?
          </h2>
          <p className="text-sm text-slate-600">They apply to every record resolved from now on; profiles already stored are not re-resolved.</p>
          {pendingSave && pendingSave.changes.length > 0 ? (
            <ul className="max-h-64 list-disc space-y-1 overflow-y-auto pl-5 text-sm text-slate-800" aria-label="Changes to save">
              {pendingSave.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-800">Nothing changes once your edits are normalised; saving only records a new version.</p>
          )}
          {report === null || report.draftJson !== draftJson ? <p className="text-xs text-amber-800">You have not dry-run these exact edits.</p> : null}
          <div className="flex justify-end gap-2 pt-2">
            <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
              Cancel
            </Button>
            <Button onClick={() => pendingSave && save.mutate(pendingSave.settings)} disabled={save.isPending || !pendingSave}>
              {save.isPending ? "Saving…" : "Save rules"}
            </Button>
          </div>
        </div>
      </dialog>
    </div>
  );
}
