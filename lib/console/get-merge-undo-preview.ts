import { z } from "zod";
import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { AppError } from "../errors";
import { isIdOf } from "../ids";

/** What undoing an applied merge brings back, for the confirmation before it. */
export type MergeUndoPreview = {
  mergeId: string;
  sourceProfileId: string;
  survivorProfileId: string;
  /** The folded-in profile's name when it was merged. */
  sourceName: string | null;
  /** Its identifiers as they were, in arrival order. */
  identifiers: { idType: string; value: string }[];
  traitCount: number;
  observationCount: number;
  summaryCount: number;
  /** Conversations it took part in when it was merged (later ones through its identifiers follow too). */
  conversationCount: number;
  /** Why undo would be refused now (the survivor merged again since), or null. */
  blockedReason: string | null;
};

// The parts of the snapshot lib/identity/merge-profile-into.ts stores that the preview reads.
const snapshotSchema = z.object({
  source: z.object({
    profile: z.object({ displayName: z.string().nullable().optional() }),
    identifiers: z.array(z.object({ idType: z.string(), value: z.string() })),
    traitValues: z.array(z.unknown()),
  }),
  movedIds: z.object({ observationIds: z.array(z.string()), summaryIds: z.array(z.string()), participantIds: z.array(z.string()) }),
});

export type GetMergeUndoPreviewOptions = { storeId: string; mergeId: string; actor: Actor };

/**
 * From an APPLIED merge's undo snapshot (ADMIN): the folded-in profile's name and identifiers, and
 * how many traits, observations, summaries and conversations come back with it; and whether undo
 * would be refused now because the survivor was merged into another profile since (undo that
 * first), as lib/merges/undo-merge.ts decides. Unknown, other stores' and undecided merges are
 * "not found" / "conflict" as undo would answer.
 */
export async function getMergeUndoPreview({ storeId, mergeId, actor }: GetMergeUndoPreviewOptions): Promise<MergeUndoPreview> {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  const merge = isIdOf("merge", mergeId) ? await prisma.merge.findUnique({ where: { storeId_id: { storeId, id: mergeId } } }) : null;
  if (!merge) throw new AppError("not_found", `Merge ${mergeId} not found`);
  const snapshot = merge.status === "APPLIED" ? snapshotSchema.safeParse(merge.undoData) : null;
  if (!snapshot?.success) throw new AppError("conflict", `Merge ${mergeId} is ${merge.status}: only an applied merge can be undone`);
  const { source, movedIds } = snapshot.data;

  const [survivor, survivorAlias, conversations] = await Promise.all([
    prisma.profile.findUnique({ where: { storeId_id: { storeId, id: merge.survivorProfileId } }, select: { id: true } }),
    prisma.profileAlias.findUnique({ where: { storeId_aliasId: { storeId, aliasId: merge.survivorProfileId } }, select: { profileId: true, mergeId: true } }),
    movedIds.participantIds.length
      ? prisma.participant.findMany({ where: { storeId, id: { in: movedIds.participantIds } }, distinct: ["conversationId"], select: { conversationId: true } })
      : [],
  ]);
  const blockedReason = survivor
    ? null
    : survivorAlias
      ? `${merge.survivorProfileId} was merged into ${survivorAlias.profileId} since (merge ${survivorAlias.mergeId}): undo that merge first.`
      : `${merge.survivorProfileId} no longer exists.`;

  return {
    mergeId: merge.id,
    sourceProfileId: merge.sourceProfileId,
    survivorProfileId: merge.survivorProfileId,
    sourceName: source.profile.displayName ?? null,
    identifiers: source.identifiers.map(({ idType, value }) => ({ idType, value })),
    traitCount: source.traitValues.length,
    observationCount: movedIds.observationIds.length,
    summaryCount: movedIds.summaryIds.length,
    conversationCount: conversations.length,
    blockedReason,
  };
}
