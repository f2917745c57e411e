import { getPrisma } from "../db/client";
import { AppError } from "../errors";
import { assertIdOf } from "../ids";
import { toJobView, type JobView } from "./job-view";

export type GetJobOptions = { storeId: string; jobId: string };

/** GET …/Jobs/{jobId}: state, attempts, last error, progress and result. Another store's job is 404. */
export async function getJob({ storeId, jobId }: GetJobOptions): Promise<JobView> {
  assertIdOf("job", jobId, `Job ${jobId}`);
  const prisma = await getPrisma();
  const job = await prisma.job.findFirst({ where: { id: jobId, storeId } });
  if (!job) throw new AppError("not_found", `Job ${jobId} not found`);
  return toJobView(job);
}
