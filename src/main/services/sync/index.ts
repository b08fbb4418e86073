import { count, desc } from 'drizzle-orm';
import type { ParsedInputOf } from '../../../shared/contract';
import type { SyncErrorCodeName, SyncStatus } from '../../../shared/contract/sync';
import { translate } from '../../../shared/messages';
import { syncRejections } from '../../db/schema';
import type { ServiceContext } from '../context';
import { appendAudit } from '../write';
import { pendingCount } from './engine';
import { backgroundSyncFor } from './scheduler';
import { readSyncState, writeSyncState } from './state';

export { startBackgroundSync, stopBackgroundSync } from './scheduler';
export { runSync } from './engine';

/** The sync status in the caller's language; also makes sure background sync is running. */
export function syncStatus(ctx: ServiceContext): SyncStatus {
  const sync = backgroundSyncFor(ctx);
  sync.start();
  const state = readSyncState(ctx.db);
  const rejected = ctx.db.select({ n: count() }).from(syncRejections).get()?.n ?? 0;
  const code = state.lastErrorCode as SyncErrorCodeName | null;
  return {
    configured: state.hqUrl !== '' && state.deviceToken !== '',
    hqUrl: state.hqUrl,
    hasToken: state.deviceToken !== '',
    intervalMinutes: Math.round(state.intervalSeconds / 60),
    hqBranchCode: state.hqBranchCode,
    running: sync.isRunning,
    phase: sync.progress.phase,
    progressPushed: sync.progress.pushed,
    progressPulled: sync.progress.pulled,
    pendingCount: pendingCount(ctx.store),
    heldCount: state.heldCount,
    rejectedCount: rejected,
    lastAttemptAt: state.lastAttemptAt,
    lastSuccessAt: state.lastSuccessAt,
    nextRunAt: sync.nextRunAt?.toISOString() ?? null,
    lastError: code
      ? {
          code,
          message: translate(`sync.error.${code}`, ctx.locale, { pending: state.heldCount }),
          at: state.lastErrorAt,
        }
      : null,
  };
}

/** Saves HQ address, token and interval (audited without the token) and restarts the timer. */
export function configureSync(ctx: ServiceContext, input: ParsedInputOf<'sync.configure'>): SyncStatus {
  const before = readSyncState(ctx.db);
  const patch = {
    hqUrl: input.hqUrl,
    intervalSeconds: input.intervalMinutes * 60,
    ...(input.deviceToken !== undefined ? { deviceToken: input.deviceToken } : {}),
    // Another HQ has other sequence numbers: start reading its log from the beginning.
    ...(input.hqUrl !== before.hqUrl ? { pullCursor: 0, hqBranchCode: null } : {}),
    // A new address or token starts from a clean error state.
    failures: 0,
    lastErrorCode: null,
    lastErrorAt: null,
  };
  writeSyncState(ctx.db, patch);
  appendAudit(ctx, {
    entity: 'sync_state',
    entityId: '1',
    action: 'update',
    before: {
      hqUrl: before.hqUrl,
      intervalMinutes: before.intervalSeconds / 60,
      hasToken: before.deviceToken !== '',
    },
    after: {
      hqUrl: input.hqUrl,
      intervalMinutes: input.intervalMinutes,
      hasToken: (input.deviceToken ?? before.deviceToken) !== '',
    },
  });
  backgroundSyncFor(ctx).reschedule();
  return syncStatus(ctx);
}

export const syncHandlers = {
  'sync.status': (ctx: ServiceContext) => syncStatus(ctx),
  'sync.configure': (ctx: ServiceContext, input: ParsedInputOf<'sync.configure'>) =>
    configureSync(ctx, input),
  // Network work must not hold a database transaction: the run takes its own short ones per page.
  'sync.now': {
    ownTransaction: true,
    handler: async (ctx: ServiceContext) => {
      await backgroundSyncFor(ctx).runNow();
      return syncStatus(ctx);
    },
  },
  'sync.rejections': (ctx: ServiceContext, input: ParsedInputOf<'sync.rejections'>) =>
    ctx.db.select().from(syncRejections).orderBy(desc(syncRejections.at)).limit(input.limit).all(),
} as const;
