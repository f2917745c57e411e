import type { Metadata } from "next";
import { z } from "zod";
import { ForbiddenState } from "@/components/console/forbidden-state";
import { NoStoreState } from "@/components/console/no-store-state";
import { ReviewQueue } from "@/components/review-queue/review-queue";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { isAppError } from "@/lib/errors";
import { REVIEW_QUEUE_PAGE_SIZE } from "@/lib/console/review-queue-page-size";
import { flattenSearchParams, type SearchParams } from "@/lib/console/search-params";
import { countObservationsByStatus } from "@/lib/observations/count-observations-by-status";
import { listPendingObservations } from "@/lib/observations/list-pending-observations";
import { reviewQueueSorts, type ReviewQueueSort } from "@/lib/observations/review-queue-views";
import { getStoreSelection, requireConsoleUser } from "../console-session";
import { countObservationsByStatusAction, listPendingObservationsAction, reviewObservationsAction } from "./actions";

export const metadata: Metadata = { title: "Review queue" };

const querySchema = z.object({
  sort: z.enum(reviewQueueSorts).catch("oldest").default("oldest"),
  page: z.string().max(4096).optional().catch(undefined),
});

/** The page the URL names; a page link from another order or an edited URL shows the first page, and says so. */
async function loadFirstPage(storeId: string, sort: ReviewQueueSort, pageToken: string | null) {
  try {
    return { firstPage: await listPendingObservations({ storeId, sort, pageSize: REVIEW_QUEUE_PAGE_SIZE, pageToken: pageToken ?? undefined }), pageToken, isStaleLink: false };
  } catch (error) {
    if (!pageToken || !isAppError(error) || error.kind !== "bad_request") throw error;
    return { firstPage: await listPendingObservations({ storeId, sort, pageSize: REVIEW_QUEUE_PAGE_SIZE }), pageToken: null, isStaleLink: true };
  }
}

const actions = { listPending: listPendingObservationsAction, countByStatus: countObservationsByStatusAction, review: reviewObservationsAction };

// Review queue (SUPERVISOR): the store's PENDING observations with their sources; approve, edit, reject.
export default async function ReviewQueuePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { user, area, isAllowed } = await requireConsoleUser("reviewQueue");
  if (!isAllowed) return <ForbiddenState area={area} role={user.role} />;
  const { current } = await getStoreSelection(user.actor);
  const header = <PageHeader title={area.label} description={area.description} />;
  if (!current) return <>{header}<NoStoreState /></>;

  const { sort, page } = querySchema.parse(flattenSearchParams(await searchParams));
  const [{ firstPage, pageToken, isStaleLink }, counts] = await Promise.all([loadFirstPage(current.id, sort, page ?? null), countObservationsByStatus({ storeId: current.id })]);

  return (
    <>
      {header}
      {isStaleLink ? (
        <Alert tone="warning" className="mb-4">
          That page link is not valid for this list any more; showing the first page.
        </Alert>
      ) : null}
      <ReviewQueue
        key={`${current.id}:${sort}:${pageToken ?? ""}`}
        storeId={current.id}
        sort={sort}
        pageToken={pageToken}
        initialPage={firstPage}
        initialCounts={counts}
        actions={actions}
      />
    </>
  );
}
