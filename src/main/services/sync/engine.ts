import { and, count, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Store } from '../../db/open';
import { localMeta, syncOutbox, syncRejections } from '../../db/schema';
import type { HybridClock } from '../../../shared/hlc';
import {
  PROTOCOL_VERSION,
  helloResponse,
  pullResponse,
  pushResponse,
  type WireMutation,
  type WireValue,
} from '../../../shared/sync-wire';
import { applyChanges } from './apply';
import { syncedTables } from './registry';
import { readSyncState, writeSyncState } from './state';
import { callHq, SyncFailure, type FetchLike, type HqEndpoint, type SyncErrorCode } from './transport';

/** What a sync run needs from the app: the store, the clock and the installation's identity. */
export interface SyncEnv {
  store: Store;
  clock: HybridClock;
  nodeId: string;
  branchId: string;
  now: () => Date;
  /** Replaceable in tests to drop connections on purpose. */
  fetch?: FetchLike;
}

export interface SyncProgress {
  phase: 'idle' | 'push' | 'pull';
  pushed: number;
  pulled: number;
}

export interface SyncRunResult {
  ok: boolean;
  errorCode: SyncErrorCode | 'CLOCK_AHEAD' | 'APPLY' | null;
  pushed: number;
  rejected: number;
  held: number;
  pulled: number;
  applyFailures: string[];
}

export const PUSH_PAGE = 1000;
export const PULL_PAGE = 1000;

/** Outbox entries not yet accepted or refused by HQ. */
export function pendingCount(store: Store): number {
  return store.db.select({ n: count() }).from(syncOutbox).where(isNull(syncOutbox.sentAt)).get()?.n ?? 0;
}

function endpoint(env: SyncEnv): HqEndpoint {
  const state = readSyncState(env.store.db);
  if (!state.hqUrl || !state.deviceToken)
    throw new SyncFailure('NOT_CONFIGURED', 'HQ address or device token missing');
  return {
    url: state.hqUrl,
    token: state.deviceToken,
    clientId: env.nodeId,
    branchId: env.branchId,
    schemaVersion: env.store.schemaVersion,
    fetch: env.fetch ?? ((url, init) => fetch(url, init)),
  };
}

/** Pushes the outbox page by page; each answer is recorded in one local transaction. */
async function push(env: SyncEnv, hq: HqEndpoint, progress: SyncProgress) {
  const { db, sqlite } = env.store;
  let after = 0;
  let pushed = 0;
  let rejected = 0;
  let held = 0;
  for (;;) {
    const page = db
      .select()
      .from(syncOutbox)
      .where(and(isNull(syncOutbox.sentAt), gt(syncOutbox.seq, after)))
      .orderBy(syncOutbox.seq)
      .limit(PUSH_PAGE)
      .all();
    if (page.length === 0) break;
    after = page[page.length - 1]!.seq;
    const mutations: WireMutation[] = page.map((m) => ({
      id: m.mutationId,
      table: m.tableName,
      rowId: m.rowId,
      cols: JSON.parse(m.cols) as Record<string, WireValue>,
      hlc: m.hlc,
    }));
    const answer = await callHq(
      hq,
      'POST',
      '/sync/push',
      {
        clientId: hq.clientId,
        protocolVersion: PROTOCOL_VERSION,
        schemaVersion: hq.schemaVersion,
        pending: pendingCount(env.store),
        mutations,
      },
      pushResponse,
    );
    const sentAt = env.now().toISOString();
    const byId = new Map(mutations.map((m) => [m.id, m]));
    sqlite.transaction(() => {
      const done = [...answer.accepted, ...answer.rejected.map((r) => r.id)];
      for (let i = 0; i < done.length; i += 500) {
        db.update(syncOutbox)
          .set({ sentAt })
          .where(inArray(syncOutbox.mutationId, done.slice(i, i + 500)))
          .run();
      }
      for (const r of answer.rejected) {
        const m = byId.get(r.id);
        if (!m) continue;
        db.insert(syncRejections)
          .values({ mutationId: r.id, tableName: m.table, rowId: m.rowId, code: r.code, at: sentAt })
          .onConflictDoNothing()
          .run();
        // HQ's version of the row wins over a refused local edit, so the branch matches HQ again.
        if (r.current) applyChanges(sqlite, [r.current], new Set(Object.keys(m.cols)));
      }
    })();
    pushed += answer.accepted.length;
    rejected += answer.rejected.length;
    held += answer.held.length;
    progress.pushed = pushed;
  }
  return { pushed, rejected, held };
}

