import { z } from "zod";
import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import type { IdentityResolutionSettingsInput } from "./identity-settings-schemas";
import { readIdentitySettingsView } from "./identity-settings-view";
import { compareIdentitySettingsReplays, type DryRunReport, type ReplayRecord } from "./dry-run-identity-settings-core";

export const DRY_RUN_DEFAULT_RECORDS = 200;
export const DRY_RUN_MAX_RECORDS = 2000;

export const dryRunRecordCountSchema = z.number().int().min(1).max(DRY_RUN_MAX_RECORDS).default(DRY_RUN_DEFAULT_RECORDS);

export type DryRunIdentitySettingsOptions = {
  storeId: string;
  /** The edited settings, already validated by identityResolutionSettingsSchema. */
  settings: IdentityResolutionSettingsInput;
  /** How many of the latest resolution records to replay (default 200, at most 2,000). */
  recordCount?: number;
  actor: Actor;
};

export type DryRunIdentitySettingsResult = DryRunReport & {
  /** The settings version the "current" replay used: a save after the dry run should name it. */
  currentVersion: number;
  /** Records in the window whose stored input could not be read (left out of both replays). */
  unreadableRecordCount: number;
};

// What resolveRecord stores as a record's input (describeResolution): E's identifiers as received.
const recordedInputSchema = z.object({
  incoming: z.array(z.object({ idType: z.string(), value: z.string() })),
});

/**
 * Replays the store's latest resolution records (oldest first, from an empty store) under its
 * current settings and under the edited ones, and reports what would resolve differently. Reads
 * only: nothing is written, not even an audit event.
 */
export async function dryRunIdentitySettings({ storeId, settings, recordCount, actor }: DryRunIdentitySettingsOptions): Promise<DryRunIdentitySettingsResult> {
  requireRole(actor, "ADMIN");
  const take = dryRunRecordCountSchema.parse(recordCount);
  const prisma = await getPrisma();
  const current = await readIdentitySettingsView(prisma, storeId);
  if (!current) throw new AppError("not_found", "Identity resolution settings not found");
  const rows = await prisma.resolutionRecord.findMany({
    where: { storeId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, outcome: true, input: true, source: true, sourceRef: true, createdAt: true },
  });
  const records: ReplayRecord[] = [];
  let unreadableRecordCount = 0;
  for (const row of rows.reverse()) {
    const input = recordedInputSchema.safeParse(row.input);
    if (!input.success) {
      unreadableRecordCount++;
      continue;
    }
    records.push({
      id: row.id,
      incoming: input.data.incoming,
      // A lookup (an UNKNOWN participant) is recorded as NOT_FOUND or LOOKED_UP: it never created.
      createIfMissing: row.outcome !== "NOT_FOUND" && row.outcome !== "LOOKED_UP",
      createdAt: row.createdAt,
      source: row.source,
      sourceRef: row.sourceRef,
    });
  }
  const report = compareIdentitySettingsReplays({ records, currentSettings: current, editedSettings: settings });
  return { ...report, currentVersion: current.version, unreadableRecordCount };
}
