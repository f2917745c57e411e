import { getDatabase } from "../db/client";
import { Prisma, type Store } from "../db/generated/client";
import { PREPARED_STATEMENT } from "../db/prepared-statements";
import { queryJsonCell } from "../db/query-json-cell";
import { isIdOf } from "../ids";

type JsonStore = Omit<Store, "createdAt" | "updatedAt"> & { createdAt: number; updatedAt: number };

/**
 * The active store with this id, or null (also for a malformed id or one being deleted). Every API
 * request reads it (lib/http/api-route.ts), so it is one prepared raw statement answering one JSON
 * cell rather than a Prisma query, whose own work cost ~0.8 ms of Node.js CPU per request
 * (docs/PERFORMANCE.md). Timestamps travel as exact epoch milliseconds.
 */
export async function findStore(storeId: string): Promise<Store | null> {
  if (!isIdOf("store", storeId)) return null;
  const database = await getDatabase();
  const found = await queryJsonCell<JsonStore>(database, Prisma.sql`${PREPARED_STATEMENT}
    SELECT json_build_object(
      'id', s."id", 'displayName', s."displayName", 'description', s."description", 'status', s."status",
      'autoApproveObservations', s."autoApproveObservations", 'allowExtractedTraits', s."allowExtractedTraits",
      'screenCommunications', s."screenCommunications", 'conversationTimeouts', s."conversationTimeouts",
      'twilioAuthToken', s."twilioAuthToken", 'version', s."version",
      'createdAt', (extract(epoch FROM s."createdAt") * 1000)::int8, 'updatedAt', (extract(epoch FROM s."updatedAt") * 1000)::int8
    ) AS store
    FROM "stores" s WHERE s."id" = ${storeId}`);
  if (!found || found.status !== "ACTIVE") return null;
  return { ...found, createdAt: new Date(found.createdAt), updatedAt: new Date(found.updatedAt) };
}