/**
 * After an update that added synced tables, reads HQ's log again from the start: changes to those
 * tables were skipped before (the table did not exist here), and re-applying the rest is harmless.
 */
function restartPullIfTablesChanged(env: SyncEnv): void {
  const names = [...syncedTables().keys()].sort().join(',');
  const { db } = env.store;
  const stored = db.select().from(localMeta).where(eq(localMeta.key, 'sync_tables')).get();
  if (stored?.value === names) return;
  env.store.sqlite.transaction(() => {
    if (stored) writeSyncState(db, { pullCursor: 0 });
    db.insert(localMeta)
      .values({ key: 'sync_tables', value: names })
      .onConflictDoUpdate({ target: localMeta.key, set: { value: names } })
      .run();
  })();
}

/** Pulls pages from the stored cursor; each page and its cursor commit in one local transaction. */
async function pull(env: SyncEnv, hq: HqEndpoint, progress: SyncProgress) {
  const { db, sqlite } = env.store;
  restartPullIfTablesChanged(env);
  let pulled = 0;
  const failures: string[] = [];
  let updateRequired = false;
  for (;;) {
    const cursor = readSyncState(db).pullCursor;
    const page = await callHq(
      hq,
      'GET',
      `/sync/pull?cursor=${cursor}&limit=${PULL_PAGE}`,
      undefined,
      pullResponse,
    );
    sqlite.transaction(() => {
      const result = applyChanges(sqlite, page.changes);
      if (result.maxHlc) env.clock.receive(result.maxHlc);
      failures.push(...result.failures);
      writeSyncState(db, { pullCursor: page.cursor });
    })();
    pulled += page.changes.length;
    progress.pulled = pulled;
    if (page.updateRequired) updateRequired = true;
    if (!page.hasMore || page.updateRequired) break;
  }
  return { pulled, failures, updateRequired };
}

/**
 * One sync run: push the outbox, then pull (always in this order), recording the outcome in
 * sync_state. Network calls run outside transactions, so the app keeps serving other calls meanwhile.
 */
export async function runSync(
  env: SyncEnv,
  progress: SyncProgress = { phase: 'idle', pushed: 0, pulled: 0 },
): Promise<SyncRunResult> {
  const db = env.store.db;
  const startedAt = env.now().toISOString();
  writeSyncState(db, { lastAttemptAt: startedAt });
  try {
    const hq = endpoint(env);
    progress.phase = 'push';
    // A cheap first call checks token and versions before any data moves.
    const hello = await callHq(hq, 'GET', '/sync/hello', undefined, helloResponse);
    writeSyncState(db, { hqBranchCode: hello.branchCode });
    const pushed = await push(env, hq, progress);
    progress.phase = 'pull';
    const pulled = await pull(env, hq, progress);
    const errorCode = pulled.updateRequired
      ? 'UPDATE_REQUIRED'
      : pushed.held > 0
        ? 'CLOCK_AHEAD'
        : pulled.failures.length > 0
          ? 'APPLY'
          : null;
    if (pulled.failures.length > 0)
      console.warn('[sync] some pulled rows could not be applied', pulled.failures);
    writeSyncState(db, {
      lastSuccessAt: env.now().toISOString(),
      lastErrorCode: errorCode,
      lastErrorAt: errorCode ? env.now().toISOString() : null,
      failures: 0,
      heldCount: pushed.held,
    });
    return {
      ok: true,
      errorCode,
      pushed: pushed.pushed,
      rejected: pushed.rejected,
      held: pushed.held,
      pulled: pulled.pulled,
      applyFailures: pulled.failures,
    };
  } catch (error) {
    const code: SyncErrorCode = error instanceof SyncFailure ? error.code : 'INTERNAL';
    if (!(error instanceof SyncFailure)) console.error('[sync] run failed', error);
    const state = readSyncState(db);
    writeSyncState(db, {
      lastErrorCode: code,
      lastErrorAt: env.now().toISOString(),
      failures: state.failures + 1,
    });
    return {
      ok: false,
      errorCode: code,
      pushed: progress.pushed,
      rejected: 0,
      held: 0,
      pulled: progress.pulled,
      applyFailures: [],
    };
  } finally {
    progress.phase = 'idle';
  }
}
