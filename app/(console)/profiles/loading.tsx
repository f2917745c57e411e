import { ListPageSkeleton } from "@/components/console/list-page-skeleton";

/** Shown while the profile list searches. */
export default function ProfilesLoading() {
  return <ListPageSkeleton label="Loading profiles…" />;
}
