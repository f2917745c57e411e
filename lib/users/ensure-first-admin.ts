import { randomBytes } from "node:crypto";
import { getPrisma } from "../db/client";
import { newId } from "../ids";
import { recordAuditEvent } from "../audit/record-audit-event";
import { systemActor } from "../auth/actor";
import { hashPassword } from "../auth/passwords";

export type FirstAdminResult =
  | { status: "exists" }
  | { status: "created"; email: string; generatedPassword: string | null };

export const DEFAULT_ADMIN_EMAIL = "admin@kith.local";

/**
 * Creates the first admin when there is no user yet: from KITH_ADMIN_EMAIL / KITH_ADMIN_PASSWORD,
 * or with a generated password that the caller prints once (it is stored only as a hash).
 */
export async function ensureFirstAdmin(options: { email?: string; password?: string }): Promise<FirstAdminResult> {
  const prisma = await getPrisma();
  if ((await prisma.user.count()) > 0) return { status: "exists" };
  const email = (options.email ?? DEFAULT_ADMIN_EMAIL).trim().toLowerCase();
  const generatedPassword = options.password ? null : randomBytes(12).toString("base64url");
  const passwordHash = await hashPassword(options.password ?? generatedPassword!);
  await prisma.$transaction(async (tx) => {
    const user = await tx.user.create({ data: { id: newId("user"), email, name: "Administrator", role: "ADMIN", passwordHash } });
    await recordAuditEvent(tx, { storeId: null, actor: systemActor, action: "user.create", resourceType: "user", resourceId: user.id, after: { email, role: "ADMIN" } });
  });
  return { status: "created", email, generatedPassword };
}
