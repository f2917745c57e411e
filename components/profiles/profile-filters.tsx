import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { Channel } from "@/lib/db/generated/enums";

const channelLabels: Record<Channel, string> = { SMS: "SMS", VOICE: "Voice", RCS: "RCS", WHATSAPP: "WhatsApp", EMAIL: "Email", CHAT: "Chat" };

export function channelLabel(channel: Channel): string {
  return channelLabels[channel];
}

export type ProfileFilterValues = { q?: string; channel?: Channel; pending?: "1"; merged?: "1" };

/** Search and filters for the profile list: a plain GET form, so the state lives in the URL. */
export function ProfileFilters({ q, channel, pending, merged }: ProfileFilterValues) {
  const isFiltered = Boolean(q || channel || pending || merged);
  return (
    <form method="get" action="/profiles" className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" role="search" aria-label="Search profiles">
      <Field
        id="q"
        label="Search"
        className="min-w-64 flex-1"
        hint="A name, a trait value, a profile id, or any identifier however it is written: (415) 555-0123 finds +14155550123, Ada@Example.com finds ada@example.com."
      >
        <Input id="q" name="q" type="search" defaultValue={q} placeholder="Name, phone, email, trait…" autoComplete="off" hasHint maxLength={200} />
      </Field>
      <Field id="channel" label="Channel" className="w-40">
        <Select id="channel" name="channel" defaultValue={channel ?? ""}>
          <option value="">Any channel</option>
          {(Object.keys(channelLabels) as Channel[]).map((value) => (
            <option key={value} value={value}>
              {channelLabels[value]}
            </option>
          ))}
        </Select>
      </Field>
      <div className="flex flex-col gap-2 pb-1 text-sm text-slate-800">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="pending" value="1" defaultChecked={pending === "1"} className="size-4 rounded border-slate-300" />
          Has observations to review
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="merged" value="1" defaultChecked={merged === "1"} className="size-4 rounded border-slate-300" />
          Has merged profiles
        </label>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={buttonClasses("primary")}>
          Search
        </button>
        {isFiltered ? (
          <Link href="/profiles" className={buttonClasses("secondary")}>
            Clear
          </Link>
        ) : null}
      </div>
    </form>
  );
}
