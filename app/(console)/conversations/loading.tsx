import { ListPageSkeleton } from "@/components/console/list-page-skeleton";

/** Shown while the conversation list loads. */
export default function ConversationsLoading() {
  return <ListPageSkeleton label="Loading conversations…" />;
}
