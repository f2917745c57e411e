import type { Profile, TraitValue as TraitValueRow } from "../db/generated/client";
import type { TraitValue } from "../traits/validate-trait-values";

/** `{ Contact: { firstName: "Ada" } }`, as Twilio nests a profile's traits. */
export type ProfileTraits = Record<string, Record<string, TraitValue>>;

/**
 * Twilio's Profile (`id`, `createdAt`, `traits`) plus Kith's additions: `updatedAt`, the
 * `displayName` the console lists by, and when the customer last talked to the business.
 */
export type ProfileView = {
  id: string;
  createdAt: Date;
  traits: ProfileTraits;
  updatedAt: Date;
  displayName: string | null;
  lastContactAt: Date | null;
};

type TraitRow = Pick<TraitValueRow, "groupName" | "traitName" | "value">;

/** Groups and traits in name order, so the same profile always reads the same. */
export function toProfileTraits(rows: readonly TraitRow[]): ProfileTraits {
  const traits: ProfileTraits = {};
  const sorted = [...rows].sort((a, b) => a.groupName.localeCompare(b.groupName) || a.traitName.localeCompare(b.traitName));
  for (const row of sorted) (traits[row.groupName] ??= {})[row.traitName] = row.value as TraitValue;
  return traits;
}

export function toProfileView(profile: Profile, traitRows: readonly TraitRow[]): ProfileView {
  return {
    id: profile.id,
    createdAt: profile.createdAt,
    traits: toProfileTraits(traitRows),
    updatedAt: profile.updatedAt,
    displayName: profile.displayName,
    lastContactAt: profile.lastContactAt,
  };
}
