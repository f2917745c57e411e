import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { assertExpectedVersion } from "../versioning";
import type { IdentityResolutionSettingsInput } from "./identity-settings-schemas";
import { readIdentitySettingsView, type IdentityResolutionSettingsView } from "./identity-settings-view";
import { writeIdentitySettings } from "./write-identity-settings";

export type PutIdentityResolutionSettingsOptions = {
  storeId: string;
  settings: IdentityResolutionSettingsInput;
  /** From If-Match: the write fails (412) unless this is still the current version. */
  expectedVersion?: number;
  actor: Actor;
  requestId?: string;
};

/** Replaces the store's identity resolution settings as a whole, with optimistic concurrency. */
export async function putIdentityResolutionSettings({ storeId, settings, expectedVersion, actor, requestId }: PutIdentityResolutionSettingsOptions): Promise<IdentityResolutionSettingsView> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  return prisma.$transaction(async (tx) => {
    // Row lock: concurrent writers queue here, so the version check below cannot be raced.
    const locked = await tx.$queryRaw<{ version: number }[]>`
      SELECT "version" FROM "identity_resolution_settings" WHERE "storeId" = ${storeId} FOR UPDATE`;
    if (locked.length === 0) throw new AppError("not_found", "Identity resolution settings not found");
    assertExpectedVersion(locked[0].version, expectedVersion);
    const before = await readIdentitySettingsView(tx, storeId);
    await writeIdentitySettings(tx, storeId, settings, locked[0].version + 1);
    const after = (await readIdentitySettingsView(tx, storeId))!;
    await recordAuditEvent(tx, {
      storeId,
      actor,
      action: "identityResolutionSettings.update",
      resourceType: "identityResolutionSettings",
      resourceId: storeId,
      before,
      after,
      requestId,
    });
    return after;
  });
}
