import { randomBytes } from "node:crypto";
import type { Prisma, Store } from "../../lib/db/generated/client";
import type { DbClient, Tx } from "../../lib/db/transaction";
import { newId } from "../../lib/ids";
import { systemActor, type Actor } from "../../lib/auth/actor";
import { recordAuditEvent } from "../../lib/audit/record-audit-event";
import { defaultIdentitySettings } from "../../lib/identity/default-identity-settings";
import type { IdentityResolutionSettingsInput } from "../../lib/identity/identity-settings-schemas";
import { writeIdentitySettings } from "../../lib/identity/write-identity-settings";
import { defaultTraitGroups } from "../../lib/traits/default-trait-groups";
import { insertTraitGroup } from "../../lib/traits/insert-trait-group";
import type { TraitGroupCreateInput } from "../../lib/traits/trait-schemas";
import { defaultConversationTimeouts, type ConversationTimeouts } from "../../lib/stores/store-schemas";
import { toStoreView } from "../../lib/stores/store-view";

export type BuildStoreOverrides = {
  id?: string;
  /** Unique across the database; a random `store-<hex>` name by default. */
  displayName?: string;
  description?: string | null;
  autoApproveObservations?: boolean;
  allowExtractedTraits?: boolean;
  screenCommunications?: boolean;
  conversationTimeouts?: Partial<ConversationTimeouts>;
  twilioAuthToken?: string | null;
  /** SPEC §4's defaults unless given. */
  identitySettings?: IdentityResolutionSettingsInput;
  /** The default `Contact` group unless given. */
  traitGroups?: TraitGroupCreateInput[];
  createdAt?: Date;
  actor?: Actor;
};

/**
 * A store exactly as createStore makes one (default identity settings, the `Contact` group, a
 * `store.create` audit event), but written through `db`, so a seed can build a store and its
 * data in one transaction. Pass a transaction for atomicity; the root client works for tests.
 */
export async function buildStore(db: DbClient, overrides: BuildStoreOverrides = {}): Promise<Store> {
  // The identity and trait helpers take a transaction; the root client offers the same methods.
  const tx = db as Tx;
  const store = await tx.store.create({
    data: {
      id: overrides.id ?? newId("store"),
      displayName: overrides.displayName ?? `store-${randomBytes(5).toString("hex")}`,
      description: overrides.description ?? null,
      autoApproveObservations: overrides.autoApproveObservations ?? false,
      allowExtractedTraits: overrides.allowExtractedTraits ?? false,
      screenCommunications: overrides.screenCommunications ?? true,
      conversationTimeouts: { ...defaultConversationTimeouts, ...overrides.conversationTimeouts } as Prisma.InputJsonValue,
      twilioAuthToken: overrides.twilioAuthToken ?? null,
      ...(overrides.createdAt ? { createdAt: overrides.createdAt, updatedAt: overrides.createdAt } : {}),
    },
  });
  await writeIdentitySettings(tx, store.id, overrides.identitySettings ?? defaultIdentitySettings, 1);
  for (const group of overrides.traitGroups ?? defaultTraitGroups) await insertTraitGroup(tx, store.id, group);
  await recordAuditEvent(tx, {
    storeId: store.id,
    actor: overrides.actor ?? systemActor,
    action: "store.create",
    resourceType: "store",
    resourceId: store.id,
    after: toStoreView(store),
  });
  return store;
}
