import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";
import { formatDateTime } from "@/lib/console/format-date-time";
import { channels } from "@/lib/stores/store-schemas";
import type { StoreView } from "@/lib/stores/store-view";

function formatMinutes(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

function Setting({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid gap-1 py-3 sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className="text-sm text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

/** The store's id, as the API names it (read-only everywhere). */
export function StoreId({ id }: { id: string }) {
  return <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{id}</code>;
}

function YesNo({ value }: { value: boolean }) {
  return <Badge tone={value ? "green" : "neutral"}>{value ? "Yes" : "No"}</Badge>;
}

/** What a store is (not edited on this page): id, status, version, webhook token, identity merge mode. */
export function StoreFacts({ store, mergeMode, canEditIdentityRules }: { store: StoreView; mergeMode: "auto" | "review"; canEditIdentityRules: boolean }) {
  return (
    <Card title="Details">
      <dl className="divide-y divide-slate-100">
        <Setting label="Status">
          <Badge tone={store.status === "ACTIVE" ? "green" : "amber"}>{store.status}</Badge>
        </Setting>
        <Setting label="Version">
          <span data-testid="store-version">{store.version}</span>
        </Setting>
        <Setting label="Created">{formatDateTime(store.createdAt)}</Setting>
        <Setting label="Last changed">{formatDateTime(store.updatedAt)}</Setting>
        <Setting label="Identity merge mode">
          <Badge tone={mergeMode === "review" ? "amber" : "indigo"}>{mergeMode === "review" ? "Review" : "Auto"}</Badge>
          <p className="mt-1 text-xs text-slate-500">
            {mergeMode === "review" ? "Matches across profiles are proposed for an admin to approve in the merge queue." : "Profiles that share an identifier are merged at once."}{" "}
            {canEditIdentityRules ? (
              <Link href="/identity-rules" className="font-medium text-indigo-700 underline">
                Change it in Identity rules
              </Link>
            ) : (
              "Set in Identity rules (ADMIN)."
            )}
          </p>
        </Setting>
        <Setting label="Twilio webhook auth token">
          <Badge tone={store.twilioAuthTokenConfigured ? "green" : "neutral"}>{store.twilioAuthTokenConfigured ? "Set" : "Not set"}</Badge>
          <p className="mt-1 text-xs text-slate-500">
            Needed to check the signature of Twilio Messaging webhooks; never shown. Set it with <code>PATCH /v1/ControlPlane/Stores/{store.id}</code>.
          </p>
        </Setting>
      </dl>
    </Card>
  );
}

/** The editable settings, read-only (for roles below ADMIN). */
export function StoreSettingsView({ store }: { store: StoreView }) {
  return (
    <div className="space-y-6">
      <Card title="Store">
        <dl className="divide-y divide-slate-100">
          <Setting label="Name">{store.displayName}</Setting>
          <Setting label="Id">
            <StoreId id={store.id} />
          </Setting>
          <Setting label="Description">{store.description ?? <span className="text-slate-400">None</span>}</Setting>
        </dl>
      </Card>
      <Card title="Memory settings">
        <dl className="divide-y divide-slate-100">
          <Setting label="Auto-approve extracted observations">
            <YesNo value={store.autoApproveObservations} />
            <p className="mt-1 text-xs text-slate-500">When off, observations from extraction wait in the review queue.</p>
          </Setting>
          <Setting label="Write extracted traits">
            <YesNo value={store.allowExtractedTraits} />
            <p className="mt-1 text-xs text-slate-500">When off, trait candidates (name, email, phone) are only proposed.</p>
          </Setting>
          <Setting label="Screen communications">
            <YesNo value={store.screenCommunications} />
            <p className="mt-1 text-xs text-slate-500">When on, health, religion and other special-category sentences and card or bank numbers are removed from messages as they are stored.</p>
          </Setting>
        </dl>
      </Card>
      <Card title="Conversation timeouts" description="How long a conversation may go without a message before it becomes inactive, then closed (closing runs extraction).">
        <Table caption="Conversation timeouts per channel">
          <TableHead>
            <HeaderCell>Channel</HeaderCell>
            <HeaderCell>Inactive after</HeaderCell>
            <HeaderCell>Closed after</HeaderCell>
          </TableHead>
          <TableBody>
            {channels.map((channel) => (
              <tr key={channel}>
                <Cell className="font-medium text-slate-900">{channel}</Cell>
                <Cell>{formatMinutes(store.conversationTimeouts[channel].inactiveAfterMinutes)}</Cell>
                <Cell>{formatMinutes(store.conversationTimeouts[channel].closedAfterMinutes)}</Cell>
              </tr>
            ))}
          </TableBody>
        </Table>
      </Card>
    </div>
  );
}
