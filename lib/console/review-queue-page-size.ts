/** Observations per review-queue page: enough to work through, few enough to read their sources. */
export const REVIEW_QUEUE_PAGE_SIZE = 20;
