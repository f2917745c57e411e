import { getPrisma } from "../db/client";
import { AppError, twilioCodes } from "../errors";
import { readTraitGroupView, type TraitGroupView } from "./trait-group-view";

export type GetTraitGroupOptions = { storeId: string; name: string };

export async function getTraitGroup({ storeId, name }: GetTraitGroupOptions): Promise<TraitGroupView> {
  const view = await readTraitGroupView(await getPrisma(), storeId, name);
  if (!view) throw new AppError("not_found", `Trait group "${name}" not found`, { code: twilioCodes.traitGroupNotFound });
  return view;
}
