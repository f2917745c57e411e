import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { hashPassword } from "../auth/passwords";
import type { UserUpdateInput } from "./user-schemas";
import { toUserView, type UserView } from "./user-view";

export type UpdateUserOptions = UserUpdateInput & { userId: string; actor: Actor; requestId?: string };

/** Changes a user's name, role, password or disabled state; the last active admin stays an admin. */
export async function updateUser({ userId, name, role, disabled, password, actor, requestId }: UpdateUserOptions): Promise<UserView> {
  requireRole(actor, "ADMIN");
  if (actor.storeId !== null) throw new AppError("forbidden", "Only an all-stores admin can manage users");
  const prisma = await getPrisma();
  const passwordHash = password ? await hashPassword(password) : undefined;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new AppError("not_found", "User not found");
    const losesAdmin = user.role === "ADMIN" && !user.disabledAt && ((role && role !== "ADMIN") || disabled === true);
    if (losesAdmin) {
      const otherAdmins = await tx.user.count({ where: { role: "ADMIN", disabledAt: null, id: { not: userId } } });
      if (otherAdmins === 0) throw new AppError("conflict", "This is the last active admin: make another admin first");
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: {
        name: name === undefined ? undefined : name || null,
        role,
        passwordHash,
        disabledAt: disabled === undefined ? undefined : disabled ? (user.disabledAt ?? new Date()) : null,
      },
    });
    await recordAuditEvent(tx, {
      storeId: null,
      actor,
      action: "user.update",
      resourceType: "user",
      resourceId: userId,
      before: toUserView(user),
      after: toUserView(updated),
      requestId,
    });
    return toUserView(updated);
  });
}
