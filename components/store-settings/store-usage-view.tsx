import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";
import { formatDateTime } from "@/lib/console/format-date-time";
import type { ProviderStatus, ProvidersStatus } from "@/lib/console/describe-providers";
import type { StoreUsage } from "@/lib/usage/get-store-usage";

const number = new Intl.NumberFormat("en");

function categoryLabel(category: string): string {
  return category.charAt(0) + category.slice(1).toLowerCase().replace(/_/g, " ");
}

function ProviderEntry({ label, status, builtinLabel }: { label: string; status: ProviderStatus; builtinLabel: string }) {
  return (
    <div data-testid={`provider-${label.split(" ")[0].toLowerCase()}`}>
      <dt className="text-slate-600">{label}</dt>
      <dd className="mt-1 space-y-1 text-slate-900">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <Badge tone={status.kind === "endpoint" ? "indigo" : "neutral"}>{status.kind === "endpoint" ? "Endpoint" : "Built in"}</Badge>
          {status.kind === "endpoint" ? status.model : builtinLabel}
        </p>
        {status.kind === "builtin" && status.model !== "built-in rules" ? <p className="text-xs text-slate-500">Model {status.model}</p> : null}
        {status.kind === "endpoint" ? (
          <p className="text-xs text-slate-500">
            Host <code>{status.host ?? "unreadable URL"}</code> · API key {status.hasApiKey ? "set" : "not set"}
          </p>
        ) : null}
      </dd>
    </div>
  );
}

/** The store's usage: what the guard kept out, model tokens, and the latest extraction runs. */
export function StoreUsageView({ usage, providers }: { usage: StoreUsage; providers: ProvidersStatus }) {
  const excluded = Object.entries(usage.excludedByCategory).filter(([, count]) => count > 0);
  return (
    <div className="space-y-6">
      <Card title="Providers">
        <dl className="grid gap-4 text-sm sm:grid-cols-2">
          <ProviderEntry label="Extraction (LLM)" status={providers.llm} builtinLabel="Built-in rules (offline)" />
          <ProviderEntry label="Embeddings" status={providers.embeddings} builtinLabel="Built-in embedder (offline)" />
        </dl>
        <p className="mt-3 text-xs text-slate-500">Set with KITH_LLM_* and KITH_EMBEDDINGS_* (README); a change of embeddings model re-embeds in the background.</p>
      </Card>
      <Card title="Guard: data kept out">
        {excluded.length === 0 ? (
          <p className="text-sm text-slate-500">Nothing excluded yet. Health, religion and other special-category data and card or bank numbers would be counted here (never stored).</p>
        ) : (
          <ul className="grid gap-2 sm:grid-cols-3">
            {excluded.map(([category, count]) => (
              <li key={category} className="flex justify-between rounded border border-slate-200 px-3 py-2 text-sm">
                <span className="text-slate-600">{categoryLabel(category)}</span>
                <span className="font-medium tabular-nums text-slate-900">{number.format(count)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title="Model usage">
        <p className="text-sm text-slate-600">
          {number.format(usage.llm.requests)} requests · {number.format(usage.llm.promptTokens)} prompt tokens · {number.format(usage.llm.completionTokens)} completion tokens ·{" "}
          {number.format(usage.llm.promptCharacters + usage.llm.completionCharacters)} characters, over {number.format(usage.extractionRuns)} extraction runs.
        </p>
        {usage.llm.requests === 0 && <p className="mt-1 text-xs text-slate-500">The built-in extractor uses no model; set KITH_LLM_BASE_URL and KITH_LLM_MODEL to use one.</p>}
      </Card>
      {usage.recentRuns.length === 0 ? (
        <EmptyState title="No extraction runs yet">Runs appear here when conversations close.</EmptyState>
      ) : (
        <Table caption="Latest extraction runs">
          <TableHead>
            <HeaderCell>When</HeaderCell>
            <HeaderCell>Conversation</HeaderCell>
            <HeaderCell>Extractor</HeaderCell>
            <HeaderCell>Added</HeaderCell>
            <HeaderCell>Updated</HeaderCell>
            <HeaderCell>Discarded</HeaderCell>
            <HeaderCell>Excluded</HeaderCell>
            <HeaderCell>Tokens</HeaderCell>
            <HeaderCell>Time</HeaderCell>
          </TableHead>
          <TableBody>
            {usage.recentRuns.map((run) => (
              <tr key={run.id}>
                <Cell>{formatDateTime(run.createdAt)}</Cell>
                <Cell>
                  <code className="text-xs">{run.conversationId}</code>
                </Cell>
                <Cell>{run.extractor}</Cell>
                <Cell className="tabular-nums">{run.added}</Cell>
                <Cell className="tabular-nums">{run.updated}</Cell>
                <Cell className="tabular-nums">{run.discarded}</Cell>
                <Cell className="tabular-nums">{run.excluded}</Cell>
                <Cell className="tabular-nums">{run.usage ? number.format(run.usage.promptTokens + run.usage.completionTokens) : "—"}</Cell>
                <Cell className="tabular-nums">{run.durationMs} ms</Cell>
              </tr>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
