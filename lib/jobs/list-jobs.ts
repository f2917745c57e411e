import { getPrisma } from "../db/client";
import { keysetPage, type Page, type PageRequest } from "../paging";
import type { JobListFilters } from "./job-schemas";
import { toJobView, type JobView } from "./job-view";

export type ListJobsOptions = { storeId: string; page: PageRequest; filters: JobListFilters };

/** GET …/Jobs: the store's jobs, newest first by default (ids sort in creation order). */
export async function listJobs({ storeId, page, filters }: ListJobsOptions): Promise<Page<JobView>> {
  const prisma = await getPrisma();
  const where = { storeId, ...(filters.status ? { status: filters.status } : {}), ...(filters.type ? { type: filters.type } : {}) };
  const jobs = await keysetPage(page, (keyset, orderBy, take) => prisma.job.findMany({ where: { ...where, ...keyset }, orderBy, take }));
  return { ...jobs, items: jobs.items.map(toJobView) };
}
