"use client";

import { queryOptions, useQuery } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { recallPlaygroundAction, type RecallPlaygroundInput } from "@/app/(console)/profiles/[profileId]/actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { Ranked } from "@/lib/recall/recall-views";
import { formatDateTime } from "@/lib/console/format-date-time";

/** One recall per profile and settings; a repeated query is answered from the cache for a while. */
export function recallPlaygroundQuery(input: RecallPlaygroundInput) {
  return queryOptions({
    queryKey: ["recall-playground", input.profileId, input.query, input.searchCommunications, input.relevanceThreshold],
    queryFn: async () => {
      const result = await recallPlaygroundAction(input);
      if (result.status !== "success") throw new Error(result.status === "error" ? result.message : "Recall did not answer");
      return result.data;
    },
    staleTime: 10_000,
    retry: false,
  });
}

function Explanation({ item }: { item: Ranked }) {
  if (item.score === undefined) return null;
  const parts = item.explain;
  return (
    <p className="mt-1 flex flex-wrap gap-1.5 text-xs text-slate-600" data-testid="recall-explain">
      <Badge tone="indigo">score {item.score.toFixed(3)}</Badge>
      {parts ? (
        <>
          <span>lexical {parts.lexical.toFixed(3)}</span>·<span>semantic {parts.semantic === null ? "—" : parts.semantic.toFixed(3)}</span>·<span>recency {parts.recency.toFixed(3)}</span>·
          <span>fused {parts.fused.toFixed(3)}</span>
        </>
      ) : null}
    </p>
  );
}

/** Type a query, see what recall returns for this customer, ranked and explained (POST …/Recall with explain). */
export function RecallPlayground({ profileId }: { profileId: string }) {
  const formId = useId();
  const [text, setText] = useState("");
  const [searchCommunications, setSearchCommunications] = useState(true);
  const [submitted, setSubmitted] = useState<RecallPlaygroundInput | null>(null);
  const recall = useQuery({ ...recallPlaygroundQuery(submitted ?? { profileId, query: "", searchCommunications: false, relevanceThreshold: 0 }), enabled: submitted !== null });

  function run(event: FormEvent) {
    event.preventDefault();
    setSubmitted({ profileId, query: text, searchCommunications, relevanceThreshold: 0 });
  }

  const data = recall.data;
  return (
    <div className="space-y-4">
      <form onSubmit={run} className="flex flex-wrap items-end gap-3" aria-label="Recall playground">
        <Field id={`${formId}-query`} label="Query" className="min-w-64 flex-1" hint="What an agent would ask about this customer. Blank lists the newest memories, unranked.">
          <Input id={`${formId}-query`} name="query" value={text} onChange={(event) => setText(event.target.value)} maxLength={1024} hasHint autoComplete="off" />
        </Field>
        <label className="flex items-center gap-2 pb-2 text-sm text-slate-800">
          <input type="checkbox" checked={searchCommunications} onChange={(event) => setSearchCommunications(event.target.checked)} className="size-4 rounded border-slate-300" />
          Also search messages
        </label>
        <Button type="submit" disabled={recall.isFetching}>
          {recall.isFetching ? "Recalling…" : "Recall"}
        </Button>
      </form>
      {recall.isError ? <Alert tone="error">{recall.error.message}</Alert> : null}
      {data ? (
        <div className="space-y-4" data-testid="recall-results" aria-live="polite">
          <p className="text-xs text-slate-500">
            {data.meta.query ? `Ranked for “${data.meta.query}”` : "Newest first, unranked"} · {data.meta.queryTime} ms
          </p>
          <section aria-label="Recalled observations">
            <h3 className="text-sm font-semibold text-slate-900">Observations ({data.observations.length})</h3>
            <ol className="mt-1 space-y-2">
              {data.observations.map((item) => (
                <li key={item.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
                  <span className="text-slate-900">{item.content}</span> <Badge>{item.status.toLowerCase()}</Badge>
                  <Explanation item={item} />
                </li>
              ))}
              {data.observations.length === 0 ? <li className="text-xs text-slate-500">None</li> : null}
            </ol>
          </section>
          <section aria-label="Recalled summaries">
            <h3 className="text-sm font-semibold text-slate-900">Summaries ({data.summaries.length})</h3>
            <ol className="mt-1 space-y-2">
              {data.summaries.map((item) => (
                <li key={item.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
                  {item.content}
                  <Explanation item={item} />
                </li>
              ))}
              {data.summaries.length === 0 ? <li className="text-xs text-slate-500">None</li> : null}
            </ol>
          </section>
          <section aria-label="Recalled messages">
            <h3 className="text-sm font-semibold text-slate-900">Messages ({data.communications.length})</h3>
            <ol className="mt-1 space-y-2">
              {data.communications.map((item) => (
                <li key={item.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm">
                  <p className="text-xs text-slate-500">
                    {item.author.name ?? item.author.type?.toLowerCase() ?? "unknown"} · {formatDateTime(item.occurredAt)}
                  </p>
                  {item.content.text}
                  <Explanation item={item} />
                </li>
              ))}
              {data.communications.length === 0 ? <li className="text-xs text-slate-500">None</li> : null}
            </ol>
          </section>
        </div>
      ) : null}
    </div>
  );
}
