import type { Metadata } from "next";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CreateUserForm } from "@/components/users/create-user-form";
import { UserTable } from "@/components/users/user-table";
import { listUsers } from "@/lib/users/list-users";
import { requireConsoleUser } from "../console-session";
import { changeUserRoleAction, createUserAction, setUserDisabledAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

// Users (ADMIN): list, add, change role, disable / enable.
export default async function UsersPage() {
  const { user, area, isAllowed } = await requireConsoleUser("users");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const users = await listUsers({ actor: user.actor });
  return (
    <>
      <PageHeader title={area.label} description={area.description} />
      <div className="space-y-8">
        <Card title="Add a user" description="AGENT opens profiles and handoffs; SUPERVISOR also reviews and audits; ADMIN manages everything.">
          <CreateUserForm action={createUserAction} />
        </Card>
        <UserTable users={users} currentUserId={user.actor.id} changeRoleAction={changeUserRoleAction} setDisabledAction={setUserDisabledAction} />
      </div>
    </>
  );
}
