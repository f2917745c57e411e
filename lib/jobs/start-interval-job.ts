export type IntervalJob = { stop(): void };

/**
 * Runs `run` every `intervalMs` in this process: never two runs at once (a slow run delays the
 * next instead of stacking), errors logged and never thrown, and an `unref()`'d timer so the job
 * never keeps the process alive. Each replica runs its own; the jobs it runs must be idempotent
 * and safe to run concurrently (the conversation sweep skips rows another replica has locked).
 */
export function startIntervalJob(name: string, intervalMs: number, run: () => Promise<unknown>): IntervalJob {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  const tick = () => {
    run()
      .catch((error: unknown) => console.error(`[${name}] scheduled run failed`, error))
      .finally(schedule);
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
