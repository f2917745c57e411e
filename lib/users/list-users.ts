import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { toUserView, type UserView } from "./user-view";

export type ListUsersOptions = { actor: Actor };

export async function listUsers({ actor }: ListUsersOptions): Promise<UserView[]> {
  requireRole(actor, "ADMIN");
  if (actor.storeId !== null) throw new AppError("forbidden", "Only an all-stores admin can manage users");
  const prisma = await getPrisma();
  return (await prisma.user.findMany({ orderBy: { createdAt: "asc" } })).map(toUserView);
}
