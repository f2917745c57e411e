import { Badge } from "@/components/ui/badge";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RoleBadge } from "@/components/ui/role-badge";
import { Cell, HeaderCell, Table, TableBody, TableHead } from "@/components/ui/table";
import type { ActionResult } from "@/lib/console/action-result";
import { formatDateTime } from "@/lib/console/format-date-time";
import type { UserView } from "@/lib/users/user-view";
import { ChangeRoleForm } from "./change-role-form";

type UserAction = (previous: ActionResult, formData: FormData) => Promise<ActionResult>;

export type UserTableProps = {
  users: UserView[];
  /** The signed-in admin: their own row cannot be demoted or disabled from here. */
  currentUserId: string | null;
  changeRoleAction: UserAction;
  setDisabledAction: UserAction;
};

export function UserTable({ users, currentUserId, changeRoleAction, setDisabledAction }: UserTableProps) {
  return (
    <Table caption="Console users">
      <TableHead>
        <HeaderCell>User</HeaderCell>
        <HeaderCell>Role</HeaderCell>
        <HeaderCell>Status</HeaderCell>
        <HeaderCell>Last sign-in</HeaderCell>
        <HeaderCell>Created</HeaderCell>
        <HeaderCell>
          <span className="sr-only">Actions</span>
        </HeaderCell>
      </TableHead>
      <TableBody>
        {users.map((user) => {
          const isSelf = user.id === currentUserId;
          const isDisabled = user.disabledAt !== null;
          return (
            <tr key={user.id} data-testid={`user-row-${user.email}`}>
              <Cell>
                <span className="block font-medium text-slate-900">
                  {user.email} {isSelf ? <span className="text-xs font-normal text-slate-500">(you)</span> : null}
                </span>
                {user.name ? <span className="text-xs text-slate-500">{user.name}</span> : null}
              </Cell>
              <Cell>{isSelf ? <RoleBadge role={user.role} /> : <ChangeRoleForm userId={user.id} email={user.email} role={user.role} action={changeRoleAction} />}</Cell>
              <Cell>{isDisabled ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</Cell>
              <Cell className="whitespace-nowrap">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : "Never"}</Cell>
              <Cell className="whitespace-nowrap">{formatDateTime(user.createdAt)}</Cell>
              <Cell className="text-right">
                {isSelf ? null : isDisabled ? (
                  <ConfirmDialog
                    triggerLabel="Enable"
                    triggerAccessibleLabel={`Enable ${user.email}`}
                    title={`Enable ${user.email}?`}
                    description={<p>They can sign in again with their existing password and role ({user.role}).</p>}
                    confirmLabel="Enable user"
                    tone="primary"
                    action={setDisabledAction}
                    fields={{ userId: user.id, disabled: "false" }}
                  />
                ) : (
                  <ConfirmDialog
                    triggerLabel="Disable"
                    triggerAccessibleLabel={`Disable ${user.email}`}
                    title={`Disable ${user.email}?`}
                    description={<p>They are signed out at their next click and cannot sign in until enabled again. Nothing they did is removed.</p>}
                    confirmLabel="Disable user"
                    action={setDisabledAction}
                    fields={{ userId: user.id, disabled: "true" }}
                  />
                )}
              </Cell>
            </tr>
          );
        })}
      </TableBody>
    </Table>
  );
}
