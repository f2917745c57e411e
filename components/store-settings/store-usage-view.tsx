import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";
import { formatDateTime } from "@/lib/console/format-date-time";
import type { StoreUsage } from "@/lib/usage/get-store-usage";

const number = new Intl.NumberFormat("en");

function categoryLabel(category: string): string {
  return category.charAt(0) + category.slice(1).toLowerCase().replace(/_/g, " ");
}

/** The store's usage: what the guard kept out, model tokens, and the latest extraction runs. */
export function StoreUsageView({ usage }: { usage: StoreUsage }) {
  const excluded = Object.entries(usage.excludedByCategory).filter(([, count]) => count > 0);
  return (
    <div className="space-y-6">
      <Card title="Providers">
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-slate-600">Extraction</dt>
            <dd className="font-medium text-slate-900">{usage.providers.extractor === "builtin" ? "Built-in rules (offline)" : usage.providers.extractor}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Embeddings</dt>
            <dd className="font-medium text-slate-900">{usage.providers.embeddings}</dd>
          </div>
        </dl>
        <p className="mt-2 text-xs text-slate-500">Set with KITH_LLM_* and KITH_EMBEDDINGS_* (README); a change of embeddings model re-embeds in the background.</p>
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
