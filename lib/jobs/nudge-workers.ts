// One emitter per process, shared by every module copy Next's bundler makes (hence globalThis).
const holder = globalThis as unknown as { kithJobNudges?: EventTarget };
const nudges = (holder.kithJobNudges ??= new EventTarget());

/** The commit of the enqueueing transaction is usually a few milliseconds away; look twice. */
const NUDGE_DELAYS_MS = [20, 200];

/**
 * Tells this process's idle workers that a job was just enqueued, so they look now instead of
 * after their poll interval (close → extraction within milliseconds when the server runs the
 * worker). Only a hint: the job is found by polling anyway, and workers elsewhere poll as usual.
 */
export function nudgeWorkers(): void {
  for (const delay of NUDGE_DELAYS_MS) setTimeout(() => nudges.dispatchEvent(new Event("job")), delay).unref?.();
}

/** Calls `listener` on each nudge until the returned function is called. */
export function onWorkerNudge(listener: () => void): () => void {
  nudges.addEventListener("job", listener);
  return () => nudges.removeEventListener("job", listener);
}
