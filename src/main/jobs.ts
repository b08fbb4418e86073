import type { Runtime, ServiceContext } from './services/context';
import { runSlaEscalation } from './services/tickets/escalation';
import { runContractReminders } from './services/contracts/reminders';
import { runVisitReminders } from './services/visits/reminders';
import { runFormEscalation } from './services/forms/escalation';
import { runOrderEscalation } from './services/orders/escalation';
import { runCareReminders } from './services/care/reminders';
import { refreshWarningsIfDue } from './services/customers/warnings';
import { startBackgroundSync, stopBackgroundSync } from './services/sync';
import { startReportCubeWarmup } from './services/reports/cube';
import { startSearchIndexer } from './services/customers/search-index';
import { startSearchQueueWorker } from './services/search/store';
import { refreshPendingCaches } from './services/customers/records';
import { startQueueWorker } from './services/queue-worker';

export const ESCALATION_INTERVAL_MS = 60_000;

/** One pass of the main process's background work: SLA warnings and breach escalations, contract renewal reminders, request-form and work-order stage escalations, visit next-step reminders. */
export function runBackgroundJobsOnce(runtime: Runtime): { warned: number; breached: number } {
  const escalation = runtime.store.sqlite.transaction(() => runSlaEscalation(jobContext(runtime, 'system.escalation')))();
  // Each pass in its own transaction: a failing reminder must not undo the escalations already sent.
  runtime.store.sqlite.transaction(() => runContractReminders(jobContext(runtime, 'system.contractReminders')))();
  runtime.store.sqlite.transaction(() => runFormEscalation(jobContext(runtime, 'system.formEscalation')))();
  runtime.store.sqlite.transaction(() => runOrderEscalation(jobContext(runtime, 'system.orderEscalation')))();
  runtime.store.sqlite.transaction(() => runCareReminders(jobContext(runtime, 'system.careReminders')))();
  runtime.store.sqlite.transaction(() => runVisitReminders(jobContext(runtime, 'system.visitReminders')))();
  return escalation;
}

/**
 * The churn warnings' background refresh, in a transaction of its own: when none ran this Shanghai day,
 * or an evaluation run or a bills change asked for one. Returns its result, or null when none was due.
 */
export function runWarningsJobOnce(runtime: Runtime): ReturnType<typeof refreshWarningsIfDue> {
  return runtime.store.sqlite.transaction(() =>
    refreshWarningsIfDue(jobContext(runtime, 'system.warnings')),
  )();
}

function jobContext(runtime: Runtime, method: string): ServiceContext {
  return { ...runtime, db: runtime.store.db, actor: null, method, locale: 'zh-CN' };
}

/**
 * Runs the background work while the app is open: SLA escalation every minute, whether or not anyone
 * has the red channel on screen (a failing pass is logged and the next one tries again), the churn
 * warnings' refresh when one is due, the search index's and the bill caches' catch-up after a bulk
 * write, and the headquarters sync on its own interval when it is configured. Returns a stop function.
 */
export function startBackgroundJobs(
  runtime: Runtime,
  log: (message: string) => void = console.error,
): () => void {
  const tick = () => {
    try {
      runBackgroundJobsOnce(runtime);
    } catch (error) {
      log(`[jobs] escalation pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    try {
      runWarningsJobOnce(runtime);
    } catch (error) {
      log(`[jobs] warnings refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const timer = setInterval(tick, ESCALATION_INTERVAL_MS);
  timer.unref();
  startBackgroundSync(runtime);
  // The report cube's first build reads every bill: done now, in slices, not by the first report opened.
  const stopCubeWarmup = startReportCubeWarmup(runtime.store.sqlite);
  // Full-text rows an import or an undo queued: written within seconds of its commit, a slice at a time.
  const stopIndexer = startSearchIndexer(runtime.store.sqlite, { log });
  // The words index (services/search): records a bulk write queued, or all of them after a rebuild.
  const stopWords = startSearchQueueWorker(runtime.store.sqlite, { log });
  // Spend, arrears and key flags a big bills import queued: refreshed within seconds, a slice at a time.
  const stopCaches = startQueueWorker(
    'caches',
    () => (runtime.store.sqlite.open ? refreshPendingCaches(jobContext(runtime, 'system.caches')) : null),
    { log },
  );
  return () => {
    clearInterval(timer);
    stopCubeWarmup();
    stopIndexer();
    stopWords();
    stopCaches();
    stopBackgroundSync(runtime.store);
  };
}
