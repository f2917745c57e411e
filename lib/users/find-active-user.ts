import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";

/** The actor for a signed-in console user, read fresh so role changes and disabling apply at once. */
export async function findActiveUserActor(userId: string): Promise<Actor | null> {
  const prisma = await getPrisma();
  const user = await prisma.user.findUnique({ where: { id: userId } });
  if (!user || user.disabledAt) return null;
  return { type: "USER", id: user.id, label: user.email, role: user.role, storeId: null };
}
