import { AppError } from "../errors";

type ReadinessState = { promise?: Promise<void>; ready: boolean; error?: Error };

// Shared by every module copy in the process (Next bundles route code separately).
const state = ((globalThis as unknown as { kithReadiness?: ReadinessState }).kithReadiness ??= { ready: false });

/** Registers the start-up work (migrations, seed, bootstrap); requests wait for it. */
export function markStarting(boot: Promise<void>): void {
  state.ready = false;
  state.error = undefined;
  state.promise = boot.then(
    () => {
      state.ready = true;
    },
    (error: Error) => {
      state.error = error;
      throw error;
    },
  );
  state.promise.catch(() => undefined);
}

export function isReady(): boolean {
  return state.ready;
}

/** Resolves once start-up has finished; 503 if it failed. Without registered start-up, at once. */
export async function whenReady(): Promise<void> {
  if (state.ready || !state.promise) return;
  try {
    await state.promise;
  } catch {
    throw new AppError("unavailable", `Kith failed to start: ${state.error?.message ?? "unknown error"}`);
  }
}
