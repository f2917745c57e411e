import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { hashPassword } from "../auth/passwords";
import type { UserCreateInput } from "./user-schemas";
import { toUserView, type UserView } from "./user-view";

export type CreateUserOptions = UserCreateInput & { actor: Actor; requestId?: string };

/** Creates a console user (ADMIN only); the email is the login and must be new. */
export async function createUser({ email: rawEmail, name, role, password, actor, requestId }: CreateUserOptions): Promise<UserView> {
  requireRole(actor, "ADMIN");
  // Logins are case-insensitive: one spelling is stored, whoever calls (console, CLI, tests).
  const email = rawEmail.trim().toLowerCase();
  if (actor.storeId !== null) throw new AppError("forbidden", "Only an all-stores admin can manage users");
  const prisma = await getPrisma();
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new AppError("conflict", "A user with this email already exists", { details: [{ path: "email", message: "already taken" }] });
    }
    const user = await tx.user.create({ data: { id: newId("user"), email, name: name || null, role, passwordHash } });
    await recordAuditEvent(tx, { storeId: null, actor, action: "user.create", resourceType: "user", resourceId: user.id, after: toUserView(user), requestId });
    return toUserView(user);
  });
}
