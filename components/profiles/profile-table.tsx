import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { focusRing } from "@/components/ui/class-names";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";
import type { ConsoleProfileRow } from "@/lib/console/search-console-profiles";
import { formatDateTime } from "@/lib/console/format-date-time";
import { channelLabel } from "./profile-filters";

/** How many identifier types a row lists before "+ n more". */
const SHOWN_IDENTIFIER_TYPES = 3;

/** One page of profiles; the name opens the profile. */
export function ProfileTable({ profiles }: { profiles: ConsoleProfileRow[] }) {
  return (
    <Table caption="Profiles, newest first">
      <TableHead>
        <HeaderCell>Name</HeaderCell>
        <HeaderCell>Main identifiers</HeaderCell>
        <HeaderCell>Channels</HeaderCell>
        <HeaderCell>Last contact</HeaderCell>
        <HeaderCell className="text-right">Observations</HeaderCell>
      </TableHead>
      <TableBody>
        {profiles.map((profile) => {
          const more = profile.identifiers.length - SHOWN_IDENTIFIER_TYPES;
          return (
            <tr key={profile.id} data-testid={`profile-row-${profile.id}`} className="hover:bg-slate-50">
              <Cell>
                <Link href={`/profiles/${profile.id}`} className={`font-medium text-indigo-700 hover:underline ${focusRing}`}>
                  {profile.displayName ?? "Unnamed profile"}
                </Link>
                <p className="mt-0.5 font-mono text-xs text-slate-500">{profile.id}</p>
                {profile.mergedProfileCount > 0 ? (
                  <p className="mt-1 text-xs text-slate-500">
                    {profile.mergedProfileCount} merged {profile.mergedProfileCount === 1 ? "profile" : "profiles"}
                  </p>
                ) : null}
              </Cell>
              <Cell>
                {profile.identifiers.length === 0 ? (
                  <span className="text-slate-400">None</span>
                ) : (
                  <ul className="space-y-0.5">
                    {profile.identifiers.slice(0, SHOWN_IDENTIFIER_TYPES).map((identifier) => (
                      <li key={identifier.idType} className="flex items-baseline gap-2">
                        <span className="w-16 shrink-0 text-xs uppercase tracking-wide text-slate-500">{identifier.idType}</span>
                        <span className="font-mono text-xs text-slate-800">{identifier.value}</span>
                        {identifier.count > 1 ? <span className="text-xs text-slate-500">+{identifier.count - 1}</span> : null}
                      </li>
                    ))}
                    {more > 0 ? <li className="text-xs text-slate-500">+ {more} more {more === 1 ? "type" : "types"}</li> : null}
                  </ul>
                )}
              </Cell>
              <Cell>
                <div className="flex flex-wrap gap-1">
                  {profile.channels.length === 0 ? <span className="text-slate-400">—</span> : profile.channels.map((channel) => <Badge key={channel}>{channelLabel(channel)}</Badge>)}
                </div>
              </Cell>
              <Cell className="whitespace-nowrap">{formatDateTime(profile.lastContactAt)}</Cell>
              <Cell className="text-right">
                <span className="tabular-nums">{profile.observationCount}</span>
                {profile.pendingObservationCount > 0 ? (
                  <div className="mt-1">
                    <Badge tone="amber">{profile.pendingObservationCount} to review</Badge>
                  </div>
                ) : null}
              </Cell>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}
