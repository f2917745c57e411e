import { AppError } from "../errors";
import type { Role } from "../db/generated/enums";
import type { Actor } from "./actor";

export const roles = ["ADMIN", "SUPERVISOR", "AGENT"] as const satisfies readonly Role[];

const roleRank: Record<Role, number> = { AGENT: 1, SUPERVISOR: 2, ADMIN: 3 };

/** ADMIN ⊃ SUPERVISOR ⊃ AGENT. */
export function hasRole(actor: Pick<Actor, "role">, minimum: Role): boolean {
  return roleRank[actor.role] >= roleRank[minimum];
}

export function requireRole(actor: Pick<Actor, "role">, minimum: Role): void {
  if (!hasRole(actor, minimum)) throw new AppError("forbidden", `This action needs the ${minimum} role`);
}

/** A store-scoped key sees only its own store; everything else is "not found", never "forbidden". */
export function canAccessStore(actor: Pick<Actor, "storeId">, storeId: string): boolean {
  return actor.storeId === null || actor.storeId === storeId;
}
