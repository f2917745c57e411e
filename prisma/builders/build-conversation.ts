import type { DbClient } from "../../lib/db/transaction";
import { buildConversations, type BuildConversationOptions, type BuiltConversation } from "./build-conversations";

/** One conversation with its participants and messages (see buildConversations for what is written). */
export async function buildConversation(db: DbClient, options: BuildConversationOptions): Promise<BuiltConversation> {
  const { storeId, ...conversation } = options;
  const [built] = await buildConversations(db, storeId, [conversation]);
  return built;
}
