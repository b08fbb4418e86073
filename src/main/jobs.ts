import type { Runtime, ServiceContext } from './services/context';
import { runSlaEscalation } from './services/tickets/escalation';
import { startBackgroundSync, stopBackgroundSync } from './services/sync';
import { startReportCubeWarmup } from './services/reports/cube';

export const ESCALATION_INTERVAL_MS = 60_000;

/** One pass of the main process's background work: SLA warnings and breach escalations. */
export function runBackgroundJobsOnce(runtime: Runtime): { warned: number; breached: number } {
  const ctx: ServiceContext = { ...runtime, db: runtime.store.db, actor: null, method: 'system.escalation', locale: 'zh-CN' };
  return runtime.store.sqlite.transaction(() => runSlaEscalation(ctx))();
}

/**
 * Runs the background work while the app is open: SLA escalation every minute, whether or not anyone
 * has the red channel on screen (a failing pass is logged and the next one tries again), and the
 * headquarters sync on its own interval when it is configured. Returns a stop function.
 */
export function startBackgroundJobs(runtime: Runtime, log: (message: string) => void = console.error): () => void {
  const tick = () => {
    try {
      runBackgroundJobsOnce(runtime);
    } catch (error) {
      log(`[jobs] escalation pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const timer = setInterval(tick, ESCALATION_INTERVAL_MS);
  timer.unref();
  startBackgroundSync(runtime);
  // The report cube's first build reads every bill: done now, in slices, not by the first report opened.
  const stopCubeWarmup = startReportCubeWarmup(runtime.store.sqlite);
  return () => {
    clearInterval(timer);
    stopCubeWarmup();
    stopBackgroundSync(runtime.store);
  };
}
