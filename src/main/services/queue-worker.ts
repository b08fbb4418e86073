/** After a failed slice (a busy or broken database) the next try waits this long. */
const RETRY_MS = 60_000;

/**
 * Works a queue of derived-state catch-up in the background while the app is open (the search index,
 * the customers' bill caches): `step` does one slice in its own transaction and returns how many items
 * it took (0: the queue is empty; null: the database is closed, stop). A slice per turn of the event
 * loop while items wait, so requests are answered between slices; a look every `idleMs` otherwise. A
 * failing slice is logged and tried again a minute later. Returns a stop function.
 */
export function startQueueWorker(
  name: string,
  step: () => number | null,
  { idleMs = 1_000, log = console.error }: { idleMs?: number; log?: (message: string) => void } = {},
): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    let wait = idleMs;
    try {
      const took = step();
      if (took === null) return;
      if (took > 0) wait = 0;
    } catch (error) {
      log(`[${name}] failed: ${error instanceof Error ? error.message : String(error)}`);
      wait = Math.max(idleMs, RETRY_MS);
    }
    timer = setTimeout(run, wait);
    timer.unref();
  };
  timer = setTimeout(run, 0);
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
