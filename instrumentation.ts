// Next.js calls register() once when the server process starts: Kith opens and migrates its
// database, seeds and bootstraps here, before the first request is served.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startKith } = await import("./lib/startup/start-kith");
  await startKith();
}
