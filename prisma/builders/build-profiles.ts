import type { Identifier, Prisma, Profile, TraitValue } from "../../lib/db/generated/client";
import type { DbClient } from "../../lib/db/transaction";
import { newId } from "../../lib/ids";
import { systemActor, type Actor } from "../../lib/auth/actor";
import type { AuditEventInput } from "../../lib/audit/record-audit-event";
import { normalizeBuilderIdentifier } from "./normalize-builder-identifier";
import { recordAuditEvents } from "../../lib/audit/record-audit-event";

export type BuildIdentifierInput = {
  idType: string;
  /** Normalised by the type's config (a `whatsapp:` prefix is stripped, emails lowercased). */
  value: string;
  /** API, CONVERSATION, WEBHOOK, TRAIT_PROMOTION, MERGE, IMPORT; the profile's source by default. */
  source?: string;
  createdAt?: Date;
};

export type BuildProfileOptions = {
  storeId: string;
  id?: string;
  /** `{ Contact: { firstName: "Ada", lastName: "Byron" } }`: groups and traits the store declares. */
  traits?: Record<string, Record<string, Prisma.InputJsonValue>>;
  /** In arrival order. */
  identifiers?: BuildIdentifierInput[];
  /** "First Last" from the Contact traits by default. */
  displayName?: string | null;
  /** Where the traits (and identifiers without their own source) came from; IMPORT by default. */
  source?: string;
  createdAt?: Date;
  lastContactAt?: Date | null;
  actor?: Actor;
};

export type BuiltProfile = Profile & { identifiers: Identifier[]; traitValues: TraitValue[] };

function contactDisplayName(traits: BuildProfileOptions["traits"]): string | null {
  const contact = traits?.Contact ?? {};
  const name = [contact.firstName, contact.lastName].filter((part) => typeof part === "string" && part.trim()).join(" ");
  return name || null;
}

/**
 * Profiles of one store with their trait values and identifiers, written as profile creates (or
 * import rows) would: values normalised by the store's identifier configs, `isUnique` copied from
 * each config's `enforceUnique`, promoted traits (Contact.email …) also written as identifiers,
 * and a `profile.create` audit event each. One insert per table for the whole batch.
 */
export async function buildProfiles(db: DbClient, storeId: string, batch: Omit<BuildProfileOptions, "storeId">[]): Promise<BuiltProfile[]> {
  if (batch.length === 0) return [];
  const [configs, definitions] = await Promise.all([
    db.identifierConfig.findMany({ where: { storeId } }),
    db.traitDefinition.findMany({ where: { storeId }, select: { name: true, idTypePromotion: true, group: { select: { name: true } } } }),
  ]);
  const configByType = new Map(configs.map((config) => [config.idType, config]));
  const definitionByKey = new Map(definitions.map((definition) => [`${definition.group.name}.${definition.name}`, definition]));

  const profileRows: Prisma.ProfileCreateManyInput[] = [];
  const traitRows: Prisma.TraitValueCreateManyInput[] = [];
  const identifierRows: Prisma.IdentifierCreateManyInput[] = [];
  const audits: AuditEventInput[] = [];
  for (const options of batch) {
    const id = options.id ?? newId("profile");
    const createdAt = options.createdAt ?? new Date();
    const source = options.source ?? "IMPORT";
    const promoted: BuildIdentifierInput[] = [];
    for (const [groupName, values] of Object.entries(options.traits ?? {})) {
      for (const [traitName, value] of Object.entries(values)) {
        const definition = definitionByKey.get(`${groupName}.${traitName}`);
        if (!definition) throw new Error(`Store ${storeId} declares no trait ${groupName}.${traitName}`);
        traitRows.push({ storeId, profileId: id, groupName, traitName, value, source, updatedAt: createdAt });
        if (definition.idTypePromotion && typeof value === "string") promoted.push({ idType: definition.idTypePromotion, value, source: "TRAIT_PROMOTION" });
      }
    }
    const identifiers: { idType: string; value: string }[] = [];
    for (const input of [...(options.identifiers ?? []), ...promoted]) {
      const config = configByType.get(input.idType);
      if (!config) throw new Error(`Store ${storeId} has no identifier type "${input.idType}"`);
      const value = normalizeBuilderIdentifier(config.normalization, input.value);
      if (identifiers.some((seen) => seen.idType === input.idType && seen.value === value)) continue;
      identifierRows.push({
        storeId,
        id: newId("identifier"),
        profileId: id,
        idType: input.idType,
        value,
        isUnique: config.enforceUnique,
        source: input.source ?? source,
        // Arrival order is creation order: a millisecond apart when the caller gives no times.
        createdAt: input.createdAt ?? new Date(createdAt.getTime() + identifiers.length),
      });
      identifiers.push({ idType: input.idType, value });
    }
    const displayName = options.displayName !== undefined ? options.displayName : contactDisplayName(options.traits);
    profileRows.push({ storeId, id, displayName, lastContactAt: options.lastContactAt ?? null, createdAt, updatedAt: createdAt });
    audits.push({
      storeId,
      actor: options.actor ?? systemActor,
      action: "profile.create",
      resourceType: "profile",
      resourceId: id,
      after: { id, displayName, traits: options.traits ?? {}, identifiers },
    });
  }

  await db.profile.createMany({ data: profileRows });
  if (traitRows.length > 0) await db.traitValue.createMany({ data: traitRows });
  if (identifierRows.length > 0) await db.identifier.createMany({ data: identifierRows });
  await recordAuditEvents(db, audits);
  const built = await db.profile.findMany({
    where: { storeId, id: { in: profileRows.map((row) => row.id) } },
    include: { identifiers: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] }, traitValues: true },
  });
  const byId = new Map(built.map((profile) => [profile.id, profile]));
  return profileRows.map((row) => byId.get(row.id)!);
}
