import type { Store } from "../db/generated/client";
import { defaultConversationTimeouts, type ConversationTimeouts } from "./store-schemas";

/** A store as the API shows it: Twilio's fields, then Kith's settings (never the auth token). */
export type StoreView = {
  id: string;
  displayName: string;
  description: string | null;
  status: string;
  intelligenceServiceId: null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  autoApproveObservations: boolean;
  allowExtractedTraits: boolean;
  screenCommunications: boolean;
  conversationTimeouts: ConversationTimeouts;
  twilioAuthTokenConfigured: boolean;
};

export function toStoreView(store: Store): StoreView {
  return {
    id: store.id,
    displayName: store.displayName,
    description: store.description,
    status: store.status,
    intelligenceServiceId: null,
    version: store.version,
    createdAt: store.createdAt,
    updatedAt: store.updatedAt,
    autoApproveObservations: store.autoApproveObservations,
    allowExtractedTraits: store.allowExtractedTraits,
    screenCommunications: store.screenCommunications,
    conversationTimeouts: { ...defaultConversationTimeouts, ...(store.conversationTimeouts as Partial<ConversationTimeouts>) },
    twilioAuthTokenConfigured: store.twilioAuthToken !== null,
  };
}
