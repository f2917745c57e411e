import type { ActionResult } from "@/lib/console/action-result";
import type { ApiKeyView } from "@/lib/auth/api-key-view";
import { formatDateTime } from "@/lib/console/format-date-time";
import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RoleBadge } from "@/components/ui/role-badge";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";

export type ApiKeyTableProps = {
  keys: ApiKeyView[];
  /** Store names by id, to show a key's scope by name. */
  storeNames: Record<string, string>;
  revokeAction: (previous: ActionResult, formData: FormData) => Promise<ActionResult>;
};

export function ApiKeyTable({ keys, storeNames, revokeAction }: ApiKeyTableProps) {
  return (
    <Table caption="API keys">
      <TableHead>
        <HeaderCell>Name</HeaderCell>
        <HeaderCell>Key id</HeaderCell>
        <HeaderCell>Role</HeaderCell>
        <HeaderCell>Scope</HeaderCell>
        <HeaderCell>Created</HeaderCell>
        <HeaderCell>Last used</HeaderCell>
        <HeaderCell>Status</HeaderCell>
        <HeaderCell>
          <span className="sr-only">Actions</span>
        </HeaderCell>
      </TableHead>
      <TableBody>
        {keys.map((key) => (
          <tr key={key.id} data-testid={`api-key-row-${key.id}`}>
            <Cell className="font-medium text-slate-900">{key.name}</Cell>
            <Cell>
              <code className="text-xs">{key.id}</code>
            </Cell>
            <Cell>
              <RoleBadge role={key.role} />
            </Cell>
            <Cell>{key.storeId ? (storeNames[key.storeId] ?? key.storeId) : <Badge tone="indigo">All stores</Badge>}</Cell>
            <Cell>{formatDateTime(key.createdAt)}</Cell>
            <Cell>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : "Never"}</Cell>
            <Cell>
              {key.revokedAt ? (
                <>
                  <Badge tone="red">Revoked</Badge>
                  <span className="mt-1 block text-xs text-slate-500">{formatDateTime(key.revokedAt)}</span>
                </>
              ) : (
                <Badge tone="green">Active</Badge>
              )}
            </Cell>
            <Cell className="text-right">
              {key.revokedAt ? null : (
                <ConfirmDialog
                  triggerLabel="Revoke"
                  triggerAccessibleLabel={`Revoke key ${key.name}`}
                  title={`Revoke “${key.name}”?`}
                  description={
                    <p>
                      Calls made with <code className="text-xs">{key.id}</code> will be refused at once (401). This cannot be undone: a
                      client that still needs access needs a new key.
                    </p>
                  }
                  confirmLabel="Revoke key"
                  action={revokeAction}
                  fields={{ keyId: key.id }}
                />
              )}
            </Cell>
          </tr>
        ))}
      </TableBody>
    </Table>
  );
}
