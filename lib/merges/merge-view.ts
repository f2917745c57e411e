import type { Merge } from "../db/generated/client";

/** A merge as the API and console show it (the undo snapshot stays internal). */
export type MergeView = Omit<Merge, "undoData" | "storeId"> & { undoable: boolean };

export function toMergeView(merge: Merge): MergeView {
  const { undoData, storeId: _storeId, ...view } = merge;
  void _storeId;
  return { ...view, undoable: merge.status === "APPLIED" && undoData !== null };
}
