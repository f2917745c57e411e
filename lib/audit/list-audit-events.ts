import { getPrisma } from "../db/client";
import type { AuditEvent } from "../db/generated/client";
import { keysetPage, type PageRequest, type Page } from "../paging";

export type ListAuditEventsOptions = {
  storeId: string;
  page: PageRequest;
  actorId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
};

/** A store's audit trail, newest first by default, filterable by actor, resource and action. */
export async function listAuditEvents({ storeId, page, actorId, resourceType, resourceId, action }: ListAuditEventsOptions): Promise<Page<AuditEvent>> {
  const prisma = await getPrisma();
  return keysetPage(page, (where, orderBy, take) =>
    prisma.auditEvent.findMany({
      where: { storeId, actorId, resourceType, resourceId, action, ...where },
      orderBy,
      take,
    }),
  );
}
