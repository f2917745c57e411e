// GET /v1/Stores/{storeId}/AuditEvents – the store's audit trail (who did what, before/after)
import { apiRoute, jsonResponse } from "@/lib/http/api-route";
import { pageMeta } from "@/lib/paging";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { auditEventListQuery } from "@/lib/audit/audit-schemas";

export const GET = apiRoute({ role: "SUPERVISOR" }, async ({ storeId, query, caller }) => {
  const { actorId, resourceType, resourceId, action, ...page } = auditEventListQuery.parse(query);
  const events = await listAuditEvents({ storeId, actor: caller, page, actorId, resourceType, resourceId, action });
  return jsonResponse({ auditEvents: events.items, meta: pageMeta("auditEvents", events) });
});
