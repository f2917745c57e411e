import type { ActorType, Role } from "../db/generated/enums";

/**
 * Whoever asks: a console user, an API key, or Kith itself. `storeId` is the key's scope; null
 * means every store (users and all-store keys).
 */
export type Actor = {
  type: ActorType;
  id: string | null;
  label: string;
  role: Role;
  storeId: string | null;
};

export const systemActor: Actor = { type: "SYSTEM", id: null, label: "system", role: "ADMIN", storeId: null };
