import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { channelLabel } from "@/components/profiles/profile-filters";
import { Channel, ConversationStatus } from "@/lib/db/generated/enums";
import { conversationStatusLabel } from "./conversation-status-badge";

export type ConversationFilterValues = { channel?: Channel; status?: ConversationStatus; from?: string; to?: string };

/** Channel, status and the days a conversation was active on: a plain GET form, so the state lives in the URL. */
export function ConversationFilters({ channel, status, from, to, error }: ConversationFilterValues & { error?: { field: "from" | "to"; message: string } }) {
  const isFiltered = Boolean(channel || status || from || to);
  return (
    <form method="get" action="/conversations" className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" role="search" aria-label="Filter conversations">
      <Field id="channel" label="Channel" className="w-40">
        <Select id="channel" name="channel" defaultValue={channel ?? ""}>
          <option value="">Any channel</option>
          {Object.values(Channel).map((value) => (
            <option key={value} value={value}>
              {channelLabel(value)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="status" label="Status" className="w-40">
        <Select id="status" name="status" defaultValue={status ?? ""}>
          <option value="">Any status</option>
          {Object.values(ConversationStatus).map((value) => (
            <option key={value} value={value}>
              {conversationStatusLabel(value)}
            </option>
          ))}
        </Select>
      </Field>
      <Field id="from" label="Last activity from" className="w-44" error={error?.field === "from" ? error.message : undefined}>
        <Input id="from" name="from" type="date" defaultValue={from} invalid={error?.field === "from"} />
      </Field>
      <Field id="to" label="Last activity until" className="w-44" error={error?.field === "to" ? error.message : undefined}>
        <Input id="to" name="to" type="date" defaultValue={to} invalid={error?.field === "to"} />
      </Field>
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          Filter
        </button>
        {isFiltered ? (
          <Link href="/conversations" className={buttonClasses("secondary")}>
            Clear
          </Link>
        ) : null}
      </div>
      <p className="basis-full text-xs text-slate-500">Dates are UTC days, both included: a conversation is listed when its latest message falls between them.</p>
    </form>
  );
}
