import { getPrisma } from "../db/client";
import type { Channel, ObservationStatus, ParticipantType } from "../db/generated/enums";
import { readIdentitySettingsView } from "../identity/identity-settings-view";
import { listMerges } from "../merges/list-merges";
import type { MergeView } from "../merges/merge-view";
import { toObservationRevisionView, toObservationView, type ObservationRevisionView, type ObservationView } from "../observations/observation-view";
import { findProfileOrThrow } from "../profiles/find-profile-or-throw";
import { listProfileResolutions, type ProfileResolutionView } from "../profiles/list-profile-resolutions";
import { loadTraitGroups } from "../profiles/load-trait-groups";
import { toSummaryView, type SummaryView } from "../summaries/summary-view";
import type { TraitDefinitionInput } from "../traits/trait-schemas";
import type { TraitValue } from "../traits/validate-trait-values";

/** How much of a profile's history the page shows at once (the API pages through all of it). */
export const PROFILE_DETAIL_LIMITS = { observations: 100, summaries: 20, conversations: 10, messagesPerConversation: 30, merges: 50 } as const;

export type ConsoleTrait = { name: string; definition: TraitDefinitionInput; value: TraitValue | undefined; source: string | null; updatedAt: Date | null };
export type ConsoleTraitGroup = { name: string; description: string | null; traits: ConsoleTrait[] };
export type ConsoleIdentifier = { id: string; idType: string; value: string; source: string; createdAt: Date };
export type ConsoleMessage = {
  id: string;
  conversationId: string;
  content: string;
  occurredAt: Date;
  authorName: string | null;
  authorType: ParticipantType | null;
  authorAddress: string | null;
  /** The message's author is this profile. */
  isFromProfile: boolean;
};
export type ConsoleObservation = ObservationView & { revisions: ObservationRevisionView[]; sourceMessages: ConsoleMessage[] };
export type ConsoleConversation = {
  id: string;
  channel: Channel;
  status: string;
  createdAt: Date;
  lastActivityAt: Date;
  closedAt: Date | null;
  messageCount: number;
  /** The latest messages, oldest first. */
  messages: ConsoleMessage[];
};

export type ConsoleProfileDetail = {
  id: string;
  displayName: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastContactAt: Date | null;
  /** Every declared group with every declared trait, set or not; values the schema no longer declares last. */
  traitGroups: ConsoleTraitGroup[];
  /** In matching-rule priority, then arrival order. */
  identifiers: ConsoleIdentifier[];
  identifierTypes: string[];
  observations: ConsoleObservation[];
  observationCounts: Record<ObservationStatus, number>;
  summaries: SummaryView[];
  conversations: ConsoleConversation[];
  conversationCount: number;
  resolutions: ProfileResolutionView[];
  merges: MergeView[];
  /** Ids merged into this profile, which now resolve to it. */
  aliasIds: string[];
};

export type GetConsoleProfileDetailOptions = { storeId: string; profileId: string };

/**
 * Everything the profile page shows, for one store's profile: a merged-away id throws
 * ProfileMovedError (the page redirects to the survivor). Each kind of row is one query, whatever
 * the number of observations, conversations or messages: provenance messages for all the
 * observations at once, the latest messages of every listed conversation in one windowed query.
 */
