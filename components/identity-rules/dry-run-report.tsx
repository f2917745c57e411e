import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import type { DryRunGroupChange, DryRunIssueChange, DryRunRecordRef } from "@/lib/identity/dry-run-identity-settings-core";
import type { DryRunIdentitySettingsResult } from "@/lib/identity/dry-run-identity-settings";

export type DryRunReportProps = {
  report: DryRunIdentitySettingsResult;
  /** The settings version the page loaded: a dry run against a newer one says so. */
  loadedVersion: number;
  /** The draft changed since this dry run was made. */
  isOutdated: boolean;
};

/** What the edited rules would have done differently to recent traffic. */
export function DryRunReport({ report, loadedVersion, isOutdated }: DryRunReportProps) {
  const hasDifference = report.changedRecordCount > 0 || report.mergeCount > 0 || report.splitCount > 0 || report.newlyRejectedCount > 0 || report.noLongerRejectedCount > 0;
  return (
    <section aria-label="Dry run result" data-testid="dry-run-report" className="space-y-5">
      {isOutdated ? (
        <Alert tone="warning">You changed the rules after this dry run: run it again to see the effect of the current edits.</Alert>
      ) : null}
      {report.currentVersion !== loadedVersion ? (
        <Alert tone="warning">
          The saved rules changed since you opened the page (now version {report.currentVersion}, you loaded version {loadedVersion}). This dry run compared your edits with the newer rules; saving will be refused until you reload.
        </Alert>
      ) : null}
      {report.recordCount === 0 ? (
        <Alert tone="info" title="No recorded traffic to replay">
          This store has no resolution records yet{report.unreadableRecordCount > 0 ? ` that could be read (${report.unreadableRecordCount} could not)` : ""}. Records are kept as profiles are created and conversations arrive.
        </Alert>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        <Stat label="Records replayed" value={report.recordCount.toLocaleString("en-US")} testId="dry-run-records" />
        <Stat label="Profiles" value={`${report.before.profileCount} → ${report.after.profileCount}`} testId="dry-run-profiles" />
        <Stat label="Would merge" value={`${report.mergeCount}`} detail={`${report.mergedPairCount} record pairs`} testId="dry-run-merges" />
        <Stat label="Would split" value={`${report.splitCount}`} detail={`${report.splitPairCount} record pairs`} testId="dry-run-splits" />
        <Stat label="Resolve differently" value={`${report.changedRecordCount}`} detail="records" testId="dry-run-changed" />
        <Stat label="Newly rejected" value={`${report.newlyRejectedCount}`} detail={report.noLongerRejectedCount > 0 ? `${report.noLongerRejectedCount} no longer` : "records"} testId="dry-run-rejected" />
      </dl>
      <p className="text-xs text-slate-500">
        Both replays start from an empty store and resolve the latest {report.recordCount.toLocaleString("en-US")} records in the order they arrived, so they show what these rules do to this traffic, not what happens to profiles already stored. P0012 names the profile that record 12 of the replay created.
        {report.unreadableRecordCount > 0 ? ` ${report.unreadableRecordCount} records could not be read and were left out.` : ""}
      </p>
      {report.recordCount > 0 && !hasDifference ? (
        <Alert tone="success" title="No difference">
          The edited rules resolve these {report.recordCount.toLocaleString("en-US")} records exactly as the current rules do.
        </Alert>
      ) : null}
      {report.splits.length > 0 ? (
        <ChangeList
          title="Would split"
          description="The current rules put these records in one profile; the edited rules keep them apart."
          changes={report.splits}
          total={report.splitCount}
          limit={report.exampleLimit}
          togetherLabel="now one profile"
          testId="dry-run-split-list"
        />
      ) : null}
      {report.merges.length > 0 ? (
        <ChangeList
          title="Would merge"
          description="The current rules keep these records apart; the edited rules put them in one profile."
          changes={report.merges}
          total={report.mergeCount}
          limit={report.exampleLimit}
          togetherLabel="would be one profile"
          testId="dry-run-merge-list"
        />
      ) : null}
      {report.newlyRejected.length > 0 ? (
        <IssueList title="Newly rejected or kept apart" description="What the edited rules would refuse that the current rules accept." entries={report.newlyRejected} total={report.newlyRejectedCount} limit={report.exampleLimit} testId="dry-run-rejected-list" />
      ) : null}
      {report.noLongerRejected.length > 0 ? (
        <IssueList title="No longer rejected" description="What the current rules refuse and the edited rules would accept." entries={report.noLongerRejected} total={report.noLongerRejectedCount} limit={report.exampleLimit} testId="dry-run-accepted-list" />
      ) : null}
      {report.changedRecords.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Records that would resolve differently</h3>
          <ShownOf shown={report.changedRecords.length} total={report.changedRecordCount} />
          <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">Records that would resolve differently</caption>
              <thead className="bg-slate-50">
                <tr>
                  {["Record", "Identifiers", "Current rules", "Edited rules"].map((heading) => (
                    <th key={heading} scope="col" className="px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.changedRecords.map((entry) => (
                  <tr key={entry.recordId}>
                    <td className="px-3 py-2 align-top">
                      <RecordLabel record={entry} />
                    </td>
                    <td className="px-3 py-2 align-top font-mono text-xs">{identifiersText(entry)}</td>
                    <td className="px-3 py-2 align-top">{placement(entry.before)}</td>
                    <td className="px-3 py-2 align-top">{placement(entry.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function Stat({ label, value, detail, testId }: { label: string; value: string; detail?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid={testId}>
      <dt className="text-xs font-medium text-slate-500">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900">
        {value}
        {detail ? <span className="ml-1 text-xs font-normal text-slate-500">{detail}</span> : null}
      </dd>
    </div>
  );
}

function ShownOf({ shown, total }: { shown: number; total: number }) {
  return shown < total ? <p className="text-xs text-slate-500">Showing the first {shown} of {total}.</p> : null;
}

function identifiersText(record: DryRunRecordRef): string {
  return record.incoming.length === 0 ? "(no identifiers)" : record.incoming.map((identifier) => `${identifier.idType} ${identifier.value}`).join(", ");
}

function RecordLabel({ record }: { record: DryRunRecordRef }) {
  return (
    <span className="whitespace-nowrap text-xs text-slate-600" title={record.recordId}>
      #{record.position} · {record.source.toLowerCase()}
      {record.sourceRef ? ` ${record.sourceRef}` : ""} · {new Date(record.createdAt).toISOString().slice(0, 16).replace("T", " ")}
    </span>
  );
}

function placement(side: { outcome: string; profileId: string | null; sharedWith: number }) {
  if (!side.profileId) return <Badge tone="amber">no profile (lookup)</Badge>;
  return (
    <span className="text-xs text-slate-700">
      <span className="font-mono">{side.profileId}</span> · {side.outcome} · {side.sharedWith === 0 ? "alone" : `with ${side.sharedWith} other record${side.sharedWith === 1 ? "" : "s"}`}
    </span>
  );
}

function ChangeList({ title, description, changes, total, limit, togetherLabel, testId }: { title: string; description: string; changes: DryRunGroupChange[]; total: number; limit: number; togetherLabel: string; testId: string }) {
  return (
    <div data-testid={testId}>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <p className="text-xs text-slate-600">{description}</p>
      <ShownOf shown={Math.min(changes.length, limit)} total={total} />
      <ul className="mt-2 space-y-3">
        {changes.map((change) => (
          <li key={change.sharedProfileId + change.groups[0].profileId} className="rounded-lg border border-slate-200 bg-white p-3">
            <p className="text-xs text-slate-600">
              <span className="font-mono">{change.sharedProfileId}</span> {togetherLabel} · {change.pairCount} record pair{change.pairCount === 1 ? "" : "s"} change sides
            </p>
            <div className="mt-2 grid gap-2 sm:grid-cols-2">
              {change.groups.map((group) => (
                <div key={group.profileId} className="rounded-md bg-slate-50 p-2">
                  <p className="text-xs font-semibold text-slate-700">
                    <span className="font-mono">{group.profileId}</span> · {group.recordCount} record{group.recordCount === 1 ? "" : "s"}
                  </p>
                  <ul className="mt-1 space-y-1">
                    {group.records.map((record) => (
                      <li key={record.recordId} className="text-xs">
                        <RecordLabel record={record} />
                        <div className="font-mono text-slate-800">{identifiersText(record)}</div>
                      </li>
                    ))}
                    {group.recordCount > group.records.length ? <li className="text-xs text-slate-500">and {group.recordCount - group.records.length} more</li> : null}
                  </ul>
                </div>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function IssueList({ title, description, entries, total, limit, testId }: { title: string; description: string; entries: DryRunIssueChange[]; total: number; limit: number; testId: string }) {
  return (
    <div data-testid={testId}>
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      <p className="text-xs text-slate-600">{description}</p>
      <ShownOf shown={Math.min(entries.length, limit)} total={total} />
      <ul className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {entries.map((entry) => (
          <li key={entry.recordId} className="px-3 py-2">
            <RecordLabel record={entry} />
            <div className="font-mono text-xs text-slate-800">{identifiersText(entry)}</div>
            <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
              {entry.issues.map((issue, index) => (
                <li key={index}>{issue.message}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}
