import { getPrisma } from "../db/client";
import type { Role } from "../db/generated/enums";
import { verifyPassword } from "../auth/passwords";
import { recordAuditEvent } from "../audit/record-audit-event";

export type AuthenticatedUser = { id: string; email: string; name: string | null; role: Role };

/** The enabled user with this email and password, or null (never says which part was wrong). */
export async function authenticateUser(email: string, password: string): Promise<AuthenticatedUser | null> {
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.disabledAt || !(await verifyPassword(password, user.passwordHash))) return null;
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    const actor = { type: "USER" as const, id: user.id, label: user.email, role: user.role, storeId: null };
    await recordAuditEvent(tx, { storeId: null, actor, action: "user.login", resourceType: "user", resourceId: user.id });
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