export async function getConsoleProfileDetail({ storeId, profileId }: GetConsoleProfileDetailOptions): Promise<ConsoleProfileDetail> {
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const id = profile.id;
  const limits = PROFILE_DETAIL_LIMITS;

  const [groups, traitRows, identifierRows, settings, observationRows, statusCounts, summaryRows, resolutions, merges, aliases, conversationRows, conversationCount] = await Promise.all([
    loadTraitGroups(prisma, storeId),
    prisma.traitValue.findMany({ where: { storeId, profileId: id } }),
    prisma.identifier.findMany({ where: { storeId, profileId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    readIdentitySettingsView(prisma, storeId),
    prisma.observation.findMany({ where: { storeId, profileId: id }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: limits.observations }),
    prisma.observation.groupBy({ by: ["status"], where: { storeId, profileId: id }, _count: { _all: true } }),
    prisma.summary.findMany({ where: { storeId, profileId: id }, orderBy: [{ occurredAt: "desc" }, { id: "desc" }], take: limits.summaries }),
    listProfileResolutions(prisma, storeId, id),
    listMerges({ storeId, profileId: id, page: { pageSize: limits.merges, orderBy: "DESC" } }),
    prisma.profileAlias.findMany({ where: { storeId, profileId: id }, orderBy: { createdAt: "desc" }, select: { aliasId: true } }),
    prisma.conversation.findMany({
      where: { storeId, participants: { some: { profileId: id } } },
      orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
      take: limits.conversations,
    }),
    prisma.conversation.count({ where: { storeId, participants: { some: { profileId: id } } } }),
  ]);

  const observationIds = observationRows.map((row) => row.id);
  const provenanceIds = [...new Set(observationRows.flatMap((row) => row.communicationIds))];
  const conversationIds = conversationRows.map((row) => row.id);
  const [revisionRows, provenanceRows, timelineRows, messageCounts] = await Promise.all([
    observationIds.length ? prisma.observationRevision.findMany({ where: { storeId, observationId: { in: observationIds } }, orderBy: [{ version: "desc" }] }) : [],
    provenanceIds.length ? prisma.communication.findMany({ where: { storeId, id: { in: provenanceIds } }, include: { participant: true } }) : [],
    conversationIds.length
      ? prisma.$queryRaw<{ id: string; conversationId: string; content: string; occurredAt: Date; authorAddress: string | null; name: string | null; type: ParticipantType | null; profileId: string | null }[]>`
          SELECT m."id", m."conversationId", m."content", m."occurredAt", m."authorAddress", pa."name", pa."type", pa."profileId"
          FROM (
            SELECT c.*, row_number() OVER (PARTITION BY c."conversationId" ORDER BY c."occurredAt" DESC, c."id" DESC) AS "rank"
            FROM "communications" c WHERE c."storeId" = ${storeId} AND c."conversationId" = ANY(${conversationIds}::text[])
          ) m
          LEFT JOIN "participants" pa ON pa."storeId" = m."storeId" AND pa."id" = m."participantId"
          WHERE m."rank" <= ${limits.messagesPerConversation}
          ORDER BY m."occurredAt", m."id"`
      : [],
    // Counted for the shown conversations only: Prisma's `_count` include grouped the store's every
    // message first (3 s for a busy profile on a store of 400,000 messages).
    conversationIds.length ? prisma.communication.groupBy({ by: ["conversationId"], where: { storeId, conversationId: { in: conversationIds } }, _count: { _all: true } }) : [],
  ]);
  const messageCountById = new Map(messageCounts.map((row) => [row.conversationId, row._count._all]));

  const toMessage = (row: { id: string; conversationId: string; content: string; occurredAt: Date; authorAddress: string | null }, author: { name: string | null; type: ParticipantType | null; profileId: string | null } | null): ConsoleMessage => ({
    id: row.id,
    conversationId: row.conversationId,
    content: row.content,
    occurredAt: row.occurredAt,
    authorName: author?.name ?? null,
    authorType: author?.type ?? null,
    authorAddress: row.authorAddress,
    isFromProfile: author?.profileId === id,
  });
  const provenanceById = new Map(provenanceRows.map((row) => [row.id, toMessage(row, row.participant)]));

  const rank = (idType: string) => {
    const index = settings?.identifierConfigs.findIndex((config) => config.idType === idType) ?? -1;
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };

  const valueByKey = new Map(traitRows.map((row) => [`${row.groupName}.${row.traitName}`, row]));
  const traitGroups: ConsoleTraitGroup[] = groups.map((group) => ({
    name: group.displayName,
    description: group.description,
    traits: Object.entries(group.traits ?? {}).map(([name, definition]) => {
      const row = valueByKey.get(`${group.displayName}.${name}`);
      valueByKey.delete(`${group.displayName}.${name}`);
      return { name, definition, value: row?.value as TraitValue | undefined, source: row?.source ?? null, updatedAt: row?.updatedAt ?? null };
    }),
  }));
  // Values whose definition was removed since they were written stay visible (read-only in effect).
  for (const row of valueByKey.values()) {
    let group = traitGroups.find((candidate) => candidate.name === row.groupName);
    if (!group) traitGroups.push((group = { name: row.groupName, description: null, traits: [] }));
    group.traits.push({ name: row.traitName, definition: { dataType: "STRING" }, value: row.value as TraitValue, source: row.source, updatedAt: row.updatedAt });
  }

  const counts: Record<ObservationStatus, number> = { PENDING: 0, APPROVED: 0, REJECTED: 0 };
  for (const row of statusCounts) counts[row.status] = row._count._all;

  return {
    id,
    displayName: profile.displayName,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
    lastContactAt: profile.lastContactAt,
    traitGroups,
    identifiers: identifierRows
      .map(({ id: identifierId, idType, value, source, createdAt }) => ({ id: identifierId, idType, value, source, createdAt }))
      .sort((a, b) => rank(a.idType) - rank(b.idType) || a.idType.localeCompare(b.idType)),
    identifierTypes: settings?.identifierConfigs.map((config) => config.idType) ?? [],
    observations: observationRows.map((row) => ({
      ...toObservationView(row),
      revisions: revisionRows.filter((revision) => revision.observationId === row.id).map(toObservationRevisionView),
      sourceMessages: row.communicationIds.flatMap((communicationId) => provenanceById.get(communicationId) ?? []),
    })),
    observationCounts: counts,
    summaries: summaryRows.map(toSummaryView),
    conversations: conversationRows.map((conversation) => ({
      id: conversation.id,
      channel: conversation.channel,
      status: conversation.status,
      createdAt: conversation.createdAt,
      lastActivityAt: conversation.lastActivityAt,
      closedAt: conversation.closedAt,
      messageCount: messageCountById.get(conversation.id) ?? 0,
      messages: timelineRows.filter((row) => row.conversationId === conversation.id).map((row) => toMessage(row, row)),
    })),
    conversationCount,
    resolutions,
    merges: merges.items,
    aliasIds: aliases.map((alias) => alias.aliasId),
  };
}
