import { getPrisma } from "../db/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { TraitValue } from "../traits/validate-trait-values";
import { findProfileOrThrow } from "./find-profile-or-throw";
import { toProfileView, type ProfileView } from "./profile-view";

export type ExportProfileOptions = { storeId: string; profileId: string; actor: Actor; requestId?: string };

/**
 * Everything Kith holds about one person (GET …/Profiles/{id}/Export, the right of access), as one
 * JSON document. Built to hold nothing of anyone else: other participants of their conversations
 * appear as the conversation recorded them, without a link to their profiles, and merges leave
 * out their undo snapshots (an undone merge's snapshot is another person's profile).
 */
export async function exportProfile({ storeId, profileId, actor, requestId }: ExportProfileOptions) {
  requireRole(actor, "ADMIN");
  const prisma = await getPrisma();
  const profile = await findProfileOrThrow(prisma, { storeId, profileId });
  const id = profile.id;

  const [traitRows, identifiers, aliases, observations, summaries, participations] = await Promise.all([
    prisma.traitValue.findMany({ where: { storeId, profileId: id }, orderBy: [{ groupName: "asc" }, { traitName: "asc" }] }),
    prisma.identifier.findMany({ where: { storeId, profileId: id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.profileAlias.findMany({ where: { storeId, profileId: id }, orderBy: { createdAt: "asc" } }),
    prisma.observation.findMany({
      where: { storeId, profileId: id },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      include: { revisions: { orderBy: { version: "asc" } } },
    }),
    prisma.summary.findMany({ where: { storeId, profileId: id }, orderBy: [{ occurredAt: "asc" }, { id: "asc" }] }),
    prisma.participant.findMany({ where: { storeId, profileId: id }, select: { conversationId: true } }),
  ]);
  // Every id this person has had: merged-away ids keep naming them in merges, resolutions and audit.
  const personIds = [id, ...aliases.map((alias) => alias.aliasId)];
  const [conversations, merges, resolutionRecords, traitCandidates, extractionRuns] = await Promise.all([
    prisma.conversation.findMany({
      where: { storeId, id: { in: [...new Set(participations.map((participation) => participation.conversationId))] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { participants: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] }, communications: { orderBy: [{ occurredAt: "asc" }, { id: "asc" }] } },
    }),
    prisma.merge.findMany({
      where: { storeId, OR: [{ survivorProfileId: { in: personIds } }, { sourceProfileId: { in: personIds } }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
    prisma.resolutionRecord.findMany({ where: { storeId, profileId: { in: personIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    prisma.traitCandidate.findMany({ where: { storeId, profileId: { in: personIds } }, orderBy: { id: "asc" } }),
    prisma.extractionRun.findMany({ where: { storeId, profileId: { in: personIds } }, orderBy: { id: "asc" } }),
  ]);
  const subjectIds = [...personIds, ...observations.map((observation) => observation.id), ...summaries.map((summary) => summary.id), ...merges.map((merge) => merge.id)];
  const auditEvents = await prisma.auditEvent.findMany({ where: { storeId, resourceId: { in: subjectIds } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });

  const document = {
    exportedAt: new Date(),
    storeId,
    profile: toProfileView(profile, traitRows) satisfies ProfileView,
    traits: traitRows.map((row) => ({ traitGroup: row.groupName, name: row.traitName, value: row.value as TraitValue, source: row.source, timestamp: row.updatedAt })),
    identifiers: identifiers.map((identifier) => ({ idType: identifier.idType, value: identifier.value, source: identifier.source, createdAt: identifier.createdAt })),
    aliases: aliases.map((alias) => ({ aliasId: alias.aliasId, mergeId: alias.mergeId, createdAt: alias.createdAt })),
    observations: observations.map((observation) => ({
      id: observation.id,
      content: observation.content,
      source: observation.source,
      kind: observation.kind,
      status: observation.status,
      confidence: observation.confidence,
      occurredAt: observation.occurredAt,
      conversationIds: observation.conversationIds,
      communicationIds: observation.communicationIds,
      version: observation.version,
      createdAt: observation.createdAt,
      updatedAt: observation.updatedAt,
      reviewedAt: observation.reviewedAt,
      reviewedById: observation.reviewedById,
      revisions: observation.revisions.map((revision) => ({
        id: revision.id,
        version: revision.version,
        content: revision.content,
        status: revision.status,
        confidence: revision.confidence,
        reason: revision.reason,
        actorType: revision.actorType,
        actorId: revision.actorId,
        createdAt: revision.createdAt,
      })),
    })),
    summaries: summaries.map((summary) => ({
      id: summary.id,
      conversationId: summary.conversationId,
      content: summary.content,
      source: summary.source,
      occurredAt: summary.occurredAt,
      createdAt: summary.createdAt,
      updatedAt: summary.updatedAt,
    })),
    traitCandidates: traitCandidates.map((candidate) => ({
      id: candidate.id,
      conversationId: candidate.conversationId,
      traitGroup: candidate.groupName,
      name: candidate.traitName,
      value: candidate.value,
      confidence: candidate.confidence,
      communicationIds: candidate.communicationIds,
      status: candidate.status,
      createdAt: candidate.createdAt,
      decidedAt: candidate.decidedAt,
    })),
    extractionRuns: extractionRuns.map((run) => ({ id: run.id, conversationId: run.conversationId, extractor: run.extractor, added: run.observationsAdded, updated: run.observationsUpdated, createdAt: run.createdAt })),
    conversations: conversations.map((conversation) => ({
      id: conversation.id,
      channel: conversation.channel,
      status: conversation.status,
      attributes: conversation.attributes,
      lastActivityAt: conversation.lastActivityAt,
      inactiveAt: conversation.inactiveAt,
      closedAt: conversation.closedAt,
      createdAt: conversation.createdAt,
      updatedAt: conversation.updatedAt,
      participants: conversation.participants.map((participant) => ({
        id: participant.id,
        type: participant.type,
        name: participant.name,
        addresses: participant.addresses,
        isSubject: participant.profileId === id,
        ...(participant.profileId === id ? { profileId: id } : {}),
      })),
      communications: conversation.communications.map((communication) => ({
        id: communication.id,
        participantId: communication.participantId,
        authorChannel: communication.authorChannel,
        authorAddress: communication.authorAddress,
        content: communication.content,
        occurredAt: communication.occurredAt,
        resourceId: communication.resourceId,
        createdAt: communication.createdAt,
      })),
    })),
    merges: merges.map((merge) => ({
      id: merge.id,
      survivorProfileId: merge.survivorProfileId,
      sourceProfileId: merge.sourceProfileId,
      status: merge.status,
      proposedBy: merge.proposedBy,
      reason: merge.reason,
      decidedByType: merge.decidedByType,
      decidedById: merge.decidedById,
      createdAt: merge.createdAt,
      decidedAt: merge.decidedAt,
      undoneAt: merge.undoneAt,
    })),
    resolutionRecords: resolutionRecords.map((record) => ({
      id: record.id,
      outcome: record.outcome,
      profileId: record.profileId,
      input: record.input,
      reasons: record.reasons,
      source: record.source,
      sourceRef: record.sourceRef,
      createdAt: record.createdAt,
    })),
    auditEvents: auditEvents.map((event) => ({
      id: event.id,
      actorType: event.actorType,
      actorId: event.actorId,
      actorLabel: event.actorLabel,
      action: event.action,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      before: event.before,
      after: event.after,
      requestId: event.requestId,
      createdAt: event.createdAt,
    })),
  };

  // Reading someone's whole record is itself worth a trace; counts only, never the data.
  await recordAuditEvent(prisma, {
    storeId,
    actor,
    action: "profile.export",
    resourceType: "profile",
    resourceId: id,
    after: exportCounts(document),
    requestId,
  });
  return document;
}

export type ProfileExport = Awaited<ReturnType<typeof exportProfile>>;

function exportCounts(document: { [key: string]: unknown }) {
  return Object.fromEntries(Object.entries(document).filter(([, value]) => Array.isArray(value)).map(([key, value]) => [key, (value as unknown[]).length]));
}
