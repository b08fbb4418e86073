import type { Store } from '../../db/open';
import { runSync, type SyncEnv, type SyncProgress, type SyncRunResult } from './engine';
import { readSyncState } from './state';

const FIRST_RUN_DELAY_MS = 10_000;
const BACKOFF_BASE_MS = 15_000;
const BACKOFF_MAX_MS = 30 * 60_000;

/** Delay before the next run: the interval, or after failures an exponential backoff capped at 30 minutes. */
export function nextDelayMs(intervalSeconds: number, failures: number): number {
  const interval = intervalSeconds * 1000;
  if (failures <= 0) return interval;
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 16));
}

/**
 * Background sync for one store: runs on the configured interval, backs off after failures, and runs
 * at most one sync at a time (a "sync now" during a run waits for that run).
 */
export class BackgroundSync {
  readonly progress: SyncProgress = { phase: 'idle', pushed: 0, pulled: 0 };
  private running: Promise<SyncRunResult> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  nextRunAt: Date | null = null;

  constructor(private readonly env: SyncEnv) {}

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Starts the timer (idempotent). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.schedule(FIRST_RUN_DELAY_MS);
  }

  /** Re-reads interval and failures and schedules the next run from now. */
  reschedule(): void {
    if (!this.env.store.sqlite.open) return;
    const state = readSyncState(this.env.store.db);
    this.schedule(nextDelayMs(state.intervalSeconds, state.failures));
  }

  /** Runs a sync now, or joins the one already running. */
  runNow(): Promise<SyncRunResult> {
    if (this.running) return this.running;
    this.progress.pushed = 0;
    this.progress.pulled = 0;
    this.running = runSync(this.env, this.progress).finally(() => {
      this.running = null;
      if (!this.stopped) this.reschedule();
    });
    return this.running;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.nextRunAt = null;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextRunAt = new Date(this.env.now().getTime() + delayMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      // The database was closed under a running timer (the app quitting): nothing is left to sync.
      if (!this.env.store.sqlite.open) {
        this.stop();
        return;
      }
      const state = readSyncState(this.env.store.db);
      if (!state.hqUrl || !state.deviceToken) {
        this.reschedule();
        return;
      }
      void this.runNow();
    }, delayMs);
    // The timer must never keep the process (tests, CLI) alive on its own.
    this.timer.unref();
  }
}

const instances = new WeakMap<Store, BackgroundSync>();

/** The background sync of this store, created (not started) on first use. */
export function backgroundSyncFor(env: SyncEnv): BackgroundSync {
  let sync = instances.get(env.store);
  if (!sync) {
    sync = new BackgroundSync({
      store: env.store,
      clock: env.clock,
      nodeId: env.nodeId,
      branchId: env.branchId,
      now: env.now,
      fetch: env.fetch,
    });
    instances.set(env.store, sync);
  }
  return sync;
}

/** Starts background sync for a running app (call once after start-up; harmless when unconfigured). */
export function startBackgroundSync(env: SyncEnv): BackgroundSync {
  const sync = backgroundSyncFor(env);
  sync.start();
  return sync;
}

/** Stops background sync for a store (before closing it). */
export function stopBackgroundSync(store: Store): void {
  instances.get(store)?.stop();
}
